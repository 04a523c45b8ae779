/**
 * Benchmark (not a test): the delivery ladder's timing, on a world of its own
 * (issue 14). Every alerted volunteer has an Android device, reached through a
 * local FCM HTTP v1 server (channels/fake-fcm.ts), and a phone number, reached
 * through a local SMSC (channels/fake-smsc.ts).
 *
 * - push: from sending `reportIncident` to the gateway until the push request
 *   for each alerted volunteer arrives at the local FCM (goal p50 ≤ 60 ms,
 *   p99 ≤ 200 ms);
 * - SMS fallback lateness: no app confirms, so every alert's SMS goes out after
 *   the policy's `smsFallbackSeconds`; how long after that (from sending the
 *   report) its submit_sm arrives at the SMSC (goal: within 1 s).
 *
 *   node --import ./scripts/register.js bench/push-delivery.bench.ts [--volunteers 40] [--rounds 10] [--fallback-seconds 2]
 *
 * DATABASE_URL names a PostgreSQL server to use instead of an embedded one.
 */
import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import smpp from 'smpp';
import { mintBearerToken, Role, type Grant } from '../common/auth.ts';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../common/database.ts';
import { startStack } from '../scripts/stack.ts';
import { FakeFcm } from '../subgraphs/incidents/channels/fake-fcm.ts';
import { FakeSmsc } from '../subgraphs/incidents/channels/fake-smsc.ts';
import { buildWorld, type VolunteerSpec } from '../test/incidents-world.ts';
import { summarise, table, type BenchResult } from './stats.ts';
import { runScript } from './script.ts';

const BEARER = { jwtSecret: 'bench-jwt-secret', issuer: 'heartsafe', audience: 'heartsafe-api' };
const GATEWAY_SECRET = 'bench-gateway-secret';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** `count` volunteers on rings around the patient, each with a phone number, within the alert radius. */
function volunteersAround(count: number): VolunteerSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const angle = (index / count) * 2 * Math.PI;
    const distance = 100 + (index % 8) * 100;
    return { name: `V${index}`, north: Math.round(distance * Math.cos(angle)), east: Math.round(distance * Math.sin(angle)), phone: `+316${String(10_000_000 + index).slice(-8)}` };
  });
}

/** An FCM registration token of the shape Firebase gives out. */
const fcmToken = (index: number) => `dev${String(index).padStart(8, '0')}:APA91b${randomBytes(101).toString('base64url')}`;

async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const rounds = Number(argument('rounds') ?? 10);
  const volunteers = Number(argument('volunteers') ?? 40);
  const fallbackSeconds = Number(argument('fallback-seconds') ?? 2);
  let serverUrl = process.env.DATABASE_URL;
  let stopPostgres = async () => {};
  if (!serverUrl) {
    const dir = `/tmp/heartsafe-bench-${randomBytes(4).toString('hex')}`;
    const embedded = await startEmbeddedPostgres({ dataDir: dir });
    serverUrl = embedded.serverUrl;
    stopPostgres = async () => {
      await embedded.stop();
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const database = `heartsafe_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await ensureDatabase(serverUrl, database);

  // Arrival times at the local services, stamped as each request arrives.
  const pushArrivals = new Map<string, number>();
  const smsArrivals = new Map<string, number>();
  const fcm = await FakeFcm.start();
  const received = fcm.received.push.bind(fcm.received);
  fcm.received.push = (...items) => {
    for (const item of items) pushArrivals.set(item.message.data.alertId!, performance.now());
    return received(...items);
  };
  const smsc = new FakeSmsc();
  smsc.receiptFor = () => null;
  const alertOfPhone = new Map<string, string>();
  smsc.onSubmit = (pdu) => {
    const alertId = alertOfPhone.get(String(pdu.destination_addr));
    if (alertId) smsArrivals.set(alertId, performance.now());
    return smpp.ESME_ROK;
  };
  const smscPort = await smsc.listen();
  const stack = await startStack({
    databaseUrl,
    gatewaySecret: GATEWAY_SECRET,
    jwtSecret: BEARER.jwtSecret,
    jwtIssuer: BEARER.issuer,
    jwtAudience: BEARER.audience,
    config: {
      smpp: { host: '127.0.0.1', port: smscPort, tls: false, systemId: 'heartsafe', password: smsc.password, systemType: undefined, sender: '+3197010203040', validityMinutes: 15 },
      push: { apns: undefined, webPush: undefined, fcm: { serviceAccount: fcm.serviceAccount, projectId: fcm.serviceAccount.project_id, baseUrl: fcm.url }, timeoutMs: 5_000 },
    },
  });
  try {
    const gatewayUrl = stack.gateway.url;
    const admin = await mintBearerToken(BEARER, 'bench-admin', [{ role: Role.ADMIN }]);
    const api = {
      data: (query: string, variables: Record<string, unknown> = {}, token?: string) => post(gatewayUrl, token!, query, variables),
      token: (grants: Grant[] | Grant, subject = 'bench') => mintBearerToken(BEARER, subject, Array.isArray(grants) ? grants : [grants]),
      adminToken: async () => admin,
    };
    const patient = { lat: 51.5606, lon: 5.1923 };
    const specs = volunteersAround(volunteers);
    const world = await buildWorld(api, { patient, volunteers: specs, aeds: [] });
    await api.data(
      `mutation ($input: SetDispatchPolicyInput!) { setDispatchPolicy(input: $input) { version } }`,
      { input: { securityRegionId: world.regionId, dispatch: { smsFallbackSeconds: fallbackSeconds, aedShare: 0, enoughAcceptances: 30 } } },
      admin,
    );
    const phoneOf = new Map(specs.map((spec) => [world.volunteers[spec.name]!.id, spec.phone!.slice(1)]));
    for (const [index, volunteer] of Object.values(world.volunteers).entries()) {
      await api.data(
        `mutation ($input: RegisterDeviceInput!) { registerMyDevice(input: $input) { id } }`,
        { input: { platform: 'ANDROID', token: fcmToken(index), appVersion: '4.2.0', language: 'nl' } },
        volunteer.token,
      );
    }

    const pushLatencies: number[] = [];
    const lateness: number[] = [];
    const answers: number[] = [];
    let missing = 0;
    for (let round = 0; round < rounds + 1; round++) {
      pushArrivals.clear();
      smsArrivals.clear();
      alertOfPhone.clear();
      const sentAt = performance.now();
      const { reportIncident } = await api.data(
        `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id alerts { id volunteer { id } } } }`,
        {
          input: {
            dispatchReference: `BENCH-${randomBytes(4).toString('hex')}`,
            location: { latitude: patient.lat, longitude: patient.lon },
            address: 'Dorpsstraat 12, Oisterwijk',
            callReceivedAt: new Date().toISOString(),
          },
        },
        world.dispatcherToken,
      );
      if (round > 0) answers.push(performance.now() - sentAt);
      const alerts = reportIncident.alerts as { id: string; volunteer: { id: string } }[];
      for (const alert of alerts) alertOfPhone.set(phoneOf.get(alert.volunteer.id)!, alert.id);
      // Every SMS fallback has had its time, and a little more.
      const deadline = performance.now() + fallbackSeconds * 1000 + 5_000;
      while (smsArrivals.size < alerts.length && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // The first round warms connections, the OAuth2 token and the JIT: not measured.
      if (round > 0) {
        for (const alert of alerts) {
          const pushed = pushArrivals.get(alert.id);
          const texted = smsArrivals.get(alert.id);
          if (pushed === undefined || texted === undefined) missing += 1;
          if (pushed !== undefined) pushLatencies.push(pushed - sentAt);
          if (texted !== undefined) lateness.push(texted - sentAt - fallbackSeconds * 1000);
        }
        console.log(`round ${round}: ${alerts.length} alerted`);
      }
      await api.data(`mutation ($i: ID!) { cancelIncident(incidentId: $i, reason: "benchmark") { status } }`, { i: reportIncident.id }, world.dispatcherToken);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const setup = `self-seeded world, ${volunteers} volunteers with an Android device each, one process`;
    const rows: BenchResult[] = [
      { name: 'reportIncident → push request at FCM, each alerted volunteer', setup, ...summarise(pushLatencies), extra: { rounds, missing }, target: 'p50 ≤ 60, p99 ≤ 200' },
      { name: 'reportIncident answered (for comparison)', setup, ...summarise(answers) },
      { name: `SMS fallback lateness after ${fallbackSeconds} s (no app confirmed)`, setup, ...summarise(lateness), target: '≤ 1000' },
    ];
    console.log(table(rows));
  } finally {
    await stack.close();
    await Promise.all([fcm.close(), smsc.close()]);
    await dropDatabase(serverUrl, database);
    await stopPostgres();
  }
}

runScript(main);
