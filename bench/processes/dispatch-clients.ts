/**
 * The outside world of the dispatch benchmark, in a worker thread of its
 * own: the dispatcher reporting and the volunteers' apps receiving, each app
 * with its own graphql-ws connection to the gateway. On the street these run
 * on phones and in a dispatch centre, not in the product's event loop, so
 * they are kept out of it here; the clock that times a report and its frames
 * is this thread's, for both ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { benchDispatch, type BenchOptions, type BenchTarget } from '../dispatch.bench.ts';

export interface DispatchClientsData {
  target: BenchTarget;
  options: Omit<BenchOptions, 'log'>;
}

export type DispatchClientsMessage =
  | { log: string }
  /** A round's report is about to be sent (`start`), or its frames are in (`end`): the product's thread times its event loop in between. */
  | { round: { event: 'start' | 'end'; number: number } }
  | { result: Awaited<ReturnType<typeof benchDispatch>> }
  | { error: string };

const { target, options } = workerData as DispatchClientsData;
const post = (message: DispatchClientsMessage) => parentPort!.postMessage(message);
benchDispatch(target, { ...options, log: (line) => post({ log: line }), onRound: (event, number) => post({ round: { event, number } }) }).then(
  (result) => post({ result }),
  (error: unknown) => post({ error: (error as Error).stack ?? String(error) }),
);
