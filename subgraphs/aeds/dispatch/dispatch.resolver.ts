import { Arg, Ctx, Float, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { badInput } from '../../../common/errors.ts';
import { checkPosition, GeoPointInput } from '../../../common/geo.type.ts';
import { isId, parseId } from '../../../common/ids.ts';
import { markPhase } from '../../../common/phases.ts';
import { requireDispatchService } from '../registry/aed.access.ts';
import { standDownAedAfterUse } from '../registry/aed-use.service.ts';
import { AedType } from '../registry/aed.type.ts';
import { availabilityContextOf } from '../registry/aed.facts.ts';
import { nextChangeAfter } from '../availability/availability.ts';
import { DispatchableAedType, NearbyAedType } from './dispatch.type.ts';
import { findDispatchableAeds } from './dispatchable-search.ts';
import { aedById } from '../loaders.ts';
import { readinessPolicy } from '../readiness/settings.ts';

/** Bounds of a search; a national register answers any of them in milliseconds (bench/aeds.bench.ts). */
const LIMITS = {
  dispatch: { maxRadiusMeters: 50_000, maxLimit: 100 },
  public: { maxRadiusMeters: 20_000, maxLimit: 50, defaultRadiusMeters: 1_000, defaultLimit: 5 },
};

function checkedSearch(radiusMeters: number, limit: number, bounds: { maxRadiusMeters: number; maxLimit: number }): void {
  if (!Number.isFinite(radiusMeters) || radiusMeters <= 0 || radiusMeters > bounds.maxRadiusMeters) {
    throw badInput(`radiusMeters must be more than 0 and at most ${bounds.maxRadiusMeters}.`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > bounds.maxLimit) throw badInput(`limit must be between 1 and ${bounds.maxLimit}.`);
}

@Resolver()
export class DispatchResolver {
  @Query(() => [DispatchableAedType], {
    description:
      'The nearest AEDs dispatchable at `at` within `radiusMeters` (straight line), nearest first, with their cabinet codes. Only for the incidents service, which gives a code to the one responder it sends to fetch that AED.',
  })
  async dispatchableAeds(
    @Arg('latitude', () => Float) latitude: number,
    @Arg('longitude', () => Float) longitude: number,
    @Arg('radiusMeters', () => Float) radiusMeters: number,
    @Arg('at', () => Date) at: Date,
    @Arg('limit', () => Int) limit: number,
    @Ctx() { dispatchEm, principal }: RequestContext,
  ): Promise<DispatchableAedType[]> {
    markPhase('aeds', 'aeds.asked');
    requireDispatchService(principal);
    checkPosition({ latitude, longitude }, 'search');
    checkedSearch(radiusMeters, limit, LIMITS.dispatch);
    // The dispatch lane's connections: never queued behind readiness figures and lists.
    const found = await findDispatchableAeds(dispatchEm, { latitude, longitude, radiusMeters, at, limit, withCabinetCode: true }, readinessPolicy());
    markPhase('aeds', 'aeds.searched', undefined, { found: found.length });
    return found.map((aed) =>
      Object.assign(new DispatchableAedType(), {
        aedId: aed.id,
        latitude: aed.latitude,
        longitude: aed.longitude,
        distanceMeters: aed.distanceMeters,
        address: aed.address,
        locationDescription: aed.locationDescription,
        cabinetCode: aed.cabinetCode,
      }),
    );
  }

  @Query(() => [NearbyAedType], {
    description: `The nearest AEDs that can be used at \`at\` (default now) within \`radiusMeters\` (default ${LIMITS.public.defaultRadiusMeters}, at most ${LIMITS.public.maxRadiusMeters}), nearest first, at most \`limit\` (default ${LIMITS.public.defaultLimit}, at most ${LIMITS.public.maxLimit}). Public, without cabinet codes.`,
  })
  async nearestDispatchableAeds(
    @Arg('location', () => GeoPointInput) location: GeoPointInput,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Arg('radiusMeters', () => Float, { nullable: true }) radiusMeters: number | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() context: RequestContext,
  ): Promise<NearbyAedType[]> {
    const { latitude, longitude } = checkPosition(location, 'search');
    const search = {
      latitude,
      longitude,
      at: at ?? new Date(),
      radiusMeters: radiusMeters ?? LIMITS.public.defaultRadiusMeters,
      limit: limit ?? LIMITS.public.defaultLimit,
    };
    checkedSearch(search.radiusMeters, search.limit, LIMITS.public);
    const found = await findDispatchableAeds(context.em, search, readinessPolicy());
    const entities = await aedById(context).loadMany(found.map((aed) => aed.id));
    return found.flatMap((aed, index) => {
      const entity = entities[index];
      if (!entity || entity instanceof Error) return [];
      const closes = nextChangeAfter(aed.availabilitySchedule!, search.at, availabilityContextOf(aed));
      return [Object.assign(new NearbyAedType(), { aed: AedType.from(entity), distanceMeters: aed.distanceMeters, availableUntil: closes ?? null })];
    });
  }

  @Mutation(() => Boolean, {
    description:
      'Stands an AED down after it was fetched for an incident, until a guardian confirms it ready, and tells its owner and guardians. Idempotent per (AED, incident). Only for the incidents service.',
  })
  async standDownAedAfterUse(@Arg('aedId', () => ID) aedId: string, @Arg('incidentId', () => ID) incidentId: string, @Ctx() { em, principal }: RequestContext): Promise<boolean> {
    requireDispatchService(principal);
    const aed = parseId(aedId, 'Aed');
    if (!isId(incidentId)) throw badInput('incidentId is not a valid id.');
    await standDownAedAfterUse(em, aed, incidentId.toLowerCase());
    return true;
  }
}
