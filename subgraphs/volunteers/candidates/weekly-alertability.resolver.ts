import { Arg, Ctx, Directive, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { AggregateCache } from '../../../common/aggregate-cache.ts';
import { Role, hasRole } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { badInput, forbidden } from '../../../common/errors.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { mondayOf, parseWeekOf } from '../../../common/week.ts';
import { isTimeZone } from '../../../common/zoned-time.ts';
import { HourOfWeekCount } from '../../../common/week.type.ts';
import { MunicipalityRef, WorkingGroupRef } from '../references.ts';
import { alertableCountsByHour, weeklyAlertablePositions, weeklyPositionsFingerprint, type WeeklyAlertablePositions } from './weekly-alertability.service.ts';
import { WeeklyAlertablePositionsType } from './weekly-alertability.type.ts';

/**
 * Public hourly counts, kept briefly (common/aggregate-cache.ts): ids of
 * municipalities are unique across databases, so one cache per process serves every server in it.
 */
const countsByHour = new AggregateCache<number[]>();

/** The counts of the municipalities for `weekOf` (null: this week), from the cache when young enough. */
function cachedCountsByHour(em: RequestContext['em'], municipalityIds: readonly string[], weekOf: string | null): Promise<number[]> {
  const key = `${[...municipalityIds].sort().join(',')}@${weekOf ?? 'this week'}`;
  // A fork of its own: the computation may outlive the request that started it.
  return countsByHour.get(key, () => alertableCountsByHour(em.fork(), municipalityIds, weekOf));
}

/** `weekOf` checked when given; absent, each volunteer's own current week. */
function weekOfArgument(weekOf: string | null | undefined): string | null {
  return weekOf == null ? null : parseWeekOf(weekOf, 'UTC');
}

@Resolver(() => WeeklyAlertablePositionsType)
export class WeeklyAlertablePositionsResolver {
  /**
   * For the incidents subgraph only (not in the public API): the input of
   * six-minute coverage. Positions are personal data; the answer carries no
   * volunteer id, and coverage publishes only counts per grid cell.
   */
  @Directive('@inaccessible')
  @Query(() => WeeklyAlertablePositionsType)
  async weeklyAlertablePositions(
    @Arg('south', () => Float) south: number,
    @Arg('west', () => Float) west: number,
    @Arg('north', () => Float) north: number,
    @Arg('east', () => Float) east: number,
    @Arg('weekOf', () => LocalDate) weekOf: string,
    @Arg('timeZone', () => String) timeZone: string,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<WeeklyAlertablePositionsType> {
    if (!hasRole(principal, Role.SERVICE, 'incidents')) throw forbidden('Only the incidents subgraph may read where volunteers can be alerted from.');
    if (!isTimeZone(timeZone)) throw badInput(`"${timeZone}" is not an IANA time zone.`, { field: 'timeZone' });
    const week = parseWeekOf(weekOf, timeZone);
    const area = { south, west, north, east };
    // The fingerprint first: should a position change in between, the fingerprint is the older one, and the caller recomputes next time.
    const fingerprint = await weeklyPositionsFingerprint(em, area, week, timeZone);
    let positions: Promise<WeeklyAlertablePositions> | undefined;
    return Object.assign(new WeeklyAlertablePositionsType(), {
      weekStartsOn: mondayOf(week),
      fingerprint,
      positions: () => (positions ??= weeklyAlertablePositions(em, area, week, timeZone)),
    });
  }

  @FieldResolver(() => [Int], { description: 'Which volunteer: shared by the positions of one volunteer within this answer; not their id.' })
  async volunteerKeys(@Root() answer: WeeklyAlertablePositionsType): Promise<number[]> {
    return (await answer.positions()).volunteerKeys;
  }

  @FieldResolver(() => [Float])
  async latitudes(@Root() answer: WeeklyAlertablePositionsType): Promise<number[]> {
    return (await answer.positions()).latitudes;
  }

  @FieldResolver(() => [Float])
  async longitudes(@Root() answer: WeeklyAlertablePositionsType): Promise<number[]> {
    return (await answer.positions()).longitudes;
  }

  @FieldResolver(() => [Int], { description: 'The hours in which the candidate search would find the volunteer at the position, as an index into hourSets.' })
  async hourSetIndexes(@Root() answer: WeeklyAlertablePositionsType): Promise<number[]> {
    return (await answer.positions()).hourSetIndexes;
  }

  @FieldResolver(() => [String], { description: 'The distinct sets of hours of the week: 42 hexadecimal digits each (common/week.ts).' })
  async hourSets(@Root() answer: WeeklyAlertablePositionsType): Promise<string[]> {
    return (await answer.positions()).hourSets;
  }
}

@Resolver(() => MunicipalityRef)
export class MunicipalityWeeklyAlertabilityResolver {
  @FieldResolver(() => [HourOfWeekCount], {
    description:
      'Volunteers alertable in each of the 168 hours of the week of `weekOf` (default: this week), by the eligibility rule at the start of each hour, wherever they are. Public: counts, at most a minute old.',
  })
  async alertableVolunteerCountsByHour(
    @Root() municipality: MunicipalityRef,
    @Arg('weekOf', () => LocalDate, { nullable: true }) weekOf: string | null | undefined,
    @Ctx() { em }: RequestContext,
  ): Promise<HourOfWeekCount[]> {
    return HourOfWeekCount.list(await cachedCountsByHour(em, [municipality.id], weekOfArgument(weekOf)));
  }
}

@Resolver(() => WorkingGroupRef)
export class WorkingGroupWeeklyAlertabilityResolver {
  @Directive('@requires(fields: "municipalities { id }")')
  @FieldResolver(() => [HourOfWeekCount], {
    description: 'Volunteers of its municipalities alertable in each of the 168 hours of the week of `weekOf` (default: this week). Public: counts, at most a minute old.',
  })
  async alertableVolunteerCountsByHour(
    @Root() group: WorkingGroupRef,
    @Arg('weekOf', () => LocalDate, { nullable: true }) weekOf: string | null | undefined,
    @Ctx() { em }: RequestContext,
  ): Promise<HourOfWeekCount[]> {
    const ids = (group.municipalities ?? []).map((municipality) => municipality.id);
    return HourOfWeekCount.list(await cachedCountsByHour(em, ids, weekOfArgument(weekOf)));
  }
}
