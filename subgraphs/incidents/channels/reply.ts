/**
 * What a volunteer meant by their SMS reply. Volunteers answer at 3 a.m. with
 * whatever their thumb types ("ja", " Yes ", "Ja ik kom!"), so the parser is
 * forgiving about case, spacing and punctuation, and strict about meaning: a
 * wrong ACCEPT makes the dispatcher count on someone who is not coming, so
 * anything unclear is UNKNOWN.
 */

/** The meaning of a reply. */
export type ReplyIntent = 'ACCEPT' | 'DECLINE' | 'UNKNOWN';

// Dutch, English, Swedish/Danish and German, with the drawn-out spellings people type ("jaaa", "neee").
const ACCEPT = /^(?:j|ja+|jawel|jep|y|yes+|yep|yeah)$/;
const DECLINE = /^(?:n|ne+|neen|no+|nope|nej|nein)$/;

/**
 * Reads a reply: ACCEPT ("JA", "ja", " Yes ", "YES", "Ja, ik kom"), DECLINE
 * ("NEE", "no", "Nee sorry"), or UNKNOWN.
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
