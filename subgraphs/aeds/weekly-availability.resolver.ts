import { Arg, Ctx, Directive, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context.ts';
import { badInput } from '../../common/errors.ts';
import { LocalDate } from '../../common/scalars.ts';
import { isTimeZone, parseWeekOf } from '../../common/week.ts';
import { HourOfWeekCount } from '../../common/week.type.ts';
import { requireDispatchService } from './aed.access.ts';
import { aedsByMunicipality } from './loaders.ts';
import { MunicipalityRef } from './municipality.ref.ts';
import { readinessPolicy } from './settings.ts';
import { dispatchableCountsByHour, weeklyDispatchableAeds } from './weekly-availability.service.ts';
import { WeeklyDispatchableAedsType } from './weekly-availability.type.ts';

@Resolver(() => WeeklyDispatchableAedsType)
export class WeeklyDispatchableAedsResolver {
  /** For the incidents subgraph only (not in the public API): the AED input of six-minute coverage. No cabinet codes. */
  @Directive('@inaccessible')
  @Query(() => WeeklyDispatchableAedsType)
  async weeklyDispatchableAeds(
    @Arg('south', () => Float) south: number,
    @Arg('west', () => Float) west: number,
    @Arg('north', () => Float) north: number,
    @Arg('east', () => Float) east: number,
    @Arg('weekOf', () => LocalDate) weekOf: string,
    @Arg('timeZone', () => String) timeZone: string,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<WeeklyDispatchableAedsType> {
    requireDispatchService(principal);
    if (!isTimeZone(timeZone)) throw badInput(`"${timeZone}" is not an IANA time zone.`, { field: 'timeZone' });
    const answer = await weeklyDispatchableAeds(em, { south, west, north, east }, parseWeekOf(weekOf, timeZone), timeZone, readinessPolicy());
    return WeeklyDispatchableAedsType.from(answer);
  }
}

@Resolver(() => MunicipalityRef)
export class MunicipalityWeeklyAvailabilityResolver {
  @FieldResolver(() => [HourOfWeekCount], {
    description:
      'Its AEDs dispatchable in each of the 168 hours of the week of `weekOf` (default: this week), by the readiness rule (schedule included) at the start of each hour. Public: counts.',
  })
  async dispatchableAedCountsByHour(
    @Root() municipality: MunicipalityRef,
    @Arg('weekOf', () => LocalDate, { nullable: true }) weekOf: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<HourOfWeekCount[]> {
    const week = weekOf == null ? null : parseWeekOf(weekOf, 'UTC');
    const aeds = await aedsByMunicipality(context).load(municipality.id);
    return HourOfWeekCount.list(await dispatchableCountsByHour(aeds, week, readinessPolicy()));
  }
}
