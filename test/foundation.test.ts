/**
 * The foundation, end to end through the gateway: data from all four
 * subgraphs in one query, a subscription whose payload carries another
 * subgraph's field, subgraphs refusing requests that bypass the gateway, and
 * clear errors for bad requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import os from 'node:os';
import { Role } from '../common/auth.ts';
import { sharedBuffersFor } from '../common/database.ts';
import { startGateway } from '../gateway/gateway.ts';
import { DEFAULT_LIMITS } from '../gateway/limits.ts';
import { readSupergraph } from '../scripts/stack.ts';
import { collect, startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';
import { registerVolunteer, registration } from './volunteers-fixture.ts';

let stack: TestStack;
let admin: string;
let municipalityId: string;
let volunteerId: string;
let aedId: string;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.adminToken();
  ({
    createMunicipality: { id: municipalityId },
  } = await stack.data(`mutation { createMunicipality(input: { name: "Oisterwijk", code: "GM0824", population: 26000 }) { id } }`, {}, admin));
  volunteerId = await registerVolunteer(stack, admin, registration(municipalityId, { name: 'Anna de Vries' }));
  ({
    registerAed: { id: aedId },
  } = await stack.data(
    `mutation ($m: ID!) { registerAed(input: { municipalityId: $m, location: { latitude: 51.58, longitude: 5.19 }, locationDescription: "Sports hall entrance" }) { id } }`,
    { m: municipalityId },
    admin,
  ));
});

afterAll(async () => {
  await stack?.close();
});

describe('one endpoint', () => {
  it('answers one query with data from all four subgraphs', async () => {
    await stack.data(`mutation ($v: ID!, $a: ID) { sendTestAlert(volunteerId: $v, aedId: $a) { cursor } }`, { v: volunteerId, a: aedId }, admin);
    const volunteerToken = await stack.token({ role: Role.VOLUNTEER, scope: volunteerId });
    const data = await stack.data(
      `query ($id: ID!) {
        volunteer(id: $id) {
          name
          municipality { name code volunteerCount aedCount }
        }
      }`,
      { id: volunteerId },
      volunteerToken,
    );
    expect(data.volunteer).toEqual({
      name: 'Anna de Vries',
      municipality: { name: 'Oisterwijk', code: 'GM0824', volunteerCount: 1, aedCount: 1 },
    });
    const alerts = await stack.data(
      `mutation ($v: ID!, $a: ID) { sendTestAlert(volunteerId: $v, aedId: $a) { alert { kind volunteer { name } aed { locationDescription municipality { name } } } } }`,
      { v: volunteerId, a: aedId },
      admin,
    );
    // incidents → volunteers (name) and aeds → organization (municipality name)
    expect(alerts.sendTestAlert.alert).toEqual({
      kind: 'TEST',
      volunteer: { name: 'Anna de Vries' },
      aed: { locationDescription: 'Sports hall entrance', municipality: { name: 'Oisterwijk' } },
    });
  });

  it('delivers a subscription event through the gateway carrying fields of other subgraphs', async () => {
    const volunteerToken = await stack.token({ role: Role.VOLUNTEER, scope: volunteerId });
    const { sendTestAlert: earlier } = await stack.data(`mutation ($v: ID!) { sendTestAlert(volunteerId: $v) { cursor } }`, { v: volunteerId }, admin);
    const client = stack.wsClient(volunteerToken);
    // Resuming after the last cursor seen: whenever the subscription starts, the next alert is delivered.
    const subscription = collect(
      client,
      `subscription ($v: ID!, $after: String) { myAlerts(volunteerId: $v, after: $after) { alert { kind aed { id location { latitude longitude } locationDescription } } } }`,
      { v: volunteerId, after: earlier.cursor },
      1,
    );
    await stack.data(`mutation ($v: ID!, $a: ID) { sendTestAlert(volunteerId: $v, aedId: $a) { cursor } }`, { v: volunteerId, a: aedId }, admin);
    const [event] = await subscription.done;
    expect(event.myAlerts.alert).toEqual({
      kind: 'TEST',
      aed: { id: aedId, location: { latitude: 51.58, longitude: 5.19 }, locationDescription: 'Sports hall entrance' },
    });
  });

  it('refuses a test alert naming an AED that does not exist, and sends nothing', async () => {
    const before = await stack.data(`mutation ($v: ID!) { sendTestAlert(volunteerId: $v) { cursor } }`, { v: volunteerId }, admin);
    const response = await stack.request(
      `mutation ($v: ID!, $a: ID) { sendTestAlert(volunteerId: $v, aedId: $a) { cursor } }`,
      { v: volunteerId, a: '00000000-0000-4000-8000-00000000aed0' },
      admin,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const after = await stack.data(`mutation ($v: ID!) { sendTestAlert(volunteerId: $v) { cursor } }`, { v: volunteerId }, admin);
    // The refused alert took no place in the feed: the next one follows straight on.
    expect(BigInt(after.sendTestAlert.cursor) - BigInt(before.sendTestAlert.cursor)).toBe(1n);
  });

  it('refuses another volunteer subscribing to someone else’s alerts', async () => {
    const otherToken = await stack.token({ role: Role.VOLUNTEER, scope: '00000000-0000-4000-8000-000000000001' });
    const client = stack.wsClient(otherToken);
    const subscription = collect(client, `subscription ($v: ID!) { myAlerts(volunteerId: $v) { cursor } }`, { v: volunteerId }, 1, 3000);
    await expect(subscription.done).rejects.toThrow();
    expect(JSON.stringify(subscription.errors)).toContain('FORBIDDEN');
  });
});

describe('requests that bypass the gateway', () => {
  it.each(['organization', 'volunteers', 'aeds', 'incidents'] as const)('%s refuses a request without the gateway signature', async (name) => {
    const response = await fetch(stack.subgraphs[name].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged principal header', async () => {
    const response = await fetch(stack.subgraphs.volunteers.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-heartsafe-principal': 'eyJhbGciOiJIUzI1NiJ9.e30.forged' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('bad requests', () => {
  it('rejects a malformed query with GRAPHQL_PARSE_FAILED and status 400', async () => {
    const response = await stack.request('{ municipalities { ');
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('rejects an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await stack.request('{ municipalities { nonsense } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects an invalid token with UNAUTHENTICATED and status 401', async () => {
    const response = await stack.request('{ municipalities { id } }', {}, 'not-a-jwt');
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('asks for a token when a mutation needs one', async () => {
    const response = await stack.request(`mutation { createMunicipality(input: { name: "X", code: "GM9999" }) { id } }`);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const check = await stack.data(`{ municipalities { code } }`);
    expect(check.municipalities.map((m: { code: string }) => m.code)).not.toContain('GM9999');
  });

  it('rejects an over-deep query with QUERY_TOO_COMPLEX, over HTTP and WebSocket', async () => {
    // The schema is still shallow, so this gateway gets a depth limit of 2 to prove the rule.
    const strict = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])),
      gatewaySecret: TEST_SECRETS.gatewaySecret,
      bearer: { jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience },
      limits: { ...DEFAULT_LIMITS, maxDepth: 2 },
    });
    try {
      const deep = `{ aed(id: "${aedId}") { municipality { name } } }`;
      const response = await fetch(strict.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: deep }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
      const client = createClient({ url: strict.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
      const subscription = collect(client, `subscription ($v: ID!) { myAlerts(volunteerId: $v) { alert { aed { municipality { name } } } } }`, { v: volunteerId }, 1, 3000);
      await expect(subscription.done).rejects.toBeTruthy();
      expect(JSON.stringify(subscription.errors)).toContain('QUERY_TOO_COMPLEX');
      await client.dispose();
    } finally {
      await strict.close();
    }
  });

  it('rejects a query with too many tokens with QUERY_TOO_COMPLEX', async () => {
    const fields = Array.from({ length: 4000 }, () => 'id').join(' ');
    const response = await stack.request(`{ municipalities { ${fields} } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('rejects too many aliases with QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `m${i}: municipalities { id }`).join(' ');
    const response = await stack.request(`{ ${aliases} }`);
    expect(response.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('rejects an oversized body with a GraphQL-shaped error', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ municipalities { id } } #${'x'.repeat(3 * 1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('rejects a malformed custom scalar with BAD_USER_INPUT, as a variable or inline', async () => {
    const asVariable = await stack.request(`query ($at: DateTimeISO) { nearestDispatchableAeds(location: { latitude: 51.58, longitude: 5.19 }, at: $at) { distanceMeters } }`, {
      at: 'next tuesday',
    });
    expect(asVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(asVariable.errors)).not.toMatch(/127\.0\.0\.1|http:/);
    const inline = await stack.request(`{ nearestDispatchableAeds(location: { latitude: 51.58, longitude: 5.19 }, at: "next tuesday") { distanceMeters } }`);
    expect(inline.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps serving after all of that', async () => {
    const response = await stack.request('{ municipalities { name } }');
    expect(response.errors).toBeUndefined();
  });
});

describe('operations', () => {
  it('answers /healthz and /readyz on every service', async () => {
    const urls = [stack.gateway.url, ...Object.values(stack.subgraphs).map((subgraph) => subgraph.url)];
    for (const url of urls) {
      for (const path of ['/healthz', '/readyz']) {
        const response = await fetch(url.replace(/\/graphql$/, path));
        expect(response.status, `${url} ${path}`).toBe(200);
      }
    }
  });

  it.skipIf(process.env.DATABASE_URL)('runs the embedded PostgreSQL with a page cache sized to the machine', async () => {
    const [{ megabytes }] = await stack.subgraphs.incidents.orm.em
      .fork()
      .execute<{ megabytes: number }[]>(`select (setting::bigint * current_setting('block_size')::int / 1048576)::int as megabytes from pg_settings where name = 'shared_buffers'`);
    expect(`${megabytes}MB`).toBe(sharedBuffersFor(os.totalmem()));
  });

  it('serves an offline GraphiQL page and its scripts', async () => {
    const page = await fetch(stack.gateway.url.replace(/\/graphql$/, '/'), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/graphiql/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    const script = await fetch(stack.gateway.url.replace(/\/graphql$/, '/graphiql/graphiql.js'));
    expect(script.status).toBe(200);
  });
});
