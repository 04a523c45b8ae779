import { notFound } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs. Anything else cannot exist, so it is NOT_FOUND (not a
 * database error leaking through a failed cast).
 */
export function parseId(id: string, what: string): string {
  if (!UUID.test(id)) throw notFound(what, id);
  return id.toLowerCase();
}

export function isId(id: string): boolean {
  return UUID.test(id);
}
