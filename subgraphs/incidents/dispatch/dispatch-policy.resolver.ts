import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role, requireRole } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { parseId } from '../../../common/ids.ts';
import { currentPolicy, policyHistory, setPolicy } from './dispatch-policy.service.ts';
import { DispatchPolicyVersionType, SetDispatchPolicyInput } from './dispatch-policy.type.ts';
import { SecurityRegionRef } from '../references.ts';

@Resolver(() => DispatchPolicyVersionType)
export class DispatchPolicyResolver {
  @Query(() => DispatchPolicyVersionType, { description: 'The dispatch and aftercare policy in force in a security region. Public: how a region alerts is no secret.' })
  async dispatchPolicy(@Arg('securityRegionId', () => ID) securityRegionId: string, @Ctx() { em }: RequestContext): Promise<DispatchPolicyVersionType> {
    return DispatchPolicyVersionType.from(await currentPolicy(em, parseId(securityRegionId, 'SecurityRegion')));
  }

  @Query(() => [DispatchPolicyVersionType], { description: 'Every version of a region’s policy, newest first, ending with the defaults (version 0). Public.' })
  async dispatchPolicyHistory(@Arg('securityRegionId', () => ID) securityRegionId: string, @Ctx() { em }: RequestContext): Promise<DispatchPolicyVersionType[]> {
    return (await policyHistory(em, parseId(securityRegionId, 'SecurityRegion'))).map(DispatchPolicyVersionType.from);
  }

  @Mutation(() => DispatchPolicyVersionType, {
    description:
      'Sets a security region’s dispatch and aftercare policy as a new version: exactly the settings given, the others back to their defaults. ADMIN only. Invalid settings: BAD_USER_INPUT with every problem in `extensions.violations`.',
  })
  async setDispatchPolicy(@Arg('input', () => SetDispatchPolicyInput) input: SetDispatchPolicyInput, @Ctx() { em, principal }: RequestContext): Promise<DispatchPolicyVersionType> {
    requireRole(principal, Role.ADMIN);
    const regionId = parseId(input.securityRegionId, 'SecurityRegion');
    return DispatchPolicyVersionType.from(await setPolicy(em, regionId, { ...input.dispatch }, { ...input.aftercare }, principal.subject));
  }
}

@Resolver(() => SecurityRegionRef)
export class SecurityRegionPolicyResolver {
  @FieldResolver(() => DispatchPolicyVersionType, { description: 'The dispatch and aftercare policy in force in this region. Public.' })
  async dispatchPolicy(@Root() region: SecurityRegionRef, @Ctx() { em }: RequestContext): Promise<DispatchPolicyVersionType> {
    return DispatchPolicyVersionType.from(await currentPolicy(em, region.id));
  }
}
