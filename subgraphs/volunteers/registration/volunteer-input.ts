/**
 * Checks of what callers send about a volunteer, before anything is written.
 * Each refusal is BAD_USER_INPUT with `extensions.field` naming the input
 * field and, where a program may want to react, `extensions.reason`.
 */
import { badInput } from '../../../common/errors.ts';
import { isLanguage, LANGUAGES, type Language } from '../../../common/language.ts';
import { checkPosition } from '../../../common/geo.type.ts';
import { weeklyHoursRanges, type WeeklyHours } from '../candidates/candidate-positions.ts';
import { isEmailAddress, normaliseEmail } from './email.ts';
import { adultFrom, isAdultOn, type QuietHours } from '../candidates/eligibility.ts';
import { addYears, isLocalDate, parseTimeOfDay, type LocalDate } from '../../../common/zoned-time.ts';
import { InvalidPhoneNumberError, parsePhoneNumber, smsRefusal, type NormalisedPhoneNumber, type PhoneCountry } from './phone.ts';

/** Nobody older than this is taken to be a real date of birth (a typo such as 1899 for 1989). */
export const MAXIMUM_AGE_YEARS = 120;

/** Longest name, address part or provider accepted. */
const MAXIMUM_TEXT_LENGTH = 200;

/** Most work-hours intervals in a week (three shifts a day). */
const MAXIMUM_WORK_HOURS_INTERVALS = 21;

/** A required line of text, trimmed and with runs of white space collapsed. */
export function checkText(value: string, field: string, what: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') throw badInput(`${what} must not be empty.`, { field });
  if (text.length > MAXIMUM_TEXT_LENGTH) throw badInput(`${what} is longer than ${MAXIMUM_TEXT_LENGTH} characters.`, { field });
  return text;
}

/** An optional line of text: null when absent or blank. */
export function checkOptionalText(value: string | null | undefined, field: string, what: string): string | null {
  if (value == null || value.trim() === '') return null;
  return checkText(value, field, what);
}

/**
 * The mobile number in E.164; numbers without a country code are read in
 * `country`. A volunteer's number is where SMS alerts go, so a fixed line
 * (or any other number that cannot take an SMS) is refused.
 */
export function checkPhone(value: string, country: PhoneCountry, field = 'phone'): string {
  let phone: NormalisedPhoneNumber;
  try {
    phone = parsePhoneNumber(value, country);
  } catch (error) {
    if (error instanceof InvalidPhoneNumberError) throw badInput(`${error.message}.`, { field, reason: error.code });
    throw error;
  }
  const refusal = smsRefusal(phone);
  if (refusal) throw badInput(`${refusal}.`, { field, reason: 'NOT_A_MOBILE_NUMBER' });
  return phone.e164;
}

/** Throws BAD_USER_INPUT unless the volunteer can be reached: a phone number or an e-mail address. */
export function checkReachable(phone: string | null, email: string | null): void {
  if (phone === null && email === null) {
    throw badInput('A volunteer needs a way to be reached: give a mobile number (for SMS alerts) or an e-mail address.', {
      field: 'phone',
      reason: 'NO_CONTACT',
    });
  }
}

/** The e-mail address in lower case. */
export function checkEmail(value: string, field = 'email'): string {
  const email = normaliseEmail(value);
  if (!isEmailAddress(email)) throw badInput(`"${value}" is not an e-mail address.`, { field });
  return email;
}

/** A real calendar date `YYYY-MM-DD`. */
export function checkLocalDate(value: unknown, field: string): LocalDate {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw badInput(`${field} must be a calendar date as YYYY-MM-DD, not ${JSON.stringify(value)}.`, { field });
  }
  return value;
}

/** A date of birth of someone 18 or older on `today` (the volunteer's local date). */
export function checkDateOfBirth(value: unknown, today: LocalDate, field = 'dateOfBirth'): LocalDate {
  const date = checkLocalDate(value, field);
  if (date > today) throw badInput(`The date of birth ${date} is in the future.`, { field });
  if (date < addYears(today, -MAXIMUM_AGE_YEARS)) {
    throw badInput(`The date of birth ${date} is more than ${MAXIMUM_AGE_YEARS} years ago; check for a typo.`, { field });
  }
  if (!isAdultOn(date, today)) {
    throw badInput(`Volunteers must be 18 or older (entering homes requires an adult); this volunteer turns 18 on ${adultFrom(date)}.`, {
      field,
      reason: 'UNDER_18',
    });
  }
  return date;
}

/** A course date that is not in the future (`today` is the volunteer's local date). */
export function checkCourseDate(value: unknown, today: LocalDate, field = 'courseDate'): LocalDate {
  const date = checkLocalDate(value, field);
  if (date > today) throw badInput(`The course date ${date} is in the future; record the certificate once the course is passed.`, { field });
  if (date < addYears(today, -MAXIMUM_AGE_YEARS)) throw badInput(`The course date ${date} is too long ago; check for a typo.`, { field });
  return date;
}

/** A postal address with its position. */
export interface AddressInput {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  position: { latitude: number; longitude: number };
}

/** The checked parts of an address, named as on the volunteer. */
export interface CheckedAddress {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  latitude: number;
  longitude: number;
}

/** An address with a real position (no NaN, no out-of-range degrees). */
export function checkAddress(input: AddressInput, field: string, what: string): CheckedAddress {
  const { latitude, longitude } = checkPosition(input.position, what);
  return {
    street: checkText(input.street, `${field}.street`, `The ${what}'s street`),
    houseNumber: checkText(input.houseNumber, `${field}.houseNumber`, `The ${what}'s house number`),
    postalCode: checkText(input.postalCode, `${field}.postalCode`, `The ${what}'s postal code`),
    city: checkText(input.city, `${field}.city`, `The ${what}'s city`),
    latitude,
    longitude,
  };
}

/** Weekly hours that `weeklyHoursRanges` accepts, so the search table will too. */
export function checkWeeklyHours(hours: WeeklyHours, field = 'workAddress.weeklyHours'): WeeklyHours {
  if (hours.length === 0) throw badInput('Give the hours the work address applies, e.g. Monday 08:30–17:00.', { field });
  if (hours.length > MAXIMUM_WORK_HOURS_INTERVALS) {
    throw badInput(`At most ${MAXIMUM_WORK_HOURS_INTERVALS} work-hours intervals a week.`, { field });
  }
  try {
    weeklyHoursRanges(hours);
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`${error.message}.`, { field });
    throw error;
  }
  return hours.map(({ day, start, end }) => ({ day, start, end }));
}

/** Quiet hours as `HH:MM`; a window that ends before it starts crosses midnight. */
export function checkQuietHours(quietHours: QuietHours, field = 'quietHours'): QuietHours {
  try {
    const start = parseTimeOfDay(quietHours.start);
    const end = parseTimeOfDay(quietHours.end);
    if (start === end) throw new RangeError('Quiet hours that start and end at the same time are empty; clear them instead');
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`${error.message}.`, { field });
    throw error;
  }
  return { start: quietHours.start, end: quietHours.end };
}

/** A language the alert texts are written in, as its code (`nl`, `sv`, `da`, `nb`, `de`, `fr`, `en`). */
export function checkLanguage(value: string, field = 'language'): Language {
  const code = value.trim().toLowerCase();
  if (!isLanguage(code)) {
    throw badInput(`Alerts are not written in "${value}"; choose one of ${LANGUAGES.join(', ')}.`, { field, reason: 'UNSUPPORTED_LANGUAGE' });
  }
  return code;
}
