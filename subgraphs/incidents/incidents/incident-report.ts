/**
 * Checking a dispatch centre's report before anything is written, and telling
 * a retry of the same report from a different report under a reused reference.
 */
import { badInput } from '../../../common/errors.ts';
import { checkPosition } from '../../../common/geo.type.ts';
import { IncidentExclusion } from './incident.entity.ts';

/** A report as the dispatch centre sends it. */
export interface IncidentReport {
  /** Needed only when the dispatcher works for several services serving the place. */
  ambulanceServiceId?: string | null;
  dispatchReference: string;
  latitude: number;
  longitude: number;
  address: string;
  callReceivedAt: Date;
  exclusions?: readonly IncidentExclusion[] | null;
}

/** A report that passed {@link checkReport}: trimmed, exclusions unique and sorted. */
export interface CheckedReport extends IncidentReport {
  exclusions: IncidentExclusion[];
}

export const MAX_REFERENCE_LENGTH = 64;
export const MAX_ADDRESS_LENGTH = 300;
/** Clocks of dispatch systems drift; a call "from the future" beyond this is a mistake. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/**
 * Volunteers are alerted only for calls in progress. An hour after the call
 * the ambulance has long been there; sending volunteers then helps nobody
 * and teaches them to ignore alerts.
 */
export const MAX_CALL_AGE_MS = 60 * 60_000;

/**
 * The report trimmed and checked, or BAD_USER_INPUT naming what is wrong.
 * The call time is checked separately ({@link checkCallTime}), so that a
 * late retry of a report already stored is still answered.
 */
export function checkReport(report: IncidentReport): CheckedReport {
  const dispatchReference = report.dispatchReference.trim();
  if (dispatchReference === '' || dispatchReference.length > MAX_REFERENCE_LENGTH || /[\p{Cc}]/u.test(dispatchReference)) {
    throw badInput(`dispatchReference must be 1 to ${MAX_REFERENCE_LENGTH} printable characters.`, { field: 'dispatchReference' });
  }
  const address = report.address.trim().replace(/\s+/g, ' ');
  if (address === '' || address.length > MAX_ADDRESS_LENGTH) {
    throw badInput(`address must be 1 to ${MAX_ADDRESS_LENGTH} characters: volunteers need it to find the patient.`, { field: 'address' });
  }
  const { latitude, longitude } = checkPosition({ latitude: report.latitude, longitude: report.longitude }, 'incident');
  if (!(report.callReceivedAt instanceof Date) || Number.isNaN(report.callReceivedAt.getTime())) {
    throw badInput('callReceivedAt must be a date and time.', { field: 'callReceivedAt' });
  }
  const exclusions = [...new Set(report.exclusions ?? [])].sort();
  return { ...report, dispatchReference, address, latitude, longitude, exclusions };
}

/** Refuses a call time in the future or too long ago for alerting volunteers to make sense. */
export function checkCallTime(callReceivedAt: Date, now = new Date()): void {
  const age = now.getTime() - callReceivedAt.getTime();
  if (age < -MAX_CLOCK_SKEW_MS) throw badInput('callReceivedAt lies in the future.', { field: 'callReceivedAt' });
  if (age > MAX_CALL_AGE_MS) {
    throw badInput('callReceivedAt is more than an hour ago: volunteers are only alerted for calls in progress.', { field: 'callReceivedAt' });
  }
}

/** Two positions this close (in degrees, about 10 cm) are the same report's. */
const SAME_POSITION_DEGREES = 1e-6;

/** What a stored Incident says about its report. */
export interface StoredReport {
  latitude: number;
  longitude: number;
  address: string;
  exclusions: readonly string[];
}

/**
 * Whether `report` repeats the stored one (a retry) rather than reusing its
 * reference for another patient, which must not pass silently: that patient
 * would get nobody.
 */
export function isSameReport(stored: StoredReport, report: CheckedReport): boolean {
  return (
    Math.abs(stored.latitude - report.latitude) < SAME_POSITION_DEGREES &&
    Math.abs(stored.longitude - report.longitude) < SAME_POSITION_DEGREES &&
    stored.address === report.address &&
    [...stored.exclusions].sort().join(',') === report.exclusions.join(',')
  );
}
