/**
 * A worker thread of the coverage pool (worker-pool.ts): runs one
 * coverage task at a time, off the event loop that serves requests and
 * dispatches alerts, and posts the result back with its typed arrays
 * transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { runCoverageTask, type CoverageTask } from './coverage-task.ts';

parentPort!.on('message', ({ id, task }: { id: number; task: CoverageTask }) => {
  try {
    const result = runCoverageTask(task);
    const transfer = 'volunteerHours' in result ? [result.volunteerHours.buffer, result.aedHours.buffer] : [];
    parentPort!.postMessage({ id, result }, transfer as ArrayBuffer[]);
  } catch (error) {
    // GraphQLErrors (a resolution too fine) keep their code across the thread.
    const { message, extensions } = error as { message: string; extensions?: Record<string, unknown> };
    parentPort!.postMessage({ id, error: { message, extensions: extensions ? { ...extensions } : undefined } });
  }
});
