import { describe, expect, it } from 'vitest';
import { alertInstruction, composeAlertText, composeStandDownText, isSmsSafe, SMS_MAX_CHARS, toSmsSafe } from './alert-text.ts';

describe('composeAlertText', () => {
  it('sends a CPR volunteer straight to the patient', () => {
    expect(composeAlertText({ task: 'CPR', address: 'Dorpsstraat 12, Oisterwijk' })).toBe(
      'Cardiac arrest! Go straight to Dorpsstraat 12, Oisterwijk and start CPR. Reply JA to accept, NEE to decline.',
    );
  });

  it('sends a FETCH_AED volunteer to the AED with its cabinet code, then to the patient', () => {
    const text = composeAlertText({
      task: 'FETCH_AED',
      address: 'Dorpsstraat 12, Oisterwijk',
      aed: { location: 'sports hall De Kemp', cabinetCode: '4711' },
    });
    expect(text).toBe(
      'Cardiac arrest! Fetch the AED at sports hall De Kemp, code 4711, then go to Dorpsstraat 12, Oisterwijk. Reply JA to accept, NEE to decline.',
    );
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
  });

  it('leaves the code out for an unlocked AED', () => {
    expect(composeAlertText({ task: 'FETCH_AED', address: 'Kerkplein 1', aed: { location: 'town hall', cabinetCode: null } })).toBe(
      'Cardiac arrest! Fetch the AED at town hall, then go to Kerkplein 1. Reply JA to accept, NEE to decline.',
    );
  });

  it('writes in the alphabet every SMSC understands', () => {
    const text = composeAlertText({
      task: 'FETCH_AED',
      address: 'Kärrtorpsvägen 3, Skarpnäck',
      aed: { location: 'Café „Øresund“ – kiosk_2', cabinetCode: '12#34' },
    });
    expect(text).toBe(
      'Cardiac arrest! Fetch the AED at Cafe "Oresund" - kiosk 2, code 12#34, then go to Karrtorpsvagen 3, Skarpnack. Reply JA to accept, NEE to decline.',
    );
    expect(isSmsSafe(text)).toBe(true);
  });

  it('shortens long texts: first the decline hint, then the AED location, then the address, never the code', () => {
    const longAddress = 'Burgemeester van Rappardstraat 112 huis achterom, 5061 AB Oisterwijk';
    const longLocation = 'Sporthal De Kemp, hoofdingang naast de fietsenstalling, in de gele kast';
    const withoutHint = composeAlertText({ task: 'CPR', address: `${longAddress}, bel 2x aan` });
    expect(withoutHint).toBe(
      `Cardiac arrest! Go straight to ${longAddress}, bel 2x aan and start CPR. Reply JA to accept.`,
    );

    const fetch = composeAlertText({ task: 'FETCH_AED', address: longAddress, aed: { location: longLocation, cabinetCode: 'A4711' } });
    expect(fetch).toHaveLength(SMS_MAX_CHARS);
    expect(fetch).toContain(`then go to ${longAddress}.`);
    expect(fetch).toContain('..., code A4711,');
    expect(fetch.endsWith('Reply JA to accept.')).toBe(true);

    const huge = composeAlertText({ task: 'FETCH_AED', address: longAddress.repeat(3), aed: { location: longLocation.repeat(3), cabinetCode: '4711' } });
    expect(huge.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(huge).toBe(
      'Cardiac arrest! Fetch the AED at Sporthal..., code 4711, then go to Burgemeester van Rappardstraat 112 huis achterom, 5061 AB Oisterwijk... Reply JA to accept.',
    );
  });

  it('refuses alerts that would be useless', () => {
    expect(() => composeAlertText({ task: 'CPR', address: '  ' })).toThrow(/address/);
    expect(() => composeAlertText({ task: 'FETCH_AED', address: 'Kerkplein 1' })).toThrow(/AED/);
    expect(() =>
      composeAlertText({ task: 'FETCH_AED', address: 'Kerkplein 1', aed: { location: 'hall', cabinetCode: '9'.repeat(150) } }),
    ).toThrow(/cannot be made to fit/);
  });
});

describe('toSmsSafe', () => {
  it('keeps plain text and replaces or drops the rest', () => {
    expect(toSmsSafe('Dorpsstraat 12')).toBe('Dorpsstraat 12');
    expect(toSmsSafe('Straße  \n 5 – hinten')).toBe('Strasse 5 - hinten');
    expect(toSmsSafe('Ærøskøbing ✓ 😀')).toBe('AEroskobing');
    expect(toSmsSafe('a@b_c [1] ~^|\\$')).toBe('a at b c (1)');
  });
});

describe('alertInstruction', () => {
  it('keeps the original spelling and the full text for the app, without the SMS reply hint', () => {
    expect(alertInstruction({ task: 'CPR', address: ' Kärrtorpsvägen 3, Skarpnäck ' })).toBe(
      'Cardiac arrest! Go straight to Kärrtorpsvägen 3, Skarpnäck and start CPR.',
    );
    expect(
      alertInstruction({ task: 'FETCH_AED', address: 'Dorpsstraat 12', aed: { location: 'sports hall De Kemp', cabinetCode: '4711' } }),
    ).toBe('Cardiac arrest! Fetch the AED at sports hall De Kemp, code 4711, then go to Dorpsstraat 12.');
  });
});

describe('composeStandDownText', () => {
  it('fits one SMS in the safe alphabet for every reason', () => {
    for (const reason of ['ENOUGH_RESPONDERS', 'INCIDENT_CLOSED', 'INCIDENT_CANCELLED'] as const) {
      const text = composeStandDownText(reason);
      expect(text.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
      expect(isSmsSafe(text)).toBe(true);
      expect(text.startsWith('Stand down')).toBe(true);
    }
  });
});
