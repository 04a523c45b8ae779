/**
 * Import of an association's volunteer list (CSV) as a plan: which rows
 * become new volunteers, which update an existing one, and which are
 * rejected and why. Planning is pure, so the working group can be shown the
 * plan before anything is written; the database layer applies an accepted
 * plan in one transaction.
 *
 * ## The file
 * UTF-8 (a byte-order mark is fine), one header line, then one volunteer per
 * line. The delimiter is `,` or `;` (Dutch spreadsheet programs write `;`),
 * taken from the header line. Header names are case-insensitive; spaces and
 * hyphens count as underscores; unknown columns are ignored and listed in
 * the plan. Fields may be quoted with `"`.
 *
 * | column | required | content |
 * |---|---|---|
 * | `name` | yes | full name as the volunteer wants to be addressed |
 * | `phone` | yes | mobile number (SMS alerts go there; a fixed line is refused); without country code it is read in the municipality's country |
 * | `email` | no | e-mail address |
 * | `date_of_birth` | yes | `YYYY-MM-DD` or `DD-MM-YYYY` (also `DD/MM/YYYY`); must be 18 or older today |
 * | `home_street`, `home_house_number`, `home_postal_code`, `home_city` | no | home address, kept for the volunteer's profile |
 * | `home_lat`, `home_lon` | yes | WGS84 degrees of the home address (a decimal comma is accepted) |
 * | `certificate_type` | yes | e.g. `NRR Reanimatie/AED` |
 * | `course_date` | yes | date the course was passed; not in the future |
 * | `certificate_valid_until` | no | explicit end date; empty means course date + 1 year |
 * | `certificate_verified` | no | `yes`/`no` (also `ja`/`nee`/`nej`, `true`/`false`, `1`/`0`); empty means no. Honoured only when the importer may verify certificates (administrative support, ADMIN) |
 *
 * ## Duplicates
 * Phone numbers are compared in E.164 and e-mail addresses in lower case.
 * A row whose phone or e-mail already appeared on an earlier valid row of
 * the same file is rejected (the first occurrence wins; the list's owner
 * decides, rather than a guessed merge of two rows). A row sharing a phone
 * or e-mail with an existing volunteer is merged into them only when
 * same-person.ts says it is the same person; otherwise, and when its phone
 * matches one existing volunteer and its e-mail another, it is rejected with
 * the fields that matched and those that did not, since merging would join
 * two people.
 */
import { parse, type Info } from 'csv-parse/sync';
import { adultFrom, certificateValidUntil, isAdultOn, type TrainingCertificate } from '../candidates/eligibility.ts';
import { isEmailAddress } from '../registration/email.ts';
import { addYears, assertTimeZone, isLocalDate, localDateOf, type LocalDate } from '../../../common/zoned-time.ts';
import { MAXIMUM_AGE_YEARS } from '../registration/volunteer-input.ts';
import { InvalidPhoneNumberError, parsePhoneNumber, smsRefusal, type PhoneCountry } from '../registration/phone.ts';
import { compareIdentity, partialMatchReason, type Identity, type IdentityField } from './same-person.ts';

/** Columns every file must have. */
export const REQUIRED_COLUMNS = ['name', 'phone', 'date_of_birth', 'home_lat', 'home_lon', 'certificate_type', 'course_date'] as const;

/** Columns a file may have. */
export const OPTIONAL_COLUMNS = ['email', 'home_street', 'home_house_number', 'home_postal_code', 'home_city', 'certificate_valid_until', 'certificate_verified'] as const;

type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const KNOWN_COLUMNS = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** A volunteer already in the database, as far as duplicate detection needs. */
export interface ExistingVolunteer {
  id: string;
  /** Stored phone number (E.164 expected; other forms are normalised before comparing). */
  phone: string | null;
  email: string | null;
  /** YYYY-MM-DD, or null when erased. */
  dateOfBirth: string | null;
  name: string | null;
}

/** A valid row of the file, normalised. */
export interface ImportedVolunteer {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  name: string;
  /** E.164. */
  phone: string;
  /** Lower case, or null when the file gives none. */
  email: string | null;
  dateOfBirth: LocalDate;
  homeAddress: { street: string | null; houseNumber: string | null; postalCode: string | null; city: string | null };
  home: { lat: number; lon: number };
  certificate: TrainingCertificate & { type: string; validUntil: LocalDate | null };
  /** Things the working group should know that do not stop the import. */
  warnings: string[];
}

/** A row to write into an existing volunteer. */
export interface VolunteerMerge {
  /** Id of the existing volunteer. */
  volunteerId: string;
  /** The fields that matched: phone and date_of_birth, or email, date_of_birth and name, or more. */
  matchedBy: IdentityField[];
  volunteer: ImportedVolunteer;
}

/** A row that will not be imported. */
export interface RejectedRow {
  line: number;
  /** Human-readable, one per problem found. */
  reasons: string[];
  /** The row as read, by column name, so it can be shown or exported for correction. */
  fields: Record<string, string>;
}

/** What applying the file would do. */
export interface VolunteerImportPlan {
  create: ImportedVolunteer[];
  merge: VolunteerMerge[];
  rejected: RejectedRow[];
  /** Header names that are not columns of the format (their values are not imported). */
  ignoredColumns: string[];
}

/** How to read the file. */
export interface VolunteerImportOptions {
  /** Volunteers already registered, to merge into instead of duplicating. */
  existing: readonly ExistingVolunteer[];
  /** Country of the municipality, for phone numbers written without country code. */
  defaultCountry: PhoneCountry;
  /** IANA time zone of the municipality: "today" for the age and course-date checks. */
  timeZone: string;
  /** The import's instant. */
  at: Date;
  /** Whether the importer may verify certificates; if not, `certificate_verified` is read but not honoured. */
  mayVerify: boolean;
}

/** The file as a whole cannot be read (not CSV, or required columns missing). */
export class VolunteerCsvError extends Error {
  readonly code = 'INVALID_VOLUNTEER_CSV';

  constructor(message: string) {
    super(message);
    this.name = 'VolunteerCsvError';
  }
}

function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function parseRows(text: string): { record: string[]; info: Info }[] {
  try {
    // With `info` each record comes with its line, which a person needs to find the row.
    return parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: Info }[];
  } catch (error) {
    throw new VolunteerCsvError(`The file is not valid CSV: ${(error as Error).message}`);
  }
}

function parseDate(value: string): LocalDate | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dutch = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : [];
  if (!year || !month || !day) return null;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

function parseCoordinate(value: string): number | null {
  // A decimal comma is how Dutch spreadsheets write 52,37; a thousands separator never occurs in degrees.
  const text = value.replace(',', '.');
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

const YES = new Set(['yes', 'y', 'ja', 'j', 'true', '1']);
const NO = new Set(['no', 'n', 'nee', 'nej', 'nei', 'false', '0', '']);

type RowResult = { ok: true; volunteer: ImportedVolunteer } | { ok: false; reasons: string[] };

function validateRow(field: (column: Column) => string, line: number, today: LocalDate, options: VolunteerImportOptions): RowResult {
  const reasons: string[] = [];
  const warnings: string[] = [];

  const name = field('name').replace(/\s+/g, ' ');
  if (name === '') reasons.push('name is empty');

  let phone = '';
  try {
    const parsed = parsePhoneNumber(field('phone'), options.defaultCountry);
    phone = parsed.e164;
    const refusal = smsRefusal(parsed);
    if (refusal) reasons.push(`phone ${refusal}`);
  } catch (error) {
    if (!(error instanceof InvalidPhoneNumberError)) throw error;
    reasons.push(`phone: ${error.message}`);
  }

  const emailText = field('email').toLowerCase();
  const email = emailText === '' ? null : emailText;
  if (email !== null && !isEmailAddress(email)) reasons.push(`email "${field('email')}" is not an e-mail address`);

  const dateOfBirth = parseDate(field('date_of_birth'));
  if (dateOfBirth === null) {
    reasons.push(`date_of_birth "${field('date_of_birth')}" is not a date (use YYYY-MM-DD or DD-MM-YYYY)`);
  } else if (dateOfBirth > today) {
    reasons.push(`date_of_birth ${dateOfBirth} is in the future`);
  } else if (dateOfBirth < addYears(today, -MAXIMUM_AGE_YEARS)) {
    reasons.push(`date_of_birth ${dateOfBirth} is more than ${MAXIMUM_AGE_YEARS} years ago; check for a typo`);
  } else if (!isAdultOn(dateOfBirth, today)) {
    reasons.push(`volunteer is under 18 (turns 18 on ${adultFrom(dateOfBirth)}); volunteers must be adults`);
  }

  const coordinate = (column: 'home_lat' | 'home_lon', limit: number): number | null => {
    const text = field(column);
    const value = parseCoordinate(text);
    if (text === '') reasons.push(`${column} is empty`);
    else if (value === null) reasons.push(`${column} "${text}" is not a number`);
    else if (value < -limit || value > limit) reasons.push(`${column} ${value} is out of range (−${limit} to ${limit})`);
    else return value;
    return null;
  };
  const lat = coordinate('home_lat', 90);
  const lon = coordinate('home_lon', 180);
  if (lat === 0 && lon === 0) reasons.push('home_lat/home_lon 0, 0 is not a home address (a failed geocoding?)');

  const certificateType = field('certificate_type');
  if (certificateType === '') reasons.push('certificate_type is empty');

  const courseDate = parseDate(field('course_date'));
  if (courseDate === null) reasons.push(`course_date "${field('course_date')}" is not a date (use YYYY-MM-DD or DD-MM-YYYY)`);
  else if (courseDate > today) reasons.push(`course_date ${courseDate} is in the future; import the course once it is passed`);

  let validUntil: LocalDate | null = null;
  if (field('certificate_valid_until') !== '') {
    validUntil = parseDate(field('certificate_valid_until'));
    if (validUntil === null) {
      reasons.push(`certificate_valid_until "${field('certificate_valid_until')}" is not a date (use YYYY-MM-DD or DD-MM-YYYY)`);
    } else if (courseDate !== null && validUntil < courseDate) {
      reasons.push(`certificate_valid_until ${validUntil} is before course_date ${courseDate}`);
    }
  }

  const verifiedText = field('certificate_verified').toLowerCase();
  const listedVerified = YES.has(verifiedText);
  const verified = listedVerified && options.mayVerify;
  if (!listedVerified && !NO.has(verifiedText)) {
    reasons.push(`certificate_verified "${field('certificate_verified')}" is not yes or no`);
  }

  if (reasons.length > 0 || dateOfBirth === null || courseDate === null || lat === null || lon === null) {
    return { ok: false, reasons };
  }

  const certificate = { type: certificateType, courseDate, validUntil, verified };
  const expiresOn = certificateValidUntil(certificate);
  if (expiresOn < today) warnings.push(`certificate expired on ${expiresOn}; not alerted until a refresher course is recorded`);
  if (listedVerified && !verified) {
    warnings.push('certificate_verified ignored: only the administrative support (or ADMIN) verifies certificates; not alerted until they do');
  } else if (!verified) {
    warnings.push('certificate not verified; not alerted until it is');
  }

  const optional = (column: Column) => field(column) || null;
  return {
    ok: true,
    volunteer: {
      line,
      name,
      phone,
      email,
      dateOfBirth,
      homeAddress: {
        street: optional('home_street'),
        houseNumber: optional('home_house_number'),
        postalCode: optional('home_postal_code'),
        city: optional('home_city'),
      },
      home: { lat, lon },
      certificate,
      warnings,
    },
  };
}

function normaliseExistingPhone(phone: string, defaultCountry: PhoneCountry): string {
  try {
    return parsePhoneNumber(phone, defaultCountry).e164;
  } catch {
    // A stored number that no longer parses can still match itself verbatim.
    return phone.trim();
  }
}

/**
 * Reads an association's volunteer list and plans the import: rows to
 * create, rows to merge into existing volunteers, rows rejected with their
 * reasons. Pure: reads nothing but its arguments, writes nothing.
 *
 * @throws VolunteerCsvError when the file is not CSV or lacks required columns.
 */
export function planVolunteerImport(csv: string | Buffer, options: VolunteerImportOptions): VolunteerImportPlan {
  assertTimeZone(options.timeZone);
  const today = localDateOf(options.at, options.timeZone);
  const rows = parseRows(typeof csv === 'string' ? csv : csv.toString('utf8'));
  if (rows.length === 0) throw new VolunteerCsvError('The file is empty; the first line must name the columns');

  const header = rows[0]!.record.map(normaliseHeader);
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new VolunteerCsvError(`Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (the first line must name the columns)`);
  }
  const repeated = header.filter((name, index) => name !== '' && header.indexOf(name) !== index);
  if (repeated.length > 0) throw new VolunteerCsvError(`Column named twice: ${[...new Set(repeated)].join(', ')}`);
  const ignoredColumns = header.filter((name) => name !== '' && !KNOWN_COLUMNS.has(name));

  const existingByPhone = new Map<string, string>();
  const existingByEmail = new Map<string, string>();
  const existingById = new Map<string, Identity>();
  for (const volunteer of options.existing) {
    const phone = volunteer.phone ? normaliseExistingPhone(volunteer.phone, options.defaultCountry) : null;
    const email = volunteer.email ? volunteer.email.trim().toLowerCase() : null;
    if (phone) existingByPhone.set(phone, volunteer.id);
    if (email) existingByEmail.set(email, volunteer.id);
    existingById.set(volunteer.id, { phone, email, dateOfBirth: volunteer.dateOfBirth, name: volunteer.name });
  }

  const plan: VolunteerImportPlan = { create: [], merge: [], rejected: [], ignoredColumns };
  const phoneSeenOnLine = new Map<string, number>();
  const emailSeenOnLine = new Map<string, number>();

  for (const { record, info } of rows.slice(1)) {
    // info.lines is the line where the record ends; a quoted field may span lines.
    const line = info.lines - record.join('').split('\n').length + 1;
    const fields: Record<string, string> = {};
    header.forEach((name, index) => {
      if (name !== '') fields[name] = record[index] ?? '';
    });
    if (record.every((value) => value === '')) continue;
    const reject = (reasons: string[]) => plan.rejected.push({ line, reasons, fields });

    if (record.length !== header.length) {
      reject([`the line has ${record.length} fields but the header has ${header.length}; check the delimiters and quotes`]);
      continue;
    }

    const result = validateRow((column) => fields[column] ?? '', line, today, options);
    if (!result.ok) {
      reject(result.reasons);
      continue;
    }
    const { volunteer } = result;

    const duplicateReasons: string[] = [];
    const earlierPhone = phoneSeenOnLine.get(volunteer.phone);
    if (earlierPhone !== undefined) duplicateReasons.push(`same phone ${volunteer.phone} as line ${earlierPhone}`);
    const earlierEmail = volunteer.email === null ? undefined : emailSeenOnLine.get(volunteer.email);
    if (earlierEmail !== undefined) duplicateReasons.push(`same e-mail ${volunteer.email} as line ${earlierEmail}`);
    if (!phoneSeenOnLine.has(volunteer.phone)) phoneSeenOnLine.set(volunteer.phone, line);
    if (volunteer.email !== null && !emailSeenOnLine.has(volunteer.email)) emailSeenOnLine.set(volunteer.email, line);
    if (duplicateReasons.length > 0) {
      reject(duplicateReasons.map((reason) => `duplicate in this file: ${reason}`));
      continue;
    }

    const byPhone = existingByPhone.get(volunteer.phone);
    const byEmail = volunteer.email === null ? undefined : existingByEmail.get(volunteer.email);
    if (byPhone !== undefined && byEmail !== undefined && byPhone !== byEmail) {
      reject([`phone ${volunteer.phone} belongs to existing volunteer ${byPhone} ` + `but e-mail ${volunteer.email} to volunteer ${byEmail}; correct one of them`]);
      continue;
    }
    const volunteerId = byPhone ?? byEmail;
    if (volunteerId === undefined) {
      plan.create.push(volunteer);
      continue;
    }
    const comparison = compareIdentity(volunteer, existingById.get(volunteerId)!);
    if (!comparison.samePerson) {
      reject([partialMatchReason(volunteerId, comparison)]);
      continue;
    }
    plan.merge.push({ volunteerId, matchedBy: comparison.matched, volunteer });
  }
  return plan;
}
