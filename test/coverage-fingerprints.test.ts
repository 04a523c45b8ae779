/**
 * The fingerprints that tell the incidents subgraph whether a stored coverage
 * is current (`weeklyPositionsFingerprint`, `weeklyAedsFingerprint`), read
 * from the digests the writes keep per tile (common/tile-digest.ts), against
 * a real PostgreSQL with the volunteers' and aeds' own tables:
 *
 * - every kind of write to a row the answer is made from moves the
 *   fingerprint of an area around it (one column at a time, a batch, a
 *   deletion, a truncation, a row on the area's very edge), and the week does;
 * - writes the answer does not read leave it alone (a phone's position, a
 *   position far away, a rolled-back transaction);
 * - after any of these, and after concurrent transactions touching the same
 *   tiles in opposite orders (neither waits for the other), the kept digest
 *   is exactly the one taken of the rows again, and folding it changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Area } from '../common/area.ts';
import { openSubgraphStorage } from '../common/database.ts';
import { sql, sqlQuery } from '../common/sql.ts';
import { compactTileDigest, TILES_PER_DEGREE, type TileDigestSpec } from '../common/tile-digest.ts';
import { DISPATCHABLE_AED_DIGEST, weeklyAedsFingerprint } from '../subgraphs/aeds/availability/weekly-availability.service.ts';
import { aedsSubgraph } from '../subgraphs/aeds/index.ts';
import { DEFAULT_READINESS_POLICY } from '../subgraphs/aeds/readiness/readiness.ts';
import {
  removeCandidatePosition,
  removeVolunteerPositions,
  updateCandidateEligibility,
  upsertCandidatePositions,
  type CandidateEligibility,
  type CandidatePositionInput,
} from '../subgraphs/volunteers/candidates/candidate-positions.ts';
import { ALERTABLE_POSITION_DIGEST, weeklyPositionsFingerprint } from '../subgraphs/volunteers/candidates/weekly-alertability.service.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { testDatabase } from './subgraph-storage.ts';

const WEEK = '2026-03-10';
const ZONE = 'Europe/Amsterdam';
/** The area checked: a box of a few kilometres, its edges off the tiles' edges. */
const AREA: Area = { south: 51.5013, north: 51.5287, west: 5.1011, east: 5.1489 };
const INSIDE = { lat: 51.515, lon: 5.125 };

const ELIGIBLE: CandidateEligibility = {
  timeZone: ZONE,
  active: true,
  onDuty: true,
  dateOfBirth: '1980-05-01',
  certificateValidUntil: '2027-01-31',
  certificateGraceDays: 0,
  quietHours: null,
};

/** The digest per tile as kept, and as taken of the rows again. */
async function keptAndRetaken(em: EntityManager, spec: TileDigestSpec) {
  const tile = (column: string) => `floor(${column}::float8 * ${TILES_PER_DEGREE})::int`;
  const kept = await sql<{ tile: string; row_count: string; digest: string }>(
    em,
    `select tile_latitude || ',' || tile_longitude as tile, sum(row_count)::text as row_count, sum(digest)::text as digest
     from ${spec.digestTable} group by 1 having sum(row_count) <> 0 or sum(digest) <> 0 order by 1`,
  );
  const retaken = await sql<{ tile: string; row_count: string; digest: string }>(
    em,
    `select ${tile(spec.latitude)} || ',' || ${tile(spec.longitude)} as tile, count(*)::text as row_count,
       sum(hash_record_extended(row(${spec.hashed}), 0)::numeric)::text as digest
     from ${spec.table} where ${spec.counted} group by 1 order by 1`,
  );
  return { kept, retaken };
}

describe('coverage fingerprints kept by the writes', () => {
  const db = testDatabase(async (url) => ({
    volunteers: await openSubgraphStorage(url, volunteersSubgraph.storage),
    aeds: await openSubgraphStorage(url, aedsSubgraph.storage),
  }));

  const positionsFingerprint = (area = AREA, week = WEEK) => weeklyPositionsFingerprint(db.volunteers.em.fork(), area, week, ZONE);
  const aedsFingerprint = (area = AREA) => weeklyAedsFingerprint(db.aeds.em.fork(), area, WEEK, ZONE, DEFAULT_READINESS_POLICY);
  const upsert = (positions: { position: CandidatePositionInput; eligibility?: CandidateEligibility }[]) =>
    upsertCandidatePositions(
      sqlQuery(db.volunteers.em.fork()),
      positions.map(({ position, eligibility = ELIGIBLE }) => ({ position, eligibility })),
    );
  const home = (volunteerId: string, at = INSIDE): CandidatePositionInput => ({ volunteerId, kind: 'HOME', lat: at.lat, lon: at.lon });
  const expectKeptAsRetaken = async (spec: TileDigestSpec, em: EntityManager) => {
    const { kept, retaken } = await keptAndRetaken(em, spec);
    expect(kept).toEqual(retaken);
    // Folding the appended changes leaves the digest as it was.
    await compactTileDigest(sqlQuery(em), spec);
    expect(await keptAndRetaken(em, spec)).toEqual({ kept: retaken, retaken });
  };

  describe('positions', () => {
    const someone = randomUUID();
    const colleague = randomUUID();

    beforeAll(async () => {
      await upsert([
        { position: home(someone) },
        { position: { volunteerId: someone, kind: 'WORK', lat: 51.52, lon: 5.13, weeklyHours: [{ day: 1, start: '09:00', end: '17:00' }] } },
        { position: home(colleague, { lat: 51.51, lon: 5.11 }) },
      ]);
    });

    /** Runs `write` and says whether the fingerprint of the area moved; the kept digest must match the rows either way. */
    const moves = async (write: () => Promise<unknown>, area = AREA): Promise<boolean> => {
      const before = await positionsFingerprint(area);
      await write();
      const after = await positionsFingerprint(area);
      await expectKeptAsRetaken(ALERTABLE_POSITION_DIGEST, db.volunteers.em.fork());
      return before !== after;
    };
    const update =
      (set: string, params: unknown[] = []) =>
      () =>
        sql(db.volunteers.em.fork(), `update volunteers.candidate_position set ${set} where volunteer_id = $1 and kind = 'HOME'`, [someone, ...params]);

    it('moves with every column of a position the answer is made from', async () => {
      const changes: [string, () => Promise<unknown>][] = [
        ['moved 30 m', update('lat = lat + 0.0003')],
        [
          'weekly hours',
          () => sql(db.volunteers.em.fork(), `update volunteers.candidate_position set weekly_hours = '{[540,1080)}' where volunteer_id = $1 and kind = 'WORK'`, [someone]),
        ],
        ['time zone', update(`time_zone = 'Europe/Brussels'`)],
        ['date of birth', update(`date_of_birth = '1980-05-02'`)],
        ['certificate', update(`certificate_valid_until = '2027-02-28'`)],
        ['certificate lapsed', update('certificate_valid_until = null')],
        ['grace period', update('certificate_grace_days = 30')],
        ['quiet hours', update(`quiet_hours_start = '23:00', quiet_hours_end = '07:00'`)],
        ['off duty', update('on_duty = false')],
        ['back on duty', update('on_duty = true')],
        ['suspended', update('active = false')],
        ['active again', update('active = true')],
      ];
      for (const [change, write] of changes) expect({ change, moved: await moves(write) }).toEqual({ change, moved: true });
    });

    it('moves with the write paths of the volunteers subgraph: eligibility rewritten, a position or a volunteer removed, a batch imported', async () => {
      expect(await moves(() => updateCandidateEligibility(sqlQuery(db.volunteers.em.fork()), colleague, { ...ELIGIBLE, certificateValidUntil: '2028-01-31' }))).toBe(true);
      expect(await moves(() => updateCandidateEligibility(sqlQuery(db.volunteers.em.fork()), colleague, { ...ELIGIBLE, active: false }))).toBe(true);
      expect(await moves(() => updateCandidateEligibility(sqlQuery(db.volunteers.em.fork()), colleague, ELIGIBLE))).toBe(true);
      expect(await moves(() => removeCandidatePosition(sqlQuery(db.volunteers.em.fork()), someone, 'WORK'))).toBe(true);
      expect(await moves(() => removeVolunteerPositions(sqlQuery(db.volunteers.em.fork()), colleague))).toBe(true);
      const batch = Array.from({ length: 200 }, (_, index) => ({ position: home(randomUUID(), { lat: 51.505 + index * 0.0001, lon: 5.105 + index * 0.0002 }) }));
      expect(await moves(() => upsert(batch))).toBe(true);
      // The same batch again: rows rewritten with the same values, nothing the answer reads changed.
      expect(await moves(() => upsert(batch))).toBe(false);
    });

    it('moves with a position on the very edge of the area, and not with one a tile beyond it', async () => {
      const corner = randomUUID();
      expect(await moves(() => upsert([{ position: home(corner, { lat: AREA.north, lon: AREA.east }) }]))).toBe(true);
      expect(await moves(() => upsert([{ position: home(corner, { lat: AREA.south, lon: AREA.west }) }]))).toBe(true);
      const beyond = { lat: AREA.north + 2 / TILES_PER_DEGREE, lon: AREA.east + 2 / TILES_PER_DEGREE };
      expect(await moves(() => upsert([{ position: home(randomUUID(), beyond) }]))).toBe(false);
    });

    it('does not move with a phone’s position, a rolled-back write, or a position that is not alertable staying so', async () => {
      expect(await moves(() => upsert([{ position: { volunteerId: someone, kind: 'CURRENT', lat: INSIDE.lat, lon: INSIDE.lon, updatedAt: new Date() } }]))).toBe(false);
      const rolledBack = async () => {
        const em = db.volunteers.em.fork();
        await em
          .transactional(async (tx) => {
            await sql(tx, `update volunteers.candidate_position set lat = lat + 0.001 where kind = 'HOME'`);
            throw new Error('rolled back');
          })
          .catch(() => {});
      };
      expect(await moves(rolledBack)).toBe(false);
      await sql(db.volunteers.em.fork(), `update volunteers.candidate_position set active = false where volunteer_id = $1`, [someone]);
      expect(await moves(update('date_of_birth = date_of_birth + 1'))).toBe(false);
      expect(await moves(update('active = true'))).toBe(true);
    });

    it('differs from week to week, not within a week', async () => {
      expect(await positionsFingerprint(AREA, '2026-03-09')).toBe(await positionsFingerprint(AREA, '2026-03-15'));
      expect(await positionsFingerprint(AREA, '2026-03-16')).not.toBe(await positionsFingerprint(AREA, '2026-03-15'));
    });

    it('lets concurrent transactions touch the same tiles in opposite orders without waiting, and keeps both', async () => {
      const clients = [new pg.Client({ connectionString: db.url }), new pg.Client({ connectionString: db.url })];
      await Promise.all(clients.map((client) => client.connect()));
      try {
        const [first, second] = clients as [pg.Client, pg.Client];
        const a = { lat: 51.507, lon: 5.107 };
        const b = { lat: 51.525, lon: 5.145 };
        const insert = (client: pg.Client, at: { lat: number; lon: number }) =>
          client.query(
            `insert into volunteers.candidate_position (volunteer_id, kind, lat, lon, time_zone, active, on_duty, date_of_birth)
             values ($1, 'HOME', $2, $3, $4, true, true, '1990-01-01')`,
            [randomUUID(), at.lat, at.lon, ZONE],
          );
        const before = await positionsFingerprint();
        // A wait on the other's lock would end the statement here rather than hang.
        for (const client of clients) await client.query(`begin; set local lock_timeout = '2s'`);
        await insert(first, a);
        await insert(second, b);
        await insert(first, b);
        await insert(second, a);
        await Promise.all(clients.map((client) => client.query('commit')));
        expect(await positionsFingerprint()).not.toBe(before);
        await expectKeptAsRetaken(ALERTABLE_POSITION_DIGEST, db.volunteers.em.fork());
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    });

    it('empties with the table', async () => {
      expect(await moves(() => sql(db.volunteers.em.fork(), 'truncate volunteers.candidate_position'))).toBe(true);
      expect(await sql(db.volunteers.em.fork(), `select 1 from ${ALERTABLE_POSITION_DIGEST.digestTable}`)).toEqual([]);
    });
  });

  describe('AEDs', () => {
    const insertAed = async (at = INSIDE, schedule: string | null = '24/7') => {
      const id = randomUUID();
      await sql(
        db.aeds.em.fork(),
        `insert into aeds.aed (id, latitude, longitude, location_description, municipality_id, access, time_zone, country_code, availability_schedule,
           battery_expires_on, pads_expire_on, last_checked_on)
         values (?, ?, ?, 'by the door', ?, 'PUBLIC', ?, 'NL', ?, '2028-01-01', '2028-01-01', '2026-03-01')`,
        [id, at.lat, at.lon, randomUUID(), ZONE, schedule],
      );
      return id;
    };
    let aedId: string;

    beforeAll(async () => {
      aedId = await insertAed();
    });

    const moves = async (write: () => Promise<unknown>): Promise<boolean> => {
      const before = await aedsFingerprint();
      await write();
      const after = await aedsFingerprint();
      await expectKeptAsRetaken(DISPATCHABLE_AED_DIGEST, db.aeds.em.fork());
      return before !== after;
    };
    const update = (set: string) => () => sql(db.aeds.em.fork(), `update aeds.aed set ${set} where id = ?`, [aedId]);

    it('moves with every column of an AED the rule reads', async () => {
      const changes: [string, () => Promise<unknown>][] = [
        ['schedule', update(`availability_schedule = 'Mo-Fr 08:00-18:00'`)],
        ['battery', update(`battery_expires_on = '2029-01-01'`)],
        ['pads', update(`pads_expire_on = '2029-01-01'`)],
        ['checked', update(`last_checked_on = '2026-03-09'`)],
        ['moved', update('latitude = latitude + 0.0002')],
        ['time zone', update(`time_zone = 'Europe/Brussels'`)],
        ['country', update(`country_code = 'BE'`)],
        ['restricted', update(`access = 'RESTRICTED'`)],
        ['locked with a code', update(`cabinet_locked = true, cabinet_code = '1234'`)],
        ['stood down', update('stood_down_at = now()')],
        ['back', update('stood_down_at = null')],
        ['out of order', update('operational = false')],
        ['in order', update('operational = true')],
        ['private', update(`access = 'PRIVATE'`)],
        ['public', update(`access = 'PUBLIC'`)],
      ];
      for (const [change, write] of changes) expect({ change, moved: await moves(write) }).toEqual({ change, moved: true });
    });

    it('moves with an AED added or deleted, not with what the rule does not read', async () => {
      let added = '';
      expect(
        await moves(async () => {
          added = await insertAed({ lat: 51.52, lon: 5.14 });
        }),
      ).toBe(true);
      expect(await moves(() => sql(db.aeds.em.fork(), 'delete from aeds.aed where id = ?', [added]))).toBe(true);
      expect(await moves(update(`location_description = 'by the back door', updated_at = now()`))).toBe(false);
      expect(await moves(() => insertAed(INSIDE, null))).toBe(false);
    });
  });
});
