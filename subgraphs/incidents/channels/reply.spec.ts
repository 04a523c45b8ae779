import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../common/language.ts';
import { parseReply, REPLY_WORDS } from './reply.ts';

describe('parseReply', () => {
  it.each(['JA', 'ja', ' Yes ', 'YES', 'Ja!', 'JA!', ' Ja ', 'ja.', 'Jaaa', 'J', 'y', 'Ja, ik kom eraan', 'yes on my way', 'ＪＡ', 'oui', 'Oui !', 'OUI j’arrive'])(
    'accepts %j',
    (text) => {
      expect(parseReply(text)).toBe('ACCEPT');
    },
  );

  it.each(['NEE', 'nee', 'NO', ' no ', 'Nee, sorry', 'neee', 'nej', 'NEJ!', 'Nei', 'NEIN', 'nein danke', 'non', 'Non merci', 'N'])('declines %j', (text) => {
    expect(parseReply(text)).toBe('DECLINE');
  });

  it.each(['', '   ', '?', 'maybe', 'Ik kan niet', 'ok', 'ja nee', 'no yes', 'oui non', 'JAN', 'Japan', 'nonsense', '1'])('does not guess at %j', (text) => {
    expect(parseReply(text)).toBe('UNKNOWN');
  });

  it('understands the words every language’s texts name, in any case and with punctuation', () => {
    for (const language of LANGUAGES) {
      const { accept, decline } = REPLY_WORDS[language];
      for (const shape of [(word: string) => word, (word: string) => word.toLowerCase(), (word: string) => ` ${word[0]}${word.slice(1).toLowerCase()}! `]) {
        expect(parseReply(shape(accept)), `${language} ${accept}`).toBe('ACCEPT');
        expect(parseReply(shape(decline)), `${language} ${decline}`).toBe('DECLINE');
      }
    }
  });
});
