/**
 * The languages volunteers are written to in (alert texts, SMS replies,
 * stand-downs), and the default for a volunteer who chose none: the language
 * of their municipality's country. One module, used by the volunteers
 * subgraph (which stores the choice) and the incidents subgraph (which writes).
 */

/** Languages with a full message catalogue, as lower-case ISO 639-1 codes (`nb`: Norwegian Bokmål). */
export const LANGUAGES = ['nl', 'sv', 'da', 'nb', 'de', 'fr', 'en'] as const;

/** A language texts are written in. */
export type Language = (typeof LANGUAGES)[number];

/** The language of a country the product knows nothing better for. */
export const FALLBACK_LANGUAGE: Language = 'en';

/**
 * The language most people of a country read (ISO 3166-1 alpha-2). Where a
 * country has several, the majority's: Belgium Dutch (Flanders; a Walloon
 * volunteer sets `fr`), Switzerland German. Greenland and the Faroe Islands
 * read Danish alerts (the Danish system serves them).
 */
const COUNTRY_LANGUAGE: Readonly<Record<string, Language>> = {
  NL: 'nl',
  BE: 'nl',
  SR: 'nl',
  SE: 'sv',
  AX: 'sv',
  DK: 'da',
  GL: 'da',
  FO: 'da',
  NO: 'nb',
  SJ: 'nb',
  DE: 'de',
  AT: 'de',
  CH: 'de',
  LI: 'de',
  FR: 'fr',
  LU: 'fr',
  MC: 'fr',
};

/** Whether `value` is a supported language code (exactly, lower case). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The default language of a country; English for countries without one of the supported languages. */
export function languageOfCountry(countryCode: string | null | undefined): Language {
  return COUNTRY_LANGUAGE[(countryCode ?? '').toUpperCase()] ?? FALLBACK_LANGUAGE;
}

/** The language to write to someone in: their own choice when they made one, else their country's. */
export function resolveLanguage(chosen: string | null | undefined, countryCode: string | null | undefined): Language {
  return isLanguage(chosen) ? chosen : languageOfCountry(countryCode);
}
