import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Role, requireRole } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { isId } from '../../../common/ids.ts';
import { gracePeriodOfRegion } from '../loaders.ts';
import { setCertificateGracePeriod } from '../candidates/region-policy.service.ts';
import { SecurityRegionRef } from '../references.ts';

/** The volunteer policy of the organization subgraph's SecurityRegion. */
@Resolver(() => SecurityRegionRef)
export class SecurityRegionVolunteersResolver {
  @FieldResolver(() => Int, {
    description: 'Days after expiry during which a certificate still makes its holder alertable (default 0). Public.',
  })
  async certificateGracePeriodDays(@Root() region: SecurityRegionRef, @Ctx() context: RequestContext): Promise<number> {
    return isId(region.id) ? gracePeriodOfRegion(context).load(region.id.toLowerCase()) : 0;
  }

  @Mutation(() => SecurityRegionRef, {
    description: 'Sets the region’s certificate grace period: 0 to 365 days after expiry (90 mirrors "no longer alerted three months after expiry"). ADMIN only.',
  })
  async setCertificateGracePeriod(
    @Arg('securityRegionId', () => ID) securityRegionId: string,
    @Arg('days', () => Int) days: number,
    @Ctx() { em, peers, principal }: RequestContext,
  ): Promise<SecurityRegionRef> {
    requireRole(principal, Role.ADMIN);
    await setCertificateGracePeriod(em, peers, securityRegionId, days, principal.subject, new Date());
    return SecurityRegionRef.of(securityRegionId.toLowerCase());
  }
}
