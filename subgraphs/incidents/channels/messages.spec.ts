import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../common/language.ts';
import { MESSAGE_KEYS } from './messages/catalogue.ts';
import { alertTitle, CATALOGUES, formatMessage } from './messages.ts';
import { REPLY_WORDS } from './reply.ts';
import { isGsm7 } from './sms-encoding.ts';

const VALUES = { address: 'Dorpsstraat 12, Oisterwijk', aedPlace: 'Markt 3 (sporthal)', hasCode: 'yes', code: '4711', location: 'sporthal' };

describe('message catalogues', () => {
  it('have every key in every language, and nothing else', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(CATALOGUES[language]).sort(), language).toEqual([...MESSAGE_KEYS].sort());
      for (const key of MESSAGE_KEYS) expect(CATALOGUES[language][key].trim(), `${language}:${key}`).not.toBe('');
    }
  });

  it('format every text with its arguments, leaving no placeholder behind', () => {
    for (const language of LANGUAGES) {
      for (const key of MESSAGE_KEYS) {
        const text = formatMessage(language, key, VALUES);
        expect(text, `${language}:${key}`).not.toMatch(/[{}]/);
      }
      expect(formatMessage(language, 'cprInstruction', VALUES)).toContain('Dorpsstraat 12, Oisterwijk');
      expect(formatMessage(language, 'acceptConfirmation', VALUES)).toContain('Dorpsstraat 12, Oisterwijk');
      const fetch = formatMessage(language, 'fetchAedInstruction', VALUES);
      expect(fetch).toContain('Markt 3 (sporthal)');
      expect(fetch).toContain('4711');
      expect(formatMessage(language, 'fetchAedInstruction', { ...VALUES, hasCode: 'no', code: '' })).not.toContain('4711');
    }
  });

  it('write every SMS text in the GSM alphabet, so it is never forced into UCS-2', () => {
    for (const language of LANGUAGES) {
      for (const key of MESSAGE_KEYS.filter((key) => key !== 'alertTitle')) {
        expect(isGsm7(formatMessage(language, key, VALUES)), `${language}:${key}`).toBe(true);
      }
    }
  });

  it('name the language’s own reply words in the hints and the help text', () => {
    for (const language of LANGUAGES) {
      const { accept, decline } = REPLY_WORDS[language];
      for (const key of ['replyHint', 'replyHelp'] as const) {
        const text = formatMessage(language, key);
        expect(text, `${language}:${key}`).toContain(accept);
        expect(text, `${language}:${key}`).toContain(decline);
      }
      expect(formatMessage(language, 'replyHintShort')).toContain(accept);
    }
  });

  it('give the push title in each language, English for an unknown one', () => {
    expect(alertTitle('en')).toBe('Cardiac arrest nearby');
    expect(alertTitle('sv')).toBe('Hjärtstopp i närheten');
    expect(alertTitle('nl')).toBe('Hartstilstand in de buurt');
    expect(alertTitle(null)).toBe('Cardiac arrest nearby');
    expect(alertTitle('xx')).toBe('Cardiac arrest nearby');
  });
});
