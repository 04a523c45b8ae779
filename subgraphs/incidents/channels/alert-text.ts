/**
 * The SMS a volunteer reads when alerted. It must fit one SMS (a split message
 * can arrive in the wrong order or half), and it must survive any SMSC.
 *
 * Why a restricted alphabet: SMSCs disagree on what the "default" data coding
 * means (GSM 03.38, IA5/ASCII or Latin-1). Letters, digits, space and the
 * punctuation `!"#%&'()*+,-./:;<=>?` have the same code in all three, so text
 * made only of them arrives intact everywhere, 160 characters per SMS. Accents
 * are dropped ("Köpmangatan" becomes "Kopmangatan"), which every reader still
 * understands; sending UCS-2 instead would cut the limit to 70 characters.
 */
import type { Task } from '../selection.ts';

/** Characters in one SMS in the 7-bit alphabet. */
export const SMS_MAX_CHARS = 160;

const SAFE_CHARACTERS = /^[A-Za-z0-9 !"#%&'()*+,\-./:;<=>?]*$/;

/** Whether `text` uses only characters that every SMSC encodes the same way (see the module comment). */
export function isSmsSafe(text: string): boolean {
  return SAFE_CHARACTERS.test(text);
}

const REPLACEMENTS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  þ: 'th',
  Þ: 'Th',
  '‘': "'",
  '’': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '€': 'EUR',
  '@': ' at ',
  _: ' ',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
};

/**
 * `text` in the safe alphabet: accents removed, look-alikes replaced, other
 * characters dropped, whitespace (line breaks included) collapsed to single spaces.
 */
export function toSmsSafe(text: string): string {
  return [...text.normalize('NFKD').replace(/\p{M}/gu, '')]
    .map((character) => REPLACEMENTS[character] ?? (/\s/.test(character) ? ' ' : character))
    .join('')
    .replace(/[^A-Za-z0-9 !"#%&'()*+,\-./:;<=>?]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** What the alert text says. */
export interface AlertTextInput {
  readonly task: Task;
  /** Where the patient is, as the dispatch centre gave it, e.g. "Dorpsstraat 12, Oisterwijk". */
  readonly address: string;
  /** For FETCH_AED: where the AED is ("sports hall De Kemp") and the cabinet code when it is locked. */
  readonly aed?: { readonly location: string; readonly cabinetCode?: string | null };
}

const ELLIPSIS = '...';
/** Parts are never cut below this, so what is left still points somewhere. */
const MIN_PART = 12;

function cut(text: string, length: number): string {
  const keep = Math.max(MIN_PART, length);
  if (text.length <= keep) return text;
  return text.slice(0, keep - ELLIPSIS.length).trimEnd() + ELLIPSIS;
}

/** Ends a sentence with a full stop, unless a cut already left "..." there. */
function endSentence(text: string): string {
  return text.endsWith(ELLIPSIS) ? text : `${text}.`;
}

/**
 * The alert SMS for one volunteer, in the safe alphabet and at most
 * {@link SMS_MAX_CHARS} characters, e.g.
 * `Cardiac arrest! Fetch the AED at sports hall De Kemp, code 4711, then go to Dorpsstraat 12, Oisterwijk. Reply JA to accept, NEE to decline.`
 *
 * When the full text is too long it shortens, in this order: the decline hint,
 * then the AED's location, then the address (both cut with "..."). The task,
 * the cabinet code and "Reply JA" are never cut: without them the alert is useless.
 *
 * @throws Error when the address is empty, a FETCH_AED alert has no AED, or
 *   the text cannot fit even when shortened (a cabinet code of 100 characters).
 */
export function composeAlertText(input: AlertTextInput): string {
  const address = toSmsSafe(input.address);
  if (address === '') throw new Error('An alert needs the address of the patient.');
  let instruction: (address: string, aedLocation: string) => string;
  let aedLocation = '';
  if (input.task === 'FETCH_AED') {
    if (!input.aed) throw new Error('A FETCH_AED alert needs the AED it sends the volunteer to.');
    aedLocation = toSmsSafe(input.aed.location);
    const code = toSmsSafe(input.aed.cabinetCode ?? '');
    const codePart = code === '' ? '' : `, code ${code}`;
    instruction = (to, at) => endSentence(`Cardiac arrest! Fetch the AED${at === '' ? '' : ` at ${at}`}${codePart}, then go to ${to}`);
  } else {
    instruction = (to) => `Cardiac arrest! Go straight to ${to} and start CPR.`;
  }

  const full = `${instruction(address, aedLocation)} Reply JA to accept, NEE to decline.`;
  if (full.length <= SMS_MAX_CHARS) return full;

  const reply = ' Reply JA to accept.';
  const fits = (text: string) => text.length <= SMS_MAX_CHARS;
  const compose = (to: string, at: string) => `${instruction(to, at)}${reply}`;
  if (fits(compose(address, aedLocation))) return compose(address, aedLocation);

  // Cut the AED's location first: the cabinet is usually signposted, the patient's door is not.
  const overLocation = compose(address, aedLocation).length - SMS_MAX_CHARS;
  const shorterLocation = cut(aedLocation, aedLocation.length - overLocation);
  if (fits(compose(address, shorterLocation))) return compose(address, shorterLocation);

  const overAddress = compose(address, shorterLocation).length - SMS_MAX_CHARS;
  const text = compose(cut(address, address.length - overAddress), shorterLocation);
  if (!fits(text)) throw new Error(`The alert text cannot be made to fit one SMS (${text.length} characters).`);
  return text;
}

/**
 * The alert as the volunteer's app shows it: the same instruction as the SMS,
 * in full and in the original spelling (the app has no length or alphabet
 * limit, and answers with buttons rather than a reply).
 */
export function alertInstruction(input: AlertTextInput): string {
  const address = input.address.trim();
  if (address === '') throw new Error('An alert needs the address of the patient.');
  if (input.task === 'CPR') return `Cardiac arrest! Go straight to ${address} and start CPR.`;
  if (!input.aed) throw new Error('A FETCH_AED alert needs the AED it sends the volunteer to.');
  const code = input.aed.cabinetCode ? `, code ${input.aed.cabinetCode}` : '';
  return `Cardiac arrest! Fetch the AED at ${input.aed.location.trim()}${code}, then go to ${address}.`;
}

/** Why a volunteer is stood down, as the stand-down SMS says it. */
export type StandDownTextReason = 'ENOUGH_RESPONDERS' | 'INCIDENT_CLOSED' | 'INCIDENT_CANCELLED';

/** The SMS that tells a volunteer they are no longer needed; short, safe alphabet, no address. */
export function composeStandDownText(reason: StandDownTextReason): string {
  switch (reason) {
    case 'ENOUGH_RESPONDERS':
      return 'Stand down: enough volunteers are on their way. You do not need to go. Thank you!';
    case 'INCIDENT_CLOSED':
      return 'Stand down: the ambulance has taken over. You do not need to go. Thank you!';
    case 'INCIDENT_CANCELLED':
      return 'Stand down: the alert was cancelled by the dispatch centre. You do not need to go. Thank you!';
  }
}
