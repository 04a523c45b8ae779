import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../common/errors.ts';
import { availabilityAt, AvailabilityScheduleError, nextChangeAfter, openIntervals, weeklyOpenHours } from './availability.ts';
import { availabilityContextOf } from '../registry/aed.facts.ts';
import { AedType } from '../registry/aed.type.ts';
import { AedAvailabilityType, OpenIntervalType, WeeklyOpenHoursType } from './availability.type.ts';

/** Longest range `openIntervals` answers for: a quarter, enough to plan around holidays. */
const MAX_INTERVAL_DAYS = 92;
const MS_PER_DAY = 86_400_000;

/**
 * `evaluate()`, or `fallback(message)` when the stored schedule cannot be
 * evaluated at this AED (e.g. imported with holidays its country does not
 * define): one bad record must not fail a whole list.
 */
function orWhenUnevaluable<T>(evaluate: () => T, fallback: (message: string) => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof AvailabilityScheduleError) return fallback(error.message);
    throw error;
  }
}

/** Availability of AEDs, public: anyone looking for an AED must know whether it can be reached. */
@Resolver(() => AedType)
export class AedAvailabilityResolver {
  @FieldResolver(() => AedAvailabilityType, { description: 'Whether it can be reached at `at` (default now), and until when.' })
  availability(@Root() aed: AedType, @Arg('at', () => Date, { nullable: true }) at: Date | null): AedAvailabilityType {
    const instant = at ?? new Date();
    const context = availabilityContextOf(aed.entity);
    const schedule = aed.entity.availabilitySchedule;
    if (schedule === null) return AedAvailabilityType.of(instant, 'UNKNOWN', 'No availability schedule is recorded.', null, context);
    return orWhenUnevaluable(
      () => {
        const { state, comment } = availabilityAt(schedule, instant, context);
        return AedAvailabilityType.of(instant, state, comment, schedule, context);
      },
      (message) => AedAvailabilityType.of(instant, 'UNKNOWN', message, null, context),
    );
  }

  @FieldResolver(() => [OpenIntervalType], {
    description: `When it can be reached between \`from\` and \`to\` (at most ${MAX_INTERVAL_DAYS} days apart), as instants; empty when no schedule is recorded.`,
  })
  openIntervals(@Root() aed: AedType, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): OpenIntervalType[] {
    if (!(to.getTime() > from.getTime())) throw badInput('`to` must be after `from`.');
    if (to.getTime() - from.getTime() > MAX_INTERVAL_DAYS * MS_PER_DAY) throw badInput(`Ask for at most ${MAX_INTERVAL_DAYS} days at a time.`);
    const schedule = aed.entity.availabilitySchedule;
    if (schedule === null) return [];
    return orWhenUnevaluable(
      () => openIntervals(schedule, from, to, availabilityContextOf(aed.entity)).map(OpenIntervalType.from),
      () => [],
    );
  }

  @FieldResolver(() => WeeklyOpenHoursType, { nullable: true, description: 'Open hours in its local week containing `weekOf` (default now); null when no schedule is recorded.' })
  weeklyOpenHours(@Root() aed: AedType, @Arg('weekOf', () => Date, { nullable: true }) weekOf: Date | null): WeeklyOpenHoursType | null {
    const schedule = aed.entity.availabilitySchedule;
    if (schedule === null) return null;
    return orWhenUnevaluable(
      () => WeeklyOpenHoursType.from(weeklyOpenHours(schedule, availabilityContextOf(aed.entity), weekOf ?? new Date())),
      () => null,
    );
  }
}

@Resolver(() => AedAvailabilityType)
export class AedAvailabilityChangeResolver {
  @FieldResolver(() => Date, { nullable: true, description: 'When the state next changes (opens or closes); null when it does not within a year.' })
  nextChange(@Root() availability: AedAvailabilityType): Date | null {
    const { schedule } = availability;
    if (schedule === null) return null;
    return orWhenUnevaluable(
      () => nextChangeAfter(schedule, availability.at, availability.context) ?? null,
      () => null,
    );
  }
}
