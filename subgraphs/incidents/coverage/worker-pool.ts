/**
 * A small pool of worker threads for the coverage computations, so that a
 * coverage computation of seconds never holds up the event loop that
 * dispatches alerts and serves every other request of the incidents
 * subgraph. Tasks queue for the next free worker; workers start on first
 * use, are not kept alive for the process's sake, and stop after five minutes
 * without work (a computation then pays a worker's start-up, about a second).
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GraphQLError } from 'graphql';
import { projectRoot } from '../../../common/config.ts';
import type { CoverageTaskResult, PlacementTaskResult, CoverageTask } from './coverage-task.ts';

interface Job<Task, Result> {
  id: number;
  task: Task;
  resolve(result: Result): void;
  reject(error: Error): void;
}

/** How an error thrown in a worker arrives. */
interface WorkerError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** A fixed number of worker threads made by `start`, one task each at a time. */
export class WorkerPool<Task, Result> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job<Task, Result>>();
  private readonly queue: Job<Task, Result>[] = [];
  private readonly all = new Set<Worker>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  /**
   * @param start starts one worker, which answers `{ id, task }` messages with `{ id, result }` or `{ id, error }`
   * @param size how many workers at most
   */
  constructor(
    private readonly start: () => Worker,
    readonly size: number,
    private readonly options: { idleMilliseconds?: number } = {},
  ) {}

  /**
   * Starts the workers now rather than with the first task: a caller about to
   * gather a task's inputs lets the start-up (about a second) overlap with that.
   */
  warm(): void {
    while (this.all.size < this.size) this.idle.push(this.spawn());
    this.scheduleStop();
  }

  /** Runs `task` on the next free worker. Errors thrown there are rethrown here, GraphQL codes kept. */
  run(task: Task): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.all.size >= this.size) return;
        worker = this.spawn();
      }
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task });
    }
    this.scheduleStop();
  }

  private spawn(): Worker {
    const worker = this.start();
    this.all.add(worker);
    // A pool waiting for work must not keep a process alive that has nothing else to do.
    worker.unref();
    worker.on('message', (message: { id: number; result?: Result; error?: WorkerError }) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (job) {
        if (message.error) job.reject(new GraphQLError(message.error.message, { extensions: message.error.extensions }));
        else job.resolve(message.result!);
      }
      this.pump();
    });
    const lost = (error: Error) => {
      if (!this.all.delete(worker)) return;
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      job?.reject(error);
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`A coverage worker stopped (exit code ${code}).`)));
    return worker;
  }

  private scheduleStop(): void {
    clearTimeout(this.idleTimer);
    if (this.busy.size > 0 || this.idle.length === 0) return;
    this.idleTimer = setTimeout(() => {
      if (this.busy.size === 0 && this.queue.length === 0) void this.close();
    }, this.options.idleMilliseconds ?? 300_000);
    this.idleTimer.unref();
  }

  /** Stops every worker; queued and running tasks fail. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    for (const [, job] of this.busy) job.reject(new Error('The coverage workers were stopped.'));
    this.busy.clear();
    for (const job of this.queue.splice(0)) job.reject(new Error('The coverage workers were stopped.'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * At most two workers: enough to use both cores of a small server for a
 * region's coverage. Requests never wait for them; they only share the CPU.
 */
export const COVERAGE_WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));

/**
 * How a coverage worker starts. First, on Linux, it lowers its own
 * scheduling priority (nice 10), before loading anything: when the cores are
 * busy, the threads serving requests and dispatching alerts go first and the
 * computation takes what is left (elsewhere it simply competes on equal
 * terms). Then it loads the TypeScript sources the way the process does
 * (scripts/register.js), and the worker's script (`script`; coverage.worker.ts
 * for coverage). `lowPriority: false` keeps the normal priority, for a
 * command-line tool that has the machine to itself.
 */
export function startBackgroundWorker(script: URL, options: { lowPriority?: boolean } = {}): Worker {
  const register = pathToFileURL(path.join(projectRoot, 'scripts', 'register.js')).href;
  const nice = `
    try {
      // /proc/thread-self links to <pid>/task/<thread id>; Linux takes a thread id where setpriority wants a pid.
      const thread = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
      require('node:os').setPriority(thread, 10);
    } catch {}`;
  const bootstrap = `${options.lowPriority === false ? '' : nice}
    import(${JSON.stringify(register)}).then(() => import(${JSON.stringify(script.href)}));`;
  return new Worker(bootstrap, { eval: true });
}

function startCoverageWorker(): Worker {
  return startBackgroundWorker(new URL('./coverage.worker.ts', import.meta.url));
}

let pool: WorkerPool<CoverageTask, CoverageTaskResult | PlacementTaskResult> | undefined;

/** The process’s coverage workers, started on first use. */
export function coverageWorkers(): WorkerPool<CoverageTask, CoverageTaskResult | PlacementTaskResult> {
  pool ??= new WorkerPool(startCoverageWorker, COVERAGE_WORKERS);
  return pool;
}
