/**
 * Benchmark (not a test): what idle subscriptions cost the gateway. A
 * gateway runs in a child process of its own in front of the running
 * subgraphs; another child process opens volunteers' apps, each with its own
 * connection, token and `myAlerts` subscription, and leaves them idle. The
 * gateway's resident memory and V8 heap (after a full collection) are taken
 * before and after; the difference per connection is the figure. A first
 * batch of connections is opened before the "before" snapshot, so one-time
 * costs (the stitched schema, the upstream connection) are left out.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BearerOptions } from '../common/auth.ts';
import { projectRoot } from '../common/config.ts';
import { memorySnapshot, type MemorySnapshot } from './memory.ts';
import { CHILD_TIME_LIMIT_MS, type ClientsCommand, type ClientsReport, type GatewayCommand, type GatewayReport } from './processes/messages.ts';
import type { BenchResult } from './stats.ts';

export interface IdleSubscriptionOptions {
  subgraphUrls: Record<string, string>;
  gatewaySecret: string;
  bearer: BearerOptions;
  /** Volunteers whose apps connect: the first `warmUp` before the "before" snapshot, the rest measured. */
  volunteerIds: string[];
  warmUp: number;
  /** Connections being opened at once. */
  concurrency: number;
  setup: string;
}

/** A child process running one of bench/processes/*.ts, with the project's TypeScript loader. */
class Child<Command, Report extends { type: string }> {
  private readonly process: ChildProcess;
  private readonly waiting = new Map<string, (report: Report) => void>();

  constructor(file: string) {
    this.process = fork(path.join(projectRoot, 'bench', 'processes', file), [], {
      execArgv: ['--import', pathToFileURL(path.join(projectRoot, 'scripts', 'register.js')).href],
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (report: Report) => {
      this.waiting.get(report.type)?.(report);
      this.waiting.delete(report.type);
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Sends `command` and waits for the report of type `answer`. */
  ask<T extends Report['type']>(command: Command, answer: T, timeoutMs = CHILD_TIME_LIMIT_MS): Promise<Extract<Report, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${answer}' from ${this.pid} within ${timeoutMs} ms`)), timeoutMs);
      const exited = (code: number | null) => reject(new Error(`child ${this.pid} exited (${code}) before '${answer}'`));
      this.process.once('exit', exited);
      this.waiting.set(answer, (report) => {
        clearTimeout(timer);
        this.process.off('exit', exited);
        resolve(report as Extract<Report, { type: T }>);
      });
      this.process.send(command as object);
    });
  }

  /** Ends the child (it exits when its parent disconnects), and kills it if it has not within a few seconds. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    if (this.process.connected) this.process.disconnect();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Waits until the gateway process has used under 5% of a core for two seconds running (or 60 s passed); returns its memory then. */
async function settled(gateway: Child<GatewayCommand, GatewayReport>): Promise<MemorySnapshot> {
  const deadline = Date.now() + 60_000;
  let previous = await gateway.ask({ type: 'memory' }, 'memory');
  let quiet = 0;
  while (Date.now() < deadline && quiet < 2) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const current = await gateway.ask({ type: 'memory' }, 'memory');
    quiet = current.cpuMicros - previous.cpuMicros < 50_000 ? quiet + 1 : 0;
    previous = current;
  }
  return previous;
}

const kilobytes = (bytes: number) => Math.round(bytes / 102.4) / 10;
const megabytes = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

/** Opens the connections, measures, closes them; both child processes are stopped whatever happens. */
export async function benchIdleSubscriptions(options: IdleSubscriptionOptions): Promise<BenchResult> {
  const gateway = new Child<GatewayCommand, GatewayReport>('gateway.ts');
  const clients = new Child<ClientsCommand, ClientsReport>('idle-clients.ts');
  try {
    const { wsUrl } = await gateway.ask({ type: 'start', subgraphUrls: options.subgraphUrls, gatewaySecret: options.gatewaySecret, bearer: options.bearer }, 'started', 60_000);
    const open = (volunteerIds: string[]) => clients.ask({ type: 'open', wsUrl, bearer: options.bearer, volunteerIds, concurrency: options.concurrency }, 'opened');
    const warmUp = await open(options.volunteerIds.slice(0, options.warmUp));
    if (warmUp.connected === 0) throw new Error(`no subscription could be opened: ${warmUp.firstError}`);
    const before = await settled(gateway);
    const subgraphsBefore = memorySnapshot();
    const opened = await open(options.volunteerIds.slice(options.warmUp));
    const after = await settled(gateway);
    const subgraphsAfter = memorySnapshot();
    await clients.ask({ type: 'close' }, 'closed', 120_000);
    await settled(gateway);
    // Closing is asynchronous on both sides; give it time before asking what is still held.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const released = await gateway.ask({ type: 'memory' }, 'memory');
    const subgraphsReleased = memorySnapshot();
    const connections = Math.max(1, opened.connected);
    return {
      name: `${opened.connected} idle subscriptions via the gateway`,
      setup: options.setup,
      samples: opened.connected,
      extra: {
        gatewayRssPerConnection: `${kilobytes((after.rss - before.rss) / connections)} KB`,
        gatewayHeapPerConnection: `${kilobytes((after.heapUsed - before.heapUsed) / connections)} KB`,
        gatewayRss: `${megabytes(after.rss)} MB`,
        // Whether closing gives the memory back: the heap should return to where it was (the rss often stays with the allocator).
        gatewayHeapBefore: `${megabytes(before.heapUsed)} MB`,
        gatewayHeapAfterClose: `${megabytes(released.heapUsed)} MB`,
        // The subgraphs run in the benchmark's own process: what the subscriptions cost upstream (the incidents subgraph's feeds).
        subgraphsHeapPerConnection: `${kilobytes((subgraphsAfter.heapUsed - subgraphsBefore.heapUsed) / connections)} KB`,
        subgraphsHeapBefore: `${megabytes(subgraphsBefore.heapUsed)} MB`,
        subgraphsHeapAfterClose: `${megabytes(subgraphsReleased.heapUsed)} MB`,
        openSeconds: Math.round(opened.seconds * 10) / 10,
        failed: opened.failed,
        ...(opened.firstError ? { firstError: opened.firstError.slice(0, 120) } : {}),
      },
    };
  } finally {
    await clients.stop();
    await gateway.stop();
  }
}
