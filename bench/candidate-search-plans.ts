/**
 * The candidate search's plans on the national data set (`npm run generate`
 * first): for the benchmark's own search points (bench/national.ts), how many
 * rows the search reads from its GiST index, how many buffers it touches and
 * how long PostgreSQL executes it (`explain (analyze, buffers, timing off)`,
 * p50 / p90), then the whole plan with per-node timing for one dense site,
 * day and night. What docs/performance/dispatch.md (§4) quotes.
 *
 *   npm run bench:candidate-search-plans [-- searches, default 150]
 */
import pg from 'pg';
import { findAlertableCandidates } from '../subgraphs/volunteers/candidates/candidate-search.ts';
import { openBenchDatabase } from './database.ts';
import { generateCountry } from './generate/country.ts';
import { pointsNearPopulation } from './national.ts';

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

const SEARCHES = Number(process.argv[2] ?? 150);
/** Utrecht's centre: one of the densest sites of the national data set. */
const DENSE_SITE = { lat: 52.091, lon: 5.122 };

const database = await openBenchDatabase();
const client = new pg.Client({ connectionString: database.url });
await client.connect();
try {
  /** The statement and parameters the search sends, captured rather than run. */
  const statementOf = async (search: Parameters<typeof findAlertableCandidates>[1]) => {
    let captured: { text: string; params: unknown[] } | undefined;
    await findAlertableCandidates(async (text, params) => {
      captured = { text, params };
      return [];
    }, search);
    return captured!;
  };
  const points = pointsNearPopulation(generateCountry(2026), 2026, new Date());
  const read: number[] = [];
  const buffers: number[] = [];
  const execution: number[] = [];
  const searches = Array.from({ length: SEARCHES }, () => points());
  // The embedded server starts with empty shared buffers: one pass first, as a running server would have them.
  for (const point of searches) {
    const { text, params } = await statementOf({ lat: point.latitude, lon: point.longitude, radiusMeters: 2_000, limit: 30, at: point.at });
    await client.query(text, params);
  }
  for (const point of searches) {
    const { text, params } = await statementOf({ lat: point.latitude, lon: point.longitude, radiusMeters: 2_000, limit: 30, at: point.at });
    const { rows } = await client.query(`explain (analyze, buffers, timing off, format json) ${text}`, params);
    const root = rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Execution Time': number };
    let indexRows = 0;
    let blocks = 0;
    const walk = (node: PlanNode) => {
      // Index scans only: the filter runs above them, at the join with the row's local clock.
      if (node['Node Type'] === 'Index Scan') {
        indexRows += node['Actual Rows'];
        blocks += (node['Shared Hit Blocks'] ?? 0) + (node['Shared Read Blocks'] ?? 0);
      }
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(root.Plan);
    read.push(indexRows);
    buffers.push(blocks);
    execution.push(root['Execution Time']);
  }
  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)]!;
  const line = (name: string, values: number[], digits = 0) => `${name}: p50 ${percentile(values, 0.5).toFixed(digits)}, p90 ${percentile(values, 0.9).toFixed(digits)}`;
  console.log(`${SEARCHES} searches, 30 within 2 km, at the benchmark's points`);
  console.log(line('rows read from the index', read));
  console.log(line('buffers', buffers));
  console.log(line('execution ms', execution, 3));
  for (const at of [new Date('2026-12-09T13:00:00Z'), new Date('2026-12-09T02:00:00Z')]) {
    const { text, params } = await statementOf({ ...DENSE_SITE, radiusMeters: 2_000, limit: 30, at });
    await client.query(text, params);
    const { rows } = await client.query(`explain (analyze, buffers, costs off) ${text}`, params);
    // The filter lines are the whole rule; cut them to keep the plan's shape readable.
    console.log(`\nUtrecht centre at ${at.toISOString()}:\n${rows.map((row) => String(row['QUERY PLAN']).slice(0, 140)).join('\n')}`);
  }
} finally {
  await client.end();
  await database.stop();
}
