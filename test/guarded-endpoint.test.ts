/**
 * The endpoint as a hostile client meets it (issue 15), with the gateway in
 * production settings: per-caller budgets (429 with Retry-After) that never
 * touch a dispatcher, the cost limit, no introspection or GraphiQL, and
 * outages named SERVICE_UNAVAILABLE (503 with Retry-After).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintBearerToken, Role, type Grant } from '../common/auth.ts';
import { DEFAULT_LOCKOUT_LIMITS } from '../gateway/api-client-lockout.ts';
import { DEFAULT_BUDGETS } from '../gateway/budgets.ts';
import { buildWorld, reportInput, type World, type WorldApi } from './incidents-world.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

/** Production refuses secrets shorter than 32 bytes. */
const SECRETS = { jwtSecret: `jwt-${randomBytes(24).toString('hex')}`, gatewaySecret: `gateway-${randomBytes(24).toString('hex')}` };
const bearer = { jwtSecret: SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience };
/** Small enough that a test runs out of it in a few requests. */
const ANONYMOUS_BUDGET = { capacity: 2_000, perSecond: 20 };

/** One municipality's hourly counts: 1 + (400 + 168) + (150 + 168) = 887 by gateway/cost.ts. */
const HOURLY_COUNTS = `query ($id: ID!) {
  municipality(id: $id) { alertableVolunteerCountsByHour { hourOfWeek count } dispatchableAedCountsByHour { hourOfWeek count } }
}`;
/** The query of issue 15: twenty aliases of every municipality's hourly counts. */
const FLOOD = `{ ${Array.from({ length: 20 }, (_, index) => `m${index}: municipalities { alertableVolunteerCountsByHour { hourOfWeek count } dispatchableAedCountsByHour { hourOfWeek count } }`).join(' ')} }`;
const REPORT = `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id status alerts { id } } }`;

let stack: TestStack;
let world: World;

const mint = (grants: Grant[] | Grant, subject = `user-${randomBytes(4).toString('hex')}`) => mintBearerToken(bearer, subject, Array.isArray(grants) ? grants : [grants]);

/** POSTs to the gateway and keeps the status and headers. */
async function post(query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ...body };
}

beforeAll(async () => {
  stack = await startTestStack({
    ...SECRETS,
    development: false,
    budgets: { ...DEFAULT_BUDGETS, anonymous: ANONYMOUS_BUDGET },
  });
  const api: WorldApi = { data: stack.data, token: mint, adminToken: () => mint({ role: Role.ADMIN }, 'admin') };
  world = await buildWorld(api, {
    patient: { lat: 51.5606, lon: 5.1923 },
    volunteers: [
      { name: 'Anna', north: 0, east: -100 },
      { name: 'Bram', north: 300, east: 0 },
    ],
    aeds: [{ name: 'A1', north: 150, east: 0 }],
  });
});

afterAll(async () => {
  await stack?.close();
});

describe('production defaults', () => {
  it('answers no introspection and serves no GraphiQL', async () => {
    const introspection = await post(`{ __schema { queryType { name } } }`);
    expect(introspection.status).toBe(400);
    expect(introspection.data).toBeUndefined();
    expect(introspection.errors?.[0]?.message).toMatch(/introspection is not allowed/);
    const page = await fetch(stack.gateway.url.replace(/\/graphql$/, '/graphiql'), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    const browser = await fetch(stack.gateway.url, { headers: { accept: 'text/html' } });
    expect(await browser.text()).not.toContain('graphiql');
  });
});

describe('cost limit', () => {
  it('refuses the query of issue 15 with QUERY_TOO_COMPLEX before anything runs', async () => {
    const coordinator = await mint({ role: Role.POLICY_OFFICER, scope: world.municipalityId });
    const refused = await post(FLOOD, {}, `Bearer ${coordinator}`);
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.errors?.[0]?.message).toMatch(/would cost about \d+ \(the limit is 50000\)/);
    // A list bounded by a variable is priced with its value.
    const dispatcher = `Bearer ${world.dispatcherToken}`;
    const huge = await post(`query ($n: Int!) { incidents(first: $n) { id alerts { id } } }`, { n: 1_000_000 }, dispatcher);
    expect(huge.status).toBe(400);
    expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 50_000 });
    expect((await post(`query ($n: Int!) { incidents(first: $n) { id } }`, { n: 5 }, dispatcher)).status).toBe(200);
    // One municipality's counts are a fair question.
    const one = await post(HOURLY_COUNTS, { id: world.municipalityId }, `Bearer ${coordinator}`);
    expect(one.errors).toBeUndefined();
    expect(one.data.municipality.alertableVolunteerCountsByHour).toHaveLength(168);
  });
});

describe('budgets', () => {
  it('answers a flood from one anonymous address with 429 and Retry-After while a dispatcher still reports', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(HOURLY_COUNTS, { id: world.municipalityId })));
    // 2,000 in the bucket pays for two queries of 887; the rest wait.
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited).toHaveLength(4);
    for (const answer of limited) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(answer.retryAfter) });
      expect(answer.errors?.[0]?.message).toMatch(/retry after \d+ s/);
    }
    // Over WebSocket, from the same address, it waits too.
    const refused = await new Promise<any[]>((resolve) => {
      stack
        .wsClient()
        .subscribe({ query: HOURLY_COUNTS, variables: { id: world.municipalityId } }, { next: () => resolve([]), error: (errors) => resolve(errors as any[]), complete: () => {} });
    });
    expect(refused[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    // The dispatcher pays from a bucket of their own: the report goes through at once.
    const report = await post(REPORT, { input: reportInput(world) }, `Bearer ${world.dispatcherToken}`);
    expect(report.status).toBe(200);
    expect(report.errors).toBeUndefined();
    expect(report.data.reportIncident.alerts.length).toBeGreaterThan(0);
    // A signed-in person is not held back by the anonymous flood either.
    const coordinator = await mint({ role: Role.POLICY_OFFICER, scope: world.municipalityId });
    expect((await post(HOURLY_COUNTS, { id: world.municipalityId }, `Bearer ${coordinator}`)).status).toBe(200);
  });

  it('stops checking guessed API client secrets from an address after a few failures, never a dispatcher’s token from it', async () => {
    const guess = () => `Bearer ${randomUUID()}.${randomBytes(32).toString('base64url')}`;
    for (let attempt = 0; attempt < DEFAULT_LOCKOUT_LIMITS.perIp; attempt++) {
      const refused = await post(`{ __typename }`, {}, guess());
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const limited = await post(`{ __typename }`, {}, guess());
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.message).toMatch(/failed API client sign-ins/);

    const report = await post(REPORT, { input: reportInput(world) }, `Bearer ${world.dispatcherToken}`);
    expect(report.errors).toBeUndefined();
    expect(report.data.reportIncident.id).toBeTruthy();
  });
});

describe('outages', () => {
  it('names a subgraph that is down SERVICE_UNAVAILABLE with 503 and Retry-After; a report still stores and dispatches later', async () => {
    await stack.subgraphs.aeds.close();
    const down = await post(`query ($id: ID!) { aed(id: $id) { id } }`, { id: world.aeds.A1 });
    expect(down.status).toBe(503);
    expect(Number(down.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(down.data ?? null).toBeNull();
    expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.errors?.[0]?.message).toMatch(/aeds service cannot be reached.*retry/);

    // The incidents subgraph keeps the report and dispatches it once the AEDs answer again.
    const report = await post(REPORT, { input: reportInput(world) }, `Bearer ${world.dispatcherToken}`);
    expect(report.status).toBe(200);
    expect(report.data.reportIncident.id).toBeTruthy();

    // Without the organization subgraph nobody can say where the patient lies: retry, same reference.
    await stack.subgraphs.organization.close();
    const input = reportInput(world);
    const refused = await post(REPORT, { input }, `Bearer ${world.dispatcherToken}`);
    expect(refused.status).toBe(503);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
