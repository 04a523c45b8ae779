/**
 * `npm run bench:first-start-of-day [-- --cold]`:
 * makes the next start of the stack on the benchmark database (bench/database.ts)
 * the first start of a day, as after a night with every instance down:
 *
 * - every scheduled task's last run is put two hours back, so graphile-worker's
 *   cron runs each once at start-up (common/schedule.ts: the last missed
 *   occurrence is caught up);
 * - the readiness snapshots of today (UTC) and of yesterday (a municipality
 *   west of UTC may still be on yesterday's date) are deleted, so the daily
 *   snapshot task finds them all missing (common/readiness-days.ts).
 *
 * With `--cold`, the stored coverage of every week is deleted as well: the
 * first start of a week, or of a data set, when no coverage of the week has
 * been computed yet (the worst case).
 */
import pg from 'pg';
import { openBenchDatabase } from './database.ts';
import { runScript } from './script.ts';

const JOB_SCHEMAS = ['volunteers_jobs', 'aeds_jobs', 'incidents_schedule'];
const SNAPSHOT_TABLES = ['volunteers.readiness_day', 'aeds.readiness_day', 'incidents.readiness_day'];

async function main(): Promise<void> {
  const cold = process.argv.includes('--cold');
  const database = await openBenchDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const schema of JOB_SCHEMAS) {
      const { rows } = await client.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [`${schema}._private_known_crontabs`]);
      if (!rows[0]!.exists) {
        console.log(`${schema}: no schedule yet (start the stack once first: a new schedule catches nothing up)`);
        continue;
      }
      const moved = await client.query(`update ${schema}._private_known_crontabs set last_execution = now() - interval '2 hours'`);
      console.log(`${schema}: ${moved.rowCount} scheduled task(s) last ran two hours ago`);
    }
    for (const table of SNAPSHOT_TABLES) {
      const deleted = await client.query(`delete from ${table} where date >= current_date - 1`);
      console.log(`${table}: ${deleted.rowCount} snapshot(s) of yesterday and today deleted`);
    }
    if (cold) {
      const deleted = await client.query('delete from incidents.readiness_coverage');
      console.log(`incidents.readiness_coverage: ${deleted.rowCount} stored coverage(s) deleted`);
    }
  } finally {
    await client.end();
    await database.stop();
  }
}

runScript(main);
