import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { AFTER, FIRST } from '../../../common/connection.type.ts';
import { loader, type RequestContext } from '../../../common/context.ts';
import { AedConnectionType, AedFilterInput } from '../registry/aed-connection.type.ts';
import { aedPage } from '../registry/aed-page.ts';
import type { Aed } from '../registry/aed.entity.ts';
import { availabilityContextOf, readinessFactsOf } from '../registry/aed.facts.ts';
import { AedType } from '../registry/aed.type.ts';
import { AvailabilityScheduleError, weeklyOpenHours } from '../availability/availability.ts';
import { aedCountByMunicipality, aedsByMunicipality } from '../loaders.ts';
import { MunicipalityRef } from '../references.ts';
import { assessReadiness } from '../readiness/readiness.ts';
import { readinessPolicy } from '../readiness/settings.ts';

/**
 * Whether an AED can be reached around the clock for the coming year. Many
 * AEDs share a schedule ("24/7"), so the answer is kept per schedule, zone
 * and country for the request.
 */
function openAroundTheClock(context: RequestContext, aed: Aed, now: Date): boolean {
  if (aed.availabilitySchedule === null) return false;
  const answers = loader(context, 'openAroundTheClock', () => new Map<string, boolean>());
  const key = [aed.availabilitySchedule, aed.timeZone, aed.countryCode].join('\u0000');
  let answer = answers.get(key);
  if (answer === undefined) {
    try {
      answer = weeklyOpenHours(aed.availabilitySchedule, availabilityContextOf(aed), now).twentyFourSeven;
    } catch (error) {
      // A schedule that cannot be evaluated here is not open around the clock (readiness says SCHEDULE_INVALID).
      if (!(error instanceof AvailabilityScheduleError)) throw error;
      answer = false;
    }
    answers.set(key, answer);
  }
  return answer;
}

/** AEDs ready now (batteries, pads, checks, not stood down) whose schedule never closes: the council's "dispatchable 24/7". */
async function twentyFourSevenAeds(context: RequestContext, municipalityId: string): Promise<{ count: number; total: number }> {
  const aeds = await aedsByMunicipality(context).load(municipalityId);
  const now = new Date();
  const policy = readinessPolicy();
  const count = aeds.filter((aed) => assessReadiness(readinessFactsOf(aed), now, policy).dispatchable && openAroundTheClock(context, aed, now)).length;
  return { count, total: aeds.length };
}

/** The AED fields of the organization subgraph's Municipality. Public: counts and places, no personal data. */
@Resolver(() => MunicipalityRef)
export class MunicipalityAedsResolver {
  @FieldResolver(() => Int, { description: 'Registered AEDs in this municipality.' })
  async aedCount(@Root() municipality: MunicipalityRef, @Ctx() context: RequestContext): Promise<number> {
    return aedCountByMunicipality(context).load(municipality.id);
  }

  @FieldResolver(() => [AedType], { description: 'Its AEDs, by location description.' })
  async aeds(@Root() municipality: MunicipalityRef, @Ctx() context: RequestContext): Promise<AedType[]> {
    return (await aedsByMunicipality(context).load(municipality.id)).map(AedType.from);
  }

  @FieldResolver(() => AedConnectionType, { description: 'Its AEDs a page at a time, by location description, filtered. Public.' })
  async aedsConnection(
    @Root() municipality: MunicipalityRef,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null | undefined,
    @Arg('filter', () => AedFilterInput, { nullable: true }) filter: AedFilterInput | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<AedConnectionType> {
    return AedConnectionType.from(aedPage(await aedsByMunicipality(context).load(municipality.id), { first, after, filter }, readinessPolicy()));
  }

  @FieldResolver(() => Int, { description: 'Its AEDs that may be sent to a cardiac arrest at `at` (default now).' })
  async dispatchableAedCount(
    @Root() municipality: MunicipalityRef,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() context: RequestContext,
  ): Promise<number> {
    const aeds = await aedsByMunicipality(context).load(municipality.id);
    const policy = readinessPolicy();
    return aeds.filter((aed) => assessReadiness(readinessFactsOf(aed), at ?? new Date(), policy).dispatchable).length;
  }

  @FieldResolver(() => Int, { description: 'Its AEDs that are dispatchable now and whose schedule is open around the clock for the coming year.' })
  async twentyFourSevenAedCount(@Root() municipality: MunicipalityRef, @Ctx() context: RequestContext): Promise<number> {
    return (await twentyFourSevenAeds(context, municipality.id)).count;
  }

  @FieldResolver(() => Float, { description: 'twentyFourSevenAedCount as a share of all its AEDs, 0 to 1 (0 when it has none).' })
  async twentyFourSevenAedShare(@Root() municipality: MunicipalityRef, @Ctx() context: RequestContext): Promise<number> {
    const { count, total } = await twentyFourSevenAeds(context, municipality.id);
    return total === 0 ? 0 : count / total;
  }
}
