import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context.ts';
import { authenticateApiClient } from './partners/api-client.service.ts';
import { accessOf, accessOfApiClient } from './caller-access.service.ts';
import { AccessType } from './caller-access.type.ts';

@Resolver(() => AccessType)
export class CallerAccessResolver {
  @Query(() => AccessType, {
    description: 'The caller as every subgraph sees them: their grants, and the municipalities and regions each covers. Anyone.',
  })
  myAccess(@Ctx() { principal }: RequestContext): AccessType {
    return AccessType.from({ subject: principal.subject, apiClientId: principal.apiClientId ?? null, grants: principal.grants });
  }

  /** For the gateway only (not in the public API): what the grants of a verified token cover. */
  @Directive('@inaccessible')
  @Query(() => AccessType)
  async callerAccess(@Ctx() { em, principal }: RequestContext): Promise<AccessType> {
    return AccessType.from(await accessOf(em, principal));
  }

  /** For the gateway only (not in the public API): the principal of an API client credential, or null. */
  @Directive('@inaccessible')
  @Query(() => AccessType, { nullable: true })
  async apiClientAccess(@Arg('credential', () => String) credential: string, @Ctx() { em }: RequestContext): Promise<AccessType | null> {
    const apiClient = await authenticateApiClient(em, credential);
    return apiClient ? AccessType.from(await accessOfApiClient(em, apiClient)) : null;
  }
}
