import { createRequire } from 'node:module';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTraceOf, startTelemetry, stopTelemetry, traceCarrier } from './telemetry.ts';

describe('trace context of work done later, with tracing off', () => {
  it('carries nothing, and runs the work as it is', async () => {
    expect(traceCarrier()).toEqual({});
    await expect(inTraceOf({}, 'job', {}, async () => traceCarrier())).resolves.toEqual({});
    await expect(inTraceOf({}, 'job', {}, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  });
});

describe('trace context of work done later, with tracing on', () => {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor({ exporter });
  beforeAll(() => startTelemetry({ spanProcessors: [processor] }));
  afterAll(() => stopTelemetry());
  /** The spans ended so far (exported once the process's resource is known). */
  const finished = async () => {
    await processor.forceFlush();
    return exporter.getFinishedSpans();
  };

  it('carries nothing when no span is active', () => {
    expect(traceCarrier()).toEqual({});
  });

  it('runs work carried from a span as that span’s child, in its trace', async () => {
    exporter.reset();
    const carrier = trace.getTracer('test').startActiveSpan('request', (span) => {
      span.end();
      return traceCarrier();
    });
    const request = (await finished()).find((span) => span.name === 'request')!;
    expect(carrier.traceparent).toBe(`00-${request.spanContext().traceId}-${request.spanContext().spanId}-01`);
    await inTraceOf(carrier, 'job incidents.send-sms', { 'heartsafe.job': 'incidents.send-sms' }, async () => {});
    const job = (await finished()).find((span) => span.name === 'job incidents.send-sms')!;
    expect(job.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(job.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(job.attributes['heartsafe.job']).toBe('incidents.send-sms');
  });

  it('starts a trace of its own for work that carries none', async () => {
    exporter.reset();
    await inTraceOf({}, 'job incidents.dispatch', {}, async () => {});
    const [job] = await finished();
    expect(job!.parentSpanContext).toBeUndefined();
  });

  it('keeps only the origin of a call out, whose path may be a device’s Web Push subscription', async () => {
    // Required as web-push requires `https`: the instrumentation patches what is required after tracing starts.
    const { createServer, get } = createRequire(import.meta.url)('node:http') as typeof import('node:http');
    const server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    exporter.reset();
    try {
      await trace.getTracer('test').startActiveSpan('job incidents.send-push', async (span) => {
        await new Promise<void>((resolve, reject) =>
          get(`http://127.0.0.1:${port}/wpush/v2/gAAAAABsubscription`, (response) => response.resume().on('end', resolve)).on('error', reject),
        );
        span.end();
      });
    } finally {
      server.close();
    }
    const spans = await finished();
    const job = spans.find((span) => span.name === 'job incidents.send-push')!;
    const call = spans.find((span) => span.parentSpanContext?.spanId === job.spanContext().spanId);
    expect(call?.attributes['url.full']).toBe('http://127.0.0.1');
    expect(JSON.stringify([call!.name, call!.attributes, call!.events])).not.toContain('gAAAAABsubscription');
  });

  it('marks failed work as failed without its message, which may hold personal data', async () => {
    exporter.reset();
    await expect(inTraceOf({}, 'job', {}, () => Promise.reject(new Error('no route to +31612345678')))).rejects.toThrow();
    const [job] = await finished();
    expect(job!.status.code).toBe(SpanStatusCode.ERROR);
    expect(JSON.stringify([job!.status, job!.events, job!.attributes])).not.toContain('31612345678');
  });
});
