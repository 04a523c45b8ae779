import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../common/language.ts';
import { ALERT_SMS_SEGMENTS, alertInstruction, composeAlertText, composeReplyConfirmation, composeReplyHelpText, composeStandDownText, composeTooLateText } from './alert-text.ts';
import { encodingOf, segmentCount } from './sms-encoding.ts';

describe('composeAlertText', () => {
  it('sends a CPR volunteer straight to the patient, in their language', () => {
    expect(composeAlertText({ task: 'CPR', address: 'Dorpsstraat 12, Oisterwijk' }, 'en')).toBe(
      'Cardiac arrest! Go straight to Dorpsstraat 12, Oisterwijk and start CPR. Reply YES to accept, NO to decline.',
    );
    expect(composeAlertText({ task: 'CPR', address: 'Dorpsstraat 12, Oisterwijk' }, 'nl')).toBe(
      'Hartstilstand! Ga direct naar Dorpsstraat 12, Oisterwijk en begin met reanimeren. Antwoord JA als je gaat, NEE als je niet kunt.',
    );
  });

  it('sends a FETCH_AED volunteer to the AED’s street address and place, with its code, then to the patient', () => {
    const text = composeAlertText(
      { task: 'FETCH_AED', address: 'Kärrtorpsvägen 3, Skarpnäck', aed: { address: 'Skarpnäcks allé 10', location: 'sporthallen, vid entrén', cabinetCode: '4711' } },
      'sv',
    );
    expect(text).toBe(
      'Hjärtstopp! Hämta hjärtstartaren vid Skarpnäcks allé 10 (sporthallen, vid entrén), kod 4711 och gå sedan till Kärrtorpsvägen 3, Skarpnäck. Svara JA om du kan gå, NEJ om du inte kan.',
    );
    // Swedish letters are in the GSM alphabet: kept, and the SMS stays GSM-7.
    expect(encodingOf(text)).toBe('GSM7');
  });

  it('leaves the code out for an unlocked AED and the address out when the AED has none', () => {
    expect(composeAlertText({ task: 'FETCH_AED', address: 'Kerkplein 1', aed: { location: 'town hall', cabinetCode: null } }, 'en')).toBe(
      'Cardiac arrest! Fetch the AED at town hall, then go to Kerkplein 1. Reply YES to accept, NO to decline.',
    );
  });

  it('drops the decline hint before using a second segment', () => {
    const address = 'Burgemeester van Rappardstraat 112 huis achterom, 5061 AB Oisterwijk, bel 2x aan';
    const text = composeAlertText({ task: 'CPR', address }, 'en');
    expect(text).toBe(`Cardiac arrest! Go straight to ${address} and start CPR. Reply YES to accept.`);
    expect(segmentCount(text)).toBe(1);
  });

  it('uses a second segment rather than cut the place, and keeps both addresses whole even when the description must be cut', () => {
    const address = 'Burgemeester van Rappardstraat 112 huis achterom, 5061 AB Oisterwijk';
    const aed = { address: 'Sportlaan 3, 5061 AB Oisterwijk', location: 'Sporthal De Kemp, hoofdingang naast de fietsenstalling, in de gele kast', cabinetCode: 'A4711' };
    const two = composeAlertText({ task: 'FETCH_AED', address, aed }, 'nl');
    expect(segmentCount(two)).toBe(2);
    expect(two).toContain(`bij Sportlaan 3, 5061 AB Oisterwijk (${aed.location}), code A4711 en ga dan naar ${address}.`);

    const long = composeAlertText({ task: 'FETCH_AED', address, aed: { ...aed, location: aed.location.repeat(4) } }, 'nl');
    expect(segmentCount(long)).toBe(ALERT_SMS_SEGMENTS);
    expect(long).toContain('(Sporthal De Kemp, hoofdingang');
    expect(long).toContain('...), code A4711 en ga dan naar');
    expect(long).toContain(`naar ${address}.`);
    expect(long).toContain('Sportlaan 3, 5061 AB Oisterwijk');
    expect(long.endsWith('Antwoord JA als je gaat.')).toBe(true);

    const huge = composeAlertText({ task: 'FETCH_AED', address: address.repeat(3), aed: { ...aed, location: aed.location.repeat(4) } }, 'en');
    expect(huge).toContain(`go to ${address.repeat(3)}.`);
    expect(segmentCount(huge)).toBe(3);
  });

  it('goes to UCS-2 for a letter outside the GSM alphabet, keeping it', () => {
    const text = composeAlertText({ task: 'CPR', address: 'ul. Łódzka 5, Gdańsk' }, 'en');
    expect(text).toContain('ul. Łódzka 5, Gdańsk');
    expect(encodingOf(text)).toBe('UCS2');
    expect(segmentCount(text)).toBe(2);
  });

  it('refuses alerts that would be useless', () => {
    expect(() => composeAlertText({ task: 'CPR', address: '  ' }, 'en')).toThrow(/address/);
    expect(() => composeAlertText({ task: 'FETCH_AED', address: 'Kerkplein 1' }, 'en')).toThrow(/AED/);
    expect(() => composeAlertText({ task: 'FETCH_AED', address: 'Kerkplein 1', aed: { location: 'hall', cabinetCode: '9'.repeat(1000) } }, 'en')).toThrow(/SMS/);
  });
});

describe('alertInstruction', () => {
  it('keeps the original spelling and the full text for the app, without the SMS reply hint', () => {
    expect(alertInstruction({ task: 'CPR', address: ' Kärrtorpsvägen 3, Skarpnäck ' }, 'en')).toBe('Cardiac arrest! Go straight to Kärrtorpsvägen 3, Skarpnäck and start CPR.');
    expect(alertInstruction({ task: 'FETCH_AED', address: 'Dorpsstraat 12', aed: { address: 'Markt 3', location: 'sports hall De Kemp', cabinetCode: '4711' } }, 'de')).toBe(
      'Herzstillstand! Hol den AED bei Markt 3 (sports hall De Kemp), Code 4711 und geh dann zu Dorpsstraat 12.',
    );
  });
});

describe('short SMS texts', () => {
  it('fit one SMS in every language', () => {
    for (const language of LANGUAGES) {
      for (const reason of ['ENOUGH_RESPONDERS', 'INCIDENT_CLOSED', 'INCIDENT_CANCELLED'] as const) {
        expect(segmentCount(composeStandDownText(reason, language)), `${language} ${reason}`).toBe(1);
      }
      expect(segmentCount(composeReplyConfirmation('ACCEPT', 'Dorpsstraat 12, 5061 HK Oisterwijk', language)), language).toBe(1);
      expect(segmentCount(composeReplyConfirmation('DECLINE', 'Dorpsstraat 12', language)), language).toBe(1);
      expect(segmentCount(composeTooLateText(language)), language).toBe(1);
      expect(segmentCount(composeReplyHelpText(language)), language).toBe(1);
    }
  });

  it('name the address in the acceptance', () => {
    expect(composeReplyConfirmation('ACCEPT', 'Dorpsstraat 12', 'en')).toBe("Thank you! You're going to Dorpsstraat 12. Stand down if told.");
    expect(composeReplyConfirmation('ACCEPT', 'Kärrtorpsvägen 3', 'sv')).toBe('Tack! Du är på väg till Kärrtorpsvägen 3. Avbryt om vi säger till.');
  });
});
