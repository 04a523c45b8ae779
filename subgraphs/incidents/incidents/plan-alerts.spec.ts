import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../common/language.ts';
import { PositionKind } from '../../../common/position-kind.ts';
import { alertInstruction, composeAlertText } from '../channels/alert-text.ts';
import { DEFAULT_DISPATCH_POLICY } from '../dispatch/dispatch-policy.ts';
import type { PeerAlertCandidate, PeerDispatchableAed } from '../peers.ts';
import { planAlerts, type DispatchSite } from './dispatch.service.ts';

const site: DispatchSite = { latitude: 51.5606, longitude: 5.1923, address: 'Dorpsstraat 12, Oisterwijk' };
const METERS_PER_DEGREE = 111_195;

/** Thirty volunteers around the patient, in every language, every third without a phone number. */
const candidates: PeerAlertCandidate[] = Array.from({ length: 30 }, (_, index) => ({
  volunteerId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  latitude: site.latitude + ((index % 5) * 60) / METERS_PER_DEGREE,
  longitude: site.longitude + (Math.floor(index / 5) * 60) / METERS_PER_DEGREE,
  distanceMeters: 30 * index,
  positionKind: PositionKind.HOME,
  phone: index % 3 === 0 ? null : `+316${String(10_000_000 + index)}`,
  language: LANGUAGES[index % LANGUAGES.length]!,
  municipalityId: '00000000-0000-4000-8000-00000000aaaa',
  associationIds: [],
}));

const aeds: PeerDispatchableAed[] = [
  {
    aedId: '00000000-0000-4000-8000-0000000000a1',
    latitude: site.latitude + 0.001,
    longitude: site.longitude,
    distanceMeters: 111,
    address: 'Markt 3',
    locationDescription: 'sports hall, by the entrance',
    cabinetCode: '4711',
  },
  {
    aedId: '00000000-0000-4000-8000-0000000000a2',
    latitude: site.latitude,
    longitude: site.longitude + 0.002,
    distanceMeters: 139,
    address: null,
    locationDescription: 'pharmacy',
    cabinetCode: null,
  },
];

describe('planAlerts', () => {
  it('gives each alert the texts of its own task, AED and language, and an SMS only to those with a phone number', () => {
    const planned = planAlerts(site, { candidates, aeds }, DEFAULT_DISPATCH_POLICY);
    expect(planned).toHaveLength(30);
    expect(new Set(planned.map((alert) => alert.task)).size).toBe(2);
    expect(new Set(planned.map((alert) => alert.language)).size).toBe(LANGUAGES.length);
    for (const alert of planned) {
      const candidate = candidates.find((item) => item.volunteerId === alert.volunteerId)!;
      const aed = aeds.find((item) => item.aedId === alert.aedId);
      const text = {
        task: alert.task,
        address: site.address,
        aed: aed && { address: aed.address, location: aed.locationDescription, cabinetCode: aed.cabinetCode },
      };
      expect(alert.language).toBe(candidate.language);
      expect(alert.message).toBe(alertInstruction(text, alert.language));
      expect(alert.smsText).toBe(candidate.phone ? composeAlertText(text, alert.language) : null);
    }
  });
});
