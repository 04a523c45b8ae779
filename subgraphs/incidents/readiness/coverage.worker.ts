/**
 * A worker thread of the readiness pool (worker-pool.ts): runs one
 * readiness task at a time, off the event loop that serves requests and
 * dispatches alerts, and posts the result back with its typed arrays
 * transferred rather than copied.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runReadinessTask, type ReadinessTask } from './readiness-task.ts';

/**
 * On Linux, lowers this thread's scheduling priority (nice 10), so that when
 * the cores are busy the threads serving requests and dispatching alerts go
 * first and a coverage computation takes what is left. Elsewhere, or
 * without /proc, it runs at normal priority.
 */
function yieldToRequests(): void {
  try {
    // /proc/thread-self links to <pid>/task/<thread id>; Linux takes a thread id where setpriority wants a pid.
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) os.setPriority(threadId, 10);
  } catch {
    // Not Linux, or not allowed: the computation simply competes on equal terms.
  }
}

yieldToRequests();

parentPort!.on('message', ({ id, task }: { id: number; task: ReadinessTask }) => {
  try {
    const result = runReadinessTask(task);
    const transfer = 'volunteerHours' in result ? [result.volunteerHours.buffer, result.aedHours.buffer] : [];
    parentPort!.postMessage({ id, result }, transfer as ArrayBuffer[]);
  } catch (error) {
    // GraphQLErrors (a resolution too fine) keep their code across the thread.
    const { message, extensions } = error as { message: string; extensions?: Record<string, unknown> };
    parentPort!.postMessage({ id, error: { message, extensions: extensions ? { ...extensions } : undefined } });
  }
});
