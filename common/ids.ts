import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
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

/**
 * A new id for rows written in bursts on the alerting path (incidents,
 * alerts): a time-ordered UUID (version 7), so that a dispatch's thirty
 * alerts land side by side in their indexes instead of on thirty random
 * index pages, each to be read, dirtied and logged. Ordered by the
 * millisecond; within one, in no particular order.
 */
export function newTimeOrderedId(): string {
  return uuidv7({ random: randomBytes16() });
}

/**
 * Random bytes for ids, drawn 4 KB at a time: the uuid package asks Web
 * Crypto for 16 bytes per id, some 8 µs each, and a dispatch makes 31 ids
 * before it writes.
 */
const randomPool = Buffer.allocUnsafe(4096);
let randomOffset = randomPool.length;

function randomBytes16(): Uint8Array {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const bytes = randomPool.subarray(randomOffset, randomOffset + 16);
  randomOffset += 16;
  return bytes;
}
