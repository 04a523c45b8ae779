/**
 * OpenTelemetry traces: one `reportIncident` is one trace, from the gateway
 * through each subgraph, every call between services (W3C `traceparent`
 * travels with every fetch) and every PostgreSQL query. Configured by the
 * standard OTEL_* variables (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, …) and off unless they ask for it:
 * then nothing is loaded and nothing patched (see scripts/register.js, which
 * starts it before anything loads `http` or `pg`).
 *
 * Work done later (a job) carries the trace context of the request that
 * asked for it ({@link traceCarrier}) and runs in a span of that trace
 * ({@link inTraceOf}), so a report's trace ends with its alerts' delivery.
 *
 * This module must not import `pg`, `http` users or the product's modules:
 * the instrumentations only patch what is loaded after {@link startTelemetry}.
 */
import type { NextFunction, Request, Response } from 'express';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { markPhase, phasesObserved } from './phases.ts';

/** Span attribute naming the product's service that handled a request. */
export const SERVICE_ATTRIBUTE = 'heartsafe.service';

/** Whether the OTEL_* variables ask for traces. */
export function telemetryRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER;
  return Boolean((exporter && exporter !== 'none') || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

type SpanProcessors = NonNullable<ConstructorParameters<typeof NodeSDK>[0]>['spanProcessors'];

let sdk: NodeSDK | undefined;

/**
 * Starts tracing for this process. Exporters come from the OTEL_* variables,
 * unless `spanProcessors` are given (tests collect spans in memory).
 */
export async function startTelemetry(options: { spanProcessors?: SpanProcessors } = {}): Promise<void> {
  if (sdk) return;
  // Loaded only here: with tracing off, the SDK costs not even its loading.
  const [{ NodeSDK }, { HttpInstrumentation }, { PgInstrumentation }, { UndiciInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-undici'),
  ]);
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? `heartsafe-${process.env.SERVICE || 'backend'}`,
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would drown the traces that matter.
        ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz|metrics)\b/.test(request.url ?? ''),
        // A Web Push endpoint's path is a device's subscription (personal data): calls out keep only their origin.
        requestHook: (span, request) => {
          if (!('getHeader' in request)) return;
          const origin = `${request.protocol}//${request.host}`;
          const recorded = (span as unknown as { attributes?: Attributes }).attributes ?? {};
          span.setAttribute('url.full', origin);
          if ('http.url' in recorded) span.setAttribute('http.url', origin);
          if ('http.target' in recorded) span.setAttribute('http.target', '/');
        },
      }),
      // Only calls made while serving something: the job queues' polling would make a trace a second.
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // Bound parameters stay out of spans: they hold positions, phone numbers and addresses.
      // Queries only within a request or job (not the queues' polling), without a span per pool checkout.
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  sdk.start();
}

/** Flushes and stops tracing (a no-op when it never started). */
export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

/**
 * Express middleware naming the service on the request's span (costs a lookup when tracing is off),
 * and marking the phase `<service>.request` (common/phases.ts): when a request reached the service.
 */
export function serviceSpan(service: string) {
  const phase = `${service}.request`;
  return (request: Request, _response: Response, next: NextFunction) => {
    const span = trace.getActiveSpan();
    if (span) {
      span.setAttribute(SERVICE_ATTRIBUTE, service);
      span.updateName(`${service} ${request.method} ${request.baseUrl || request.path}`);
    }
    if (phasesObserved()) markPhase(service, phase);
    next();
  };
}

/** W3C trace context (https://www.w3.org/TR/trace-context/) kept with work done later. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The active span's trace context, to keep with work it asks for; empty (and free) when nothing is traced. */
export function traceCarrier(): TraceCarrier {
  if (!trace.getActiveSpan()) return {};
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return {
    ...(headers.traceparent ? { traceparent: headers.traceparent } : {}),
    ...(headers.tracestate ? { tracestate: headers.tracestate } : {}),
  };
}

/**
 * Runs `work` in a span named `name`, a child of the trace in `carrier`
 * (the root of a trace of its own when it carries none). Failures mark the
 * span as failed without their message, which may hold personal data.
 */
export function inTraceOf<T>(carrier: TraceCarrier, name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  const parent = carrier.traceparent ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  return trace.getTracer('heartsafe').startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'failed' });
      throw error;
    } finally {
      span.end();
    }
  });
}
