import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireAuthenticated } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { requireAedManager, requireGuardian } from './aed.access.ts';
import { assignAedGuardians, forEachAed, getAeds, MAXIMUM_AEDS_AT_ONCE, recordAedChecks } from './aed-bulk.service.ts';
import { requireInService } from './aed.service.ts';
import { AedCheckInput, AedGuardianInput, AedType } from './aed.type.ts';
import { aedSettings } from '../readiness/settings.ts';

/** `addAedGuardian` and `recordAedCheck` for many AEDs at once: all or nothing. */
@Resolver()
export class AedBulkResolver {
  @Mutation(() => [AedType], {
    description: `Adds the same guardian to each AED named (at most ${MAXIMUM_AEDS_AT_ONCE}), as addAedGuardian does: all or none. The caller must be allowed on every one (its guardians, the coordinators of its municipality, or ADMIN); an error names the first AED refused (extensions.aedId).`,
  })
  async assignAedGuardians(
    @Arg('aedIds', () => [ID]) aedIds: string[],
    @Arg('guardian', () => AedGuardianInput) guardian: AedGuardianInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AedType[]> {
    requireAuthenticated(principal);
    const aeds = await getAeds(em, aedIds);
    forEachAed(aeds, (aed) => {
      requireAedManager(principal, aed);
      requireInService(aed);
    });
    return (await assignAedGuardians(em, aeds, guardian, aedSettings())).map(AedType.from);
  }

  @Mutation(() => [AedType], {
    description: `Logs the same check for each AED named (at most ${MAXIMUM_AEDS_AT_ONCE}), as recordAedCheck does: all or none. The caller must guard every one (or be ADMIN); an error names the first AED refused (extensions.aedId).`,
  })
  async recordAedChecks(
    @Arg('aedIds', () => [ID]) aedIds: string[],
    @Arg('check', () => AedCheckInput, { nullable: true }) check: AedCheckInput | null,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AedType[]> {
    requireAuthenticated(principal);
    const aeds = await getAeds(em, aedIds);
    forEachAed(aeds, (aed) => {
      requireGuardian(principal, aed.id);
      requireInService(aed);
    });
    return (await recordAedChecks(em, aeds, check, aedSettings())).map(AedType.from);
  }
}
