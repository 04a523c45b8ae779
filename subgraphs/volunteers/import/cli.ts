/**
 * `npm run import:volunteers -- --file <list.csv> --municipality <id> --association <id> [--dry-run] [--json <report.json>]`
 *
 * Imports an association's volunteer list straight into the database, in
 * one transaction, with a progress bar: for operators and for lists larger
 * than the API's 2 MB request limit (smaller ones can also go through the
 * `importVolunteers` mutation). Writes to `DATABASE_URL`, or to the embedded
 * PostgreSQL of a running `npm start`, and asks the organization subgraph
 * (`ORGANIZATION_URL`, signed with `GATEWAY_SECRET`) about the municipality
 * and the association.
 * Exits 0 when the import was applied (rejected rows are listed), 1 when it
 * failed and nothing was written, 2 on wrong usage.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { GraphQLError } from 'graphql';
import { loadConfig } from '../../../common/config.ts';
import { openSubgraphStorage, runningEmbeddedDatabaseUrl } from '../../../common/database.ts';
import { createLogger } from '../../../common/logger.ts';
import { createPeerClient } from '../../../common/peers.ts';
import { volunteersSubgraph } from '../index.ts';
import { distancesOutsideMunicipality, municipalitySettings, requirePartnerAssociation } from '../peers.ts';
import { importVolunteers, type VolunteerImportReport } from './import.service.ts';

const USAGE = 'Usage: npm run import:volunteers -- --file <list.csv> --municipality <id> --association <id> [--dry-run] [--json <report.json>]';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

function printReport(report: VolunteerImportReport): void {
  const verb = report.dryRun ? 'would be' : 'were';
  console.log(
    `\n${report.created.length} ${verb} created, ${report.merged.length} merged into existing volunteers, ${report.rejected.length} rejected.` +
      (report.dryRun ? ' Dry run: nothing was written.' : ''),
  );
  for (const row of report.created) {
    console.log(`  line ${row.line}: created ${row.name}${row.volunteerId ? ` (${row.volunteerId})` : ''}`);
    for (const warning of row.warnings) console.log(`    warning: ${warning}`);
  }
  for (const row of report.merged) {
    console.log(`  line ${row.line}: merged ${row.name} into ${row.volunteerId} (same ${row.matchedBy.join(' and ')})`);
    for (const warning of row.warnings) console.log(`    warning: ${warning}`);
  }
  for (const row of report.rejected) {
    console.log(`  line ${row.line}: rejected`);
    for (const reason of row.reasons) console.log(`    - ${reason}`);
  }
  if (report.ignoredColumns.length > 0) console.log(`Ignored columns: ${report.ignoredColumns.join(', ')}`);
}

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    municipality: { type: 'string' },
    association: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
if (!values.file || !values.municipality || !values.association) fail(USAGE, 2);

const config = loadConfig();
const databaseUrl = config.databaseUrl ?? (await runningEmbeddedDatabaseUrl(config.dataDir));
if (!databaseUrl) fail('Start the product (`npm start`) or set DATABASE_URL to its database: the import writes to it directly.', 2);
const logger = createLogger('import', config.logLevel === 'info' ? 'warn' : config.logLevel);
const csv = await fs.readFile(values.file).catch((error: Error) => fail(`Cannot read ${values.file}: ${error.message}`, 2));

const orm = await openSubgraphStorage(databaseUrl, volunteersSubgraph.storage, logger);
const progress = new cliProgress.SingleBar(
  { format: 'importing volunteers [{bar}] {value}/{total} rows', hideCursor: true, stream: process.stderr },
  cliProgress.Presets.shades_classic,
);
let exitCode = 0;
try {
  const peers = createPeerClient(config.subgraphUrls, config.gatewaySecret);
  const municipality = await municipalitySettings(peers, values.municipality, '--municipality');
  const partnerAssociationId = await requirePartnerAssociation(peers, values.association, '--association');
  let started = false;
  const report = await importVolunteers(
    orm.em.fork(),
    csv,
    { municipality, partnerAssociationId, importedBy: `import-cli:${os.userInfo().username}`, at: new Date(), mayVerify: true },
    {
      dryRun: values['dry-run'],
      distancesOutside: (positions) => distancesOutsideMunicipality(peers, municipality.id, positions),
      onProgress: (done, total) => {
        if (!started) progress.start(total, 0);
        started = true;
        progress.update(done);
      },
    },
  );
  progress.stop();
  printReport(report);
  if (values.json) await fs.writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  progress.stop();
  // Everything ran in one transaction: a failure leaves the database as it was.
  console.error(`Import failed, nothing was written: ${error instanceof GraphQLError || error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await orm.close(true);
}
process.exit(exitCode);
