/**
 * The ways a statement can reach PostgreSQL, compared side by side by the
 * search benchmarks (candidate search, dispatchable AEDs): unnamed (parsed
 * and planned on every call, as before common/statements.ts), prepared with
 * PostgreSQL choosing between custom and generic plans (as the product's main
 * pools run them), with custom plans forced, and with the generic plan forced,
 * as the dispatch lane runs them (common/database.ts, `plan_cache_mode` on its
 * connections): the dispatch path's searches. Prepared statements
 * live per connection, so each batch runs in one transaction on one
 * connection, where `plan_cache_mode` is set for that transaction only.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../common/sql.ts';
import { setStatementsPrepared } from '../common/statements.ts';

export const STATEMENT_MODES = [
  { name: 'unnamed (planned every call)', prepared: false, planCacheMode: 'auto' },
  { name: "prepared, PostgreSQL's choice of plan", prepared: true, planCacheMode: 'auto' },
  { name: 'prepared, custom plan forced', prepared: true, planCacheMode: 'force_custom_plan' },
  { name: 'prepared, generic plan (as dispatch runs it)', prepared: true, planCacheMode: 'force_generic_plan' },
] as const;

export type StatementMode = (typeof STATEMENT_MODES)[number];

/** Runs `work` on one connection in `mode`; preparing is on again afterwards, as in the product. */
export async function inStatementMode<T>(em: EntityManager, mode: StatementMode, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  setStatementsPrepared(mode.prepared);
  try {
    return await em.fork().transactional(async (tx) => {
      await sql(tx, `select set_config('plan_cache_mode', $1, true)`, [mode.planCacheMode]);
      return work(tx);
    });
  } finally {
    setStatementsPrepared(true);
  }
}

/**
 * Measures `search` in every mode, in alternating batches so that a busy
 * neighbour on the machine weighs on all modes alike; returns the latencies
 * (milliseconds) per mode name.
 */
export async function compareStatementModes(
  em: EntityManager,
  search: (tx: EntityManager) => Promise<unknown>,
  options: { searches: number; batch?: number; warmUp?: number },
): Promise<Map<string, number[]>> {
  const batch = options.batch ?? 50;
  const latencies = new Map<string, number[]>(STATEMENT_MODES.map((mode) => [mode.name, []]));
  for (const mode of STATEMENT_MODES) {
    await inStatementMode(em, mode, async (tx) => {
      for (let index = 0; index < (options.warmUp ?? 20); index++) await search(tx);
    });
  }
  for (let done = 0; done < options.searches; done += batch) {
    for (const mode of STATEMENT_MODES) {
      await inStatementMode(em, mode, async (tx) => {
        for (let index = 0; index < Math.min(batch, options.searches - done); index++) {
          const start = performance.now();
          await search(tx);
          latencies.get(mode.name)!.push(performance.now() - start);
        }
      });
    }
  }
  return latencies;
}
