/**
 * The trials in worker threads: the incidents are cut into shares, each
 * share's trials run on the next free worker of a pool (the readiness
 * pool's class, coverage/worker-pool.ts), and the tallies are added up. A
 * scene's draws are seeded by its own key, so the figures do not depend on
 * how the incidents were shared out.
 */
import { COVERAGE_WORKERS, startBackgroundWorker, WorkerPool } from '../coverage/worker-pool.ts';
import type { SimulationParameters } from './parameters.ts';
import type { SimulatedPolicy } from './policies.ts';
import type { Scene } from './scene.ts';
import { addTally, emptyTally, type SimulationTally, type TrialSettings } from './simulate.ts';

/** What one worker is given. */
export interface SimulationTask {
  scenes: readonly Scene[];
  policy: SimulatedPolicy;
  parameters: SimulationParameters;
  settings: TrialSettings;
}

export type SimulationPool = WorkerPool<SimulationTask, SimulationTally>;

/** Shares per worker: small enough that a worker done early takes another while the other finishes. */
const SHARES_PER_WORKER = 4;

/**
 * A pool of simulation workers. In a subgraph they run at low priority
 * (dispatch goes first); a command-line tool passes `lowPriority: false`.
 */
export function createSimulationPool(options: { size?: number; lowPriority?: boolean } = {}): SimulationPool {
  const script = new URL('./simulation.worker.ts', import.meta.url);
  return new WorkerPool(() => startBackgroundWorker(script, { lowPriority: options.lowPriority }), options.size ?? COVERAGE_WORKERS);
}

let shared: SimulationPool | undefined;

/** The subgraph's simulation workers, started on first use and stopped after a while without work. */
export function simulationWorkers(): SimulationPool {
  shared ??= createSimulationPool();
  return shared;
}

/** Runs every trial of `scenes` under `policy` on the pool's workers; `onProgress` hears of each share done (for a progress bar). */
export async function simulateInWorkers(
  pool: SimulationPool,
  scenes: readonly Scene[],
  policy: SimulatedPolicy,
  parameters: SimulationParameters,
  settings: TrialSettings,
  onProgress: (scenesDone: number) => void = () => {},
): Promise<SimulationTally> {
  const shareSize = Math.max(1, Math.ceil(scenes.length / (pool.size * SHARES_PER_WORKER)));
  const shares: Scene[][] = [];
  for (let start = 0; start < scenes.length; start += shareSize) shares.push(scenes.slice(start, start + shareSize));
  let done = 0;
  const tallies = await Promise.all(
    shares.map(async (share) => {
      const tally = await pool.run({ scenes: share, policy, parameters, settings });
      onProgress((done += share.length));
      return tally;
    }),
  );
  return tallies.reduce(addTally, emptyTally());
}
