/**
 * The gateway doing less work (docs/performance/gateway.md), end to end
 * through a second gateway whose subgraph fetches pass a recording proxy
 * that holds each one for a moment, so that requests sent together are
 * really under way at the same time:
 * - identical query fetches under way at once are merged only for the same
 *   principal: callers with different grants each get their own rows;
 * - a mutation is never merged;
 * - duplicate entity representations in one fetch are asked once and
 *   answered in the order asked;
 * - public aggregates are kept, and dropped on a change: at once when a
 *   mutation through the gateway makes it, within the poll interval when
 *   it is made beside the gateway.
 */
import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { startGateway, type GatewayServer } from '../gateway/gateway.ts';
import { readSupergraph } from '../scripts/stack.ts';
import { createOrganisation, type Organisation } from './organization-fixture.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';
import { registerVolunteer, registration } from './volunteers-fixture.ts';

/** How long the proxy holds each GraphQL request: long enough for requests sent together to overlap. */
const HOLD_MS = 300;

interface Recorded {
  query: string;
  variables: Record<string, any>;
}

/** A proxy in front of one subgraph that records the GraphQL requests it passes on, each after {@link HOLD_MS}. */
async function startRecordingProxy(target: string) {
  const recorded: Recorded[] = [];
  const origin = new URL(target).origin;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks).toString() : undefined;
    if (req.method === 'POST' && body) {
      recorded.push(JSON.parse(body) as Recorded);
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const upstream = await fetch(`${origin}${req.url}`, { method: req.method, headers, body });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`;
  return {
    url,
    recorded,
    /** The recorded requests whose query contains `text`. */
    asking: (text: string) => recorded.filter((request) => request.query.includes(text)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Proxy = Awaited<ReturnType<typeof startRecordingProxy>>;

let stack: TestStack;
let org: Organisation;
let proxies: Record<'organization' | 'volunteers' | 'aeds', Proxy>;
let gateway: GatewayServer;
const aedsIn: Record<string, string[]> = {};

async function viaProxies<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<{ data?: T; errors?: any[] }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: any[] };
}

const REGISTER_AED = `mutation ($input: RegisterAedInput!) { registerAed(input: $input) { id } }`;

async function registerAed(municipalityId: string, location: { latitude: number; longitude: number }, token = org.admin): Promise<string> {
  const { registerAed } = await stack.data(REGISTER_AED, { input: { municipalityId, locationDescription: 'Hal', location } }, token);
  (aedsIn[municipalityId] ??= []).push(registerAed.id);
  return registerAed.id;
}

const IN_OISTERWIJK = { latitude: 51.6, longitude: 5.2 };
const IN_GRONINGEN = { latitude: 53.25, longitude: 6.55 };

beforeAll(async () => {
  stack = await startTestStack();
  org = await createOrganisation(stack);
  await registerVolunteer(stack, org.admin, registration(org.municipalityId, { name: 'Anna Oisterwijk' }));
  await registerVolunteer(
    stack,
    org.admin,
    registration(org.otherMunicipalityId, {
      name: 'Gert Groningen',
      homeAddress: { street: 'Grote Markt', houseNumber: '1', postalCode: '9711 LV', city: 'Groningen', position: IN_GRONINGEN },
    }),
  );
  for (let index = 0; index < 3; index++) await registerAed(org.municipalityId, IN_OISTERWIJK);
  for (let index = 0; index < 2; index++) await registerAed(org.otherMunicipalityId, IN_GRONINGEN);
  proxies = {
    organization: await startRecordingProxy(stack.subgraphs.organization.url),
    volunteers: await startRecordingProxy(stack.subgraphs.volunteers.url),
    aeds: await startRecordingProxy(stack.subgraphs.aeds.url),
  };
  gateway = await startGateway({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: {
      ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])),
      organization: proxies.organization.url,
      volunteers: proxies.volunteers.url,
      aeds: proxies.aeds.url,
    },
    gatewaySecret: TEST_SECRETS.gatewaySecret,
    bearer: { jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience },
    publicAggregates: { pollMs: 100, ttlMs: 60_000 },
  });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.close()));
  await stack?.close();
});

describe('identical fetches under way at once', () => {
  /** Oisterwijk's volunteers: its policy officer sees them, Groningen's gets null (FORBIDDEN on that field). */
  const VOLUNTEERS = `query ($id: ID!) { municipality(id: $id) { id volunteers { name } } }`;

  it('are merged per principal: two officers asking the same query at the same instant each get their own rows', async () => {
    const oisterwijk = await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId });
    const groningen = await stack.token({ role: Role.POLICY_OFFICER, scope: org.otherMunicipalityId });
    const before = proxies.volunteers.asking('volunteers{').length;
    const callers = [oisterwijk, groningen, oisterwijk, groningen, oisterwijk, groningen, oisterwijk, groningen];
    const answers = await Promise.all(callers.map((token) => viaProxies(VOLUNTEERS, { id: org.municipalityId }, token)));

    // Eight callers, two principals: the volunteers subgraph was asked once for each principal.
    expect(proxies.volunteers.asking('volunteers{').length - before).toBe(2);
    answers.forEach((answer, index) => {
      if (index % 2 === 0) {
        expect(answer.data!.municipality.volunteers).toEqual([{ name: 'Anna Oisterwijk' }]);
        expect(answer.errors).toBeUndefined();
      } else {
        // Never the other caller's rows: refused for this field only.
        expect(answer.data!.municipality.volunteers).toBeNull();
        expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      }
    });
  });

  it('are merged for the same principal, who gets their own copy of the answer', async () => {
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId }, 'officer-same');
    const before = proxies.volunteers.asking('volunteers{').length;
    const answers = await Promise.all([1, 2, 3, 4].map(() => viaProxies(VOLUNTEERS, { id: org.municipalityId }, officer)));
    expect(proxies.volunteers.asking('volunteers{').length - before).toBe(1);
    for (const answer of answers) expect(answer.data).toEqual(answers[0]!.data);
  });

  it('never merges a mutation: two identical mutations sent together both run', async () => {
    const before = proxies.aeds.asking('registerAed').length;
    const input = { municipalityId: org.municipalityId, locationDescription: 'Twice the same', location: IN_OISTERWIJK };
    const answers = await Promise.all([1, 2].map(() => viaProxies(REGISTER_AED, { input }, org.admin)));
    expect(proxies.aeds.asking('registerAed').length - before).toBe(2);
    const ids = answers.map((answer) => answer.data!.registerAed.id);
    expect(new Set(ids).size).toBe(2);
    aedsIn[org.municipalityId]!.push(...ids);
  });
});

describe('duplicate entity representations in one fetch', () => {
  it('are asked once, and every entity that asked gets the answer', async () => {
    const before = proxies.organization.recorded.length;
    const answer = await viaProxies(`query ($id: ID!) { municipality(id: $id) { id aeds { id municipality { id name } } } }`, { id: org.municipalityId }, org.admin);
    expect(answer.errors).toBeUndefined();
    const aeds = answer.data!.municipality.aeds as { id: string; municipality: { id: string; name: string } }[];
    expect(aeds.length).toBeGreaterThanOrEqual(5);
    expect(aeds.map((aed) => aed.id).sort()).toEqual([...aedsIn[org.municipalityId]!].sort());
    for (const aed of aeds) expect(aed.municipality).toEqual({ id: org.municipalityId, name: 'Oisterwijk' });
    // One representation reached the organization subgraph, not one per AED.
    const entityFetches = proxies.organization.recorded.slice(before).filter((request) => request.query.includes('_entities'));
    expect(entityFetches).toHaveLength(1);
    expect(entityFetches[0]!.variables.representations).toEqual([{ __typename: 'Municipality', id: org.municipalityId }]);
  });
});

describe('public aggregates', () => {
  const COUNTS = `query ($id: ID!) { municipality(id: $id) { aedCount volunteerCount } }`;
  const aedCountFetches = () => proxies.aeds.asking('aedCount').length;

  it('are kept for every caller, and a mutation through the gateway drops them before it is answered', async () => {
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId });
    const first = await viaProxies(COUNTS, { id: org.municipalityId }, org.admin);
    const before = aedCountFetches();
    // Another caller: the same public figure, from the cache.
    const again = await viaProxies(COUNTS, { id: org.municipalityId }, officer);
    expect(again.data).toEqual(first.data);
    expect(aedCountFetches()).toBe(before);

    await viaProxies(REGISTER_AED, { input: { municipalityId: org.municipalityId, locationDescription: 'Nieuw', location: IN_OISTERWIJK } }, org.admin);
    const after = await viaProxies(COUNTS, { id: org.municipalityId }, officer);
    expect(after.data!.municipality.aedCount).toBe(first.data!.municipality.aedCount + 1);
    expect(after.data!.municipality.volunteerCount).toBe(first.data!.municipality.volunteerCount);
  });

  it('are dropped when the owning subgraph changes beside this gateway (an AED registered through another)', async () => {
    const first = await viaProxies(COUNTS, { id: org.otherMunicipalityId }, org.admin);
    const kept = aedCountFetches();
    await viaProxies(COUNTS, { id: org.otherMunicipalityId }, org.admin);
    expect(aedCountFetches()).toBe(kept);
    // Through the test stack's own gateway: this one only hears of it from the aeds subgraph.
    await registerAed(org.otherMunicipalityId, IN_GRONINGEN);
    await expect
      .poll(async () => (await viaProxies(COUNTS, { id: org.otherMunicipalityId }, org.admin)).data!.municipality.aedCount, { timeout: 5_000, interval: 100 })
      .toBe(first.data!.municipality.aedCount + 1);
  });

  it('are dropped by a change written straight to the database', async () => {
    const first = await viaProxies(COUNTS, { id: org.otherMunicipalityId }, org.admin);
    const kept = aedCountFetches();
    await viaProxies(COUNTS, { id: org.otherMunicipalityId }, org.admin);
    expect(aedCountFetches()).toBe(kept);
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      await client.query(`update aeds.aed set decommissioned_at = now(), decommissioned_by = 'test', decommission_reason = 'test' where id = $1`, [
        aedsIn[org.otherMunicipalityId]![0],
      ]);
    } finally {
      await client.end();
    }
    await expect
      .poll(async () => (await viaProxies(COUNTS, { id: org.otherMunicipalityId }, org.admin)).data!.municipality.aedCount, { timeout: 5_000, interval: 100 })
      .toBe(first.data!.municipality.aedCount - 1);
  });

  it('are never kept when asked with an argument or beside fields that depend on the caller', async () => {
    const before = proxies.volunteers.recorded.length;
    const query = `query ($id: ID!) { municipality(id: $id) { volunteerCount volunteers { name } } }`;
    await viaProxies(query, { id: org.municipalityId }, org.admin);
    await viaProxies(query, { id: org.municipalityId }, org.admin);
    expect(proxies.volunteers.recorded.slice(before).filter((request) => request.query.includes('_entities'))).toHaveLength(2);
  });
});
