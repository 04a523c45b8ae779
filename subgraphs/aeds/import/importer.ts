/**
 * Writes parsed AED import records (osm.ts, geodae.ts) into the registry:
 * all of them or none, in one transaction, matched on their external id, so
 * that importing the same file again changes nothing.
 *
 * A value the source does not give (`null` in the record) never overwrites
 * what is stored: guardians' expiry dates, checks and cabinet codes survive
 * a re-import of an OpenStreetMap export, which knows none of them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { PLACE_TOLERANCE_METERS } from '../../../common/place.ts';
import { Aed } from '../registry/aed.entity.ts';
import { readinessFactsOf } from '../registry/aed.facts.ts';
import { importedPhone } from '../registry/aed.validation.ts';
import { assessReadiness, DEFAULT_READINESS_POLICY, NotReadyReason, type ReadinessPolicy } from '../readiness/readiness.ts';
import type { MunicipalityFacts } from '../peers.ts';
import type { AedImportOutcome, AedImportRecord, AedImportRejection, AedImportSource } from './record.ts';
import { sql } from '../../../common/sql.ts';

/** One imported row of the report. */
export interface ImportedAed {
  externalId: string;
  aedId: string;
}

/** What an import did, row by row. */
export interface AedImportReport {
  source: AedImportSource;
  municipalityId: string;
  created: ImportedAed[];
  updated: ImportedAed[];
  /** Already stored exactly as the source gives it. */
  unchanged: ImportedAed[];
  rejected: AedImportRejection[];
  /** Nothing was written (a dry run). */
  dryRun: boolean;
  /**
   * Of the AEDs in the file (created, updated or unchanged), how many dispatch
   * may not send at the end of the import, and why: an OpenStreetMap export
   * knows no checks or guardians, so its AEDs need them before they count.
   */
  readiness: AedImportReadiness;
}

/** The import's AEDs as dispatch sees them. */
export interface AedImportReadiness {
  /** AEDs in the file that dispatch may send now. */
  dispatchable: number;
  notDispatchable: number;
  /** Per reason, how many AEDs it keeps out (an AED may have several). */
  reasons: Partial<Record<NotReadyReason, number>>;
  /** AEDs without any guardian: nobody is reminded of their checks and expiry dates. */
  withoutGuardian: number;
}

/** Options for {@link importAeds}. */
export interface AedImportRunOptions {
  source: AedImportSource;
  /** Every AED of the file goes to this municipality (and is read in its time zone, with its holidays). */
  municipality: MunicipalityFacts;
  /** Work out the report, then roll back. */
  dryRun?: boolean;
  /** Records written per statement. */
  batchSize?: number;
  /** Called after each batch with the records written so far and the total; throwing aborts the import. */
  onProgress?: (written: number, total: number) => void;
  /** The readiness rule's settings, for the report's readiness counts. */
  policy?: ReadinessPolicy;
  /** The instant readiness is judged at; default now. */
  at?: Date;
  /**
   * How far each AED lies outside the municipality's boundary (null: no boundary): AEDs farther
   * out than the tolerance are rejected, as `registerAed` would refuse them (common/place.ts),
   * so an AED abroad never counts in the municipality's coverage.
   */
  distancesOutside?: (positions: { latitude: number; longitude: number }[]) => Promise<number[] | null>;
}

const DEFAULT_BATCH_SIZE = 1000;

/** Thrown inside the transaction of a dry run, so that it rolls back after the report is complete. */
class DryRunRollback extends Error {}

/** The record as the columns it sets; null where the source is silent. */
function rowOf(record: AedImportRecord, countryCode: string) {
  return {
    external_id: record.externalId,
    latitude: record.lat,
    longitude: record.lon,
    location_description: record.locationDescription,
    indoor: record.indoor,
    floor: record.floor,
    access: record.access,
    cabinet_locked: record.locked,
    owner_name: record.owner,
    owner_phone: importedPhone(record.phone, countryCode),
    brand: record.brand,
    model: record.model,
    serial_number: record.serial,
    reference: record.reference,
    availability_schedule: record.schedule,
    battery_expires_on: record.batteryExpiresOn,
    pads_expire_on: record.padsExpireOn,
    last_checked_on: record.lastCheckedOn,
    operational: record.operational,
  };
}

const RECORDSET = `jsonb_to_recordset(?::jsonb) as r(
  external_id text, latitude float8, longitude float8, location_description text, indoor boolean, floor text, access text,
  cabinet_locked boolean, owner_name text, owner_phone text, brand text, model text, serial_number text, reference text,
  availability_schedule text, battery_expires_on date, pads_expire_on date, last_checked_on date, operational boolean)`;

/** Columns a source may set; a null from the source keeps the stored value. */
const KEPT_UNLESS_GIVEN = [
  'location_description',
  'indoor',
  'floor',
  'access',
  'cabinet_locked',
  'owner_name',
  'owner_phone',
  'brand',
  'model',
  'serial_number',
  'reference',
  'availability_schedule',
  'battery_expires_on',
  'pads_expire_on',
  'last_checked_on',
  'operational',
];

const NEW_VALUES = [
  'r.latitude',
  'r.longitude',
  '?::uuid',
  '?::text',
  '?::text',
  ...KEPT_UNLESS_GIVEN.map((column) => `coalesce(r.${column}, a.${column})`),
  // Unlocking a cabinet forgets its code (a code without a lock is not allowed).
  `case when coalesce(r.cabinet_locked, a.cabinet_locked) then a.cabinet_code end`,
];
const STORED_VALUES = ['a.latitude', 'a.longitude', 'a.municipality_id', 'a.time_zone', 'a.country_code', ...KEPT_UNLESS_GIVEN.map((column) => `a.${column}`), 'a.cabinet_code'];
const TARGETS = ['latitude', 'longitude', 'municipality_id', 'time_zone', 'country_code', ...KEPT_UNLESS_GIVEN, 'cabinet_code'];

/** Updates stored AEDs whose values differ; returns those it changed. */
const UPDATE_SQL = `
  update aeds.aed a
  set (${TARGETS.join(', ')}, updated_at) = (${NEW_VALUES.join(', ')}, now())
  from ${RECORDSET}
  where a.external_id = r.external_id
    and (${NEW_VALUES.join(', ')}) is distinct from (${STORED_VALUES.join(', ')})
  returning a.external_id, a.id`;

/** Inserts AEDs not stored yet; returns them. */
const INSERT_SQL = `
  insert into aeds.aed (id, external_id, latitude, longitude, municipality_id, time_zone, country_code, location_description, indoor, floor, access,
    cabinet_locked, owner_name, owner_phone, brand, model, serial_number, reference, availability_schedule,
    battery_expires_on, pads_expire_on, last_checked_on, operational)
  select gen_random_uuid(), r.external_id, r.latitude, r.longitude, ?::uuid, ?::text, ?::text, coalesce(r.location_description, ''), r.indoor, r.floor, r.access,
    coalesce(r.cabinet_locked, false), r.owner_name, r.owner_phone, r.brand, r.model, r.serial_number, r.reference, r.availability_schedule,
    r.battery_expires_on, r.pads_expire_on, r.last_checked_on, coalesce(r.operational, true)
  from ${RECORDSET}
  where not exists (select 1 from aeds.aed a where a.external_id = r.external_id)
  returning external_id, id`;

/** The stored AEDs of a batch, to report those left unchanged. */
const EXISTING_SQL = `select a.external_id, a.id from aeds.aed a join ${RECORDSET} on a.external_id = r.external_id`;

/**
 * Records whose external id came earlier in the same file are rejected: the
 * file contradicts itself, and which row wins should not be an accident.
 */
function withoutDuplicates(records: AedImportRecord[], source: AedImportSource): { unique: AedImportRecord[]; duplicates: AedImportRejection[] } {
  const seen = new Set<string>();
  const unique: AedImportRecord[] = [];
  const duplicates: AedImportRejection[] = [];
  for (const record of records) {
    if (seen.has(record.externalId)) {
      duplicates.push({ source, externalId: record.externalId, reason: `${record.externalId} appears more than once in the file; only its first row was imported.` });
    } else {
      seen.add(record.externalId);
      unique.push(record);
    }
  }
  return { unique, duplicates };
}

/**
 * Imports parsed outcomes into `options.municipality`: creates AEDs not seen
 * before, updates those whose source values changed, leaves the rest, and
 * reports rejected rows with their reasons. Runs in one transaction: if
 * anything fails, nothing is written.
 */
export async function importAeds(
  em: EntityManager,
  outcomes: Iterable<AedImportOutcome> | AsyncIterable<AedImportOutcome>,
  options: AedImportRunOptions,
): Promise<AedImportReport> {
  const records: AedImportRecord[] = [];
  const rejected: AedImportRejection[] = [];
  for await (const outcome of outcomes) {
    if (outcome.ok) records.push(outcome.record);
    else rejected.push(outcome.rejection);
  }
  const { unique: distinct, duplicates } = withoutDuplicates(records, options.source);
  rejected.push(...duplicates);
  let unique = distinct;
  const distances =
    options.distancesOutside && distinct.length > 0 ? await options.distancesOutside(distinct.map((record) => ({ latitude: record.lat, longitude: record.lon }))) : null;
  if (distances) {
    unique = distinct.filter((record, index) => {
      const outside = distances[index]!;
      if (outside <= PLACE_TOLERANCE_METERS) return true;
      rejected.push({
        source: options.source,
        externalId: record.externalId,
        reason: `${record.externalId} lies ${(outside / 1000).toFixed(1)} km outside the municipality's boundary (${PLACE_TOLERANCE_METERS / 1000} km is allowed): check its position, or register it on its own with outsideMunicipalityReason.`,
      });
      return false;
    });
  }
  const { municipality } = options;
  const report: AedImportReport = {
    source: options.source,
    municipalityId: municipality.id,
    created: [],
    updated: [],
    unchanged: [],
    rejected,
    dryRun: options.dryRun ?? false,
    readiness: { dispatchable: 0, notDispatchable: 0, reasons: {}, withoutGuardian: 0 },
  };
  const at = options.at ?? new Date();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const place = [municipality.id, municipality.timeZone, municipality.countryCode];
  try {
    await em.fork().transactional(async (tx) => {
      for (let start = 0; start < unique.length; start += batchSize) {
        const batch = unique.slice(start, start + batchSize);
        const json = JSON.stringify(batch.map((record) => rowOf(record, municipality.countryCode)));
        const existing = await sql<{ external_id: string; id: string }>(tx, EXISTING_SQL, [json]);
        const updated = await sql<{ external_id: string; id: string }>(tx, UPDATE_SQL, [...place, json, ...place]);
        const created = await sql<{ external_id: string; id: string }>(tx, INSERT_SQL, [...place, json]);
        const changed = new Set(updated.map((row) => row.external_id));
        report.updated.push(...updated.map(imported));
        report.created.push(...created.map(imported));
        report.unchanged.push(...existing.filter((row) => !changed.has(row.external_id)).map(imported));
        await countReadiness(
          tx,
          [...existing, ...created].map((row) => row.id),
          at,
          options.policy ?? DEFAULT_READINESS_POLICY,
          report.readiness,
        );
        options.onProgress?.(Math.min(start + batchSize, unique.length), unique.length);
      }
      if (report.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report;
}

/** Adds the readiness of the AEDs `ids` (as written in the transaction) to `counts`. */
async function countReadiness(tx: EntityManager, ids: string[], at: Date, policy: ReadinessPolicy, counts: AedImportReadiness): Promise<void> {
  if (ids.length === 0) return;
  const aeds = await tx.find(Aed, { id: { $in: ids } });
  for (const aed of aeds) {
    const { dispatchable, reasons } = assessReadiness(readinessFactsOf(aed), at, policy);
    if (dispatchable) counts.dispatchable += 1;
    else counts.notDispatchable += 1;
    for (const reason of reasons) counts.reasons[reason] = (counts.reasons[reason] ?? 0) + 1;
  }
  const [row] = await sql<{ count: string }>(
    tx,
    'select count(*) as count from aeds.aed a where a.id = any(?::uuid[]) and not exists (select 1 from aeds.aed_guardian g where g.aed_id = a.id)',
    [`{${ids.join(',')}}`],
  );
  counts.withoutGuardian += Number(row?.count ?? 0);
  // The batch's entities are not needed again; keeps a national import's memory flat.
  tx.clear();
}

function imported(row: { external_id: string; id: string }): ImportedAed {
  return { externalId: row.external_id, aedId: row.id };
}
