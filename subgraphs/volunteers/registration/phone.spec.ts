import { describe, expect, it } from 'vitest';
import { canReceiveSms, InvalidPhoneNumberError, normalisePhoneNumber, parsePhoneNumber } from './phone.ts';

describe('normalisePhoneNumber', () => {
  it.each(['06-12345678', '06 1234 5678', '+31 6 1234 5678', '0031612345678', '+31(0)612345678', ' 0612345678 '])('writes the Dutch mobile number %j as +31612345678', (input) => {
    expect(normalisePhoneNumber(input, 'NL')).toBe('+31612345678');
  });

  it('reads a number without country code in the municipality’s country', () => {
    expect(normalisePhoneNumber('070-123 45 67', 'SE')).toBe('+46701234567');
    expect(normalisePhoneNumber('070-123 45 67', 'NL')).toBe('+31701234567');
    expect(normalisePhoneNumber('20 12 34 56', 'DK')).toBe('+4520123456');
  });

  it('keeps a foreign number with its own country code', () => {
    expect(parsePhoneNumber('+32 470 12 34 56', 'NL')).toEqual({ e164: '+32470123456', country: 'BE', type: 'MOBILE' });
  });

  it('tells mobile numbers from fixed lines', () => {
    expect(canReceiveSms(parsePhoneNumber('0612345678', 'NL'))).toBe(true);
    expect(canReceiveSms(parsePhoneNumber('020 555 1234', 'NL'))).toBe(false);
  });
});

describe('invalid phone numbers', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['abc', /"abc" is not a phone number/],
    ['0612', /too short for a Netherlands phone number/],
    ['06123456789012', /too long for a Netherlands phone number/],
    ['+31 12 345 6789', /not a valid Netherlands phone number/],
    ['+999 1234567', /unknown country code/],
    ['bel 0612345678 na vijven', /is not a phone number/],
    ['+31 6 12345678 ext. 5', /extension/],
  ];

  it.each(cases)('rejects %j with a clear message', (input, message) => {
    expect(() => normalisePhoneNumber(input, 'NL')).toThrow(message);
  });

  it('throws an InvalidPhoneNumberError carrying the input and a stable code', () => {
    try {
      normalisePhoneNumber('0612', 'NL');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPhoneNumberError);
      expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', input: '0612' });
    }
  });
});
