/**
 * Generates the synthetic country and loads it into a database, through each
 * subgraph's own tables: organisation, volunteers (with the candidate search
 * table written by the volunteers subgraph's own `upsertCandidatePositions`),
 * AEDs, and the incident history. Each part is one transaction and is timed.
 *
 * Two connections share the work, so that both cores of a small machine
 * are busy: one stores volunteers with their certificates, consents and
 * memberships (those reference the volunteer, so they must share its
 * transaction), the other the candidate search table, then the AEDs and the
 * incident history, while the first still builds its indexes. Node makes
 * the rows; PostgreSQL stores a batch while Node makes the next one.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { upsertCandidatePositions, type CandidateEligibility, type CandidatePositionInput } from '../../subgraphs/volunteers/candidates/candidate-positions.ts';
import { compactTileDigest } from '../../common/tile-digest.ts';
import { DISPATCHABLE_AED_DIGEST } from '../../subgraphs/aeds/availability/weekly-availability.service.ts';
import { ALERTABLE_POSITION_DIGEST } from '../../subgraphs/volunteers/candidates/weekly-alertability.service.ts';
import { migrateSubgraphs } from '../database.ts';
import { generateAeds, type GeneratedAedPlace } from './aeds.ts';
import { BATCH_ROWS, BatchWriter, dropSecondaryIndexes, forgetColumnTypes, insertRows, rebuildIndexes, SerialConnection, transaction } from './bulk.ts';
import { generateCountry } from './country.ts';
import { generateIncidents, type VolunteerHome } from './incidents.ts';
import { clearManifest, writeManifest, type DatasetManifest } from './manifest.ts';
import { GENERATOR_VERSION, type GenerateOptions } from './options.ts';
import { generateOrganisation, regionPolicyRows, type SyntheticOrganisation } from './organization.ts';
import { generateVolunteers } from './volunteers.ts';
import { LATEST_VERIFIED_CERTIFICATES_FILL } from '../../subgraphs/volunteers/certificates/latest-verified-certificate.ts';
import { UNREMINDED_RENEWALS_FILL } from '../../subgraphs/volunteers/renewal/unreminded-renewals.ts';

/** The schemas the generator fills: one per subgraph. */
export const SUBGRAPH_SCHEMAS = ['organization', 'volunteers', 'aeds', 'incidents'];

const VOLUNTEER_TABLES = ['volunteers.volunteer', 'volunteers.training_certificate', 'volunteers.consent', 'volunteers.association_membership'];
/** The triggers that keep tables derived from the certificates inserted (the latest verified end, the renewal list's queue). */
const CERTIFICATE_KEEPERS = ['latest_verified_certificate_insert', 'renewal_recheck_insert'];
const SEARCH_TABLES = ['volunteers.candidate_position'];
const INCIDENT_TABLES = ['incidents.incident', 'incidents.alert', 'incidents.alert_update', 'incidents.incident_event'];

/** Empties every table of the subgraphs' schemas (their migration records excepted). */
async function truncateSubgraphTables(connection: SerialConnection): Promise<void> {
  const rows = await connection.query(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
     where table_schema = any($1::text[]) and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations'`,
    [SUBGRAPH_SCHEMAS],
  );
  if (rows.length > 0) await connection.query(`truncate ${rows.map((row) => row.name).join(', ')} restart identity cascade`);
}

async function connect(url: string): Promise<SerialConnection> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const connection = new SerialConnection(client);
  // One transaction per part commits once; waiting for the disk at that commit is all that durability costs here.
  await connection.query('set synchronous_commit = off');
  // Index builds after the load sort in memory rather than on disk.
  await connection.query(`set maintenance_work_mem = '512MB'`);
  return connection;
}

/** Counts rows per table and times the parts of the load. */
class LoadReport {
  readonly timings: Record<string, number> = {};
  readonly rows: Record<string, number> = {};
  private readonly started = performance.now();

  constructor(private readonly log: (line: string) => void) {}

  /** Times `work`, which may overlap other parts. */
  async timed<T>(part: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await work();
    this.record(part, start);
    return result;
  }

  /** Records that `part`, begun at `start` (performance.now()), is done. */
  record(part: string, start: number): void {
    this.timings[part] = seconds(start);
    this.log(`  ${part.padEnd(40)} ${this.timings[part]!.toFixed(1).padStart(6)} s  (done ${seconds(this.started).toFixed(1).padStart(5)} s after the start)`);
  }

  count(table: string, added: number): void {
    this.rows[table] = (this.rows[table] ?? 0) + added;
  }

  total(): number {
    return seconds(this.started);
  }
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

/** Loads the data set described by `options` into the database at `url`, replacing whatever the subgraphs' tables held. */
export async function loadDataset(url: string, options: GenerateOptions, log: (line: string) => void = () => {}): Promise<DatasetManifest> {
  const report = new LoadReport(log);
  await report.timed('migrations', () => migrateSubgraphs(url));
  forgetColumnTypes();
  const people = await connect(url);
  const places = await connect(url);
  try {
    await clearManifest(people.client);
    await report.timed('emptying tables', () => truncateSubgraphTables(people));

    const organisation = await report.timed('organisation', () => loadOrganisation(people, options, report));
    const { homes, volunteersCommitted } = await loadVolunteers(people, places, organisation, options, report);
    const aedPlaces = await report.timed('AEDs', () => loadAeds(places, organisation, options, report));
    await report.timed('incident history', () => loadIncidents(places, organisation, homes, aedPlaces, options, report));
    await volunteersCommitted;
    // The loads appended one change per tile and batch to the digests coverage checks read; folded as the hourly tasks would.
    await report.timed('tile digests folded', () =>
      Promise.all([
        compactTileDigest((sql, params) => people.query(sql, params), ALERTABLE_POSITION_DIGEST),
        compactTileDigest((sql, params) => places.query(sql, params), DISPATCHABLE_AED_DIGEST),
      ]),
    );

    await report.timed('vacuum analyze', async () => {
      // Fresh statistics and visibility maps, as a database that has been running a while has.
      await Promise.all(
        [people, places].map(async (connection, half) => {
          for (const table of Object.keys(report.rows).filter((_, index) => index % 2 === half)) await connection.query(`vacuum analyze ${table}`);
        }),
      );
    });
    const manifest: DatasetManifest = {
      ...options,
      generatorVersion: GENERATOR_VERSION,
      generatedAt: new Date().toISOString(),
      timings: { ...report.timings, total: report.total() },
      rows: report.rows,
    };
    await writeManifest(people.client, manifest);
    log(`  ${'total'.padEnd(40)} ${manifest.timings.total!.toFixed(1).padStart(6)} s`);
    return manifest;
  } finally {
    await people.client.end();
    await places.client.end();
  }
}

async function loadOrganisation(connection: SerialConnection, options: GenerateOptions, report: LoadReport): Promise<SyntheticOrganisation> {
  const { organisation, tables } = generateOrganisation(generateCountry(options.seed), options.seed, options.today);
  await transaction(connection, async () => {
    for (const [table, rows] of tables) {
      for (let index = 0; index < rows.length; index += BATCH_ROWS) await insertRows(connection, table, rows.slice(index, index + BATCH_ROWS));
      report.count(table, rows.length);
    }
    await insertRows(connection, 'volunteers.region_policy', regionPolicyRows(organisation));
  });
  return organisation;
}

/**
 * Volunteers on `people`, their search positions on `search`. Resolves once
 * every row is sent and the search table is committed; the volunteers'
 * indexes and commit go on in the background (`volunteersCommitted`).
 */
async function loadVolunteers(
  people: SerialConnection,
  search: SerialConnection,
  organisation: SyntheticOrganisation,
  options: GenerateOptions,
  report: LoadReport,
): Promise<{ homes: Map<string, VolunteerHome[]>; volunteersCommitted: Promise<void> }> {
  const started = performance.now();
  await people.query('begin');
  await search.query('begin');
  const volunteerIndexes = await dropSecondaryIndexes(people, VOLUNTEER_TABLES);
  // The certificates' kept tables are filled once the indexes are back, as their migrations fill them:
  // their triggers look up each written volunteer's certificates, by an index dropped for the load
  // (a scan of every certificate per batch made the load hours long).
  await people.query(`alter table volunteers.training_certificate ${CERTIFICATE_KEEPERS.map((trigger) => `disable trigger ${trigger}`).join(', ')}`);
  const searchIndexes = await dropSecondaryIndexes(search, SEARCH_TABLES);
  const writers = {
    volunteer: new BatchWriter(people, 'volunteers.volunteer'),
    certificate: new BatchWriter(people, 'volunteers.training_certificate'),
    consent: new BatchWriter(people, 'volunteers.consent'),
    membership: new BatchWriter(people, 'volunteers.association_membership'),
  };
  let positions: { position: CandidatePositionInput; eligibility: CandidateEligibility }[] = [];
  let positionsWritten = 0;
  let positionsInFlight: Promise<void> = Promise.resolve();
  const sendPositions = async () => {
    const batch = positions;
    positions = [];
    await positionsInFlight;
    positionsWritten += batch.length;
    positionsInFlight = upsertCandidatePositions((sql, params) => search.query(sql, params), batch);
    positionsInFlight.catch(() => {});
  };
  const homes = new Map<string, VolunteerHome[]>();
  try {
    for (const generated of generateVolunteers(organisation, { seed: options.seed, count: options.volunteers, today: options.today })) {
      await writers.volunteer.add(generated.volunteer);
      for (const row of generated.certificates) await writers.certificate.add(row);
      for (const row of generated.consents) await writers.consent.add(row);
      for (const row of generated.memberships) await writers.membership.add(row);
      positions.push(...generated.positions);
      if (positions.length >= BATCH_ROWS) await sendPositions();
      const { volunteer } = generated;
      if (volunteer.status === 'ACTIVE') {
        const municipalityId = volunteer.municipality_id as string;
        let list = homes.get(municipalityId);
        if (!list) homes.set(municipalityId, (list = []));
        list.push({
          id: volunteer.id as string,
          lat: volunteer.home_latitude as number,
          lon: volunteer.home_longitude as number,
          associationIds: generated.memberships.map((membership) => membership.partner_association_id as string),
        });
      }
    }
    for (const writer of Object.values(writers)) await writer.flush();
    if (positions.length > 0) await sendPositions();
    await positionsInFlight;
  } catch (error) {
    await Promise.all([people, search].map((connection) => connection.query('rollback').catch(() => {})));
    throw error;
  }
  for (const writer of Object.values(writers)) report.count(writer.table, writer.written);
  report.count('volunteers.candidate_position', positionsWritten);

  const finish = async (connection: SerialConnection, indexes: Awaited<ReturnType<typeof dropSecondaryIndexes>>, part: string, kept: readonly string[] = []) => {
    try {
      await rebuildIndexes(connection, indexes);
      for (const fill of kept) await connection.query(fill);
      await connection.query('commit');
    } catch (error) {
      await connection.query('rollback').catch(() => {});
      throw error;
    }
    report.record(part, started);
  };
  const volunteersCommitted = finish(people, volunteerIndexes, 'volunteers, certificates, consents', [
    LATEST_VERIFIED_CERTIFICATES_FILL,
    UNREMINDED_RENEWALS_FILL,
    `alter table volunteers.training_certificate ${CERTIFICATE_KEEPERS.map((trigger) => `enable trigger ${trigger}`).join(', ')}`,
  ]);
  // Until the caller awaits it, a failure must not count as unhandled.
  volunteersCommitted.catch(() => {});
  await finish(search, searchIndexes, 'candidate positions (search table)');
  return { homes, volunteersCommitted };
}

async function loadAeds(
  connection: SerialConnection,
  organisation: SyntheticOrganisation,
  options: GenerateOptions,
  report: LoadReport,
): Promise<Map<string, GeneratedAedPlace[]>> {
  const places = new Map<string, GeneratedAedPlace[]>();
  await transaction(connection, async () => {
    const aeds = new BatchWriter(connection, 'aeds.aed');
    const guardians = new BatchWriter(connection, 'aeds.aed_guardian', { after: [aeds] });
    for (const { aed, guardians: rows, fetchable } of generateAeds(organisation, { seed: options.seed, count: options.aeds, today: options.today })) {
      await aeds.add(aed);
      for (const row of rows) await guardians.add(row);
      if (fetchable) {
        const municipalityId = aed.municipality_id as string;
        let list = places.get(municipalityId);
        if (!list) places.set(municipalityId, (list = []));
        list.push(fetchable);
      }
    }
    await aeds.flush();
    await guardians.flush();
    report.count(aeds.table, aeds.written);
    report.count(guardians.table, guardians.written);
  });
  return places;
}

async function loadIncidents(
  connection: SerialConnection,
  organisation: SyntheticOrganisation,
  homes: ReadonlyMap<string, readonly VolunteerHome[]>,
  aedPlaces: ReadonlyMap<string, readonly GeneratedAedPlace[]>,
  options: GenerateOptions,
  report: LoadReport,
): Promise<void> {
  await transaction(connection, async () => {
    const indexes = await dropSecondaryIndexes(connection, INCIDENT_TABLES);
    const incident = new BatchWriter(connection, 'incidents.incident');
    const alert = new BatchWriter(connection, 'incidents.alert', { after: [incident] });
    // Incidents before their alerts, alerts before their frames and timeline entries (these foreign keys are checked at once).
    const writers = [
      incident,
      alert,
      new BatchWriter(connection, 'incidents.alert_update', { after: [alert] }),
      new BatchWriter(connection, 'incidents.incident_event', { after: [incident, alert] }),
      new BatchWriter(connection, 'aeds.aed_use'),
    ] as const;
    const [, , updates, events, uses] = writers;
    // The last use of an AED not yet checked by a guardian leaves it stood down.
    const standing = new Map<string, { at: string; incidentId: string }>();
    const history = generateIncidents(organisation, homes, aedPlaces, {
      seed: options.seed,
      count: options.incidents,
      today: options.today,
      historyDays: options.historyDays,
    });
    for (const generated of history) {
      await incident.add(generated.incident);
      for (const row of generated.alerts) await alert.add(row);
      for (const row of generated.alertUpdates) await updates.add(row);
      for (const row of generated.events) await events.add(row);
      for (const row of generated.aedUses) {
        await uses.add(row);
        if (row.confirmed_ready_at === null) standing.set(row.aed_id as string, { at: row.used_at as string, incidentId: row.incident_id as string });
        else standing.delete(row.aed_id as string);
      }
    }
    for (const writer of writers) {
      await writer.flush();
      report.count(writer.table, writer.written);
    }
    await connection.query(
      `update aeds.aed set stood_down_at = s.at, stood_down_incident_id = s.incident_id
       from json_to_recordset($1::json) as s(aed_id uuid, at timestamptz, incident_id uuid) where aed.id = s.aed_id`,
      [JSON.stringify([...standing].map(([aedId, use]) => ({ aed_id: aedId, at: use.at, incident_id: use.incidentId })))],
    );
    await rebuildIndexes(connection, indexes);
  });
}
