/** Rules for municipalities, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../common/errors.ts';
import { Municipality } from './municipality.entity.ts';

export interface NewMunicipality {
  name: string;
  code: string;
  countryCode: string;
  timeZone: string;
  population?: number | null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function createMunicipality(em: EntityManager, input: NewMunicipality): Promise<Municipality> {
  const name = input.name.trim();
  const code = input.code.trim().toUpperCase();
  if (!name) throw badInput('A municipality needs a name.');
  if (!/^[A-Z0-9-]{2,16}$/.test(code)) throw badInput(`"${input.code}" is not a valid municipality code.`);
  if (!/^[A-Z]{2}$/.test(input.countryCode)) throw badInput('countryCode must be an ISO 3166-1 alpha-2 code such as NL.');
  if (!isTimeZone(input.timeZone)) throw badInput(`"${input.timeZone}" is not an IANA time zone.`);
  if (input.population != null && (!Number.isInteger(input.population) || input.population < 0)) {
    throw badInput('population must be a whole number of 0 or more.');
  }
  if (await em.count(Municipality, { code })) throw conflict(`A municipality with code ${code} already exists.`);
  const municipality = em.create(Municipality, { ...input, name, code, population: input.population ?? null });
  await em.flush();
  return municipality;
}

export async function getMunicipality(em: EntityManager, id: string): Promise<Municipality> {
  const municipality = await em.findOne(Municipality, { id });
  if (!municipality) throw notFound('Municipality', id);
  return municipality;
}
