import { describe, expect, it } from 'vitest';
import { isLanguage, languageOfCountry, LANGUAGES, resolveLanguage } from './language.ts';

describe('languages', () => {
  it('takes the default from the country', () => {
    expect(languageOfCountry('NL')).toBe('nl');
    expect(languageOfCountry('SE')).toBe('sv');
    expect(languageOfCountry('DK')).toBe('da');
    expect(languageOfCountry('NO')).toBe('nb');
    expect(languageOfCountry('DE')).toBe('de');
    expect(languageOfCountry('AT')).toBe('de');
    expect(languageOfCountry('CH')).toBe('de');
    expect(languageOfCountry('FR')).toBe('fr');
    expect(languageOfCountry('BE')).toBe('nl');
    expect(languageOfCountry('se')).toBe('sv');
  });

  it('falls back to English for any other or no country', () => {
    expect(languageOfCountry('PL')).toBe('en');
    expect(languageOfCountry('')).toBe('en');
    expect(languageOfCountry(null)).toBe('en');
  });

  it('prefers the volunteer’s own choice', () => {
    expect(resolveLanguage('fr', 'BE')).toBe('fr');
    expect(resolveLanguage(null, 'BE')).toBe('nl');
    expect(resolveLanguage('xx', 'SE')).toBe('sv');
  });

  it('knows exactly the supported codes', () => {
    expect(LANGUAGES).toEqual(['nl', 'sv', 'da', 'nb', 'de', 'fr', 'en']);
    expect(isLanguage('nb')).toBe(true);
    expect(isLanguage('no')).toBe(false);
    expect(isLanguage('NL')).toBe(false);
  });
});
