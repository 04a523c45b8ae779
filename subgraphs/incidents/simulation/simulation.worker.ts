/**
 * A worker thread of the simulation pool (simulation-workers.ts): runs the
 * trials of a share of the incidents and posts their tally back.
 */
import { parentPort } from 'node:worker_threads';
import { simulateScenes } from './simulate.ts';
import type { SimulationTask } from './simulation-workers.ts';

parentPort!.on('message', ({ id, task }: { id: number; task: SimulationTask }) => {
  try {
    parentPort!.postMessage({ id, result: simulateScenes(task.scenes, task.policy, task.parameters, task.settings) });
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions?: Record<string, unknown> };
    parentPort!.postMessage({ id, error: { message, extensions: extensions ? { ...extensions } : undefined } });
  }
});
