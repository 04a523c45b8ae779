import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { requirePartnerManager } from './api-client.access.ts';
import { createApiClient, getApiClient, revokeApiClient, rotateApiClientSecret } from './api-client.service.ts';
import { ApiClientCredentialType, ApiClientType, CreateApiClientInput } from './api-client.type.ts';
import { byId } from '../loaders.ts';
import { PartnerAssociation } from './partner-association.entity.ts';
import { getPartnerAssociation } from './partner-association.service.ts';
import { PartnerAssociationType } from './partner-association.type.ts';

function issued(result: { apiClient: Parameters<typeof ApiClientType.from>[0]; credential: string }): ApiClientCredentialType {
  return Object.assign(new ApiClientCredentialType(), { apiClient: ApiClientType.from(result.apiClient), credential: result.credential });
}

@Resolver(() => ApiClientType)
export class ApiClientResolver {
  @Mutation(() => ApiClientCredentialType, {
    description: 'Creates an API client for a partner app; the credential is shown only now. ADMIN or a PARTNER of the association.',
  })
  async createApiClient(@Arg('input', () => CreateApiClientInput) input: CreateApiClientInput, @Ctx() { em, principal }: RequestContext): Promise<ApiClientCredentialType> {
    const association = await getPartnerAssociation(em, input.partnerAssociationId);
    requirePartnerManager(principal, association.id);
    return issued(await createApiClient(em, { ...input, partnerAssociationId: association.id }, principal.subject));
  }

  @Mutation(() => ApiClientCredentialType, {
    description: 'Gives an API client a new secret, shown only now; the old one stops working within 30 s. ADMIN or a PARTNER of the association.',
  })
  async rotateApiClientSecret(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: RequestContext): Promise<ApiClientCredentialType> {
    const apiClient = await getApiClient(em, id);
    requirePartnerManager(principal, apiClient.partnerAssociationId);
    return issued(await rotateApiClientSecret(em, apiClient));
  }

  @Mutation(() => ApiClientType, { description: 'Revokes an API client for good (within 30 s at the gateway). ADMIN or a PARTNER of the association.' })
  async revokeApiClient(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: RequestContext): Promise<ApiClientType> {
    const apiClient = await getApiClient(em, id);
    requirePartnerManager(principal, apiClient.partnerAssociationId);
    return ApiClientType.from(await revokeApiClient(em, apiClient));
  }

  @FieldResolver(() => PartnerAssociationType)
  async partnerAssociation(@Root() apiClient: ApiClientType, @Ctx() context: RequestContext): Promise<PartnerAssociationType> {
    return PartnerAssociationType.from((await byId(context, PartnerAssociation).load(apiClient.partnerAssociationId))!);
  }
}
