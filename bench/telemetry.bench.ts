/**
 * Benchmark (not a test): what tracing and metrics cost dispatch. Runs the
 * dispatch benchmark (bench/dispatch.bench.ts --seed) in pairs in one run,
 * side by side: with tracing off (no OTEL_* variables) and on (OTLP over HTTP to
 * a local collector that accepts and discards, so exporting is paid for too).
 * Metrics are always on. Goal (issue 16): on costs ≤ 5 % of the p50.
 *
 *   node --import ./scripts/register.js bench/telemetry.bench.ts [--pairs 3] [--volunteers 20] [--rounds 20]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import { projectRoot } from '../common/config.ts';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};

/** Runs the dispatch benchmark with `env` added; returns its p50 and p99 of report → alert frame. */
async function dispatchRun(label: string, env: Record<string, string>): Promise<{ label: string; p50: number; p99: number }> {
  const child = spawn(
    process.execPath,
    ['--import', './scripts/register.js', 'bench/dispatch.bench.ts', '--seed', '--volunteers', option('volunteers', '20'), '--rounds', option('rounds', '20')],
    { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const row = output.split('\n').find((line) => line.startsWith('reportIncident → alert frame'));
  if (!row) throw new Error(`${label}: no result\n${output.slice(-2000)}`);
  const [, , p50, p99] = row.split(/\s{2,}/);
  return { label, p50: Number(p50), p99: Number(p99) };
}

// A collector that takes every export and throws it away.
let spans = 0;
const collector = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    spans++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(collector.address() as net.AddressInfo).port}`;

// Off and on alternate, so a neighbour's load on a shared machine falls on both alike; medians compared.
const runs: { label: string; p50: number; p99: number }[] = [];
for (let pair = 0; pair < Number(option('pairs', '3')); pair++) {
  runs.push(await dispatchRun('tracing off', { OTEL_SDK_DISABLED: 'true' }));
  runs.push(await dispatchRun('tracing on (OTLP)', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }));
}
collector.close();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`\n${'run'.padEnd(20)}  p50 ms  p99 ms`);
for (const run of runs) console.log(`${run.label.padEnd(20)}  ${run.p50.toFixed(1).padStart(6)}  ${run.p99.toFixed(1).padStart(6)}`);
const off = median(runs.filter((run) => run.label === 'tracing off').map((run) => run.p50));
const on = median(runs.filter((run) => run.label !== 'tracing off').map((run) => run.p50));
console.log(`median p50: off ${off.toFixed(1)} ms, on ${on.toFixed(1)} ms; cost of tracing ${(((on - off) / off) * 100).toFixed(1)} % (goal ≤ 5 %); ${spans} exports received`);
