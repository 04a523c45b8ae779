import { describe, expect, it } from 'vitest';
import { decodeGsm7, decodeUcs2, encodeGsm7, isGsm7, planSms, segmentCount, toSmsText } from './sms-encoding.ts';

describe('the GSM 03.38 alphabet', () => {
  it('holds the Scandinavian, German and common French letters', () => {
    expect(isGsm7('Kärrtorpsvägen 3, Skarpnäck')).toBe(true);
    expect(isGsm7('Ærøskøbing, Åbenrå, Østergade')).toBe(true);
    expect(isGsm7('Müllerstraße 5, Café')).toBe(true);
    expect(isGsm7('à, è, é, ù, ì, ò, Ñ, ü, €, [x]')).toBe(true);
  });

  it('does not hold other letters or emoji', () => {
    for (const text of ['Łódź', 'Forêt', 'Français', 'Noël', '😀', 'Ż']) expect(isGsm7(text), text).toBe(false);
  });

  it('encodes one septet per character, extension characters as escape pairs, and decodes back', () => {
    expect([...encodeGsm7('@Aå€')]).toEqual([0x00, 0x41, 0x0f, 0x1b, 0x65]);
    const text = 'Kärrtorpsvägen {3} ~ Ø € \\ |';
    expect(decodeGsm7(encodeGsm7(text))).toBe(text);
    expect(decodeUcs2(Buffer.from([0x01, 0x41, 0x00, 0xf3]))).toBe('Łó');
  });
});

describe('planSms', () => {
  it('keeps 160 GSM characters in one SMS and splits longer texts in segments of 153', () => {
    expect(planSms('a'.repeat(160)).segments).toHaveLength(1);
    const plan = planSms('a'.repeat(161));
    expect(plan).toMatchObject({ encoding: 'GSM7', dataCoding: 0 });
    expect(plan.segments.map((segment) => segment.length)).toEqual([153, 8]);
    expect(segmentCount('a'.repeat(306))).toBe(2);
    expect(segmentCount('a'.repeat(307))).toBe(3);
  });

  it('counts an extension character as two and never splits its pair', () => {
    expect(segmentCount('€'.repeat(80))).toBe(1);
    expect(segmentCount('€'.repeat(81))).toBe(2);
    const segments = planSms(`${'a'.repeat(152)}€b`.repeat(2)).segments;
    expect(segments[0]).toHaveLength(152);
    expect(segments.map((segment) => decodeGsm7(segment)).join('')).toBe(`${'a'.repeat(152)}€b`.repeat(2));
  });

  it('sends a text with a letter outside the alphabet as UCS-2: 70 in one SMS, 67 per segment, pairs kept whole', () => {
    expect(planSms(`Łódź ${'a'.repeat(65)}`)).toMatchObject({ encoding: 'UCS2', dataCoding: 8 });
    expect(segmentCount(`Ł${'a'.repeat(69)}`)).toBe(1);
    const plan = planSms(`Ł${'a'.repeat(70)}`);
    expect(plan.segments.map((segment) => segment.length)).toEqual([134, 8]);
    const emoji = planSms(`${'a'.repeat(66)}😀${'b'.repeat(10)}`);
    expect(emoji.segments.map((segment) => decodeUcs2(segment))).toEqual(['a'.repeat(66), `😀${'b'.repeat(10)}`]);
  });
});

describe('segmentCount', () => {
  it('counts the segments planSms makes, for texts on both sides of every boundary', () => {
    const pieces = ['a', '€', '{', 'é', 'Ł', '😀', '\ud83d', ' ', 'ß'];
    // A fixed pseudo-random walk (the same texts every run).
    let seed = 2026;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const texts: string[] = [];
    for (const length of [1, 69, 70, 71, 134, 135, 152, 153, 154, 159, 160, 161, 305, 306, 307, 460, 800]) {
      for (const piece of pieces) texts.push(piece.repeat(length), `${'a'.repeat(length)}${piece}`, `${piece}${'a'.repeat(length)}`);
      for (let round = 0; round < 20; round++) texts.push(Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
      for (let round = 0; round < 20; round++) texts.push(Array.from({ length }, () => (next() < 0.2 ? '€' : 'a')).join(''));
    }
    for (const text of texts) expect(segmentCount(text), JSON.stringify(text)).toBe(planSms(text).segments.length);
  });
});

describe('toSmsText', () => {
  it('replaces typographic marks, collapses white space and keeps letters', () => {
    expect(toSmsText(' Café „Øresund“ – kiosk\n 2… ')).toBe('Café "Øresund" - kiosk 2...');
    expect(toSmsText('Łódzka 5')).toBe('Łódzka 5');
    expect(isGsm7(toSmsText('l’entrée « principale »'))).toBe(true);
  });
});
