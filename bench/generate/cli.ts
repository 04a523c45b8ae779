/**
 * `npm run generate -- --seed 2026 [--volunteers 500000] [--aeds 50000]
 * [--incidents 12500] [--history-days 365] [--today YYYY-MM-DD] [--force]`:
 * generates the synthetic country and loads it into the benchmark database
 * (bench/database.ts: embedded PostgreSQL under `.data/bench`, or the
 * database `heartsafe_bench` on the server `DATABASE_URL` names), printing
 * how long each part took. A data set generated the same day with the same
 * options is kept unless `--force` is given.
 */
import { openBenchDatabase } from '../database.ts';
import pg from 'pg';
import { loadDataset } from './load.ts';
import { readManifest, reuseRefusal } from './manifest.ts';
import { parseGenerateArguments } from './options.ts';
import { runScript } from '../script.ts';

async function main(): Promise<void> {
  const { force, ...options } = parseGenerateArguments(process.argv.slice(2));
  const database = await openBenchDatabase();
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const stored = await readManifest(client).finally(() => client.end());
    if (!force && reuseRefusal(stored, options, true) === undefined) {
      console.log(`The database already holds this data set (seed ${options.seed}, generated ${stored!.generatedAt}); --force generates it again.`);
      return;
    }
    console.log(
      `Generating seed ${options.seed}: ${options.volunteers} volunteers, ${options.aeds} AEDs, ${options.incidents} incidents over ${options.historyDays} days, ` +
        `relative to ${options.today}, into ${database.version}`,
    );
    const manifest = await loadDataset(database.url, options, (line) => console.log(line));
    console.log('Rows:');
    for (const [table, count] of Object.entries(manifest.rows)) console.log(`  ${table.padEnd(40)} ${String(count).padStart(9)}`);
  } finally {
    await database.stop();
  }
}

runScript(main);
