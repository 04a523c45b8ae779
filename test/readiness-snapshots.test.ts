/**
 * How the daily readiness snapshots are taken when figures come a batch of
 * municipalities at a time (`figuresOfBatch`) or several municipalities at
 * once (`concurrency`), as the first start of a day on a national register
 * does (common/readiness-days.ts): each municipality's date is still written
 * once, a failing batch or municipality fails only itself (the others are
 * written, the run throws so the queue retries it), and the retry computes
 * only what is missing. Against a real PostgreSQL with the volunteers
 * subgraph's table.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase, openSubgraphStorage } from '../common/database.ts';
import { createLogger } from '../common/logger.ts';
import { SNAPSHOT_BATCH, takeReadinessSnapshots, type SnapshotMunicipality } from '../common/readiness-days.ts';
import { sql } from '../common/sql.ts';
import { localDateOf } from '../common/zoned-time.ts';
import { VOLUNTEER_READINESS_DAYS, type VolunteerReadinessFigures } from '../subgraphs/volunteers/readiness-history/readiness-day.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';

const NOW = new Date('2026-03-10T09:00:00Z');
// The failures below are meant: their warnings would only clutter the run.
const logger = createLogger('volunteers', 'silent');
const figures = (count: number): VolunteerReadinessFigures => ({ volunteerCount: count, alertableByDay: 0, alertableAtNight: 0, lapsingWithinThreeMonths: 0 });

describe('readiness snapshots taken a batch or several municipalities at a time', () => {
  let serverUrl: string;
  let name: string;
  let orm: MikroORM;

  beforeAll(async () => {
    serverUrl = inject('postgresServerUrl');
    name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
    orm = await openSubgraphStorage(await ensureDatabase(serverUrl, name), volunteersSubgraph.storage);
  });

  afterAll(async () => {
    await orm?.close(true);
    await dropDatabase(serverUrl, name);
  });

  const municipalitiesOf = (count: number): SnapshotMunicipality[] => Array.from({ length: count }, () => ({ id: randomUUID(), timeZone: 'Europe/Amsterdam' }));
  const kept = async (municipalities: readonly SnapshotMunicipality[]) => {
    const rows = await sql<{ municipality_id: string; volunteer_count: number }>(
      orm.em.fork(),
      'select municipality_id::text, volunteer_count from volunteers.readiness_day where municipality_id = any($1::uuid[]) and date = $2',
      [municipalities.map((municipality) => municipality.id), localDateOf(NOW, 'Europe/Amsterdam')],
    );
    return new Map(rows.map((row) => [row.municipality_id, row.volunteer_count]));
  };

  it('fails only the batch that fails, writes the others, and the retry computes only the missing ones', async () => {
    const municipalities = municipalitiesOf(2 * SNAPSHOT_BATCH + 10);
    const broken = municipalities[SNAPSHOT_BATCH + 3]!;
    const asked: string[][] = [];
    const first = takeReadinessSnapshots({
      em: orm.em,
      table: VOLUNTEER_READINESS_DAYS,
      municipalities,
      now: NOW,
      logger,
      figuresOfBatch: async (missing) => {
        asked.push(missing.map(({ municipality }) => municipality.id));
        if (missing.some(({ municipality }) => municipality === broken)) throw new Error('the register could not be read');
        return new Map(missing.map(({ municipality }) => [municipality.id, figures(1)]));
      },
    });
    await expect(first).rejects.toThrow(`${SNAPSHOT_BATCH} readiness snapshot(s) of volunteers.readiness_day failed`);
    expect(asked.map((batch) => batch.length)).toEqual([SNAPSHOT_BATCH, SNAPSHOT_BATCH, 10]);
    const afterFirst = await kept(municipalities);
    expect(afterFirst.size).toBe(SNAPSHOT_BATCH + 10);
    expect(afterFirst.has(broken.id)).toBe(false);

    const retried: string[] = [];
    const second = await takeReadinessSnapshots({
      em: orm.em,
      table: VOLUNTEER_READINESS_DAYS,
      municipalities,
      now: NOW,
      logger,
      figuresOfBatch: async (missing) => {
        retried.push(...missing.map(({ municipality }) => municipality.id));
        return new Map(missing.map(({ municipality }) => [municipality.id, figures(2)]));
      },
    });
    expect(second).toMatchObject({ taken: SNAPSHOT_BATCH, alreadyTaken: SNAPSHOT_BATCH + 10, failed: 0 });
    expect(new Set(retried)).toEqual(new Set(asked[1]));
    const afterSecond = await kept(municipalities);
    expect(afterSecond.size).toBe(municipalities.length);
    // What the first run took stays as it was taken.
    for (const [id, count] of afterFirst) expect(afterSecond.get(id)).toBe(count);
  });

  it('leaves a municipality left out of its batch without a snapshot (nothing to record): a gap, not a failure', async () => {
    const municipalities = municipalitiesOf(3);
    const run = await takeReadinessSnapshots({
      em: orm.em,
      table: VOLUNTEER_READINESS_DAYS,
      municipalities,
      now: NOW,
      logger,
      figuresOfBatch: async (missing) => new Map(missing.slice(1).map(({ municipality }) => [municipality.id, figures(3)])),
    });
    expect(run).toMatchObject({ taken: 2, failed: 0 });
    expect((await kept(municipalities)).has(municipalities[0]!.id)).toBe(false);
  });

  it('with several municipalities at a time, writes each date once though two instances run together, and fails only the municipality that fails', async () => {
    const municipalities = municipalitiesOf(20);
    const broken = municipalities[7]!;
    let running = 0;
    let mostAtOnce = 0;
    const instance = (count: number) =>
      takeReadinessSnapshots({
        em: orm.em,
        table: VOLUNTEER_READINESS_DAYS,
        municipalities,
        now: NOW,
        logger,
        concurrency: 4,
        figuresOf: async (municipality) => {
          running++;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
          if (municipality === broken) throw new Error('no coverage today');
          return figures(count);
        },
      }).catch((error: Error) => error);
    const [one, two] = await Promise.all([instance(10), instance(20)]);
    expect(one).toBeInstanceOf(Error);
    expect(two).toBeInstanceOf(Error);
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(mostAtOnce).toBeLessThanOrEqual(8);
    const rows = await kept(municipalities);
    expect(rows.size).toBe(19);
    expect(rows.has(broken.id)).toBe(false);
    for (const count of rows.values()) expect([10, 20]).toContain(count);
  });
});
