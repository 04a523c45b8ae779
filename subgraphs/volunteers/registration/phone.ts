/**
 * Volunteers' phone numbers, validated and stored in E.164 (`+31612345678`).
 *
 * One canonical form matters twice: alerts and SMS replies ("JA") are matched
 * by number, and imports dedupe volunteers by number, so `06-12345678`,
 * `+31 6 1234 5678` and `0031612345678` must be the same string. Numbers
 * written without a country code are read in the country of the volunteer's
 * municipality. The `max` metadata is used because it checks number
 * patterns, not only lengths, and tells mobile from fixed lines.
 */
import { ParseError, parsePhoneNumberWithError, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

/** ISO 3166-1 alpha-2 country of a municipality, e.g. `NL`, `SE`, `DK`. */
export type PhoneCountry = CountryCode;

/** What kind of line a number is, as far as the numbering plan tells. */
export type PhoneLineType = ReturnType<PhoneNumber['getType']>;

/** A valid phone number in canonical form. */
export interface NormalisedPhoneNumber {
  /** E.164, e.g. `+31612345678`. */
  e164: string;
  /** Country the number belongs to (may differ from the default, e.g. a Belgian number in NL). */
  country: CountryCode | undefined;
  /** `MOBILE`, `FIXED_LINE`, `FIXED_LINE_OR_MOBILE`, … or undefined when the plan does not say. */
  type: PhoneLineType;
}

/** Thrown for a phone number that cannot be a volunteer's number; `message` is fit to show to a person. */
export class InvalidPhoneNumberError extends Error {
  /** Stable code for API error extensions. */
  readonly code = 'INVALID_PHONE_NUMBER';

  constructor(
    /** The number as it was given. */
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidPhoneNumberError';
  }
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(country: CountryCode): string {
  return regionNames.of(country) ?? country;
}

function parseErrorMessage(input: string, defaultCountry: CountryCode, error: ParseError): string {
  switch (error.message) {
    case 'INVALID_COUNTRY':
      return `"${input}" has an unknown country code; write it as +<country code> <number>`;
    case 'TOO_SHORT':
      return `"${input}" is too short for a phone number`;
    case 'TOO_LONG':
      return `"${input}" is too long for a phone number`;
    case 'INVALID_LENGTH':
      return `"${input}" has the wrong number of digits for a ${countryName(defaultCountry)} phone number`;
    default:
      return `"${input}" is not a phone number`;
  }
}

/**
 * Parses and validates a phone number; numbers without a country code are
 * read as numbers of `defaultCountry`.
 *
 * @throws InvalidPhoneNumberError with a message saying what is wrong.
 */
export function parsePhoneNumber(input: string, defaultCountry: PhoneCountry): NormalisedPhoneNumber {
  const text = input.trim();
  if (text === '') throw new InvalidPhoneNumberError(input, 'Phone number is empty');
  let parsed: PhoneNumber;
  try {
    // extract: false refuses "call 06 12345678 after 5", which is a note, not a number.
    parsed = parsePhoneNumberWithError(text, { defaultCountry, extract: false });
  } catch (error) {
    if (error instanceof ParseError) throw new InvalidPhoneNumberError(input, parseErrorMessage(text, defaultCountry, error));
    throw error;
  }
  if (!parsed.isValid()) {
    const country = parsed.country ?? defaultCountry;
    const length = validatePhoneNumberLength(text, { defaultCountry });
    if (length === 'TOO_SHORT' || length === 'TOO_LONG') {
      throw new InvalidPhoneNumberError(input, `"${text}" is too ${length === 'TOO_SHORT' ? 'short' : 'long'} for a ${countryName(country)} phone number`);
    }
    throw new InvalidPhoneNumberError(input, `"${text}" is not a valid ${countryName(country)} phone number (read as ${parsed.formatInternational()})`);
  }
  if (parsed.ext) {
    // E.164 has no extensions, and an extension cannot receive an alert SMS.
    throw new InvalidPhoneNumberError(input, `"${text}" has an extension; give a direct number without one`);
  }
  return { e164: parsed.number, country: parsed.country, type: parsed.getType() };
}

/**
 * Validates a phone number and returns it in E.164.
 *
 * @throws InvalidPhoneNumberError with a message saying what is wrong.
 */
export function normalisePhoneNumber(input: string, defaultCountry: PhoneCountry): string {
  return parsePhoneNumber(input, defaultCountry).e164;
}

/** True when the number can receive SMS alerts as far as the numbering plan tells. */
export function canReceiveSms(phone: NormalisedPhoneNumber): boolean {
  return phone.type === 'MOBILE' || phone.type === 'FIXED_LINE_OR_MOBILE';
}

const LINE_TYPES: Partial<Record<NonNullable<PhoneLineType>, string>> = {
  FIXED_LINE: 'a fixed line',
  VOIP: 'an internet (VoIP) number',
  TOLL_FREE: 'a toll-free number',
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  PERSONAL_NUMBER: 'a personal (forwarding) number',
  PAGER: 'a pager',
  UAN: 'a company number',
  VOICEMAIL: 'a voicemail number',
};

/**
 * Why the number cannot receive SMS alerts (`+31184710000 is a fixed line;
 * SMS alerts need a mobile number`), or null when it can.
 */
export function smsRefusal(phone: NormalisedPhoneNumber): string | null {
  if (canReceiveSms(phone)) return null;
  const kind = (phone.type && LINE_TYPES[phone.type]) ?? 'not known to be a mobile number';
  return `${phone.e164} is ${kind}; SMS alerts need a mobile number`;
}
