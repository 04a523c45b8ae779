/**
 * The one rule that says whether a volunteer (citizen responder) may be
 * alerted at an instant. Everything else that filters volunteers (the SQL
 * prefilter of the candidate search, the import's age check, reminders and
 * forecasts) is built from the helpers here, so the rule lives in one place.
 *
 * A volunteer is alertable at instant t when, read on the wall clock of the
 * volunteer's municipality:
 * - they are 18 or older: from 00:00 local on the 18th birthday; someone born
 *   on 29 February turns 18 on 1 March in a common year, so that nobody is
 *   ever alerted before they are certainly of age;
 * - their account is active (not suspended or deleted);
 * - they are on duty (the volunteer's own on/off switch);
 * - t is not inside their optional quiet hours, a daily window [start, end)
 *   that may cross midnight (23:00–07:00 is quiet from 23:00 up to 06:59);
 * - they hold at least one verified TrainingCertificate valid at t.
 *
 * Certificate validity: a certificate is valid until its explicit end date,
 * or, when it has none (Dutch NRR certificates since 2021), until its course
 * date plus one year (a course on 29 February 2024 runs until 28 February
 * 2025). It is valid through the END of that day, local time: the last
 * valid-until day is a full day of alerting, and the first non-alertable
 * moment is 00:00 local on the day after. A region may add a grace period
 * of whole days after expiry (default 0; 90 would mirror "no longer alerted
 * three months after expiry"). A certificate has no start to check: writes
 * reject course dates in the future, so a recorded certificate is held.
 */
import { addDays, addMonths, addYears, isInDailyWindow, localDateTime, parseTimeOfDay, type LocalDate } from '../../../common/zoned-time.ts';

/** Lifecycle of a volunteer's account; only `ACTIVE` volunteers are alerted. */
export type VolunteerStatus = 'ACTIVE' | 'SUSPENDED' | 'DELETED';

/** A daily window of local wall-clock time without alerts, e.g. `{ start: '23:00', end: '07:00' }`. */
export interface QuietHours {
  /** First quiet minute, `HH:MM`. */
  start: string;
  /** First minute after the quiet window, `HH:MM`; earlier than `start` when the window crosses midnight. */
  end: string;
}

/** A CPR/AED training certificate as far as alerting cares. */
export interface TrainingCertificate {
  /** Date the course was passed (`YYYY-MM-DD`). */
  courseDate: LocalDate;
  /** Explicit last valid day (`YYYY-MM-DD`), or none when the certificate carries no end date. */
  validUntil?: LocalDate | null;
  /** Checked by the association (seen the paper, or confirmed with the training body). */
  verified: boolean;
}

/** What the rule needs to know about a volunteer. */
export interface VolunteerAlertabilityInput {
  dateOfBirth: LocalDate;
  status: VolunteerStatus;
  onDuty: boolean;
  quietHours?: QuietHours | null;
  certificates: readonly TrainingCertificate[];
}

/** Where the volunteer is judged: their municipality's zone and their region's policy. */
export interface AlertabilityContext {
  /** IANA time zone of the volunteer's municipality, e.g. `Europe/Amsterdam`. */
  timeZone: string;
  /** Whole days after expiry during which a certificate still counts; default 0. */
  certificateGracePeriodDays?: number;
}

/** Why a volunteer is not alertable; several may apply at once. */
export type NotAlertableReason = 'UNDER_18' | 'INACTIVE' | 'OFF_DUTY' | 'QUIET_HOURS' | 'NO_VALID_CERTIFICATE' | 'CERTIFICATE_UNVERIFIED';

/** The verdict: alertable exactly when `reasons` is empty. */
export interface Alertability {
  alertable: boolean;
  reasons: NotAlertableReason[];
}

/** Age from which a volunteer may be alerted (entering homes requires an adult). */
export const MINIMUM_AGE_YEARS = 18;

/** Validity of a certificate without an end date, counted from the course date. */
export const CERTIFICATE_VALIDITY_YEARS = 1;

/** The renewal reminder is due from this many months before expiry. */
export const RENEWAL_REMINDER_MONTHS_BEFORE_EXPIRY = 2;

/** Forecast horizons (months ahead) used when none are given. */
export const DEFAULT_FORECAST_HORIZONS_MONTHS = [1, 3, 6, 12] as const;

/**
 * First local day on which someone born on `dateOfBirth` is 18. A 29 February
 * birthday falls on 1 March in a common year, which is also what the SQL
 * prefilter's `date_of_birth <= (local_date - interval '18 years')::date`
 * yields (PostgreSQL clamps 29 February to the 28th when subtracting years).
 */
export function adultFrom(dateOfBirth: LocalDate): LocalDate {
  const birthday = addYears(dateOfBirth, MINIMUM_AGE_YEARS);
  // addYears clamps 29 February to the 28th; the birthday proper is the day after.
  return dateOfBirth.endsWith('-02-29') && birthday.endsWith('-02-28') ? addDays(birthday, 1) : birthday;
}

/** True when someone born on `dateOfBirth` is 18 or older on the local day `date`. */
export function isAdultOn(dateOfBirth: LocalDate, date: LocalDate): boolean {
  return date >= adultFrom(dateOfBirth);
}

/** Last valid day of a certificate: its explicit end date, else course date + 1 year. */
export function certificateValidUntil(certificate: TrainingCertificate): LocalDate {
  return certificate.validUntil ?? addYears(certificate.courseDate, CERTIFICATE_VALIDITY_YEARS);
}

function gracePeriodDays(context: Pick<AlertabilityContext, 'certificateGracePeriodDays'>): number {
  const days = context.certificateGracePeriodDays ?? 0;
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Certificate grace period must be a whole number of days ≥ 0, got ${days}`);
  }
  return days;
}

/** Last local day on which the certificate makes its holder alertable: valid-until plus the grace period. */
export function certificateAlertableThrough(certificate: TrainingCertificate, gracePeriodDays = 0): LocalDate {
  return addDays(certificateValidUntil(certificate), gracePeriodDays);
}

/** True when the certificate (verified or not) counts on the local day `date`. */
export function isCertificateValidOn(certificate: TrainingCertificate, date: LocalDate, gracePeriodDays = 0): boolean {
  return date <= certificateAlertableThrough(certificate, gracePeriodDays);
}

/**
 * The latest valid-until among the verified certificates, or null when none
 * is verified. This single date decides the certificate part of the rule,
 * which is why the candidate search stores only it.
 */
export function latestVerifiedValidUntil(certificates: readonly TrainingCertificate[]): LocalDate | null {
  let latest: LocalDate | null = null;
  for (const certificate of certificates) {
    if (!certificate.verified) continue;
    const validUntil = certificateValidUntil(certificate);
    if (latest === null || validUntil > latest) latest = validUntil;
  }
  return latest;
}

/** True when `at` falls inside the quiet hours on the volunteer's local clock. */
export function isInQuietHours(quietHours: QuietHours | null | undefined, at: Date, timeZone: string): boolean {
  if (!quietHours) return false;
  const { minuteOfDay } = localDateTime(at, timeZone);
  return isInDailyWindow(minuteOfDay, parseTimeOfDay(quietHours.start), parseTimeOfDay(quietHours.end));
}

/** Applies the eligibility rule to `volunteer` at the instant `at`. */
export function evaluateAlertability(volunteer: VolunteerAlertabilityInput, at: Date, context: AlertabilityContext): Alertability {
  const grace = gracePeriodDays(context);
  const local = localDateTime(at, context.timeZone);
  const reasons: NotAlertableReason[] = [];
  if (!isAdultOn(volunteer.dateOfBirth, local.date)) reasons.push('UNDER_18');
  if (volunteer.status !== 'ACTIVE') reasons.push('INACTIVE');
  if (!volunteer.onDuty) reasons.push('OFF_DUTY');
  if (volunteer.quietHours && isInDailyWindow(local.minuteOfDay, parseTimeOfDay(volunteer.quietHours.start), parseTimeOfDay(volunteer.quietHours.end))) {
    reasons.push('QUIET_HOURS');
  }
  const valid = volunteer.certificates.filter((certificate) => isCertificateValidOn(certificate, local.date, grace));
  if (!valid.some((certificate) => certificate.verified)) {
    // Tell the volunteer what to do: wait for verification, or take a course.
    reasons.push(valid.length > 0 ? 'CERTIFICATE_UNVERIFIED' : 'NO_VALID_CERTIFICATE');
  }
  return { alertable: reasons.length === 0, reasons };
}

/** First local day on which the renewal reminder for a certificate is due. */
export function renewalReminderFrom(certificate: TrainingCertificate): LocalDate {
  return addMonths(certificateValidUntil(certificate), -RENEWAL_REMINDER_MONTHS_BEFORE_EXPIRY);
}

/**
 * True when the volunteer should be reminded to renew: from two months
 * before their latest certificate expires, and on after expiry until a newer
 * one is recorded. Unverified certificates count here (unlike for alerting):
 * someone who has just taken the refresher and awaits verification must not
 * be told to take it again. No certificate at all is not a renewal matter.
 */
export function isRenewalReminderDue(certificates: readonly TrainingCertificate[], at: Date, timeZone: string): boolean {
  if (certificates.length === 0) return false;
  const today = localDateTime(at, timeZone).date;
  const latest = certificates.reduce((best, certificate) => (certificateValidUntil(certificate) > certificateValidUntil(best) ? certificate : best));
  return today >= renewalReminderFrom(latest);
}

/** A volunteer as the lapse forecast sees them. */
export interface ForecastVolunteer {
  id: string;
  dateOfBirth: LocalDate;
  status: VolunteerStatus;
  certificates: readonly TrainingCertificate[];
}

/** How many of today's alertable volunteers stop being alertable within a horizon. */
export interface CertificateLapseForecast {
  /** The horizon in months from today. */
  months: number;
  /** Last local day of the horizon (today + months). */
  through: LocalDate;
  /** Volunteers whose certificates lapse (grace included) on or before `through`; cumulative. */
  count: number;
  /** Their ids, soonest lapse first, so the working group can chase them. */
  volunteerIds: string[];
}

/**
 * Forecasts certificate lapses: among volunteers who are alertable today on
 * standing grounds (18+, active, valid verified certificate; the momentary
 * on-duty switch and quiet hours are left out), how many become
 * non-alertable within each horizon unless they renew. Certificates are the
 * only reason that lapses with time: age only ever grows.
 */
export function forecastCertificateLapses(
  volunteers: readonly ForecastVolunteer[],
  at: Date,
  context: AlertabilityContext,
  horizonsMonths: readonly number[] = DEFAULT_FORECAST_HORIZONS_MONTHS,
): CertificateLapseForecast[] {
  const grace = gracePeriodDays(context);
  const today = localDateTime(at, context.timeZone).date;
  const lapses: { id: string; firstDayNotAlertable: LocalDate }[] = [];
  for (const volunteer of volunteers) {
    if (volunteer.status !== 'ACTIVE' || !isAdultOn(volunteer.dateOfBirth, today)) continue;
    const latest = latestVerifiedValidUntil(volunteer.certificates);
    if (latest === null) continue;
    const alertableThrough = addDays(latest, grace);
    if (alertableThrough < today) continue;
    lapses.push({ id: volunteer.id, firstDayNotAlertable: addDays(alertableThrough, 1) });
  }
  lapses.sort((a, b) => a.firstDayNotAlertable.localeCompare(b.firstDayNotAlertable));
  return horizonsMonths.map((months) => {
    const through = addMonths(today, months);
    const volunteerIds = lapses.filter((lapse) => lapse.firstDayNotAlertable <= through).map((lapse) => lapse.id);
    return { months, through, count: volunteerIds.length, volunteerIds };
  });
}
