import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes RFC 4180 with a byte order mark and CRLF', () => {
    expect(toCsv({ columns: ['name', 'count'], rows: [['Oisterwijk', 9]] })).toBe('\uFEFFname,count\r\nOisterwijk,9\r\n');
  });

  it('quotes commas, quotes and line breaks, and leaves a withheld figure empty rather than 0', () => {
    expect(toCsv({ columns: ['a', 'b', 'c', 'd'], rows: [['x, y', 'say "hi"', 'two\nlines', null]] })).toBe('\uFEFFa,b,c,d\r\n"x, y","say ""hi""","two\nlines",\r\n');
  });

  it('keeps text that looks like a formula from running, but writes negative numbers as numbers', () => {
    expect(toCsv({ columns: ['a', 'b'], rows: [['=HYPERLINK("x")', -3]] })).toBe('\uFEFFa,b\r\n"\'=HYPERLINK(""x"")",-3\r\n');
  });
});
