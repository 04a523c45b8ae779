/**
 * What a volunteer meant by their SMS reply. Volunteers answer at 3 a.m. with
 * whatever their thumb types ("ja", " Yes ", "JA!", "Ja ik kom!"), so the
 * parser is forgiving about case, spacing and punctuation, and strict about
 * meaning: a wrong ACCEPT makes the dispatcher count on someone who is not
 * coming, so anything unclear is UNKNOWN.
 *
 * The words of every supported language are understood whatever the
 * volunteer's language (a German living in the Netherlands may answer
 * "nein"): no word means yes in one of them and no in another.
 */
import type { Language } from '../../../common/language.ts';

/** The meaning of a reply. */
export type ReplyIntent = 'ACCEPT' | 'DECLINE' | 'UNKNOWN';

/** The reply words each language's texts name ("Reply JA to accept, NEE to decline"). */
export const REPLY_WORDS: Readonly<Record<Language, { readonly accept: string; readonly decline: string }>> = {
  nl: { accept: 'JA', decline: 'NEE' },
  sv: { accept: 'JA', decline: 'NEJ' },
  da: { accept: 'JA', decline: 'NEJ' },
  nb: { accept: 'JA', decline: 'NEI' },
  de: { accept: 'JA', decline: 'NEIN' },
  fr: { accept: 'OUI', decline: 'NON' },
  en: { accept: 'YES', decline: 'NO' },
};

// The words above, with the drawn-out and short spellings people type ("jaaa", "neee", "j", "n").
const ACCEPT = /^(?:j|ja+|jawel|jep|y|yes+|yep|yeah|oui+|ouais)$/;
const DECLINE = /^(?:n|ne+|neen|no+|nope|nej|nei|nein|non)$/;

/**
 * Reads a reply: ACCEPT ("JA", "ja", " Yes ", "OUI", "Ja, ik kom"), DECLINE
 * ("NEE", "nej", "NEI", "Nein", "non merci"), or UNKNOWN.
 *
 * The first word decides; a reply that also contains a word of the opposite
 * meaning ("ja nee", Dutch for "well, no") is UNKNOWN.
 */
export function parseReply(text: string): ReplyIntent {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const [first] = words;
  if (first === undefined) return 'UNKNOWN';
  const intent = ACCEPT.test(first) ? 'ACCEPT' : DECLINE.test(first) ? 'DECLINE' : 'UNKNOWN';
  if (intent === 'UNKNOWN') return intent;
  const opposite = intent === 'ACCEPT' ? DECLINE : ACCEPT;
  return words.some((word) => opposite.test(word)) ? 'UNKNOWN' : intent;
}
