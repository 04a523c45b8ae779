/**
 * What an operator sees of one report: its trace through the gateway, every
 * subgraph it touches, PostgreSQL and the jobs that deliver its alerts (an
 * SMS to a local SMSC, a push to a local FCM; collected in memory, as an
 * OTLP exporter would send them), the Prometheus metrics on `/metrics`, and the
 * request id echoed to the caller.
 *
 * Tracing starts before the product's modules load (as scripts/register.js
 * does), so they are imported afterwards.
 */
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPhase, type PhaseMark } from '../common/phases.ts';
import { SERVICE_ATTRIBUTE, startTelemetry, stopTelemetry } from '../common/telemetry.ts';
import { FakeFcm } from '../subgraphs/incidents/channels/fake-fcm.ts';
import { FakeSmsc } from '../subgraphs/incidents/channels/fake-smsc.ts';
import type { World } from './incidents-world.ts';
import { ReportIncidentDispatchedDocument, SetDispatchPolicyVersionDocument } from './operations/generated.ts';
import { sourceOf } from './operations/source.ts';
import type { TestStack } from './stack.ts';

const exporter = new InMemorySpanExporter();
await startTelemetry({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const { startTestStack } = await import('./stack.ts');
const { buildWorld, pause, reportInput } = await import('./incidents-world.ts');

const SMPP_VARIABLES = ['SMPP_HOST', 'SMPP_PORT', 'SMPP_SYSTEM_ID', 'SMPP_PASSWORD', 'SMS_SENDER'];

let smsc: FakeSmsc;
let fcm: FakeFcm;
let stack: TestStack;
let world: World;

beforeAll(async () => {
  smsc = new FakeSmsc();
  // Anna is alerted by SMS too, as in test/incidents-sms.test.ts; this test file runs in a process of its own.
  Object.assign(process.env, {
    SMPP_HOST: '127.0.0.1',
    SMPP_PORT: String(await smsc.listen()),
    SMPP_SYSTEM_ID: 'heartsafe',
    SMPP_PASSWORD: smsc.password,
    SMS_SENDER: '+3197010203040',
  });
  fcm = await FakeFcm.start();
  stack = await startTestStack({ config: { push: { apns: undefined, fcm: fcm.settings, webPush: undefined, timeoutMs: 5_000 } } });
  world = await buildWorld(stack, {
    patient: { lat: 51.58, lon: 5.19 },
    volunteers: [
      { name: 'Anna', north: 100, east: 0, phone: '+31612345678' },
      { name: 'Bram', north: 120, east: 0 },
    ],
    aeds: [{ name: 'A1', north: 150, east: 0 }],
  });
  // Bram's app is alerted by a push through FCM.
  await stack.data(
    `mutation ($input: RegisterDeviceInput!) { registerMyDevice(input: $input) { id } }`,
    { input: { platform: 'ANDROID', token: `bram0000000:APA91b${'b'.repeat(134)}`, appVersion: '4.2.0', language: 'nl' } },
    world.volunteers.Bram!.token,
  );
  // Anna and Bram are alerted by every report of this file: keep them alertable while their earlier alerts stand unanswered.
  await stack.data(SetDispatchPolicyVersionDocument, { input: { securityRegionId: world.regionId, dispatch: { busyPendingSeconds: 0 } } }, await stack.adminToken());
});

afterAll(async () => {
  await stack?.close();
  await smsc?.close();
  await fcm?.close();
  await stopTelemetry();
  for (const name of SMPP_VARIABLES) delete process.env[name];
});

/** POSTs a report to the gateway with the given extra headers. */
async function report(headers: Record<string, string> = {}) {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.dispatcherToken}`, ...headers },
    body: JSON.stringify({ query: sourceOf(ReportIncidentDispatchedDocument), variables: { input: reportInput(world) } }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { response, incident: body.data.reportIncident };
}

/** Parses Prometheus text exposition; fails on any line that is not a comment, a sample or blank (Prometheus reads NaN in any case). */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+-]+|[Nn]a[Nn]|[+-]Inf)$/);
    expect(match, `not Prometheus text: ${line}`).toBeTruthy();
    samples.set(match![1]!, Number(match![2]));
  }
  return samples;
}

describe('tracing', () => {
  it('follows one reportIncident through the gateway, incidents, organization, volunteers, aeds, PostgreSQL and the push and SMS jobs in one trace', async () => {
    exporter.reset();
    // The caller's own span (a dispatch centre's system that traces too) is the root of the trace.
    const { traceId, incident } = await trace.getTracer('dispatch-centre').startActiveSpan('report', async (span) => {
      const { incident } = await report();
      span.end();
      return { traceId: span.spanContext().traceId, incident };
    });
    expect(incident.alerts).toHaveLength(2);
    // The alerts' push and SMS are sent by jobs after the report has been answered: their spans end the trace.
    const traced = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const jobsDone = () => ['job incidents.send-sms', 'job incidents.send-push'].every((name) => traced().some((span) => span.name === name));
    for (let waited = 0; !jobsDone() && waited < 10_000; waited += 50) await pause(50);
    await pause(300);
    const spans = traced();
    const smsJob = spans.find((span) => span.name === 'job incidents.send-sms');
    expect(smsJob, 'the SMS job runs in the report’s trace').toBeDefined();
    expect(smsJob!.attributes[SERVICE_ATTRIBUTE]).toBe('incidents');
    expect(smsc.submits.some((pdu) => pdu.destination_addr === '31612345678')).toBe(true);
    // The job's own queries are its children, so its work shows under it.
    const jobId = smsJob!.spanContext().spanId;
    expect(spans.some((span) => span.parentSpanContext?.spanId === jobId)).toBe(true);
    // The push job's request to FCM is its child too.
    const pushJob = spans.find((span) => span.name === 'job incidents.send-push');
    expect(pushJob, 'the push job runs in the report’s trace').toBeDefined();
    expect(fcm.received.length).toBeGreaterThan(0);
    const pushCalls = spans.filter((span) => span.parentSpanContext?.spanId === pushJob!.spanContext().spanId);
    expect(pushCalls.some((span) => String(span.attributes['url.full']).endsWith('/messages:send'))).toBe(true);
    const services = new Set(spans.map((span) => span.attributes[SERVICE_ATTRIBUTE]).filter(Boolean));
    expect([...services].sort()).toEqual(['aeds', 'gateway', 'incidents', 'organization', 'volunteers']);
    const queries = spans.filter((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql');
    expect(queries.length).toBeGreaterThan(0);
    // Bound parameters (positions, addresses) never go into spans.
    expect(JSON.stringify(queries.map((span) => span.attributes))).not.toContain('Dorpsstraat');
  });
});

describe('phase marks', () => {
  it('name a report’s phases in order, keyed by its incident, on the diagnostics channel and as events of its spans', async () => {
    exporter.reset();
    const marks: PhaseMark[] = [];
    const stop = onPhase((mark) => marks.push(mark));
    let incident: { id: string; alerts: unknown[] };
    try {
      ({ incident } = await report());
    } finally {
      stop();
    }
    const own = marks.filter((mark) => mark.key === incident.id).map((mark) => mark.phase);
    // A report with alerts is written in one statement: sent at report.transaction, committed at report.committed.
    const order = ['report.received', 'report.located', 'report.planned', 'report.transaction', 'report.committed'];
    expect(own.filter((phase) => order.includes(phase))).toEqual(order);
    expect(own).toEqual(expect.arrayContaining(['reach.candidates', 'reach.aeds', 'reach.busy']));
    // The gateway and the peers mark their part, before the report is planned.
    const plannedAt = marks.find((mark) => mark.phase === 'report.planned')!.at;
    for (const phase of ['gateway.request', 'candidates.searched', 'aeds.searched', 'locate.found']) {
      expect(marks.find((mark) => mark.phase === phase)?.at, phase).toBeLessThan(plannedAt);
    }
    // Ids and counts only: nothing of the report itself.
    expect(JSON.stringify(marks)).not.toContain('Dorpsstraat');
    // With tracing on, the same phases are events of the report's spans.
    const events = exporter.getFinishedSpans().flatMap((span) => span.events.map((event) => event.name));
    expect(events).toEqual(expect.arrayContaining(['report.received', 'report.committed']));
  });
});

describe('/metrics', () => {
  it('is Prometheus text on every service, and its report→alert histogram counts a dispatch', async () => {
    const metricsOf = async (url: string) => {
      const response = await fetch(url.replace(/\/graphql$/, '/metrics'));
      expect(response.headers.get('content-type')).toContain('text/plain');
      return parsePrometheus(await response.text());
    };
    const before = await metricsOf(stack.subgraphs.incidents.url);
    await report();
    const after = await metricsOf(stack.subgraphs.incidents.url);
    const count = '_count{dispatch="immediate"}';
    expect(after.get(`heartsafe_report_to_alert_seconds${count}`)).toBe((before.get(`heartsafe_report_to_alert_seconds${count}`) ?? 0) + 1);
    expect(after.get('heartsafe_alerts_total{channel="app",state="created"}')).toBeGreaterThan(before.get('heartsafe_alerts_total{channel="app",state="created"}') ?? 0);
    expect(after.has('heartsafe_db_pool_connections{service="incidents",state="total"}')).toBe(true);
    expect(after.has('heartsafe_job_queue_depth{queue="incidents_jobs"}')).toBe(true);
    for (const url of [stack.gateway.url, ...Object.values(stack.subgraphs).map((subgraph) => subgraph.url)]) {
      expect((await metricsOf(url)).size, url).toBeGreaterThan(0);
    }
  });

  it('counts GraphQL errors by code', async () => {
    const key = 'heartsafe_graphql_errors_total{service="gateway",code="GRAPHQL_VALIDATION_FAILED"}';
    const before = parsePrometheus(await (await fetch(stack.gateway.url.replace(/\/graphql$/, '/metrics'))).text()).get(key) ?? 0;
    await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ noSuchField }"}' });
    const after = parsePrometheus(await (await fetch(stack.gateway.url.replace(/\/graphql$/, '/metrics'))).text()).get(key) ?? 0;
    expect(after).toBe(before + 1);
  });
});

describe('request id', () => {
  it('echoes the caller’s x-request-id, makes one when none or an unusable one is given', async () => {
    expect((await report({ 'x-request-id': 'cad-7f3a.1' })).response.headers.get('x-request-id')).toBe('cad-7f3a.1');
    expect((await report()).response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const forged = (await report({ 'x-request-id': 'a"b' })).response.headers.get('x-request-id');
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
  });
});
