/**
 * Registering and changing AEDs, their guardians and their checks. Every
 * input is checked before the transaction starts; a change that moves a date
 * also sends the guardian reminders it makes due, in the same transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AedSettings } from '../../../common/config.ts';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import type { PlaceOverride } from '../../../common/place.ts';
import { parseId } from '../../../common/ids.ts';
import { AedGuardian } from './aed-guardian.entity.ts';
import { Aed } from './aed.entity.ts';
import type { AedCheckInput, AedGuardianInput, RegisterAedInput, UpdateAedInput } from './aed.type.ts';
import { checkedCheckDate, checkedDetails, checkedExpiryDate, checkedGuardian, checkedPlace, requiredText, type AedPlace } from './aed.validation.ts';
import type { MunicipalityFacts } from '../peers.ts';
import { remindGuardians } from '../readiness/reminder.service.ts';
import { localDateOf } from '../../../common/zoned-time.ts';
import { sql } from '../../../common/sql.ts';

/** Loads an AED by id; NOT_FOUND for a malformed or unknown id. */
export async function getAed(em: EntityManager, id: string): Promise<Aed> {
  const aed = await em.findOne(Aed, { id: parseId(id, 'Aed') });
  if (!aed) throw notFound('Aed', id);
  return aed;
}

function placeOf(aed: Pick<Aed, 'latitude' | 'longitude' | 'timeZone' | 'countryCode'>): AedPlace {
  return { latitude: aed.latitude, longitude: aed.longitude, timeZone: aed.timeZone, countryCode: aed.countryCode };
}

/** The columns recording an AED accepted outside its municipality (all null inside). */
function locationOutsideOf(outside: PlaceOverride | null) {
  return {
    locationOutsideReason: outside?.reason ?? null,
    locationOutsideBy: outside?.by ?? null,
    locationOutsideAt: outside?.at ?? null,
    locationOutsideMeters: outside?.distanceMeters ?? null,
  };
}

/**
 * Registers an AED in `municipality` (already confirmed by the organization
 * subgraph), with its first guardians; `outside` records why it was accepted
 * outside the municipality's boundary (common/place.ts).
 */
export async function registerAed(
  em: EntityManager,
  input: RegisterAedInput,
  municipality: MunicipalityFacts,
  outside: PlaceOverride | null,
  settings: AedSettings,
  now = new Date(),
): Promise<Aed> {
  const position = checkedPlace(input.location);
  const place: AedPlace = { ...position, timeZone: municipality.timeZone, countryCode: municipality.countryCode };
  const locationDescription = requiredText(input.locationDescription, 'locationDescription');
  const details = checkedDetails(input, place, now);
  const guardians = (input.guardians ?? []).map((guardian) => checkedGuardian(guardian, municipality.countryCode));
  return em.transactional(async (tx) => {
    const aed = tx.create(Aed, { ...place, ...details, ...locationOutsideOf(outside), locationDescription, municipalityId: municipality.id });
    aed.cabinetCodeKnown = details.cabinetCode != null;
    // Guardians reference the AED by id only, so the unit of work cannot order them after it: flush it first.
    await tx.flush();
    for (const guardian of guardians) tx.create(AedGuardian, { ...guardian, aedId: aed.id });
    await tx.flush();
    await remindGuardians(tx, aed, now, settings);
    return aed;
  });
}

/** Applies `input` to `aed` (absent fields unchanged, null clears); a new location's place check gives `outside`. */
export async function updateAed(em: EntityManager, aed: Aed, input: UpdateAedInput, outside: PlaceOverride | null, settings: AedSettings, now = new Date()): Promise<Aed> {
  const position = input.location ? checkedPlace(input.location) : { latitude: aed.latitude, longitude: aed.longitude };
  const place: AedPlace = { ...placeOf(aed), ...position };
  const locationDescription = input.locationDescription === undefined ? aed.locationDescription : requiredText(input.locationDescription, 'locationDescription');
  const details = checkedDetails(input, place, now, aed);
  return em.transactional(async (tx) => {
    tx.assign(aed, { ...position, ...(input.location ? locationOutsideOf(outside) : {}), locationDescription, ...details });
    if (details.cabinetCode !== undefined) aed.cabinetCodeKnown = details.cabinetCode !== null;
    await tx.flush();
    await remindGuardians(tx, aed, now, settings);
    return aed;
  });
}

/** Longest reason for a decommissioning. */
const MAXIMUM_REASON_LENGTH = 500;

/**
 * Takes an AED out of service for good (removed, stolen beyond recovery,
 * replaced): kept for its history and past alerts, out of dispatch (not
 * operational), of its municipality's lists and counts, and of reminders.
 * Throws BAD_USER_INPUT without a reason, CONFLICT when already done.
 */
export async function decommissionAed(em: EntityManager, aed: Aed, reason: string, by: string, now = new Date()): Promise<Aed> {
  const text = reason.replace(/\s+/g, ' ').trim();
  if (text === '') throw badInput('reason must not be empty: say why the AED is taken out of service.', { field: 'reason' });
  if (text.length > MAXIMUM_REASON_LENGTH) throw badInput(`reason is longer than ${MAXIMUM_REASON_LENGTH} characters.`, { field: 'reason' });
  if (aed.decommissionedAt) throw conflict(`The AED was decommissioned on ${aed.decommissionedAt.toISOString()}.`, { reason: 'DECOMMISSIONED' });
  return em.transactional(async (tx) => {
    tx.assign(aed, { operational: false, decommissionedAt: now, decommissionedBy: by, decommissionReason: text });
    await tx.flush();
    return aed;
  });
}

/** Throws CONFLICT for a decommissioned AED: it can no longer be changed, checked or confirmed ready. */
export function requireInService(aed: Aed): void {
  if (aed.decommissionedAt) {
    throw conflict(`The AED was decommissioned on ${aed.decommissionedAt.toISOString()}; register a new one instead.`, { reason: 'DECOMMISSIONED' });
  }
}

/** What a check or a confirmation changes: the check date (default today in the AED's zone) and any new expiry dates. */
export function checkedCheck(aed: Aed, input: AedCheckInput | null | undefined, now: Date): Pick<Aed, 'lastCheckedOn'> & Partial<Pick<Aed, 'batteryExpiresOn' | 'padsExpireOn'>> {
  const place = placeOf(aed);
  const changes: Pick<Aed, 'lastCheckedOn'> & Partial<Pick<Aed, 'batteryExpiresOn' | 'padsExpireOn'>> = {
    lastCheckedOn: checkedCheckDate(input?.checkedOn, 'checkedOn', place, now) ?? localDateOf(now, aed.timeZone),
  };
  if (input?.batteryExpiresOn) changes.batteryExpiresOn = checkedExpiryDate(input.batteryExpiresOn, 'batteryExpiresOn', place, now);
  if (input?.padsExpireOn) changes.padsExpireOn = checkedExpiryDate(input.padsExpireOn, 'padsExpireOn', place, now);
  return changes;
}

/** Logs a guardian's check (and any battery or pads replaced during it). */
export async function recordAedCheck(em: EntityManager, aed: Aed, input: AedCheckInput | null | undefined, settings: AedSettings, now = new Date()): Promise<Aed> {
  const changes = checkedCheck(aed, input, now);
  return em.transactional(async (tx) => {
    tx.assign(aed, changes);
    await tx.flush();
    await remindGuardians(tx, aed, now, settings);
    return aed;
  });
}

/**
 * A guardian confirms the AED ready after use: it returns to dispatch (if
 * nothing else keeps it out) and the confirmation counts as a check.
 */
export async function confirmAedReady(em: EntityManager, aed: Aed, input: AedCheckInput | null | undefined, settings: AedSettings, now = new Date()): Promise<Aed> {
  const changes = checkedCheck(aed, input, now);
  return em.transactional(async (tx) => {
    tx.assign(aed, { ...changes, stoodDownAt: null, stoodDownIncidentId: null });
    await tx.flush();
    await sql(tx, 'update aeds.aed_use set confirmed_ready_at = ? where aed_id = ? and confirmed_ready_at is null', [now, aed.id]);
    await remindGuardians(tx, aed, now, settings);
    return aed;
  });
}

/** Adds a guardian; reminders already due are sent to them from now on. */
export async function addAedGuardian(em: EntityManager, aed: Aed, input: AedGuardianInput, settings: AedSettings, now = new Date()): Promise<AedGuardian> {
  const details = checkedGuardian(input, aed.countryCode);
  return em.transactional(async (tx) => {
    const guardian = tx.create(AedGuardian, { ...details, aedId: aed.id });
    await tx.flush();
    await remindGuardians(tx, aed, now, settings);
    return guardian;
  });
}

/** Removes a guardian from an AED; NOT_FOUND when they are not one of its guardians. */
export async function removeAedGuardian(em: EntityManager, aed: Aed, guardianId: string): Promise<void> {
  const guardian = await em.findOne(AedGuardian, { id: parseId(guardianId, 'AedGuardian'), aedId: aed.id });
  if (!guardian) throw notFound('AedGuardian', guardianId);
  await em.remove(guardian).flush();
}
