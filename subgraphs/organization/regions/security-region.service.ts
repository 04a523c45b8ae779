/** Rules for security regions, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { SecurityRegion } from './security-region.entity.ts';

export interface NewSecurityRegion {
  name: string;
  code: string;
}

/** Normalises an official code (trimmed, upper case) and checks its shape. */
export function parseCode(value: string, what: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9-]{2,16}$/.test(code)) throw badInput(`"${value}" is not a valid ${what} code (2–16 letters, digits or dashes).`);
  return code;
}

export async function createSecurityRegion(em: EntityManager, input: NewSecurityRegion): Promise<SecurityRegion> {
  const name = input.name.trim();
  if (!name) throw badInput('A security region needs a name.');
  const code = parseCode(input.code, 'security region');
  if (await em.count(SecurityRegion, { code })) throw conflict(`A security region with code ${code} already exists.`);
  const region = em.create(SecurityRegion, { name, code });
  await em.flush();
  return region;
}

export async function getSecurityRegion(em: EntityManager, id: string): Promise<SecurityRegion> {
  const region = await em.findOne(SecurityRegion, { id: parseId(id, 'SecurityRegion') });
  if (!region) throw notFound('SecurityRegion', id);
  return region;
}

/** The regions with these ids, in the order given; NOT_FOUND names the first that does not exist. */
export async function getSecurityRegions(em: EntityManager, ids: string[]): Promise<SecurityRegion[]> {
  const wanted = [...new Set(ids.map((id) => parseId(id, 'SecurityRegion')))];
  const found = new Map((await em.find(SecurityRegion, { id: { $in: wanted } })).map((region) => [region.id, region]));
  const missing = wanted.find((id) => !found.has(id));
  if (missing) throw notFound('SecurityRegion', missing);
  return wanted.map((id) => found.get(id)!);
}
