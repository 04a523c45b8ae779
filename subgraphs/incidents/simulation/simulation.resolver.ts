import { Arg, Ctx, Float, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { parseId } from '../../../common/ids.ts';
import { DispatchPolicyInput } from '../dispatch/dispatch-policy.type.ts';
import type { DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { DispatchPolicyPreset } from './policies.ts';
import { requireSimulationAccess } from './simulation.access.ts';
import { SimulationIncidents, simulateDispatchPolicy } from './simulation.service.ts';
import { DispatchSimulationType } from './simulation.type.ts';

@Resolver(() => DispatchSimulationType)
export class SimulationResolver {
  @Query(() => DispatchSimulationType, {
    description:
      'Simulates a dispatch policy in a region: the region’s policy in force, or `preset`, with the settings of `policy` over it, on its latest `sampleSize` incidents (PAST) or as many sampled by population and hour of the week (SAMPLED), `trials` Monte Carlo trials each. Aggregates only. ADMIN and the policy officers of the region’s municipalities. Bounds: sampleSize ≤ 500, trials ≤ 1000, their product ≤ 200,000; invalid settings are BAD_USER_INPUT with `extensions.violations`.',
  })
  async simulateDispatchPolicy(
    @Arg('securityRegionId', () => ID) securityRegionId: string,
    @Arg('preset', () => DispatchPolicyPreset, { nullable: true }) preset: DispatchPolicyPreset | null,
    @Arg('policy', () => DispatchPolicyInput, { nullable: true }) policy: DispatchPolicyInput | null,
    @Arg('incidents', () => SimulationIncidents, { defaultValue: SimulationIncidents.PAST }) incidents: SimulationIncidents,
    @Arg('sampleSize', () => Int, { defaultValue: 200 }) sampleSize: number,
    @Arg('trials', () => Int, { defaultValue: 100 }) trials: number,
    @Arg('seed', () => Int, { defaultValue: 1 }) seed: number,
    @Arg('acceptanceProbability', () => Float, { nullable: true, description: 'Default 0.35 (Kragh).' }) acceptanceProbability: number | null,
    @Arg('ambulanceMedianSeconds', () => Int, { nullable: true, description: 'The region’s median ambulance arrival after the call; default 540.' })
    ambulanceMedianSeconds: number | null,
    @Ctx() context: RequestContext,
  ): Promise<DispatchSimulationType> {
    const regionId = parseId(securityRegionId, 'SecurityRegion');
    requireSimulationAccess(context.principal, regionId);
    const overrides = Object.fromEntries(Object.entries({ ...policy }).filter(([, value]) => value !== undefined && value !== null)) as Partial<DispatchPolicy>;
    const result = await simulateDispatchPolicy(context, {
      securityRegionId: regionId,
      preset,
      overrides,
      incidents,
      sampleSize,
      trials,
      seed,
      parameters: {
        ...(acceptanceProbability === null ? {} : { acceptanceProbability }),
        ...(ambulanceMedianSeconds === null ? {} : { ambulanceMedianSeconds }),
      },
    });
    return DispatchSimulationType.from(result);
  }
}
