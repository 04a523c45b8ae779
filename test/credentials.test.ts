/**
 * Every credential expires, and none can be guessed or replayed, tried
 * through the gateway as a hostile client would: bearer tokens without `exp`
 * or too old, a WebSocket outliving its token, a gateway→subgraph principal
 * captured on the wire and replayed elsewhere or later, API client secrets
 * guessed from one address while the real client keeps working, and a
 * production service started with a weak secret.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRINCIPAL_HEADER, Role, mintBearerToken } from '../common/auth.ts';
import { projectRoot } from '../common/config.ts';
import { startGateway } from '../gateway/gateway.ts';
import { readSupergraph } from '../scripts/stack.ts';
import { createApiClient, createOrganisation, type Organisation } from './organization-fixture.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

const MAX_AGE_SECONDS = 3600;
const BEARER = { jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience };
const ACCESS = `{ myAccess { subject apiClientId } }`;
const VOLUNTEER_ID = '00000000-0000-4000-8000-0000000000c1';

let stack: TestStack;
let org: Organisation;

beforeAll(async () => {
  stack = await startTestStack({ jwtMaxAgeSeconds: MAX_AGE_SECONDS });
  org = await createOrganisation(stack);
});

afterAll(async () => {
  await stack?.close();
});

const now = () => Math.floor(Date.now() / 1000);

/** A token with exactly these claims, as a careless identity provider might mint it. */
function rawToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ sub: 'careless', iss: BEARER.issuer, aud: BEARER.audience, roles: [], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(BEARER.jwtSecret));
}

describe('bearer tokens', () => {
  it('are refused without exp, saying so', async () => {
    const response = await stack.request(ACCESS, {}, await rawToken({ iat: now() }));
    expect(response.status).toBe(401);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(response.errors?.[0].message).toMatch(/no expiry \(exp\)/);
  });

  it('are refused once older than JWT_MAX_AGE_SECONDS, whatever their exp, or once expired', async () => {
    const old = await stack.request(ACCESS, {}, await rawToken({ iat: now() - MAX_AGE_SECONDS - 60, exp: now() + 86_400 }));
    expect(old.status).toBe(401);
    expect(old.errors?.[0].message).toMatch(/issued more than 3600 s ago/);
    const expired = await stack.request(ACCESS, {}, await rawToken({ iat: now() - 120, exp: now() - 60 }));
    expect(expired.errors?.[0].message).toMatch(/has expired/);
    const fresh = await stack.data(ACCESS, {}, await rawToken({ iat: now() - 60, exp: now() + 600 }));
    expect(fresh.myAccess.subject).toBe('careless');
  });

  it('with an unknown role or a role without its scope are refused with a message that says so', async () => {
    const unknown = await stack.request(ACCESS, {}, await mintBearerToken(BEARER, 'u', [{ role: 'MAYOR' as Role, scope: 'x' }]));
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0].message).toMatch(/unknown role "MAYOR"/);
    const scopeless = await stack.request(ACCESS, {}, await mintBearerToken(BEARER, 'u', [{ role: Role.POLICY_OFFICER } as never]));
    expect(scopeless.errors?.[0].message).toMatch(/role POLICY_OFFICER has no scope/);
  });

  it('holding a role for another scope are refused with a message naming the scope needed', async () => {
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.otherMunicipalityId });
    const response = await stack.request(`mutation ($id: ID!) { updateMunicipality(id: $id, input: { population: 1 }) { id } }`, { id: org.municipalityId }, officer);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0].message).toBe(`This needs the role POLICY_OFFICER for ${org.municipalityId}; you hold it only for ${org.otherMunicipalityId}.`);
  });
});

describe('a WebSocket connection', () => {
  it('is closed with 4401 when its token expires, its subscriptions with it', async () => {
    const expiresAt = (now() + 2) * 1000;
    const token = await mintBearerToken(BEARER, `volunteer-${VOLUNTEER_ID}`, [{ role: Role.VOLUNTEER, scope: VOLUNTEER_ID }], expiresAt / 1000);
    const client = stack.wsClient(token);
    // Accepted while the token is valid.
    const accepted = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: ACCESS }, { next: resolve, error: reject, complete: () => {} });
    });
    expect(accepted).toMatchObject({ data: { myAccess: { subject: `volunteer-${VOLUNTEER_ID}` } } });
    const closed = await new Promise<{ code: number; reason: string; at: number }>((resolve, reject) => {
      client.subscribe(
        { query: `subscription ($v: ID!) { myAlerts(volunteerId: $v) { __typename } }`, variables: { v: VOLUNTEER_ID } },
        {
          next: (value) => reject(new Error(`unexpected event ${JSON.stringify(value)}`)),
          error: (event) => {
            const { code, reason } = event as CloseEvent;
            resolve({ code, reason, at: Date.now() });
          },
          complete: () => reject(new Error('completed instead of closed')),
        },
      );
    });
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/Token expired/);
    expect(closed.at).toBeGreaterThanOrEqual(expiresAt);
  });

  it('is refused with 4403 and the reason when its token has no exp', async () => {
    const client = stack.wsClient(await rawToken({ iat: now() }));
    const refused = await new Promise<{ code: number; reason: string }>((resolve) => {
      client.subscribe({ query: ACCESS }, { next: () => {}, error: (event) => resolve(event as { code: number; reason: string }), complete: () => {} });
    });
    expect(refused.code).toBe(4403);
    expect(refused.reason).toMatch(/no expiry \(exp\)/);
  });
});

/** An HTTP server in front of `target` that keeps the principal header of every request it passes on. */
async function recordingProxy(target: string): Promise<{ url: string; captured: string[]; close(): Promise<void> }> {
  const captured: string[] = [];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const principal = request.headers[PRINCIPAL_HEADER] as string;
    captured.push(principal);
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: principal },
      body: Buffer.concat(chunks),
    });
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`,
    captured,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function replay(url: string, principal: string, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: principal },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] }) };
}

describe('a gateway→subgraph principal captured on the wire', () => {
  it('is refused by every other subgraph, and by its own once its lifetime is over', async () => {
    const proxy = await recordingProxy(stack.subgraphs.organization.url);
    const gateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: { ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])), organization: proxy.url },
      gatewaySecret: TEST_SECRETS.gatewaySecret,
      bearer: BEARER,
    });
    try {
      const admin = await stack.adminToken();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: ACCESS }),
      });
      expect(((await response.json()) as any).data.myAccess.subject).toBe('admin');
      const principal = proxy.captured.at(-1)!;
      expect(principal).toBeTruthy();

      // Where it was meant to go, it works (for now).
      expect((await replay(stack.subgraphs.organization.url, principal, ACCESS)).data.myAccess.subject).toBe('admin');
      // Anywhere else it is refused, mutations included.
      for (const name of ['volunteers', 'aeds', 'incidents'] as const) {
        for (const query of [ACCESS.replace('myAccess { subject apiClientId }', '__typename'), 'mutation { __typename }']) {
          const replayed = await replay(stack.subgraphs[name].url, principal, query);
          expect(replayed.status, name).toBe(401);
          expect(replayed.errors?.[0].extensions?.code, name).toBe('UNAUTHENTICATED');
          expect(replayed.data, name).toBeUndefined();
        }
      }
      // Half a minute later it is useless even where it was meant to go.
      const { exp } = JSON.parse(Buffer.from(principal.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(exp * 1000 + 1000);
        const late = await replay(stack.subgraphs.organization.url, principal, ACCESS);
        expect(late.status).toBe(401);
        expect(late.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      } finally {
        vi.useRealTimers();
      }
    } finally {
      await gateway.close();
      await proxy.close();
    }
  });
});

/** POSTs to the gateway from the local address `from` (127.0.0.x), as a client on another machine would. */
function requestFrom(from: string, token: string): Promise<{ status: number; retryAfter?: string; body: any }> {
  const url = new URL(stack.gateway.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            retryAfter: response.headers['retry-after'] as string | undefined,
            body: JSON.parse(Buffer.concat(chunks).toString()),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ query: ACCESS }));
  });
}

describe('guessing an API client secret', () => {
  it('is answered 429 with Retry-After after a few tries, while the real client still gets in from its own address', async () => {
    const client = await createApiClient(stack, org.admin, org.partnerId);
    const guess = (index: number) => `${client.id}.${`guess${index}`.padEnd(43, 'A')}`;
    const attacker = '127.0.0.2';
    for (let index = 0; index < 5; index++) {
      const refused = await requestFrom(attacker, guess(index));
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    for (const token of [guess(5), guess(0), client.credential]) {
      // Locked out of this client: another guess, a repeated one, even the right secret from this address.
      const limited = await requestFrom(attacker, token);
      expect(limited.status).toBe(429);
      expect(Number(limited.retryAfter)).toBeGreaterThan(0);
      expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(limited.retryAfter) });
      expect(limited.body.errors[0].message).toMatch(/try again in \d+ s/);
    }

    // The real client, never seen by the gateway before, from its own address.
    const real = await requestFrom('127.0.0.1', client.credential);
    expect(real.status).toBe(200);
    expect(real.body.data.myAccess.apiClientId).toBe(client.id);
    // Once accepted it is served from the gateway's cache, even from the locked-out address.
    expect((await requestFrom(attacker, client.credential)).body.data.myAccess.apiClientId).toBe(client.id);
  });
});

describe('a production service', () => {
  const serve = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ['--import', './scripts/register.js', 'scripts/serve.ts'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: '', JWKS_URL: '', NODE_ENV: 'production', SERVICE: 'gateway', GATEWAY_PORT: '0', ...env },
      timeout: 110_000,
    });

  // One start-up (slow on a busy machine) for both secrets; common/config.spec.ts covers each defect.
  it('refuses to start with an empty or short secret, naming each', { timeout: 120_000 }, async () => {
    await expect(serve({ GATEWAY_SECRET: '', JWT_SECRET: 'k' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/GATEWAY_SECRET is empty; JWT_SECRET is 1 bytes long; it must be at least 32/),
    });
  });
});
