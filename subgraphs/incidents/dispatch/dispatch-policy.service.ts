/**
 * Regions' policies, versioned: setting one adds a version, and an Incident
 * records the version (and the resolved values) it was dispatched under.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../common/errors.ts';
import { InvalidAftercarePolicyError, resolveAftercarePolicy, type AftercarePolicy } from '../aftercare/aftercare-policy.ts';
import { DispatchPolicyVersion } from './dispatch-policy.entity.ts';
import { InvalidDispatchPolicyError, resolveDispatchPolicy, type DispatchPolicy } from './dispatch-policy.ts';
import type { PolicySnapshot } from '../incidents/incident.entity.ts';
import { newTimeOrderedId } from '../../../common/ids.ts';
import { sql, statement, toDate, type SqlQuery } from '../../../common/sql.ts';

/** A region's policy as in force: its version (0 for the defaults) and the resolved settings. */
export interface RegionPolicy extends PolicySnapshot {
  securityRegionId: string;
  version: number;
  /** Only the settings the region changed. */
  dispatchOverrides: Partial<DispatchPolicy>;
  aftercareOverrides: Partial<AftercarePolicy>;
  setBy: string | null;
  setAt: Date | null;
}

/**
 * A stored version resolved, or undefined when it no longer passes the rules
 * (a later release narrowed a bound). Such a version is skipped rather than
 * allowed to stop dispatch in its region: the previous valid version, or the
 * defaults, apply until an administrator sets a new one.
 */
/** A stored version as read, by the ORM or by {@link currentPolicy}'s statement. */
type StoredVersion = Pick<DispatchPolicyVersion, 'securityRegionId' | 'version' | 'dispatch' | 'aftercare' | 'setBy' | 'createdAt'>;

function resolve(version: StoredVersion): RegionPolicy | undefined {
  try {
    return resolveStored(version);
  } catch (error) {
    if (error instanceof InvalidDispatchPolicyError || error instanceof InvalidAftercarePolicyError) return undefined;
    throw error;
  }
}

function resolveStored(version: StoredVersion): RegionPolicy {
  return {
    securityRegionId: version.securityRegionId,
    version: version.version,
    dispatch: resolveDispatchPolicy(version.dispatch),
    aftercare: resolveAftercarePolicy(version.aftercare),
    dispatchOverrides: version.dispatch,
    aftercareOverrides: version.aftercare,
    setBy: version.setBy,
    setAt: version.createdAt,
  };
}

function defaults(securityRegionId: string): RegionPolicy {
  return {
    securityRegionId,
    version: 0,
    dispatch: resolveDispatchPolicy(),
    aftercare: resolveAftercarePolicy(),
    dispatchOverrides: {},
    aftercareOverrides: {},
    setBy: null,
    setAt: null,
  };
}

/** A region's stored versions, newest first; prepared, as every report reads them (the ORM's query cost it more than the read). */
const POLICY_VERSIONS = statement(
  'incidents.policy-versions',
  `select security_region_id, version, dispatch, aftercare, set_by, created_at from incidents.dispatch_policy where security_region_id = ? order by version desc`,
);

/** Runs the read of a region's policy once (common/database.ts `warmDispatchLane`), for a region that has none. */
export async function warmPolicyRead(query: SqlQuery): Promise<void> {
  await query(POLICY_VERSIONS, [newTimeOrderedId()]);
}

/** The policy in force in a region now: its latest valid version, or the defaults (version 0). */
export async function currentPolicy(em: EntityManager, securityRegionId: string): Promise<RegionPolicy> {
  const versions = await sql<{
    security_region_id: string;
    version: number;
    dispatch: Partial<DispatchPolicy>;
    aftercare: Partial<AftercarePolicy>;
    set_by: string;
    created_at: Date;
  }>(em.fork(), POLICY_VERSIONS, [securityRegionId]);
  for (const row of versions) {
    const policy = resolve({
      securityRegionId: row.security_region_id,
      version: row.version,
      dispatch: row.dispatch,
      aftercare: row.aftercare,
      setBy: row.set_by,
      createdAt: toDate(row.created_at),
    });
    if (policy) return policy;
  }
  return defaults(securityRegionId);
}

/** Every valid version of a region's policy, newest first, ending with the defaults (version 0). */
export async function policyHistory(em: EntityManager, securityRegionId: string): Promise<RegionPolicy[]> {
  const versions = await em.fork().find(DispatchPolicyVersion, { securityRegionId }, { orderBy: { version: 'desc' } });
  return [...versions.map(resolve).filter((policy): policy is RegionPolicy => policy !== undefined), defaults(securityRegionId)];
}

/**
 * Adds a version of a region's policy made of exactly these overrides (what
 * is left out goes back to the default). Invalid settings are refused with
 * BAD_USER_INPUT listing every problem in `extensions.violations`; nothing is written.
 */
export async function setPolicy(
  em: EntityManager,
  securityRegionId: string,
  dispatchOverrides: Partial<DispatchPolicy>,
  aftercareOverrides: Partial<AftercarePolicy>,
  setBy: string,
): Promise<RegionPolicy> {
  const violations = [];
  try {
    resolveDispatchPolicy(dispatchOverrides);
  } catch (error) {
    if (!(error instanceof InvalidDispatchPolicyError)) throw error;
    violations.push(...error.violations);
  }
  try {
    resolveAftercarePolicy(aftercareOverrides);
  } catch (error) {
    if (!(error instanceof InvalidAftercarePolicyError)) throw error;
    violations.push(...error.violations);
  }
  if (violations.length > 0) {
    throw badInput(`Invalid policy: ${violations.map((violation) => violation.message).join(' ')}`, { violations });
  }
  const clean = (overrides: object) => Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined && value !== null));
  await em.fork().transactional(async (tx) => {
    // Two administrators saving at once get versions n+1 and n+2, never a clash.
    await sql(tx, 'select pg_advisory_xact_lock(hashtext(?))', [`incidents.dispatch_policy:${securityRegionId}`]);
    await sql(
      tx,
      `insert into incidents.dispatch_policy (security_region_id, version, dispatch, aftercare, set_by)
       select ?, coalesce(max(version), 0) + 1, ?::jsonb, ?::jsonb, ?
       from incidents.dispatch_policy where security_region_id = ?`,
      [securityRegionId, JSON.stringify(clean(dispatchOverrides)), JSON.stringify(clean(aftercareOverrides)), setBy, securityRegionId],
    );
  });
  return currentPolicy(em, securityRegionId);
}
