/**
 * The one way to read an AED's cabinet code, after the caller passed
 * {@link canReadCabinetCode}. The column is lazy on the entity, so the code
 * is never loaded, logged or serialised with the AED by accident.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../common/auth.ts';
import { forbidden } from '../../../common/errors.ts';
import { canReadCabinetCode } from './aed.access.ts';
import { sql } from '../../../common/sql.ts';

/**
 * The code of the AED's locked cabinet (null when there is none).
 * @throws FORBIDDEN for anyone but the AED's guardians and dispatch, whether or not there is a code.
 */
export async function readCabinetCode(em: EntityManager, principal: Principal, aedId: string): Promise<string | null> {
  if (!canReadCabinetCode(principal, aedId)) {
    throw forbidden('The cabinet code is given only to the AED’s guardians and to the responder dispatched to fetch it.');
  }
  const [row] = await sql<{ cabinet_code: string | null }>(em, 'select cabinet_code from aeds.aed where id = ?', [aedId]);
  return row?.cabinet_code ?? null;
}
