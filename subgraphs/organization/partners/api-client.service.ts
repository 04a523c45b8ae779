/** Partner apps' API clients: created, listed, rotated and revoked; checked when the gateway meets a credential. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { PARTNER_PERMISSIONS, formatApiClientCredential, parseApiClientCredential, type PartnerPermission } from '../../../common/auth.ts';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { ApiClient } from './api-client.entity.ts';
import { hashSecret, newSecret, verifySecret } from './api-client.secret.ts';
import { getPartnerAssociation } from './partner-association.service.ts';

export interface NewApiClient {
  partnerAssociationId: string;
  name: string;
  permissions: PartnerPermission[];
}

/** A client with its credential, which is never shown again. */
export interface IssuedApiClient {
  apiClient: ApiClient;
  credential: string;
}

export async function createApiClient(em: EntityManager, input: NewApiClient, createdBy: string): Promise<IssuedApiClient> {
  const association = await getPartnerAssociation(em, input.partnerAssociationId);
  const name = input.name.trim();
  if (!name) throw badInput('An API client needs a name (e.g. the app it is for).');
  const permissions = [...new Set(input.permissions)];
  if (permissions.length === 0 || permissions.some((permission) => !PARTNER_PERMISSIONS.includes(permission))) {
    throw badInput(`An API client needs at least one permission of ${PARTNER_PERMISSIONS.join(', ')}.`);
  }
  const secret = newSecret();
  const apiClient = em.create(ApiClient, {
    partnerAssociationId: association.id,
    name,
    permissions,
    secretHash: await hashSecret(secret),
    createdBy,
  });
  await em.flush();
  return { apiClient, credential: formatApiClientCredential(apiClient.id, secret) };
}

export async function getApiClient(em: EntityManager, id: string): Promise<ApiClient> {
  const apiClient = await em.findOne(ApiClient, { id: parseId(id, 'ApiClient') });
  if (!apiClient) throw notFound('ApiClient', id);
  return apiClient;
}

/** A new secret; the old one stops working (at the gateway, within its cache time). */
export async function rotateApiClientSecret(em: EntityManager, apiClient: ApiClient): Promise<IssuedApiClient> {
  if (apiClient.revokedAt) throw conflict('This API client has been revoked; create a new one.');
  const secret = newSecret();
  em.assign(apiClient, { secretHash: await hashSecret(secret), secretRotatedAt: new Date() });
  await em.flush();
  return { apiClient, credential: formatApiClientCredential(apiClient.id, secret) };
}

export async function revokeApiClient(em: EntityManager, apiClient: ApiClient): Promise<ApiClient> {
  if (apiClient.revokedAt) throw conflict('This API client has already been revoked.');
  apiClient.revokedAt = new Date();
  await em.flush();
  return apiClient;
}

export async function apiClientsOf(em: EntityManager, partnerAssociationId: string): Promise<ApiClient[]> {
  return em.find(ApiClient, { partnerAssociationId }, { orderBy: { createdAt: 'asc' } });
}

/** The active client a credential belongs to, or undefined when it is malformed, unknown, revoked or wrong. */
export async function authenticateApiClient(em: EntityManager, credential: string): Promise<ApiClient | undefined> {
  const parsed = parseApiClientCredential(credential);
  if (!parsed) return undefined;
  const apiClient = await em.findOne(ApiClient, { id: parsed.clientId }, { populate: ['secretHash'] });
  if (!apiClient || apiClient.revokedAt) return undefined;
  if (!(await verifySecret(parsed.secret, apiClient.secretHash))) return undefined;
  apiClient.lastUsedAt = new Date();
  await em.flush();
  return apiClient;
}
