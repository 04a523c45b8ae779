/**
 * Benchmark (not a test): dispatch under attack (issue 15). Report→alert is
 * measured as in bench/dispatch.bench.ts, first with nothing else going on,
 * then while hostile clients (bench/processes/attackers.ts) flood the gateway
 * with the most expensive query the limits allow and guess API client
 * secrets. Goal: p99 under attack ≤ 1.5 × p99 quiet.
 *
 * The expensive query: the security region with the most municipalities,
 * with every municipality's hourly counts of alertable volunteers and dispatchable
 * AEDs, for a week chosen at random each time (so no answer comes from the
 * subgraphs' caches), just under the cost limit.
 */
import { Worker } from 'node:worker_threads';
import { benchDispatchApart, type BenchOptions, type BenchTarget, type DispatchBenchResult } from './dispatch.bench.ts';
import type { AttackersData, AttackersMessage, AttackReport } from './processes/attackers.ts';

export interface AttackOptions {
  /** Security regions, most municipalities first: the expensive query walks the first. */
  regionIds: string[];
  /** Anonymous clients flooding the expensive query, each from an address of its own (default 4). */
  flooders?: number;
  /** Clients guessing API client secrets, each from an address of its own (default 2). */
  guessers?: number;
  /** How long the attack runs before dispatch is measured, in milliseconds (default 3000). */
  rampUpMs?: number;
}

export interface AttackBenchResult {
  quiet: DispatchBenchResult;
  underAttack: DispatchBenchResult;
  /** The gateway's answers to the attackers, by HTTP status. */
  attackers: AttackReport;
  /** Seconds the attack ran. */
  attackSeconds: number;
}

const HOURLY = 'alertableVolunteerCountsByHour(weekOf: $weekOf) { hourOfWeek count } dispatchableAedCountsByHour(weekOf: $weekOf) { hourOfWeek count }';

/** The expensive query over the first of `regionIds` (two regions would be refused by cost). */
export function expensiveQuery(regionIds: readonly string[]): string {
  const regions = regionIds.slice(0, 1).map((id, index) => `r${index}: securityRegion(id: "${id}") { municipalities { ${HOURLY} } }`);
  return `query Flood($weekOf: LocalDate) { ${regions.join(' ')} }`;
}

function startAttackers(data: AttackersData): { stop(): Promise<AttackReport> } {
  const worker = new Worker(new URL('./processes/attackers.ts', import.meta.url), { workerData: data });
  const finished = new Promise<AttackReport>((resolve, reject) => {
    worker.on('message', (message: AttackersMessage) => ('report' in message ? resolve(message.report) : reject(new Error(message.error))));
    worker.on('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      return finished.finally(() => worker.terminate());
    },
  };
}

/** Measures report→alert quiet, then under attack. */
export async function benchDispatchUnderAttack(target: BenchTarget, options: BenchOptions, attack: AttackOptions): Promise<AttackBenchResult> {
  const quiet = await benchDispatchApart(target, options);
  const started = performance.now();
  const attackers = startAttackers({
    gatewayUrl: target.gatewayUrl,
    flooders: attack.flooders ?? 4,
    guessers: attack.guessers ?? 2,
    query: expensiveQuery(attack.regionIds),
  });
  let underAttack: DispatchBenchResult;
  let answers: AttackReport;
  try {
    await new Promise((resolve) => setTimeout(resolve, attack.rampUpMs ?? 3000));
    underAttack = await benchDispatchApart(target, options);
  } finally {
    answers = await attackers.stop();
    options.log?.(`attackers got: ${JSON.stringify(answers)}`);
  }
  return { quiet, underAttack, attackers: answers, attackSeconds: Math.round((performance.now() - started) / 100) / 10 };
}
