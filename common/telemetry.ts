/**
 * OpenTelemetry traces: one `reportIncident` is one trace, from the gateway
 * through each subgraph, every call between services (W3C `traceparent`
 * travels with every fetch) and every PostgreSQL query. Configured by the
 * standard OTEL_* variables (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, …) and off unless they ask for it:
 * then nothing is loaded and nothing patched (see scripts/register.js, which
 * starts it before anything loads `http` or `pg`).
 *
 * This module must not import `pg`, `http` users or the product's modules:
 * the instrumentations only patch what is loaded after {@link startTelemetry}.
 */
import type { NextFunction, Request, Response } from 'express';
import { trace } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';

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

/** Express middleware naming the service on the request's span (costs a lookup when tracing is off). */
export function serviceSpan(service: string) {
  return (request: Request, _response: Response, next: NextFunction) => {
    const span = trace.getActiveSpan();
    if (span) {
      span.setAttribute(SERVICE_ATTRIBUTE, service);
      span.updateName(`${service} ${request.method} ${request.baseUrl || request.path}`);
    }
    next();
  };
}
