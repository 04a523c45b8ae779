import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Role, isAdmin, municipalitiesVisibleTo, requireAuthenticated, scopesOf } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { badInput, forbidden } from '../../../common/errors.ts';
import { isId, parseId } from '../../../common/ids.ts';
import { readinessFactsOf } from '../registry/aed.facts.ts';
import { AedType } from '../registry/aed.type.ts';
import { assessReadiness } from './readiness.ts';
import { AedReadinessType, AedReminderType } from './readiness.type.ts';
import { listReminders, type ReminderScope } from './reminder.service.ts';
import { aedSettings, readinessPolicy } from './settings.ts';

/** Furthest ahead the reminder list looks: a year covers every battery and pads cycle worth planning. */
const MAX_REMINDER_DAYS = 366;

@Resolver(() => AedType)
export class AedReadinessResolver {
  @FieldResolver(() => AedReadinessType, {
    description: 'Whether it may be sent to a cardiac arrest at `at` (default now), and if not, why. Public.',
  })
  readiness(@Root() aed: AedType, @Arg('at', () => Date, { nullable: true }) at: Date | null): AedReadinessType {
    const instant = at ?? new Date();
    const { dispatchable, reasons } = assessReadiness(readinessFactsOf(aed.entity), instant, readinessPolicy());
    return Object.assign(new AedReadinessType(), { at: instant, dispatchable, reasons });
  }

  @Query(() => [AedReminderType], {
    description:
      'What is due within `withinDays` days (default: the reminder lead time), overdue included, most urgent first: for a guardian the AEDs they guard, for coordinators the AEDs of their municipalities, for ADMIN all (or those of `municipalityId`).',
  })
  async aedReminders(
    @Arg('withinDays', () => Int, { nullable: true }) withinDays: number | null,
    @Arg('municipalityId', () => ID, { nullable: true }) municipalityId: string | null,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AedReminderType[]> {
    requireAuthenticated(principal);
    const settings = aedSettings();
    const days = withinDays ?? settings.reminderDays;
    if (!Number.isInteger(days) || days < 0 || days > MAX_REMINDER_DAYS) throw badInput(`withinDays must be between 0 and ${MAX_REMINDER_DAYS}.`);
    let scope: ReminderScope;
    if (municipalityId !== null && municipalityId !== undefined) {
      const id = parseId(municipalityId, 'Municipality');
      const visible = municipalitiesVisibleTo(principal);
      if (!visible.all && !visible.ids.includes(id)) throw forbidden('You may only see reminders of the municipalities you coordinate.');
      scope = { aedIds: [], municipalityIds: [id] };
    } else if (isAdmin(principal)) {
      scope = { all: true };
    } else {
      scope = { aedIds: scopesOf(principal, Role.GUARDIAN).filter(isId), municipalityIds: municipalitiesVisibleTo(principal).ids.filter(isId) };
    }
    const due = await listReminders(em, scope, new Date(), days, settings);
    return due.flatMap(({ aed, reminders }) => {
      const type = AedType.from(aed);
      return reminders.map((reminder) => AedReminderType.of(type, reminder));
    });
  }
}
