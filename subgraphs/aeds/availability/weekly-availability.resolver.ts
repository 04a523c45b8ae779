import { Arg, Ctx, Directive, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { AggregateCache } from '../../../common/aggregate-cache.ts';
import type { RequestContext } from '../../../common/context.ts';
import { badInput } from '../../../common/errors.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { mondayOf, parseWeekOf } from '../../../common/week.ts';
import { isTimeZone } from '../../../common/zoned-time.ts';
import { HourOfWeekCount } from '../../../common/week.type.ts';
import { requireDispatchService } from '../registry/aed.access.ts';
import { aedsByMunicipality } from '../loaders.ts';
import { MunicipalityRef } from '../references.ts';
import { readinessPolicy } from '../readiness/settings.ts';
import { dispatchableCountsByHour, weeklyAedsFingerprint, weeklyDispatchableAeds, type WeeklyDispatchableAeds } from './weekly-availability.service.ts';
import { WeeklyDispatchableAedsType } from './weekly-availability.type.ts';

@Resolver(() => WeeklyDispatchableAedsType)
export class WeeklyDispatchableAedsResolver {
  /** For the incidents subgraph only (not in the public API): the AED input of six-minute coverage. */
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
    const week = parseWeekOf(weekOf, timeZone);
    const area = { south, west, north, east };
    const policy = readinessPolicy();
    // The fingerprint first: should an AED change in between, the fingerprint is the older one, and the caller recomputes next time.
    const fingerprint = await weeklyAedsFingerprint(em, area, week, timeZone, policy);
    let aeds: Promise<WeeklyDispatchableAeds> | undefined;
    return Object.assign(new WeeklyDispatchableAedsType(), {
      weekStartsOn: mondayOf(week),
      fingerprint,
      aeds: () => (aeds ??= weeklyDispatchableAeds(em, area, week, timeZone, policy)),
    });
  }

  @FieldResolver(() => [Float])
  async latitudes(@Root() answer: WeeklyDispatchableAedsType): Promise<number[]> {
    return (await answer.aeds()).latitudes;
  }

  @FieldResolver(() => [Float])
  async longitudes(@Root() answer: WeeklyDispatchableAedsType): Promise<number[]> {
    return (await answer.aeds()).longitudes;
  }

  @FieldResolver(() => [Int], { description: 'The hours in which the readiness rule lets dispatch send for the AED, as an index into hourSets.' })
  async hourSetIndexes(@Root() answer: WeeklyDispatchableAedsType): Promise<number[]> {
    return (await answer.aeds()).hourSetIndexes;
  }

  @FieldResolver(() => [String], { description: 'The distinct sets of hours of the week: 42 hexadecimal digits each (common/week.ts).' })
  async hourSets(@Root() answer: WeeklyDispatchableAedsType): Promise<string[]> {
    return (await answer.aeds()).hourSets;
  }
}

/**
 * Public hourly counts, kept briefly (common/aggregate-cache.ts): ids of
 * municipalities are unique across databases, so one cache per process serves every server in it.
 */
const countsByHour = new AggregateCache<number[]>();

@Resolver(() => MunicipalityRef)
export class MunicipalityWeeklyAvailabilityResolver {
  @FieldResolver(() => [HourOfWeekCount], {
    description:
      'Its AEDs dispatchable in each of the 168 hours of the week of `weekOf` (default: this week), by the readiness rule (schedule included) at the start of each hour. Public: counts, at most a minute old.',
  })
  async dispatchableAedCountsByHour(
    @Root() municipality: MunicipalityRef,
    @Arg('weekOf', () => LocalDate, { nullable: true }) weekOf: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<HourOfWeekCount[]> {
    const week = weekOf == null ? null : parseWeekOf(weekOf, 'UTC');
    const counts = await countsByHour.get(`${municipality.id}@${week ?? 'this week'}`, async () =>
      dispatchableCountsByHour(await aedsByMunicipality(context).load(municipality.id), week, readinessPolicy()),
    );
    return HourOfWeekCount.list(counts);
  }
}
