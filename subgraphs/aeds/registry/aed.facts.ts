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

/** The rule's columns of `aeds.aed` as {@link AedRuleRow} names them (dates as text, as the rules read them). */
export const AED_RULE_COLUMNS_SQL = `latitude, longitude, time_zone, country_code, availability_schedule,
  battery_expires_on::text as battery_expires_on, pads_expire_on::text as pads_expire_on, last_checked_on::text as last_checked_on,
  operational, stood_down_at, access, cabinet_locked, cabinet_code is not null as cabinet_code_known`;

/** A row of {@link AED_RULE_COLUMNS_SQL}. */
export interface AedRuleRow {
  latitude: number;
  longitude: number;
  time_zone: string;
  country_code: string;
  availability_schedule: string | null;
  battery_expires_on: string | null;
  pads_expire_on: string | null;
  last_checked_on: string | null;
  operational: boolean;
  stood_down_at: Date | null;
  access: Aed['access'];
  cabinet_locked: boolean;
  cabinet_code_known: boolean;
}

/** A row read with {@link AED_RULE_COLUMNS_SQL} as the rules read an AED, without loading the entity. */
export function ruleInputsOfRow(row: AedRuleRow): AedRuleInputs {
  return {
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    timeZone: row.time_zone,
    countryCode: row.country_code,
    availabilitySchedule: row.availability_schedule,
    batteryExpiresOn: row.battery_expires_on,
    padsExpireOn: row.pads_expire_on,
    lastCheckedOn: row.last_checked_on,
    operational: row.operational,
    stoodDownAt: row.stood_down_at,
    access: row.access,
    cabinetLocked: row.cabinet_locked,
    cabinetCodeKnown: row.cabinet_code_known,
  };
}
