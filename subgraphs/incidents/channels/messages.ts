/**
 * The texts volunteers read, in their language: the catalogues of
 * `messages/` formatted with intl-messageformat (ICU MessageFormat), never
 * pieced together from fragments, so each language keeps its own word order.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { FALLBACK_LANGUAGE, isLanguage, type Language } from '../../../common/language.ts';
import type { Catalogue, MessageKey } from './messages/catalogue.ts';
import { da } from './messages/da.ts';
import { de } from './messages/de.ts';
import { en } from './messages/en.ts';
import { fr } from './messages/fr.ts';
import { nb } from './messages/nb.ts';
import { nl } from './messages/nl.ts';
import { sv } from './messages/sv.ts';
import { REPLY_WORDS } from './reply.ts';

/** Every language's catalogue. */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { nl, sv, da, nb, de, fr, en };

/** The values a text is formatted with; the reply words of its language are added. */
export type MessageValues = Readonly<Record<string, string>>;

// Parsing a pattern costs more than formatting it: each is parsed once per process.
const formats = new Map<string, IntlMessageFormat>();

function formatOf(language: Language, key: MessageKey): IntlMessageFormat {
  const id = `${language}:${key}`;
  let format = formats.get(id);
  if (!format) {
    format = new IntlMessageFormat(CATALOGUES[language][key], language, undefined, { ignoreTag: true });
    formats.set(id, format);
  }
  return format;
}

/** A language the catalogues have: `language` itself, or English for anything else (an old row, a typo). */
export function catalogueLanguage(language: string | null | undefined): Language {
  return isLanguage(language) ? language : FALLBACK_LANGUAGE;
}

/** The text `key` in `language`, with `values` and the language's reply words (`yes`, `no`) filled in. */
export function formatMessage(language: Language, key: MessageKey, values: MessageValues = {}): string {
  const words = REPLY_WORDS[language];
  const text = formatOf(language, key).format({ yes: words.accept, no: words.decline, ...values });
  if (typeof text !== 'string') throw new Error(`Message ${language}:${key} did not format to text.`);
  return text;
}

/** The title of an alert's push notification, e.g. "Cardiac arrest nearby". */
export function alertTitle(language: string | null | undefined): string {
  return formatMessage(catalogueLanguage(language), 'alertTitle');
}
