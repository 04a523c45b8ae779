import { describe, expect, it } from 'vitest';
import { parseReply } from './reply.ts';

describe('parseReply', () => {
  it.each(['JA', 'ja', ' Yes ', 'YES', 'Ja!', 'ja.', 'Jaaa', 'J', 'y', 'Ja, ik kom eraan', 'yes on my way', 'ＪＡ'])('accepts %j', (text) => {
    expect(parseReply(text)).toBe('ACCEPT');
  });

  it.each(['NEE', 'nee', 'NO', ' no ', 'Nee, sorry', 'neee', 'nej', 'N'])('declines %j', (text) => {
    expect(parseReply(text)).toBe('DECLINE');
  });

  it.each(['', '   ', '?', 'maybe', 'Ik kan niet', 'ok', 'ja nee', 'no yes', 'JAN', 'Japan', '1'])('does not guess at %j', (text) => {
    expect(parseReply(text)).toBe('UNKNOWN');
  });
});
