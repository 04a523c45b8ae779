/**
 * The access model of the whole graph, end to end: what the gateway signs
 * into the principal for each kind of caller (resolved by the organization
 * subgraph, cached per credential), the shared rules of common/auth.ts
 * applied to exactly that principal, and partner API clients.
 */
import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PartnerPermission,
  Role,
  ambulanceServicesServing,
  canReportIncidentIn,
  canSeePersonalDataOf,
  hasRole,
  mintBearerToken,
  municipalitiesVisibleTo,
  partnerAssociationsOf,
  regionsOfDispatcher,
  type Grant,
  type Principal,
} from '../common/auth.ts';
import { startGateway, type GatewayServer } from '../gateway/gateway.ts';
import { readSupergraph } from '../scripts/stack.ts';
import { SetAmbulanceServiceRegionsDocument } from './operations/generated.ts';
import { createApiClient, createOrganisation, unique, type Organisation } from './organization-fixture.ts';
import { collect, startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

let stack: TestStack;
let org: Organisation;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  org = await createOrganisation(stack);
  admin = org.admin;
});

afterAll(async () => {
  await stack?.close();
});

const ACCESS = `{ myAccess { subject apiClientId grants { role scope municipalityIds regionIds permissions } } }`;
const VOLUNTEER_ID = '00000000-0000-4000-8000-0000000000f1';

/** The principal exactly as the organization subgraph received it from the gateway (every subgraph gets the same). */
async function principalOf(token: string | undefined, url = stack.gateway.url): Promise<Principal> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: ACCESS }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  const { subject, apiClientId, grants } = body.data.myAccess;
  const principal: Principal = {
    subject,
    grants: grants.map((grant: Record<string, unknown>) => Object.fromEntries(Object.entries(grant).filter(([, value]) => value !== null))) as Grant[],
  };
  if (apiClientId) principal.apiClientId = apiClientId;
  return principal;
}

function gatewayOptions(organizationUrl: string) {
  return {
    supergraphSdl: '',
    subgraphUrls: { ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])), organization: organizationUrl },
    gatewaySecret: TEST_SECRETS.gatewaySecret,
    bearer: { jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience },
  };
}

describe('what the gateway signs into the principal', () => {
  it('a policy officer covers their municipality and its region', async () => {
    const principal = await principalOf(await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId }));
    expect(principal.grants).toEqual([{ role: Role.POLICY_OFFICER, scope: org.municipalityId, municipalityIds: [org.municipalityId], regionIds: [org.regionId] }]);
  });

  it('a chair, group leader or admin support covers the working group’s municipalities', async () => {
    for (const role of [Role.CHAIR, Role.GROUP_LEADER, Role.ADMIN_SUPPORT]) {
      const principal = await principalOf(await stack.token({ role, scope: org.workingGroupId }));
      expect(principal.grants).toEqual([{ role, scope: org.workingGroupId, municipalityIds: [org.municipalityId], regionIds: [org.regionId] }]);
    }
  });

  it('a working-group membership as CHAIR gives the CHAIR grant; a volunteer’s membership and an ended one give none', async () => {
    expect((await principalOf(await stack.token([], org.chairSubject))).grants).toEqual([
      { role: Role.CHAIR, scope: org.workingGroupId, municipalityIds: [org.municipalityId], regionIds: [org.regionId] },
    ]);
    expect((await principalOf(await stack.token([], org.memberSubject))).grants).toEqual([]);
    const former = `former-chair-${unique()}`;
    await stack.data(
      `mutation ($g: ID!, $s: String!) { addWorkingGroupMember(input: { workingGroupId: $g, userSubject: $s, name: "Former", role: CHAIR, organisation: "O", since: "2020-01-01", until: "2021-01-01" }) { id } }`,
      { g: org.workingGroupId, s: former },
      admin,
    );
    expect((await principalOf(await stack.token([], former))).grants).toEqual([]);
  });

  it('a dispatcher covers the regions their ambulance service serves', async () => {
    const principal = await principalOf(await stack.token({ role: Role.DISPATCHER, scope: org.serviceId }));
    expect(principal.grants).toEqual([{ role: Role.DISPATCHER, scope: org.serviceId, regionIds: [org.regionId] }]);
  });

  it('a partner covers the municipalities the association joined', async () => {
    const principal = await principalOf(await stack.token({ role: Role.PARTNER, scope: org.partnerId }));
    expect(principal.grants).toEqual([{ role: Role.PARTNER, scope: org.partnerId, municipalityIds: [org.municipalityId], regionIds: [org.regionId] }]);
  });

  it('volunteers, guardians and ADMIN are passed on as their token says', async () => {
    expect((await principalOf(await stack.token({ role: Role.VOLUNTEER, scope: VOLUNTEER_ID }))).grants).toEqual([{ role: Role.VOLUNTEER, scope: VOLUNTEER_ID }]);
    expect((await principalOf(admin)).grants).toEqual([{ role: Role.ADMIN }]);
    expect(await principalOf(undefined)).toEqual({ subject: 'anonymous', grants: [] });
  });

  it('ignores coverage smuggled into a bearer token', async () => {
    const forged = await mintBearerToken({ jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience }, 'smuggler', [
      { role: Role.CHAIR, scope: org.otherWorkingGroupId, municipalityIds: [org.municipalityId], regionIds: [org.regionId] },
    ]);
    const principal = await principalOf(forged);
    expect(principal.grants).toEqual([{ role: Role.CHAIR, scope: org.otherWorkingGroupId, municipalityIds: [org.otherMunicipalityId], regionIds: [org.otherRegionId] }]);
    expect(canSeePersonalDataOf(principal, org.municipalityId)).toBe(false);
  });
});

describe('the rules every subgraph applies, on the principal it receives', () => {
  it('a policy officer of one municipality never sees another municipality’s volunteers’ personal data', async () => {
    const officer = await principalOf(await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId }));
    expect(canSeePersonalDataOf(officer, org.municipalityId)).toBe(true);
    expect(canSeePersonalDataOf(officer, org.otherMunicipalityId)).toBe(false);
    expect(municipalitiesVisibleTo(officer)).toEqual({ all: false, ids: [org.municipalityId] });
  });

  it('coordinators of a working group see the personal data of its municipalities only', async () => {
    for (const token of [await stack.token({ role: Role.ADMIN_SUPPORT, scope: org.workingGroupId }), await stack.token([], org.chairSubject)]) {
      const coordinator = await principalOf(token);
      expect(canSeePersonalDataOf(coordinator, org.municipalityId)).toBe(true);
      expect(canSeePersonalDataOf(coordinator, org.otherMunicipalityId)).toBe(false);
    }
    const otherChair = await principalOf(await stack.token({ role: Role.CHAIR, scope: org.otherWorkingGroupId }));
    expect(canSeePersonalDataOf(otherChair, org.municipalityId)).toBe(false);
  });

  it('a partner, its app, a dispatcher and a volunteer never see volunteers’ personal data by municipality; ADMIN does', async () => {
    const { credential } = await createApiClient(stack, admin, org.partnerId);
    for (const token of [
      await stack.token({ role: Role.PARTNER, scope: org.partnerId }),
      credential,
      await stack.token({ role: Role.DISPATCHER, scope: org.serviceId }),
      await stack.token({ role: Role.VOLUNTEER, scope: VOLUNTEER_ID }),
      await stack.token([], org.memberSubject),
    ]) {
      const principal = await principalOf(token);
      expect(canSeePersonalDataOf(principal, org.municipalityId), principal.subject).toBe(false);
      expect(municipalitiesVisibleTo(principal).ids, principal.subject).toEqual([]);
    }
    expect(canSeePersonalDataOf(await principalOf(admin), org.otherMunicipalityId)).toBe(true);
  });

  it('a volunteer is only themselves', async () => {
    const volunteer = await principalOf(await stack.token({ role: Role.VOLUNTEER, scope: VOLUNTEER_ID }));
    expect(hasRole(volunteer, Role.VOLUNTEER, VOLUNTEER_ID)).toBe(true);
    expect(hasRole(volunteer, Role.VOLUNTEER, '00000000-0000-4000-8000-0000000000f2')).toBe(false);
  });

  it('only a dispatcher of a service that serves the region may report an incident there, and it follows the service’s regions', async () => {
    const dispatcher = await principalOf(await stack.token({ role: Role.DISPATCHER, scope: org.serviceId }));
    expect(canReportIncidentIn(dispatcher, org.regionId)).toBe(true);
    expect(ambulanceServicesServing(dispatcher, org.regionId)).toEqual([org.serviceId]);
    expect(canReportIncidentIn(dispatcher, org.otherRegionId)).toBe(false);
    for (const other of [
      admin,
      await stack.token({ role: Role.CHAIR, scope: org.workingGroupId }),
      await stack.token({ role: Role.DISPATCHER, scope: '00000000-0000-4000-8000-0000000000d9' }),
    ]) {
      expect(canReportIncidentIn(await principalOf(other), org.regionId)).toBe(false);
    }
    expect(regionsOfDispatcher(await principalOf(admin)).all).toBe(true);

    const { createAmbulanceService } = await stack.data(
      `mutation ($r: [ID!]!, $c: String!) { createAmbulanceService(input: { name: "Moved", code: $c, dispatchCentre: "Meldkamer", regionIds: $r }) { id } }`,
      { r: [org.regionId], c: `MOV-${unique()}` },
      admin,
    );
    await stack.data(SetAmbulanceServiceRegionsDocument, { id: createAmbulanceService.id, r: [org.otherRegionId] }, admin);
    const moved = await principalOf(await stack.token({ role: Role.DISPATCHER, scope: createAmbulanceService.id }));
    expect(canReportIncidentIn(moved, org.otherRegionId)).toBe(true);
    expect(canReportIncidentIn(moved, org.regionId)).toBe(false);
  });

  it('a partner’s app gets alerts only with the ALERTS permission, statistics only with STATISTICS', async () => {
    const statistics = await createApiClient(stack, admin, org.partnerId, ['STATISTICS']);
    const principal = await principalOf(statistics.credential);
    expect(principal).toEqual({
      subject: `apiclient:${statistics.id}`,
      apiClientId: statistics.id,
      grants: [{ role: Role.PARTNER, scope: org.partnerId, municipalityIds: [org.municipalityId], regionIds: [org.regionId], permissions: [PartnerPermission.STATISTICS] }],
    });
    expect(partnerAssociationsOf(principal, PartnerPermission.STATISTICS)).toEqual([org.partnerId]);
    expect(partnerAssociationsOf(principal, PartnerPermission.ALERTS)).toEqual([]);
    const person = await principalOf(await stack.token({ role: Role.PARTNER, scope: org.partnerId }));
    expect(partnerAssociationsOf(person, PartnerPermission.ALERTS)).toEqual([org.partnerId]);
  });
});

describe('partner API clients', () => {
  it('authenticate with `Bearer <clientId>.<secret>`, over HTTP and WebSocket', async () => {
    const client = await createApiClient(stack, admin, org.partnerId, ['ALERTS']);
    expect(client.credential).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect((await principalOf(client.credential)).apiClientId).toBe(client.id);

    const ws = stack.wsClient(client.credential);
    const [event] = await collect(ws, `{ myAccess { apiClientId grants { role permissions } } }`, {}, 1).done;
    expect(event.myAccess).toEqual({ apiClientId: client.id, grants: [{ role: 'PARTNER', permissions: ['ALERTS'] }] });
  });

  it('refuses a wrong secret, an unknown client and a malformed header with UNAUTHENTICATED, over HTTP and WebSocket', async () => {
    const client = await createApiClient(stack, admin, org.partnerId);
    const wrong = `${client.id}.${'A'.repeat(43)}`;
    for (const token of [wrong, `00000000-0000-4000-8000-000000000000.${'B'.repeat(43)}`]) {
      const response = await stack.request(ACCESS, {}, token);
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const basic = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${client.credential}` },
      body: JSON.stringify({ query: ACCESS }),
    });
    expect(basic.status).toBe(401);
    const refused = collect(stack.wsClient(wrong), ACCESS, {}, 1, 3000);
    await expect(refused.done).rejects.toThrow();
  });

  it('show their secret once and store only a scrypt hash of it', async () => {
    const partner = await stack.token({ role: Role.PARTNER, scope: org.partnerId });
    const { createApiClient: created } = await stack.data(
      `mutation ($p: ID!) { createApiClient(input: { partnerAssociationId: $p, name: "Push relay", permissions: [ALERTS, STATISTICS] }) { credential apiClient { id name permissions createdBy revokedAt } } }`,
      { p: org.partnerId },
      partner,
    );
    const secret = created.credential.split('.')[1];
    expect(created.apiClient).toMatchObject({ name: 'Push relay', permissions: ['ALERTS', 'STATISTICS'], revokedAt: null });
    const listed = await stack.data(`query ($p: ID!) { partnerAssociation(id: $p) { apiClients { id name permissions lastUsedAt } } }`, { p: org.partnerId }, partner);
    expect(listed.partnerAssociation.apiClients).toContainEqual({ id: created.apiClient.id, name: 'Push relay', permissions: ['ALERTS', 'STATISTICS'], lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('select secret_hash from organization.api_client where id = $1', [created.apiClient.id]);
      expect(rows[0].secret_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(rows[0].secret_hash).not.toContain(secret);
    } finally {
      await db.end();
    }
  });

  it('are revoked and rotated by the association’s partners: the old secret stops working', async () => {
    // A gateway that never caches, so the effect is immediate (production: within 30 s).
    const gateway = await startGateway({ ...gatewayOptions(stack.subgraphs.organization.url), supergraphSdl: await readSupergraph(), access: { ttlMs: 0 } });
    try {
      const partner = await stack.token({ role: Role.PARTNER, scope: org.partnerId });
      const client = await createApiClient(stack, admin, org.partnerId);
      expect((await principalOf(client.credential, gateway.url)).apiClientId).toBe(client.id);

      const { rotateApiClientSecret } = await stack.data(`mutation ($id: ID!) { rotateApiClientSecret(id: $id) { credential apiClient { id } } }`, { id: client.id }, partner);
      expect(rotateApiClientSecret.apiClient.id).toBe(client.id);
      await expect(principalOf(client.credential, gateway.url)).rejects.toThrow(/UNAUTHENTICATED/);
      expect((await principalOf(rotateApiClientSecret.credential, gateway.url)).apiClientId).toBe(client.id);

      const { revokeApiClient } = await stack.data(`mutation ($id: ID!) { revokeApiClient(id: $id) { revokedAt } }`, { id: client.id }, partner);
      expect(revokeApiClient.revokedAt).not.toBeNull();
      await expect(principalOf(rotateApiClientSecret.credential, gateway.url)).rejects.toThrow(/UNAUTHENTICATED/);
      const again = await stack.request(`mutation ($id: ID!) { revokeApiClient(id: $id) { id } }`, { id: client.id }, partner);
      expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
      const rotateRevoked = await stack.request(`mutation ($id: ID!) { rotateApiClientSecret(id: $id) { credential } }`, { id: client.id }, partner);
      expect(rotateRevoked.errors?.[0].extensions?.code).toBe('CONFLICT');
    } finally {
      await gateway.close();
    }
  });

  it('cannot manage API clients themselves, nor see other associations’ clients', async () => {
    const { credential } = await createApiClient(stack, admin, org.partnerId);
    const create = await stack.request(
      `mutation ($p: ID!) { createApiClient(input: { partnerAssociationId: $p, name: "Spawn", permissions: [ALERTS] }) { credential } }`,
      { p: org.partnerId },
      credential,
    );
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await stack.request(`query ($p: ID!) { partnerAssociation(id: $p) { apiClients { id } } }`, { p: org.partnerId }, credential);
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { createPartnerAssociation } = await stack.data(`mutation ($n: String!) { createPartnerAssociation(input: { name: $n }) { id } }`, { n: `Other ${unique()}` }, admin);
    const otherPartner = await stack.token({ role: Role.PARTNER, scope: createPartnerAssociation.id });
    const foreign = await stack.request(`query ($p: ID!) { partnerAssociation(id: $p) { apiClients { id } } }`, { p: org.partnerId }, otherPartner);
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses bad input: no permissions, no name, an unknown association', async () => {
    const create = (input: Record<string, unknown>) =>
      stack.request(
        `mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { credential } }`,
        {
          input: { partnerAssociationId: org.partnerId, name: 'App', permissions: ['ALERTS'], ...input },
        },
        admin,
      );
    expect((await create({ permissions: [] })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await create({ permissions: ['EVERYTHING'] })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await create({ name: '  ' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await create({ partnerAssociationId: '00000000-0000-4000-8000-000000000000' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('the internal lookups', () => {
  it('are not part of the public API, over HTTP or WebSocket', async () => {
    for (const query of [`{ callerAccess { subject } }`, `{ apiClientAccess(credential: "x") { subject } }`]) {
      const response = await stack.request(query, {}, admin);
      expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const ws = collect(stack.wsClient(admin), query, {}, 1, 3000);
      await expect(ws.done).rejects.toThrow();
      expect(JSON.stringify(ws.errors)).toContain('GRAPHQL_VALIDATION_FAILED');
    }
  });
});

/**
 * A stand-in for the network between the gateway and the organization
 * subgraph: counts the gateway's access lookups and can make them fail.
 */
async function startLookupProxy(target: string) {
  const state = { lookups: 0, failing: false };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const isLookup = body.includes('callerAccess') || body.includes('apiClientAccess');
    if (isLookup) state.lookups++;
    if (isLookup && state.failing) {
      res.writeHead(503).end();
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const upstream = await fetch(target, { method: req.method, headers, body });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`;
  return { state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the gateway’s cache of access lookups', () => {
  let proxy: Awaited<ReturnType<typeof startLookupProxy>>;
  const gateways: GatewayServer[] = [];
  const gatewayWith = async (access: { ttlMs?: number; staleMs?: number; maxEntries?: number }) => {
    const gateway = await startGateway({ ...gatewayOptions(proxy.url), supergraphSdl: await readSupergraph(), access });
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    proxy = await startLookupProxy(stack.subgraphs.organization.url);
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await proxy?.close();
  });

  it('asks the organization subgraph once per credential, and never for ADMIN or anonymous callers', async () => {
    const gateway = await gatewayWith({});
    proxy.state.lookups = 0;
    const chair = await stack.token({ role: Role.CHAIR, scope: org.workingGroupId });
    for (let i = 0; i < 5; i++) await principalOf(chair, gateway.url);
    expect(proxy.state.lookups).toBe(1);
    await principalOf(await stack.token({ role: Role.CHAIR, scope: org.workingGroupId }), gateway.url);
    expect(proxy.state.lookups).toBe(2);
    await principalOf(admin, gateway.url);
    await principalOf(undefined, gateway.url);
    expect(proxy.state.lookups).toBe(2);
    const { credential } = await createApiClient(stack, admin, org.partnerId);
    await Promise.all(Array.from({ length: 5 }, () => principalOf(credential, gateway.url)));
    expect(proxy.state.lookups).toBe(3);
  });

  it('keeps at most `maxEntries` credentials', async () => {
    const gateway = await gatewayWith({ maxEntries: 2 });
    const tokens = await Promise.all([1, 2, 3].map(() => stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId })));
    proxy.state.lookups = 0;
    for (const token of tokens) await principalOf(token, gateway.url);
    await principalOf(tokens[2], gateway.url);
    expect(proxy.state.lookups).toBe(3);
    await principalOf(tokens[0], gateway.url);
    expect(proxy.state.lookups).toBe(4);
  });

  it('serves the previous answer while the organization subgraph cannot answer, and otherwise denies rather than widens', async () => {
    const gateway = await gatewayWith({ ttlMs: 50, staleMs: 60_000 });
    const chair = await stack.token({ role: Role.CHAIR, scope: org.workingGroupId });
    const covered = await principalOf(chair, gateway.url);
    expect(canSeePersonalDataOf(covered, org.municipalityId)).toBe(true);
    proxy.state.failing = true;
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await principalOf(chair, gateway.url)).toEqual(covered);
      // A caller the gateway has not seen keeps only their token's grants: scope-based rules deny.
      const newcomer = await principalOf(await stack.token({ role: Role.CHAIR, scope: org.workingGroupId }), gateway.url);
      expect(newcomer.grants).toEqual([{ role: Role.CHAIR, scope: org.workingGroupId }]);
      expect(canSeePersonalDataOf(newcomer, org.municipalityId)).toBe(false);
      // A policy officer's own municipality needs no lookup.
      const officer = await principalOf(await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId }), gateway.url);
      expect(canSeePersonalDataOf(officer, org.municipalityId)).toBe(true);
    } finally {
      proxy.state.failing = false;
    }
  });
});
