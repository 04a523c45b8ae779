/** What the pure domain rules (availability.ts, readiness.ts) need to know about a stored AED. */
import type { AvailabilityContext } from '../availability/availability.ts';
import type { Aed } from './aed.entity.ts';
import type { AedReadinessFacts } from '../readiness/readiness.ts';

/** The columns of an AED the rules read; an entity or a row of the dispatch search. */
export type AedRuleInputs = Pick<
  Aed,
  | 'latitude'
  | 'longitude'
  | 'timeZone'
  | 'countryCode'
  | 'availabilitySchedule'
  | 'batteryExpiresOn'
  | 'padsExpireOn'
  | 'lastCheckedOn'
  | 'operational'
  | 'stoodDownAt'
  | 'access'
  | 'cabinetLocked'
  | 'cabinetCodeKnown'
>;

/** Time zone, holiday country and position: where the AED's schedule is read. */
export function availabilityContextOf(aed: Pick<Aed, 'latitude' | 'longitude' | 'timeZone' | 'countryCode'>): AvailabilityContext {
  return { timeZone: aed.timeZone, countryCode: aed.countryCode, position: { latitude: aed.latitude, longitude: aed.longitude } };
}

/** The facts readiness is assessed on. */
export function readinessFactsOf(aed: AedRuleInputs): AedReadinessFacts {
  return {
    batteryExpiresOn: aed.batteryExpiresOn,
    padsExpireOn: aed.padsExpireOn,
    lastCheckedOn: aed.lastCheckedOn,
    stoodDown: aed.stoodDownAt !== null,
    operational: aed.operational,
    schedule: aed.availabilitySchedule,
    location: availabilityContextOf(aed),
    access: aed.access,
    lockedWithoutCode: aed.cabinetLocked && !aed.cabinetCodeKnown,
  };
}
