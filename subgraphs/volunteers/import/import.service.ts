/**
 * Applies an association's volunteer list (CSV) to the database: the plan of
 * csv.ts (create / merge / reject, with reasons) written in ONE transaction,
 * so a failure leaves nothing half done. Rejected rows are reported, not
 * written. Every imported volunteer becomes a member of the association,
 * which its app needs to forward their alerts.
 *
 * Dedupe: the file is planned once without the database to learn its phone
 * numbers and e-mail addresses, then again against the volunteers holding
 * any of them, so a national database is never loaded whole.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../common/errors.ts';
import { PLACE_TOLERANCE_METERS } from '../../../common/place.ts';
import { certificateGracePeriodDays, ruleContextOf, ruleInputOf } from '../candidates/alertability.ts';
import { AssociationMembership } from '../registration/association-membership.entity.ts';
import { candidateEligibilityOf, upsertCandidatePositions } from '../candidates/candidate-positions.ts';
import { standingPositionsOf, syncCandidatePositions } from '../candidates/candidate-sync.ts';
import { Consent, ConsentKind } from '../registration/consent.entity.ts';
import type { MunicipalitySettings } from '../peers.ts';
import type { PhoneCountry } from '../registration/phone.ts';
import { sql, sqlQuery } from '../../../common/sql.ts';
import { CertificateType, TrainingCertificate } from '../certificates/training-certificate.entity.ts';
import { Volunteer } from '../registration/volunteer.entity.ts';
import { planVolunteerImport, VolunteerCsvError, type ExistingVolunteer, type ImportedVolunteer, type RejectedRow, type VolunteerImportPlan } from './csv.ts';
import type { IdentityField } from './same-person.ts';

/** Where the list goes and who imports it. */
export interface VolunteerImportTarget {
  /** The municipality the volunteers join (its clock, country and region). */
  municipality: MunicipalitySettings;
  /** The association whose list it is; every imported volunteer becomes its member. */
  partnerAssociationId: string;
  /** Subject of who imports. */
  importedBy: string;
  at: Date;
  /** Whether the importer may verify certificates (ADMIN, administrative support); else the list's `certificate_verified` is not honoured. */
  mayVerify: boolean;
}

/** A row written as a new volunteer. */
export interface CreatedRow {
  line: number;
  /** Null in a dry run. */
  volunteerId: string | null;
  name: string;
  warnings: string[];
}

/** A row merged into an existing volunteer. */
export interface MergedRow {
  line: number;
  volunteerId: string;
  name: string;
  matchedBy: IdentityField[];
  /** Whether the row's certificate was new for the volunteer (same type and course date count as the same). */
  certificateAdded: boolean;
  warnings: string[];
}

/** What the import did (or, in a dry run, would do). */
export interface VolunteerImportReport {
  dryRun: boolean;
  created: CreatedRow[];
  merged: MergedRow[];
  rejected: RejectedRow[];
  ignoredColumns: string[];
}

export interface VolunteerImportOptions {
  /** Plan and report only; write nothing. */
  dryRun?: boolean;
  /** Called after each batch of rows written, inside the transaction. */
  onProgress?: (done: number, total: number) => void;
  /**
   * How far each home lies outside the municipality's boundary (null: no boundary): rows of new
   * volunteers farther out than the tolerance are rejected, as a registration would be refused
   * (common/place.ts); a list cannot give the reason an override needs, so such a volunteer is
   * registered on their own.
   */
  distancesOutside?: (positions: { latitude: number; longitude: number }[]) => Promise<number[] | null>;
}

/** Rows written per flush: large enough to be quick, small enough to keep memory flat. */
const BATCH = 500;

/** The certificate type a certificate's name stands for (`NRR Reanimatie/AED` → CPR_AED). */
export function certificateTypeOf(name: string): CertificateType {
  const text = name.toLowerCase();
  if (/\bbls\b|basic life support/.test(text)) return CertificateType.BLS;
  if (/\b(als|acls|pals|epls)\b|professional|arts|verpleegkundig|nurse|physician|paramedic/.test(text)) return CertificateType.PROFESSIONAL;
  if (/\baed\b/.test(text)) return CertificateType.CPR_AED;
  return CertificateType.CPR;
}

function plan(csv: string | Buffer, target: VolunteerImportTarget, existing: ExistingVolunteer[]): VolunteerImportPlan {
  try {
    return planVolunteerImport(csv, {
      existing,
      defaultCountry: target.municipality.countryCode as PhoneCountry,
      timeZone: target.municipality.timeZone,
      at: target.at,
      mayVerify: target.mayVerify,
    });
  } catch (error) {
    if (error instanceof VolunteerCsvError) throw badInput(`${error.message}.`, { field: 'csv', reason: error.code });
    throw error;
  }
}

/** Volunteers (not deleted) that hold one of the phone numbers or e-mail addresses, with what identifies them. */
async function volunteersMatching(em: EntityManager, rows: readonly ImportedVolunteer[]): Promise<ExistingVolunteer[]> {
  if (rows.length === 0) return [];
  return sql<ExistingVolunteer>(
    em,
    `select id::text as id, phone, email, date_of_birth::text as "dateOfBirth", name from volunteers.volunteer
     where status <> 'DELETED' and (phone = any($1::text[]) or email = any($2::text[]))`,
    [rows.map((row) => row.phone), rows.flatMap((row) => (row.email ? [row.email] : []))],
  );
}

function certificateOf(row: ImportedVolunteer, volunteerId: string, target: VolunteerImportTarget) {
  const recordedBy = `import:${target.partnerAssociationId}`;
  return {
    volunteerId,
    type: certificateTypeOf(row.certificate.type),
    name: row.certificate.type,
    provider: null,
    courseDate: row.certificate.courseDate,
    validUntil: row.certificate.validUntil,
    verifiedAt: row.certificate.verified ? target.at : null,
    verifiedBy: row.certificate.verified ? recordedBy : null,
    recordedBy,
    createdAt: target.at,
  };
}

async function createVolunteers(tx: EntityManager, rows: readonly ImportedVolunteer[], target: VolunteerImportTarget, grace: number): Promise<string[]> {
  const { municipality } = target;
  const recordedBy = `import:${target.partnerAssociationId}`;
  const written: { volunteer: Volunteer; certificate: TrainingCertificate }[] = [];
  for (const row of rows) {
    const volunteer = tx.create(Volunteer, {
      name: row.name,
      phone: row.phone,
      email: row.email,
      dateOfBirth: row.dateOfBirth,
      homeStreet: row.homeAddress.street,
      homeHouseNumber: row.homeAddress.houseNumber,
      homePostalCode: row.homeAddress.postalCode,
      homeCity: row.homeAddress.city,
      homeLatitude: row.home.lat,
      homeLongitude: row.home.lon,
      municipalityId: municipality.id,
      timeZone: municipality.timeZone,
      countryCode: municipality.countryCode,
      securityRegionId: municipality.securityRegionId,
      registeredBy: target.importedBy,
      createdAt: target.at,
      updatedAt: target.at,
    });
    // The association shares its members under its own agreement with them; the record says so.
    tx.create(Consent, { volunteerId: volunteer.id, kind: ConsentKind.PERSONAL_DATA, given: true, at: target.at, recordedBy });
    const certificate = tx.create(TrainingCertificate, certificateOf(row, volunteer.id, target));
    tx.create(AssociationMembership, { volunteerId: volunteer.id, partnerAssociationId: target.partnerAssociationId, since: target.at });
    written.push({ volunteer, certificate });
  }
  await tx.flush();
  await upsertCandidatePositions(
    sqlQuery(tx),
    written.flatMap(({ volunteer, certificate }) => {
      const eligibility = candidateEligibilityOf(ruleInputOf(volunteer, [certificate]), ruleContextOf(volunteer, grace));
      return standingPositionsOf(volunteer).map((position) => ({ position, eligibility }));
    }),
  );
  return written.map(({ volunteer }) => volunteer.id);
}

async function mergeVolunteer(tx: EntityManager, merge: VolunteerImportPlan['merge'][number], target: VolunteerImportTarget): Promise<boolean> {
  const volunteer = await tx.findOneOrFail(Volunteer, { id: merge.volunteerId });
  const { volunteer: row } = merge;
  const membership = await tx.findOne(AssociationMembership, { volunteerId: volunteer.id, partnerAssociationId: target.partnerAssociationId });
  if (!membership) {
    tx.create(AssociationMembership, { volunteerId: volunteer.id, partnerAssociationId: target.partnerAssociationId, since: target.at });
  }
  // The volunteer's own record wins; the list only fills what is missing.
  if (!volunteer.email && row.email) tx.assign(volunteer, { email: row.email, updatedAt: target.at });
  const type = certificateTypeOf(row.certificate.type);
  const known = await tx.findOne(TrainingCertificate, { volunteerId: volunteer.id, type, courseDate: row.certificate.courseDate });
  if (!known) tx.create(TrainingCertificate, certificateOf(row, volunteer.id, target));
  await tx.flush();
  if (!known) await syncCandidatePositions(tx, volunteer);
  return !known;
}

/**
 * Imports an association's volunteer list: creates the new volunteers,
 * merges the rows that are the same person as a known one (same-person.ts), and reports the
 * rejected rows with their reasons, all in one transaction.
 *
 * @throws BAD_USER_INPUT when the file as a whole cannot be read (not CSV, required columns missing).
 */
export async function importVolunteers(
  em: EntityManager,
  csv: string | Buffer,
  target: VolunteerImportTarget,
  options: VolunteerImportOptions = {},
): Promise<VolunteerImportReport> {
  const firstPass = plan(csv, target, []);
  const final = plan(csv, target, await volunteersMatching(em, [...firstPass.create, ...firstPass.merge.map((merge) => merge.volunteer)]));
  if (options.distancesOutside && final.create.length > 0) {
    const distances = await options.distancesOutside(final.create.map((row) => ({ latitude: row.home.lat, longitude: row.home.lon })));
    if (distances) {
      const outside = new Set(final.create.filter((_, index) => distances[index]! > PLACE_TOLERANCE_METERS));
      for (const [index, row] of final.create.entries()) {
        if (!outside.has(row)) continue;
        final.rejected.push({
          line: row.line,
          reasons: [
            `home_lat/home_lon lie ${(distances[index]! / 1000).toFixed(1)} km outside the municipality's boundary (${PLACE_TOLERANCE_METERS / 1000} km is allowed): check the position, or register this volunteer on their own with outsideMunicipalityReason`,
          ],
          fields: { name: row.name, home_lat: String(row.home.lat), home_lon: String(row.home.lon) },
        });
      }
      final.create = final.create.filter((row) => !outside.has(row));
      final.rejected.sort((a, b) => a.line - b.line);
    }
  }
  const report: VolunteerImportReport = {
    dryRun: options.dryRun ?? false,
    created: final.create.map((row) => ({ line: row.line, volunteerId: null, name: row.name, warnings: row.warnings })),
    merged: final.merge.map((merge) => ({
      line: merge.volunteer.line,
      volunteerId: merge.volunteerId,
      name: merge.volunteer.name,
      matchedBy: merge.matchedBy,
      certificateAdded: false,
      warnings: merge.volunteer.warnings,
    })),
    rejected: final.rejected,
    ignoredColumns: final.ignoredColumns,
  };
  if (report.dryRun) return report;

  const total = final.create.length + final.merge.length;
  await em.transactional(async (tx) => {
    const grace = await certificateGracePeriodDays(tx, target.municipality.securityRegionId);
    let done = 0;
    options.onProgress?.(done, total);
    for (let start = 0; start < final.create.length; start += BATCH) {
      const ids = await createVolunteers(tx, final.create.slice(start, start + BATCH), target, grace);
      ids.forEach((id, index) => (report.created[start + index]!.volunteerId = id));
      // Written rows need no tracking any more; keeps a large import's memory flat.
      tx.clear();
      done += ids.length;
      options.onProgress?.(done, total);
    }
    for (const [index, merge] of final.merge.entries()) {
      report.merged[index]!.certificateAdded = await mergeVolunteer(tx, merge, target);
      done += 1;
      if (done % BATCH === 0 || index === final.merge.length - 1) options.onProgress?.(done, total);
    }
  });
  return report;
}
