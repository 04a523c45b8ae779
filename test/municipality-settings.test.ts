/**
 * The hourly refresh of the municipality settings copied onto volunteers
 * (`refreshMunicipalitySettings`), against a real PostgreSQL with the
 * volunteers' own migrations. It proves a municipality's copies current from
 * the first and the last of them in the order of their index: every stale
 * copy must still be found, wherever it sorts (before the current settings,
 * after them, in between, a missing region), and only stale copies of
 * registered volunteers are rewritten.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from '../common/sql.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { refreshMunicipalitySettings } from '../subgraphs/volunteers/organization/municipality-sync.ts';
import type { MunicipalitySettings } from '../subgraphs/volunteers/peers.ts';
import { subgraphStorage } from './subgraph-storage.ts';

const REGION = randomUUID();
const OTHER_REGION = randomUUID();
const AT = new Date('2026-03-10T12:00:00Z');

describe('refreshing the municipality settings copied onto volunteers', () => {
  const storage = subgraphStorage(volunteersSubgraph);

  /** A registered volunteer of `municipality` with the given copies; returns their id. */
  const volunteer = async (municipality: string, copies: Omit<MunicipalitySettings, 'id'>, status = 'ACTIVE') => {
    const id = randomUUID();
    const erased = status === 'DELETED';
    await sql(
      storage.orm.em.fork(),
      `insert into volunteers.volunteer (id, status, name, date_of_birth, home_latitude, home_longitude, municipality_id, time_zone, country_code,
         security_region_id, registered_by, deleted_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'test', $11)`,
      [
        id,
        status,
        erased ? null : 'Test',
        erased ? null : '1980-01-01',
        erased ? null : 52.1,
        erased ? null : 5.1,
        municipality,
        copies.timeZone,
        copies.countryCode,
        copies.securityRegionId,
        erased ? AT : null,
      ],
    );
    return id;
  };
  const copiesOf = async (ids: string[]) =>
    sql<{ id: string; time_zone: string; country_code: string; security_region_id: string | null; refreshed: boolean }>(
      storage.orm.em.fork(),
      `select id::text, time_zone, country_code, security_region_id::text, updated_at = $2 as refreshed from volunteers.volunteer where id = any($1::uuid[]) order by id`,
      [ids, AT],
    );

  it('finds every stale copy wherever it sorts, rewrites only those, and nothing when all are current', async () => {
    const current: Omit<MunicipalitySettings, 'id'> = { timeZone: 'Europe/Berlin', countryCode: 'DE', securityRegionId: REGION };
    const municipalities: MunicipalitySettings[] = Array.from({ length: 5 }, () => ({ id: randomUUID(), ...current }));
    const [sortsBefore, sortsAfter, inBetween, noRegion, allCurrent] = municipalities.map((municipality) => municipality.id) as [string, string, string, string, string];
    const upToDate: string[] = [];
    for (const municipality of municipalities) for (let i = 0; i < 3; i++) upToDate.push(await volunteer(municipality.id, current));
    const stale = [
      // Sorts before every current copy: the first of its municipality.
      await volunteer(sortsBefore, { ...current, timeZone: 'Europe/Amsterdam' }),
      // Sorts after them: the last.
      await volunteer(sortsAfter, { ...current, timeZone: 'Europe/London' }),
      // The same zone, another country and region: told apart only after the zone.
      await volunteer(inBetween, { ...current, countryCode: 'NL', securityRegionId: OTHER_REGION }),
      // A region missing from the copy (nulls sort last).
      await volunteer(noRegion, { ...current, securityRegionId: null }),
    ];
    const erased = await volunteer(allCurrent, { ...current, timeZone: 'Europe/Paris' }, 'DELETED');

    expect(await refreshMunicipalitySettings(storage.orm.em.fork(), municipalities, AT)).toBe(stale.length);
    for (const row of await copiesOf(stale)) {
      expect(row).toMatchObject({ time_zone: 'Europe/Berlin', country_code: 'DE', security_region_id: REGION });
      expect(row.refreshed).toBe(true);
    }
    for (const row of await copiesOf(upToDate)) expect(row.refreshed).toBe(false);
    expect(await copiesOf([erased])).toMatchObject([{ time_zone: 'Europe/Paris' }]);
    expect(await refreshMunicipalitySettings(storage.orm.em.fork(), municipalities, AT)).toBe(0);
  });

  it('follows a municipality whose settings changed, every copy of it', async () => {
    const municipality: MunicipalitySettings = { id: randomUUID(), timeZone: 'Europe/Stockholm', countryCode: 'SE', securityRegionId: null };
    const ids = [await volunteer(municipality.id, municipality), await volunteer(municipality.id, municipality)];
    expect(await refreshMunicipalitySettings(storage.orm.em.fork(), [municipality], AT)).toBe(0);
    const moved = { ...municipality, timeZone: 'Europe/Helsinki', countryCode: 'FI', securityRegionId: REGION };
    expect(await refreshMunicipalitySettings(storage.orm.em.fork(), [moved], AT)).toBe(2);
    expect((await copiesOf(ids)).map(({ time_zone, country_code, security_region_id }) => ({ time_zone, country_code, security_region_id }))).toEqual([
      { time_zone: 'Europe/Helsinki', country_code: 'FI', security_region_id: REGION },
      { time_zone: 'Europe/Helsinki', country_code: 'FI', security_region_id: REGION },
    ]);
  });
});
