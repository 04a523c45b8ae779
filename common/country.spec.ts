import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryCodeRefusal } from './country.ts';

describe('ISO 3166-1 alpha-2 country codes', () => {
  it('are the 249 officially assigned codes, each a country or territory the platform can name', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).toBeDefined();
  });

  it('accept NL, SE, DK and GB', () => {
    for (const code of ['NL', 'SE', 'DK', 'GB']) expect(countryCodeRefusal(code)).toBeNull();
  });

  it.each([
    ['UK', 'UK is not an ISO 3166-1 code; use GB'],
    ['EL', 'EL is not an ISO 3166-1 code; use GR'],
    ['nl', 'country codes are written in capitals: NL'],
    ['XX', '"XX" is not an ISO 3166-1 alpha-2 country code (an officially assigned one such as NL, SE or DK)'],
    ['XK', '"XK" is not an ISO 3166-1 alpha-2 country code (an officially assigned one such as NL, SE or DK)'],
    ['NLD', '"NLD" is not an ISO 3166-1 alpha-2 country code (an officially assigned one such as NL, SE or DK)'],
  ])('refuse %s: %s', (code, message) => {
    expect(countryCodeRefusal(code)).toBe(message);
  });
});
