/**
 * Where the candidate search's time goes, on the national data set
 * (`npm run generate` first): the same searches through each layer in turn,
 * in batches whose order rotates (the first batch after a switch of
 * connection or code pays more), with this process's CPU per search beside
 * the latency. What docs/performance/dispatch.md (§4b) quotes.
 *
 *   npm run bench:candidate-search-costs [-- searches, default 600]
 *
 * - the search as the product runs it, outside a transaction, on the ORM's
 *   pool (`findAlertableCandidates`), and dispatch's `alertCandidates`;
 * - the search in a transaction, 50 at a time, as the search benchmark's
 *   statement modes run it (the row with the target);
 * - the statement alone through the ORM's client (Kysely, then `pg`), and
 *   through `pg` alone as a named statement;
 * - `select 1` as a named statement: the round trip and the driver's floor;
 * - the TypeScript re-check alone (`candidatesOfRows` on rows already read);
 * - PostgreSQL's execution alone (`explain (analyze, timing off)` of the
 *   prepared statement).
 */
import pg from 'pg';
import {
  candidateSearchParameters,
  candidateSearchStatement,
  candidatesOfRows,
  findAlertableCandidates,
  type CandidateSearch,
} from '../subgraphs/volunteers/candidates/candidate-search.ts';
import { alertCandidates } from '../subgraphs/volunteers/candidates/alert-candidates.ts';
import { openSubgraphStorage } from '../common/database.ts';
import { sql, sqlQuery } from '../common/sql.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { openBenchDatabase } from './database.ts';
import { generateCountry } from './generate/country.ts';
import { pointsNearPopulation } from './national.ts';

const SEARCHES = Number(process.argv[2] ?? 600);
const BATCH = 50;
const WARM_UP = 100;

const database = await openBenchDatabase();
const orm = await openSubgraphStorage(database.url, volunteersSubgraph.storage);
const client = new pg.Client({ connectionString: database.url });
await client.connect();
try {
  const points = pointsNearPopulation(generateCountry(2026), 2026, new Date());
  const searches: CandidateSearch[] = Array.from({ length: SEARCHES }, () => {
    const point = points();
    return { lat: point.latitude, lon: point.longitude, radiusMeters: 2_000, limit: 30, at: point.at };
  });
  const text = candidateSearchStatement();
  const rowsOf: Record<string, unknown>[][] = [];
  /** Runs `search` on each of `indexes` in turn and returns each one's milliseconds. */
  const timed = async (indexes: number[], search: (search: CandidateSearch, index: number) => Promise<unknown>) => {
    const elapsed: number[] = [];
    for (const index of indexes) {
      const start = performance.now();
      await search(searches[index]!, index);
      elapsed.push(performance.now() - start);
    }
    return elapsed;
  };
  const ways: [string, (indexes: number[]) => Promise<number[]>][] = [
    ['findAlertableCandidates (pool)', (indexes) => timed(indexes, (search) => findAlertableCandidates(sqlQuery(orm.em), search))],
    [
      // As the search benchmark's statement modes run it: a batch in one transaction, on one connection.
      'findAlertableCandidates (in a transaction)',
      (indexes) => orm.em.fork().transactional((tx) => timed(indexes, (search) => findAlertableCandidates(sqlQuery(tx), search))),
    ],
    ['alertCandidates (pool)', (indexes) => timed(indexes, (search) => alertCandidates(orm.em, search))],
    ['statement through Kysely and pg, rows only', (indexes) => timed(indexes, (search) => sql(orm.em, text, candidateSearchParameters(search)))],
    [
      'statement through pg alone, rows only',
      (indexes) =>
        timed(indexes, async (search, index) => {
          rowsOf[index] = (await client.query({ name: 'costs.search', text, values: candidateSearchParameters(search) })).rows;
        }),
    ],
    ['select 1 through pg alone (the floor)', (indexes) => timed(indexes, () => client.query({ name: 'costs.one', text: 'select 1', values: [] }))],
  ];
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, offset) => from + offset);
  const times = new Map<string, number[]>(ways.map(([name]) => [name, []]));
  const cpu = new Map<string, number>(ways.map(([name]) => [name, 0]));
  for (const [, run] of ways) await run(range(0, Math.min(WARM_UP, SEARCHES)));
  for (let done = 0, batch = 0; done < SEARCHES; done += BATCH, batch++) {
    for (let turn = 0; turn < ways.length; turn++) {
      const [name, run] = ways[(batch + turn) % ways.length]!;
      const before = process.cpuUsage();
      times.get(name)!.push(...(await run(range(done, Math.min(SEARCHES, done + BATCH)))));
      const used = process.cpuUsage(before);
      cpu.set(name, cpu.get(name)! + (used.user + used.system) / 1000);
    }
  }
  const recheck: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (let index = 0; index < SEARCHES; index++) {
      const start = performance.now();
      candidatesOfRows(rowsOf[index]!, searches[index]!);
      if (pass === 2) recheck.push(performance.now() - start);
    }
  }
  times.set('re-check alone (candidatesOfRows)', recheck);
  const execution: number[] = [];
  await client.query(`prepare explained as ${text}`);
  const literal = (value: unknown) => (value instanceof Date ? `'${value.toISOString()}'` : Array.isArray(value) ? `'{${value.join(',')}}'` : String(value));
  for (let pass = 0; pass < 2; pass++) {
    for (let index = 0; index < SEARCHES; index++) {
      const { rows } = await client.query(`explain (analyze, timing off, format json) execute explained(${candidateSearchParameters(searches[index]!).map(literal).join(', ')})`);
      if (pass === 1) execution.push((rows[0]['QUERY PLAN'][0] as { 'Execution Time': number })['Execution Time']);
    }
  }
  times.set('PostgreSQL execution alone', execution);
  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)]!;
  console.log(`${SEARCHES} searches, 30 within 2 km, at the benchmark's points; ms`);
  console.log(`${'way'.padEnd(44)} ${'p50'.padStart(6)} ${'p90'.padStart(6)} ${'mean'.padStart(6)} ${'CPU/search'.padStart(10)}`);
  for (const [name, values] of times) {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const cpuPerSearch = cpu.has(name) ? (cpu.get(name)! / values.length).toFixed(3) : '';
    console.log(
      `${name.padEnd(44)} ${percentile(values, 0.5).toFixed(3).padStart(6)} ${percentile(values, 0.9).toFixed(3).padStart(6)} ${mean.toFixed(3).padStart(6)} ${cpuPerSearch.padStart(10)}`,
    );
  }
} finally {
  await client.end();
  await orm.close(true);
  await database.stop();
}
