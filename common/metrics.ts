/**
 * Prometheus metrics, served on `/metrics` by every service (prom-client's
 * text format). One registry per process: under `npm start`, where all
 * services share a process, every port shows the same numbers; deployed one
 * service per process, each shows its own. What each metric means is in
 * docs/operations.md.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric of this process. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'heartsafe_' });

/** Seconds from a report reaching the incidents subgraph to its alerts being committed (and so published). */
export const reportToAlertSeconds = new Histogram({
  name: 'heartsafe_report_to_alert_seconds',
  help: 'Seconds from an incident report to its alerts being committed; dispatch="immediate" when dispatched within the report, "delayed" when a job dispatched it after a peer failed.',
  labelNames: ['dispatch'] as const,
  buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [registry],
});

/** Records a dispatch committed `seconds` after its report, with `alerts` alerts. */
export function observeDispatch(dispatch: 'immediate' | 'delayed', seconds: number, alerts: number): void {
  reportToAlertSeconds.observe({ dispatch }, seconds);
  alertsTotal.inc({ channel: 'app', state: 'created' }, alerts);
}

/** Alerts by channel (app, sms, …) and what became of them on it (created, sent, failed). */
export const alertsTotal = new Counter({
  name: 'heartsafe_alerts_total',
  help: 'Alerts by channel and state: channel="app" state="created" when an alert is committed, channel="sms" state="sent"/"failed" per SMS, channel="push-apns"/"push-fcm"/"push-web-push" state="sent"/"retry"/"dead_token"/"failed" per push.',
  labelNames: ['channel', 'state'] as const,
  registers: [registry],
});

/** Jobs that threw, by queue and task (each is retried until its attempts run out). */
export const jobFailuresTotal = new Counter({
  name: 'heartsafe_job_failures_total',
  help: 'Job attempts that failed, by queue and task; final="true" when no attempt is left.',
  labelNames: ['queue', 'task', 'final'] as const,
  registers: [registry],
});

/** GraphQL errors sent to callers, by service and `extensions.code`. */
export const graphqlErrorsTotal = new Counter({
  name: 'heartsafe_graphql_errors_total',
  help: 'GraphQL errors in responses, by service and extensions.code.',
  labelNames: ['service', 'code'] as const,
  registers: [registry],
});

/** Subscriptions open now, by service. */
export const openSubscriptions = new Gauge({
  name: 'heartsafe_open_subscriptions',
  help: 'GraphQL subscriptions open now, by service (the gateway counts callers, a subgraph the gateway’s upstream ones).',
  labelNames: ['service'] as const,
  registers: [registry],
});

type Sampler = () => Promise<void> | void;
const queueSamplers = new Set<Sampler>();
const poolSamplers = new Set<Sampler>();

/** Jobs waiting to run, by queue, read from PostgreSQL at each scrape. */
const queueDepth = new Gauge({
  name: 'heartsafe_job_queue_depth',
  help: 'Jobs waiting to run now (due, not locked, attempts left), by queue.',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    await Promise.all([...queueSamplers].map((sample) => sample()));
  },
});

/** Database connections of each service's pool, by state. */
const poolConnections = new Gauge({
  name: 'heartsafe_db_pool_connections',
  help: 'PostgreSQL connections of a service’s pool: state="total", "idle", or "waiting" (requests waiting for a connection).',
  labelNames: ['service', 'state'] as const,
  registers: [registry],
  collect() {
    for (const sample of poolSamplers) void sample();
  },
});

/** The counts a `pg` pool keeps. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Reports `pool`'s connections as the service's; returns the function that stops it. */
export function observePool(service: string, pool: PoolStats): () => void {
  const sample = () => {
    poolConnections.set({ service, state: 'total' }, pool.totalCount);
    poolConnections.set({ service, state: 'idle' }, pool.idleCount);
    poolConnections.set({ service, state: 'waiting' }, pool.waitingCount);
  };
  poolSamplers.add(sample);
  return () => poolSamplers.delete(sample);
}

/** Reports the depth of the queue `queue`, asked with `depth` at each scrape; returns the function that stops it. */
export function observeQueue(queue: string, depth: () => Promise<number>): () => void {
  const sample = async () => {
    // A scrape must not fail because the database is briefly unreachable: the gauge keeps its last value.
    const value = await depth().catch(() => undefined);
    if (value !== undefined) queueDepth.set({ queue }, value);
  };
  queueSamplers.add(sample);
  return () => queueSamplers.delete(sample);
}

/** Apollo Server plugin counting the errors of every response by code. */
export function graphqlErrorMetrics(service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            graphqlErrorsTotal.inc({ service, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
        },
      };
    },
  };
}

/** Express handler for `/metrics`. */
export async function metricsHandler(_request: Request, response: Response): Promise<void> {
  response.setHeader('content-type', registry.contentType);
  response.send(await registry.metrics());
}
