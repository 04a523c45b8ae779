/**
 * Stopping a service in bounded time. An operator's restart (SIGTERM) must
 * finish promptly so that a new process takes over dispatch, and a test's
 * `close()` must not outlive its hook: so a shutdown is a list of steps, each
 * with its own bound, run in order. A step that overruns its bound (a job
 * waiting on a peer, a socket a client never closes) is left behind with a
 * warning and the next step runs; a step that fails is logged and the next
 * step runs too, so one stuck part never keeps the others (pools, the
 * database's connections) open.
 *
 * Each step's duration is logged at debug level: `LOG_LEVEL=debug` shows
 * where a slow shutdown spends its time.
 */
import type { Logger } from './logger.ts';

export interface ShutdownStep {
  /** What the step stops, for the log (`workers`, `http`, `orm`…). */
  name: string;
  /** Longest the shutdown waits for it. */
  boundMs: number;
  run(): unknown;
}

/** Runs `steps` in order, each at most its bound; never rejects. */
export async function shutDown(service: string, logger: Logger, steps: readonly ShutdownStep[]): Promise<void> {
  const started = performance.now();
  for (const step of steps) {
    const stepStarted = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), step.boundMs);
    });
    const done = Promise.resolve()
      .then(() => step.run())
      .then(
        () => ({ ok: true as const }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    const outcome = await Promise.race([done, late]);
    clearTimeout(timer);
    const ms = Math.round(performance.now() - stepStarted);
    if (outcome === 'late') logger.warn({ service, step: step.name, boundMs: step.boundMs }, 'shutdown step did not finish in time; going on without it');
    else if (!outcome.ok) logger.warn({ service, step: step.name, ms, err: outcome.error }, 'shutdown step failed; going on');
    else logger.debug({ service, step: step.name, ms }, 'shutdown step done');
  }
  logger.debug({ service, ms: Math.round(performance.now() - started) }, 'shut down');
}
