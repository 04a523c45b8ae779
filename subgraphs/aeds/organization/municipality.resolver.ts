import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { AFTER, FIRST } from '../../../common/connection.type.ts';
import type { RequestContext } from '../../../common/context.ts';
import { AedConnectionType, AedFilterInput } from '../registry/aed-connection.type.ts';
import { aedPage } from '../registry/aed-page.ts';
import { readinessFactsOf } from '../registry/aed.facts.ts';
import { AedType } from '../registry/aed.type.ts';
import { aedCountByMunicipality, aedsByMunicipality } from '../loaders.ts';
import { MunicipalityRef } from '../references.ts';
import { assessReadiness } from '../readiness/readiness.ts';
import { readinessPolicy } from '../readiness/settings.ts';
import { twentyFourSevenAeds } from '../readiness/twenty-four-seven.ts';

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
  async dispatchableAedCount(@Root() municipality: MunicipalityRef, @Arg('at', () => Date, { nullable: true }) at: Date | null, @Ctx() context: RequestContext): Promise<number> {
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
