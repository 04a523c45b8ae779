/**
 * Checks on what people write about an AED, turned into the values stored.
 * Every check throws BAD_USER_INPUT with a sentence saying what to change,
 * before anything is written.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { badInput } from '../../../common/errors.ts';
import { checkPosition } from '../../../common/geo.type.ts';
import { validateSchedule, type AvailabilitySchedule } from '../availability/availability.ts';
import type { AedContactInput, AedDetailsInput, AedGuardianInput } from './aed.type.ts';
import type { Aed } from './aed.entity.ts';
import { validateCheckDate, validateExpiryDate } from '../readiness/readiness.ts';
import type { LocalDate } from '../../../common/zoned-time.ts';

/** Where an AED is, as its checks need it: holidays by country, dates in its zone, phone numbers in its country. */
export interface AedPlace {
  latitude: number;
  longitude: number;
  timeZone: string;
  countryCode: string;
}

const MAX_LENGTH = {
  locationDescription: 500,
  address: 300,
  floor: 30,
  brand: 100,
  model: 100,
  serialNumber: 100,
  reference: 100,
  name: 200,
  email: 254,
  cabinetCode: 64,
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Control characters in a code would be invisible to the responder reading it.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Trimmed text, null when blank; BAD_USER_INPUT when longer than allowed. */
export function checkedText(value: string | null | undefined, field: keyof typeof MAX_LENGTH): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (text.length > MAX_LENGTH[field]) throw badInput(`${field} is longer than ${MAX_LENGTH[field]} characters.`);
  return text;
}

/** Text that must be there. */
export function requiredText(value: string | null | undefined, field: keyof typeof MAX_LENGTH): string {
  const text = checkedText(value, field);
  if (text === null) throw badInput(`${field} must not be empty.`);
  return text;
}

/** An e-mail address (only its shape is checked), null when blank. */
export function checkedEmail(value: string | null | undefined): string | null {
  const email = checkedText(value, 'email');
  if (email !== null && !EMAIL.test(email)) throw badInput(`"${email}" is not an e-mail address.`, { field: 'email' });
  return email;
}

/** A phone number in E.164; numbers without a country code are read in `countryCode`. */
export function checkedPhone(value: string | null | undefined, countryCode: string): string | null {
  const text = value?.trim();
  if (!text) return null;
  const phone = parsePhoneNumberFromString(text, countryCode as CountryCode);
  if (!phone?.isValid()) throw badInput(`"${text}" is not a valid phone number; write it as +<country code> <number>.`, { field: 'phone' });
  return phone.number;
}

/** A phone number from an import: E.164 when it reads as one, otherwise kept as written (not worth losing the AED over). */
export function importedPhone(value: string | null, countryCode: string): string | null {
  if (value === null) return null;
  const phone = parsePhoneNumberFromString(value, countryCode as CountryCode);
  return phone?.isValid() ? phone.number : value;
}

/** A cabinet code as the responder will read it: trimmed, printable, not empty. */
export function checkedCabinetCode(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const code = value.trim();
  if (code === '') throw badInput('cabinetCode must not be empty; leave it out or set cabinetLocked to false.');
  if (code.length > MAX_LENGTH.cabinetCode || CONTROL_CHARACTERS.test(code)) {
    throw badInput(`cabinetCode must be at most ${MAX_LENGTH.cabinetCode} printable characters.`);
  }
  return code;
}

/** The schedule as the parser writes it back; BAD_USER_INPUT with the parser's explanation otherwise. */
export function checkedSchedule(value: string | null | undefined, place: AedPlace): AvailabilitySchedule | null {
  if (value === null || value === undefined) return null;
  const validation = validateSchedule(value, { countryCode: place.countryCode, position: { latitude: place.latitude, longitude: place.longitude } });
  if (!validation.valid) throw badInput(validation.message, { field: 'availabilitySchedule' });
  return validation.schedule;
}

/** The shared LocalDate scalar lets anything through (common/scalars.ts): only a string can be a date. */
function dateText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw badInput(`${field} must be a date written YYYY-MM-DD.`, { field });
  return value;
}

/** A battery or pads expiry date: a real date at most 10 years from today (in the AED's zone). */
export function checkedExpiryDate(value: string | null | undefined, field: string, place: AedPlace, now: Date): LocalDate | null {
  if (value === null || value === undefined) return null;
  const validation = validateExpiryDate(dateText(value, field), now, field, place.timeZone);
  if (!validation.valid) throw badInput(validation.message, { field });
  return validation.date;
}

/** The date of a check: a real date, not in the future, at most 10 years ago. */
export function checkedCheckDate(value: string | null | undefined, field: string, place: AedPlace, now: Date): LocalDate | null {
  if (value === null || value === undefined) return null;
  const validation = validateCheckDate(dateText(value, field), now, field, place.timeZone);
  if (!validation.valid) throw badInput(validation.message, { field });
  return validation.date;
}

/** A position on earth (BAD_USER_INPUT for NaN or out-of-range coordinates). */
export function checkedPlace(location: { latitude: number; longitude: number }): { latitude: number; longitude: number } {
  return checkPosition(location, 'AED');
}

/** A guardian's name and contact details, checked. */
export function checkedGuardian(input: AedGuardianInput, countryCode: string): { name: string; email: string | null; phone: string | null } {
  return { name: requiredText(input.name, 'name'), email: checkedEmail(input.email), phone: checkedPhone(input.phone, countryCode) };
}

function checkedOwner(input: AedContactInput | null, countryCode: string): Pick<Aed, 'ownerName' | 'ownerEmail' | 'ownerPhone'> {
  return {
    ownerName: checkedText(input?.name, 'name'),
    ownerEmail: checkedEmail(input?.email),
    ownerPhone: checkedPhone(input?.phone, countryCode),
  };
}

/** Stored values an input changes; a key is present only when its field was given. */
export type AedChanges = Partial<
  Pick<
    Aed,
    | 'address'
    | 'indoor'
    | 'floor'
    | 'access'
    | 'cabinetLocked'
    | 'cabinetCode'
    | 'ownerName'
    | 'ownerEmail'
    | 'ownerPhone'
    | 'brand'
    | 'model'
    | 'serialNumber'
    | 'reference'
    | 'availabilitySchedule'
    | 'batteryExpiresOn'
    | 'padsExpireOn'
    | 'lastCheckedOn'
    | 'operational'
  >
>;

/**
 * Checks the details of an AED being registered (`current` undefined) or
 * changed, at `place` (its position after the change). Absent fields are left
 * out of the result; null clears (booleans go back to their default). A cabinet
 * code implies a locked cabinet; unlocking a cabinet forgets its code.
 */
export function checkedDetails(input: AedDetailsInput, place: AedPlace, now: Date, current?: Pick<Aed, 'cabinetLocked'>): AedChanges {
  const changes: AedChanges = {};
  const given = <K extends keyof AedDetailsInput>(key: K) => input[key] !== undefined;
  if (given('address')) changes.address = checkedText(input.address, 'address');
  if (given('indoor')) changes.indoor = input.indoor ?? null;
  if (given('floor')) changes.floor = checkedText(input.floor, 'floor');
  if (given('access')) changes.access = input.access ?? null;
  if (given('brand')) changes.brand = checkedText(input.brand, 'brand');
  if (given('model')) changes.model = checkedText(input.model, 'model');
  if (given('serialNumber')) changes.serialNumber = checkedText(input.serialNumber, 'serialNumber');
  if (given('reference')) changes.reference = checkedText(input.reference, 'reference');
  if (given('owner')) Object.assign(changes, checkedOwner(input.owner ?? null, place.countryCode));
  if (given('availabilitySchedule')) changes.availabilitySchedule = checkedSchedule(input.availabilitySchedule, place);
  if (given('batteryExpiresOn')) changes.batteryExpiresOn = checkedExpiryDate(input.batteryExpiresOn, 'batteryExpiresOn', place, now);
  if (given('padsExpireOn')) changes.padsExpireOn = checkedExpiryDate(input.padsExpireOn, 'padsExpireOn', place, now);
  if (given('lastCheckedOn')) changes.lastCheckedOn = checkedCheckDate(input.lastCheckedOn, 'lastCheckedOn', place, now);
  if (given('operational')) changes.operational = input.operational ?? true;

  const code = given('cabinetCode') ? checkedCabinetCode(input.cabinetCode) : undefined;
  if (code && input.cabinetLocked === false) throw badInput('A cabinet code needs cabinetLocked: true.');
  const locked = given('cabinetLocked') ? (input.cabinetLocked ?? false) : code ? true : (current?.cabinetLocked ?? false);
  if (locked !== (current?.cabinetLocked ?? false) || given('cabinetLocked')) changes.cabinetLocked = locked;
  if (code !== undefined) changes.cabinetCode = code;
  else if (!locked && current?.cabinetLocked) changes.cabinetCode = null;
  return changes;
}
