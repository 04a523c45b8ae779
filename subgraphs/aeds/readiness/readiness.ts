/**
 * Whether an AED may be sent to a cardiac arrest: the readiness rule, the
 * guardian reminders that keep AEDs ready, and checks on the dates they rest on.
 * Pure functions: the caller supplies the facts and the instant.
 */
import { availabilityAt, AvailabilityScheduleError, type AvailabilityContext, type AvailabilitySchedule } from '../availability/availability.ts';
import { addDays, daysBetween, localDateOf, parseLocalDate, type LocalDate } from '../../../common/zoned-time.ts';

/** Why an AED is not dispatchable; an AED can have several reasons at once. */
export enum NotReadyReason {
  /** The battery's expiry date has passed. */
  BATTERY_EXPIRED = 'BATTERY_EXPIRED',
  /** The pads' expiry date has passed. */
  PADS_EXPIRED = 'PADS_EXPIRED',
  /** No guardian check within the maximum interval, or never checked. */
  CHECK_OVERDUE = 'CHECK_OVERDUE',
  /** Used at an incident and not yet confirmed ready by a guardian. */
  STOOD_DOWN = 'STOOD_DOWN',
  /** Reported broken, in maintenance or missing. */
  OUT_OF_SERVICE = 'OUT_OF_SERVICE',
  /** Only its owner may use it (access PRIVATE): a responder would not get in. */
  PRIVATE_ACCESS = 'PRIVATE_ACCESS',
  /** In a locked cabinet whose code is not recorded: a responder could not open it. */
  CABINET_CODE_UNKNOWN = 'CABINET_CODE_UNKNOWN',
  /** Its availability schedule says it cannot be reached now. */
  CLOSED = 'CLOSED',
  /** No schedule is known, or the schedule says "unknown" now (e.g. `unknown "ask at reception"`). */
  AVAILABILITY_UNKNOWN = 'AVAILABILITY_UNKNOWN',
  /** The stored schedule cannot be evaluated (it should have been validated when stored). */
  SCHEDULE_INVALID = 'SCHEDULE_INVALID',
}

/** The facts about one AED that readiness depends on. */
export interface AedReadinessFacts {
  /** Last day the battery may be used (in the AED's zone); `null` if not recorded. */
  batteryExpiresOn: LocalDate | null;
  /** Last day the pads may be used; `null` if not recorded. */
  padsExpireOn: LocalDate | null;
  /** Day of the last guardian check; `null` if never checked. */
  lastCheckedOn: LocalDate | null;
  /** Set after the AED was used at an incident; cleared when a guardian confirms it ready (standDown). */
  stoodDown: boolean;
  /** `false` when reported broken, in maintenance or missing. */
  operational: boolean;
  /** Who may use it; `PRIVATE` keeps it out of dispatch. Not recorded (absent or `null`) is not held against it. */
  access?: 'PUBLIC' | 'RESTRICTED' | 'PRIVATE' | null;
  /** In a locked cabinet without a recorded code. */
  lockedWithoutCode?: boolean;
  /** When the AED can be reached; `null` when unknown. */
  schedule: AvailabilitySchedule | null;
  /** Time zone, holiday region and position of the AED. */
  location: AvailabilityContext;
}

/** Rules an organisation may tune. */
export interface ReadinessPolicy {
  /**
   * Days a guardian check stays valid (checks are due this many days after the
   * last one); `null` turns the check rule off, e.g. for registers without guardians.
   */
  maxCheckAgeDays: number | null;
}

/** Quarterly checks, the interval guardian schemes such as The Circuit commonly ask for. */
export const DEFAULT_READINESS_POLICY: Readonly<ReadinessPolicy> = Object.freeze({ maxCheckAgeDays: 90 });

/** The outcome of {@link assessReadiness}. */
export interface Readiness {
  dispatchable: boolean;
  /** Empty when dispatchable; otherwise in the order of {@link NotReadyReason}. */
  reasons: NotReadyReason[];
}

/** What a guardian reminder is about. */
export type ReminderKind = 'BATTERY_EXPIRY' | 'PADS_EXPIRY' | 'GUARDIAN_CHECK';

/** Something a guardian must do by a date. */
export interface GuardianReminder {
  kind: ReminderKind;
  /** Last day the part may be used, or day the next check is due; `null` for a check on an AED never checked. */
  dueOn: LocalDate | null;
  /** Days from today (in the AED's zone) to `dueOn`: 0 is today, negative is late; `null` with `dueOn`. */
  daysLeft: number | null;
  /** The date has passed: the AED is already out of dispatch for this reason. */
  overdue: boolean;
}

/** The outcome of the date checks. */
export type DateValidation = { valid: true; date: LocalDate } | { valid: false; message: string };

/**
 * Decides whether the AED may be sent at instant `at`, and if not, why. Dates
 * count in the AED's own zone: pads expiring on 1 May may be used all of 1 May.
 * Expiry dates not recorded are not held against the AED; a missing check is
 * (unless the policy turns checks off), as unlogged devices drop out of dispatch.
 */
export function assessReadiness(aed: AedReadinessFacts, at: Date, policy: ReadinessPolicy = DEFAULT_READINESS_POLICY): Readiness {
  const today = localDateOf(at, aed.location.timeZone);
  const reasons: NotReadyReason[] = [];
  if (aed.batteryExpiresOn !== null && aed.batteryExpiresOn < today) reasons.push(NotReadyReason.BATTERY_EXPIRED);
  if (aed.padsExpireOn !== null && aed.padsExpireOn < today) reasons.push(NotReadyReason.PADS_EXPIRED);
  if (isCheckOverdue(aed.lastCheckedOn, today, policy)) reasons.push(NotReadyReason.CHECK_OVERDUE);
  if (aed.stoodDown) reasons.push(NotReadyReason.STOOD_DOWN);
  if (!aed.operational) reasons.push(NotReadyReason.OUT_OF_SERVICE);
  if (aed.access === 'PRIVATE') reasons.push(NotReadyReason.PRIVATE_ACCESS);
  if (aed.lockedWithoutCode) reasons.push(NotReadyReason.CABINET_CODE_UNKNOWN);
  const scheduleReason = scheduleReasonAt(aed, at);
  if (scheduleReason) reasons.push(scheduleReason);
  return { dispatchable: reasons.length === 0, reasons };
}

function isCheckOverdue(lastCheckedOn: LocalDate | null, today: LocalDate, policy: ReadinessPolicy): boolean {
  if (policy.maxCheckAgeDays === null) return false;
  return lastCheckedOn === null || daysBetween(lastCheckedOn, today) > policy.maxCheckAgeDays;
}

function scheduleReasonAt(aed: AedReadinessFacts, at: Date): NotReadyReason | undefined {
  if (aed.schedule === null) return NotReadyReason.AVAILABILITY_UNKNOWN;
  try {
    const { state } = availabilityAt(aed.schedule, at, aed.location);
    if (state === 'CLOSED') return NotReadyReason.CLOSED;
    if (state === 'UNKNOWN') return NotReadyReason.AVAILABILITY_UNKNOWN;
    return undefined;
  } catch (error) {
    // One bad record must not break a dispatch that weighs thousands of AEDs.
    if (error instanceof AvailabilityScheduleError) return NotReadyReason.SCHEDULE_INVALID;
    throw error;
  }
}

/**
 * Expiries and checks falling due within `withinDays` days of `now` (in the AED's
 * zone), including those already overdue, soonest first: the guardian's to-do list.
 */
export function dueReminders(
  aed: Pick<AedReadinessFacts, 'batteryExpiresOn' | 'padsExpireOn' | 'lastCheckedOn' | 'location'>,
  now: Date,
  withinDays: number,
  policy: ReadinessPolicy = DEFAULT_READINESS_POLICY,
): GuardianReminder[] {
  const today = localDateOf(now, aed.location.timeZone);
  const reminders: GuardianReminder[] = [];
  const consider = (kind: ReminderKind, dueOn: LocalDate) => {
    const daysLeft = daysBetween(today, dueOn);
    if (daysLeft <= withinDays) reminders.push({ kind, dueOn, daysLeft, overdue: daysLeft < 0 });
  };
  if (aed.batteryExpiresOn !== null) consider('BATTERY_EXPIRY', aed.batteryExpiresOn);
  if (aed.padsExpireOn !== null) consider('PADS_EXPIRY', aed.padsExpireOn);
  if (policy.maxCheckAgeDays !== null) {
    if (aed.lastCheckedOn === null) reminders.push({ kind: 'GUARDIAN_CHECK', dueOn: null, daysLeft: null, overdue: true });
    // Due on the last day the check is still valid, matching CHECK_OVERDUE from the day after.
    else consider('GUARDIAN_CHECK', addDays(aed.lastCheckedOn, policy.maxCheckAgeDays));
  }
  return reminders.sort((a, b) => (a.daysLeft ?? -Infinity) - (b.daysLeft ?? -Infinity));
}

/** How far from today a recorded date may lie before it is taken for a typing error. */
export const MAX_DATE_DISTANCE_YEARS = 10;

/** The same day `years` years later (or earlier); 29 February becomes 28 February in common years. */
function yearsFrom(today: LocalDate, years: number): LocalDate {
  const year = String(Number(today.slice(0, 4)) + years).padStart(4, '0');
  return parseLocalDate(`${year}${today.slice(4)}`) ?? `${year}-02-28`;
}

function checkDate(value: string, label: string): DateValidation | LocalDate {
  const date = parseLocalDate(value);
  return date ?? { valid: false, message: `${label} "${value}" is not a calendar date written YYYY-MM-DD.` };
}

/**
 * Checks a battery or pads expiry date: a real `YYYY-MM-DD` date at most
 * {@link MAX_DATE_DISTANCE_YEARS} years before or after `now`. A past date is
 * accepted (the AED is then simply not ready); a distant one is a typing error.
 * `label` names the field in the message, e.g. "Battery expiry date".
 */
export function validateExpiryDate(value: string, now: Date, label = 'Expiry date', timeZone = 'UTC'): DateValidation {
  const date = checkDate(value, label);
  if (typeof date !== 'string') return date;
  const today = localDateOf(now, timeZone);
  if (date < yearsFrom(today, -MAX_DATE_DISTANCE_YEARS)) {
    return { valid: false, message: `${label} ${date} is more than ${MAX_DATE_DISTANCE_YEARS} years in the past; check the year.` };
  }
  if (date > yearsFrom(today, MAX_DATE_DISTANCE_YEARS)) {
    return { valid: false, message: `${label} ${date} is more than ${MAX_DATE_DISTANCE_YEARS} years in the future; no battery or pads last that long, check the year.` };
  }
  return { valid: true, date };
}

/**
 * Checks the date of a guardian check or maintenance: a real `YYYY-MM-DD` date,
 * not in the future (one day of slack for time zones) and at most
 * {@link MAX_DATE_DISTANCE_YEARS} years ago.
 */
export function validateCheckDate(value: string, now: Date, label = 'Check date', timeZone = 'UTC'): DateValidation {
  const date = checkDate(value, label);
  if (typeof date !== 'string') return date;
  const today = localDateOf(now, timeZone);
  if (date > addDays(today, 1)) return { valid: false, message: `${label} ${date} is in the future.` };
  if (date < yearsFrom(today, -MAX_DATE_DISTANCE_YEARS)) {
    return { valid: false, message: `${label} ${date} is more than ${MAX_DATE_DISTANCE_YEARS} years in the past; check the year.` };
  }
  return { valid: true, date };
}
