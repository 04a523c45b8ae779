import { Arg, Ctx, Directive, Float, Int, Query, Resolver } from 'type-graphql';
import { Role, hasRole } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { forbidden } from '../../../common/errors.ts';
import { createLogger } from '../../../common/logger.ts';
import { alertCandidates } from './alert-candidates.ts';
import { AlertCandidateType } from './alert-candidate.type.ts';

const logger = createLogger('volunteers');

@Resolver(() => AlertCandidateType)
export class AlertCandidateResolver {
  /**
   * For the incidents subgraph only (not in the public API): the nearest
   * volunteers alertable at `at`, each once at their nearest valid position,
   * nearest first, with the phone, municipality and associations an alert needs.
   */
  @Directive('@inaccessible')
  @Query(() => [AlertCandidateType])
  async alertCandidates(
    @Arg('latitude', () => Float) latitude: number,
    @Arg('longitude', () => Float) longitude: number,
    @Arg('radiusMeters', () => Float) radiusMeters: number,
    @Arg('limit', () => Int) limit: number,
    @Arg('at', () => Date) at: Date,
    @Ctx() { dispatchEm, principal }: RequestContext,
  ): Promise<AlertCandidateType[]> {
    if (!hasRole(principal, Role.SERVICE, 'incidents')) throw forbidden('Only dispatch (the incidents subgraph) may search for alert candidates.');
    // The dispatch lane's connections: never queued behind readiness figures and lists.
    const candidates = await alertCandidates(
      dispatchEm,
      { lat: latitude, lon: longitude, radiusMeters, limit, at },
      {
        // The SQL prefilter let through someone the rule refuses: they were left out, but the two have drifted apart.
        onPrefilterMismatch: (volunteerId, reasons) => logger.error({ volunteerId, reasons }, 'candidate search prefilter disagrees with the eligibility rule'),
      },
    );
    return candidates.map(AlertCandidateType.from);
  }
}
