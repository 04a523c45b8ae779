/**
 * Guardians and checks for many AEDs at once, as an OpenStreetMap import
 * needs (its AEDs arrive without either): the same rules as for one AED,
 * applied to every AED named before anything is written, then all written in
 * one transaction or none.
 */
import { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AedSettings } from '../../../common/config.ts';
import { badInput, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { AedGuardian } from './aed-guardian.entity.ts';
import { Aed } from './aed.entity.ts';
import { checkedCheck } from './aed.service.ts';
import type { AedCheckInput, AedGuardianInput } from './aed.type.ts';
import { checkedGuardian } from './aed.validation.ts';
import { remindGuardians } from '../readiness/reminder.service.ts';

/** The most AEDs one request may name, as many as one page of a list. */
export const MAXIMUM_AEDS_AT_ONCE = 500;

/**
 * The AEDs named in `aedIds`, in that order. BAD_USER_INPUT (`field:
 * aedIds`) for none, more than {@link MAXIMUM_AEDS_AT_ONCE} or an AED named
 * twice; NOT_FOUND naming the first id that is no AED.
 */
export async function getAeds(em: EntityManager, aedIds: string[]): Promise<Aed[]> {
  if (aedIds.length === 0) throw badInput('aedIds must name at least one AED.', { field: 'aedIds' });
  if (aedIds.length > MAXIMUM_AEDS_AT_ONCE) {
    throw badInput(`aedIds names ${aedIds.length} AEDs; at most ${MAXIMUM_AEDS_AT_ONCE} at a time.`, { field: 'aedIds' });
  }
  const ids = aedIds.map((id) => parseId(id, 'Aed'));
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw badInput(`aedIds names AED ${id} twice.`, { field: 'aedIds', aedId: id });
    seen.add(id);
  }
  const found = new Map((await em.find(Aed, { id: { $in: ids } })).map((aed) => [aed.id, aed]));
  return ids.map((id) => {
    const aed = found.get(id);
    if (!aed) throw notFound('Aed', id);
    return aed;
  });
}

/** `check(aed)` for every AED in turn; an error it throws names the AED (message and `extensions.aedId`). */
export function forEachAed<T>(aeds: Aed[], check: (aed: Aed) => T): T[] {
  return aeds.map((aed) => {
    try {
      return check(aed);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      throw new GraphQLError(`AED ${aed.id}: ${error.message}`, { extensions: { ...error.extensions, aedId: aed.id } });
    }
  });
}

/** Adds the same guardian to every AED; reminders already due are sent to them from now on. */
export async function assignAedGuardians(em: EntityManager, aeds: Aed[], input: AedGuardianInput, settings: AedSettings, now = new Date()): Promise<Aed[]> {
  const details = forEachAed(aeds, (aed) => checkedGuardian(input, aed.countryCode));
  return em.transactional(async (tx) => {
    aeds.forEach((aed, index) => tx.create(AedGuardian, { ...details[index], aedId: aed.id }));
    await tx.flush();
    for (const aed of aeds) await remindGuardians(tx, aed, now, settings);
    return aeds;
  });
}

/** Logs the same check (day, any battery or pads replaced) for every AED, each day read in the AED's own time zone. */
export async function recordAedChecks(em: EntityManager, aeds: Aed[], input: AedCheckInput | null | undefined, settings: AedSettings, now = new Date()): Promise<Aed[]> {
  const changes = forEachAed(aeds, (aed) => checkedCheck(aed, input, now));
  return em.transactional(async (tx) => {
    aeds.forEach((aed, index) => tx.assign(aed, changes[index]));
    await tx.flush();
    for (const aed of aeds) await remindGuardians(tx, aed, now, settings);
    return aeds;
  });
}
