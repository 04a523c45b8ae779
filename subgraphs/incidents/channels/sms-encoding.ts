/**
 * How a text becomes SMS: its alphabet and its segments.
 *
 * A text made only of characters of the GSM 03.38 default alphabet (with its
 * extension table) goes out in that alphabet, data_coding 0: 160 characters
 * in one SMS, 153 per segment of a concatenated one (the user data header
 * takes the rest). Å, Ä, Ö, Æ, Ø, Ñ, Ü, é, è, à, ß are in it, so Dutch,
 * Scandinavian and German addresses keep their letters. Any other character
 * (Ł, ê, ç, an emoji) makes the whole text UCS-2, data_coding 8: 70
 * characters in one SMS, 67 per segment.
 *
 * Over SMPP the GSM text is carried unpacked (one septet per octet; an
 * extension character is the escape 0x1B and its code), the form SMSCs
 * expect for data_coding 0; UCS-2 is big-endian UTF-16.
 */

/** The GSM 03.38 default alphabet: the character at each code 0x00–0x7F (0x1B is the escape to the extension table). */
const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: characters sent as 0x1B followed by this code. */
const EXTENSION: Readonly<Record<string, number>> = { '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 };

const ESCAPE = 0x1b;
const BASIC_CODE = new Map([...BASIC].map((character, code) => [character, code]));
const EXTENSION_CHARACTER = new Map(Object.entries(EXTENSION).map(([character, code]) => [code, character]));

/** Septets in one GSM-7 SMS, and per segment of a concatenated one. */
export const GSM7_SINGLE = 160;
export const GSM7_SEGMENT = 153;
/** UTF-16 code units in one UCS-2 SMS, and per segment of a concatenated one. */
export const UCS2_SINGLE = 70;
export const UCS2_SEGMENT = 67;
/** More segments than a concatenated SMS can have (the header counts them in one octet), and more than any alert needs. */
export const MAX_SEGMENTS = 255;

/** The SMPP data_coding of each alphabet. */
export const DATA_CODING = { GSM7: 0, UCS2: 8 } as const;

/** The alphabet a text is sent in. */
export type SmsEncoding = keyof typeof DATA_CODING;

/** Whether every character of `text` is in the GSM 03.38 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const character of text) {
    if (character === '\x1b' || (!BASIC_CODE.has(character) && !(character in EXTENSION))) return false;
  }
  return true;
}

/** The alphabet `text` is sent in: GSM-7 when it can be, else UCS-2. */
export function encodingOf(text: string): SmsEncoding {
  return isGsm7(text) ? 'GSM7' : 'UCS2';
}

/** The septets of a GSM-7 text, one per octet (unpacked). @throws RangeError for a character outside the alphabet. */
export function encodeGsm7(text: string): Buffer {
  const septets: number[] = [];
  for (const character of text) {
    const code = BASIC_CODE.get(character);
    if (code !== undefined && code !== ESCAPE) septets.push(code);
    else if (character in EXTENSION) septets.push(ESCAPE, EXTENSION[character]!);
    else throw new RangeError(`${JSON.stringify(character)} is not in the GSM 03.38 alphabet`);
  }
  return Buffer.from(septets);
}

/** The text of unpacked GSM-7 septets. */
export function decodeGsm7(septets: Uint8Array): string {
  let text = '';
  for (let index = 0; index < septets.length; index++) {
    const code = septets[index]! & 0x7f;
    if (code === ESCAPE && index + 1 < septets.length) {
      index += 1;
      text += EXTENSION_CHARACTER.get(septets[index]! & 0x7f) ?? ' ';
    } else {
      text += BASIC[code];
    }
  }
  return text;
}

/** UCS-2 (big-endian UTF-16) octets of `text`. */
export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** The text of UCS-2 (big-endian UTF-16) octets. */
export function decodeUcs2(octets: Uint8Array): string {
  return Buffer.from(octets).swap16().toString('utf16le');
}

/** A text ready for the SMSC: its alphabet and the octets of each segment (without the user data header). */
export interface SmsPlan {
  readonly encoding: SmsEncoding;
  readonly dataCoding: number;
  /** One entry for a single SMS; two or more for a concatenated one, in order. */
  readonly segments: readonly Buffer[];
}

/**
 * Splits `units` (septets, or UTF-16 code units) into runs of at most `size`,
 * never between the two halves of a pair (`joined(previous, next)`): a GSM
 * escape and its code, or a UTF-16 surrogate pair.
 */
function split<T>(units: readonly T[], size: number, joined: (previous: T, next: T) => boolean): T[][] {
  const runs: T[][] = [];
  let start = 0;
  while (start < units.length) {
    let end = Math.min(start + size, units.length);
    if (end < units.length && joined(units[end - 1]!, units[end]!)) end -= 1;
    runs.push(units.slice(start, end));
    start = end;
  }
  return runs;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** The segments `text` is sent in: one SMS when it fits, else segments of a concatenated SMS. */
export function planSms(text: string): SmsPlan {
  if (isGsm7(text)) {
    const septets = [...encodeGsm7(text)];
    // An escape's code is never read as an escape itself, so pairs are found by walking from the start.
    const escapes = new Set<number>();
    for (let index = 0; index < septets.length; index++) if (septets[index] === ESCAPE) escapes.add(index++);
    if (septets.length <= GSM7_SINGLE) return { encoding: 'GSM7', dataCoding: DATA_CODING.GSM7, segments: [Buffer.from(septets)] };
    const indexed = septets.map((septet, index) => ({ septet, escape: escapes.has(index) }));
    const runs = split(indexed, GSM7_SEGMENT, (previous) => previous.escape);
    return { encoding: 'GSM7', dataCoding: DATA_CODING.GSM7, segments: runs.map((run) => Buffer.from(run.map((unit) => unit.septet))) };
  }
  const units = Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));
  if (units.length <= UCS2_SINGLE) return { encoding: 'UCS2', dataCoding: DATA_CODING.UCS2, segments: [encodeUcs2(text)] };
  const runs = split(units, UCS2_SEGMENT, (previous) => isHighSurrogate(previous));
  return { encoding: 'UCS2', dataCoding: DATA_CODING.UCS2, segments: runs.map((run) => encodeUcs2(String.fromCharCode(...run))) };
}

/**
 * How many SMS (segments) `text` takes: as many as {@link planSms} makes of
 * it, counted without encoding it. Composing an alert's SMS counts a few
 * candidate texts, for every text a dispatch composes, on the way to the alerts.
 */
export function segmentCount(text: string): number {
  if (isGsm7(text)) {
    // An extension character is two septets, never split: a segment ends before one that does not fit.
    let septets = 0;
    for (const character of text) septets += character in EXTENSION ? 2 : 1;
    if (septets <= GSM7_SINGLE) return 1;
    let segments = 1;
    let used = 0;
    for (const character of text) {
      const width = character in EXTENSION ? 2 : 1;
      if (used + width > GSM7_SEGMENT) {
        segments += 1;
        used = 0;
      }
      used += width;
    }
    return segments;
  }
  if (text.length <= UCS2_SINGLE) return 1;
  // Runs of UTF-16 code units, never ending between the halves of a surrogate pair (split, above).
  let segments = 0;
  for (let start = 0; start < text.length; segments++) {
    let end = Math.min(start + UCS2_SEGMENT, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    start = end;
  }
  return segments;
}

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '…': '...',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/**
 * `text` as an SMS should carry it: typographic quotes, dashes and ellipses
 * replaced by their plain forms (so they do not force UCS-2), white space
 * (line breaks included) collapsed to single spaces. Letters are kept as
 * they are: a street name is not respelt.
 */
export function toSmsText(text: string): string {
  return text
    .normalize('NFC')
    .replace(LOOK_ALIKE, (character) => LOOK_ALIKES[character]!)
    .replace(/\s+/gu, ' ')
    .trim();
}
