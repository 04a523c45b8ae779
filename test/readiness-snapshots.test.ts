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
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../common/logger.ts';
import { SNAPSHOT_BATCH, takeReadinessSnapshots, type SnapshotMunicipality } from '../common/readiness-days.ts';
import { sql } from '../common/sql.ts';
import { addDays, localDateOf } from '../common/zoned-time.ts';
import { snapshotWindowsOf, VOLUNTEER_READINESS_DAYS, volunteerFiguresOf, type VolunteerReadinessFigures } from '../subgraphs/volunteers/readiness-history/readiness-day.ts';
import { regionGracePeriods, ruleClassesOfMunicipalities, ruleRosterOfMunicipalities } from '../subgraphs/volunteers/registration/volunteer-roster.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { subgraphStorage } from './subgraph-storage.ts';

const NOW = new Date('2026-03-10T09:00:00Z');
// The failures below are meant: their warnings would only clutter the run.
const logger = createLogger('volunteers', 'silent');
const figures = (count: number): VolunteerReadinessFigures => ({ volunteerCount: count, alertableByDay: 0, alertableAtNight: 0, lapsingWithinThreeMonths: 0 });

describe('readiness snapshots taken a batch or several municipalities at a time', () => {
  const storage = subgraphStorage(volunteersSubgraph);

  const municipalitiesOf = (count: number): SnapshotMunicipality[] => Array.from({ length: count }, () => ({ id: randomUUID(), timeZone: 'Europe/Amsterdam' }));
  const kept = async (municipalities: readonly SnapshotMunicipality[]) => {
    const rows = await sql<{ municipality_id: string; volunteer_count: number }>(
      storage.orm.em.fork(),
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
      em: storage.orm.em,
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
      em: storage.orm.em,
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
      em: storage.orm.em,
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
        em: storage.orm.em,
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

  it('writes a batch in one statement: two instances take each date once between them, and a row the table refuses fails only its municipality', async () => {
    const municipalities = municipalitiesOf(30);
    const instance = (count: number) =>
      takeReadinessSnapshots({
        em: storage.orm.em,
        table: VOLUNTEER_READINESS_DAYS,
        municipalities,
        now: NOW,
        logger,
        batchSize: municipalities.length,
        figuresOfBatch: async (missing) => new Map(missing.map(({ municipality }) => [municipality.id, figures(count)])),
      });
    const [one, two] = await Promise.all([instance(10), instance(20)]);
    expect(one.taken + two.taken).toBe(municipalities.length);
    expect(one.failed + two.failed).toBe(0);
    const rows = await kept(municipalities);
    expect(rows.size).toBe(municipalities.length);

    const others = municipalitiesOf(5);
    const refused = others[2]!;
    const run = takeReadinessSnapshots({
      em: storage.orm.em,
      table: VOLUNTEER_READINESS_DAYS,
      municipalities: others,
      now: NOW,
      logger,
      // Beyond an integer column: PostgreSQL refuses the row, and with it the statement.
      figuresOfBatch: async (missing) => new Map(missing.map(({ municipality }) => [municipality.id, figures(municipality === refused ? 2 ** 40 : 4)])),
    });
    await expect(run).rejects.toThrow('1 readiness snapshot(s) of volunteers.readiness_day failed');
    const written = await kept(others);
    expect(written.size).toBe(4);
    expect(written.has(refused.id)).toBe(false);
  });

  it('counts volunteers by class exactly as one by one: birthdays and certificate ends around the week and the lapse horizon, every status, zone and grace', async () => {
    // A register dense around 18th birthdays and certificate ends of late 2026 and early 2027,
    // in two zones and with a region granting 30 days of grace (deterministic pseudo-random).
    let seed = 7;
    const next = (below: number) => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return (seed >>> 8) % below;
    };
    const region = randomUUID();
    await sql(storage.orm.em.fork(), `insert into volunteers.region_policy (security_region_id, certificate_grace_period_days, updated_by) values (?, 30, 'test')`, [region]);
    const municipalities = [
      { id: randomUUID(), timeZone: 'Europe/Amsterdam' },
      { id: randomUUID(), timeZone: 'America/Curacao' },
    ];
    const volunteers: unknown[][] = [];
    const certificates: unknown[][] = [];
    for (let index = 0; index < 600; index++) {
      const municipality = municipalities[index % 2]!;
      const id = randomUUID();
      const deleted = next(40) === 0;
      const quiet = next(3) === 0;
      volunteers.push([
        id,
        deleted ? 'DELETED' : next(8) === 0 ? 'SUSPENDED' : 'ACTIVE',
        deleted ? null : `volunteer ${index}`,
        deleted ? null : index % 97 === 0 ? '2008-02-29' : addDays('2008-06-01', next(400)),
        deleted ? null : 52.1,
        deleted ? null : 5.1,
        municipality.id,
        // Now and then a volunteer on another clock than the municipality's.
        next(10) === 0 ? 'Europe/London' : municipality.timeZone,
        next(2) === 0 ? region : null,
        next(5) !== 0,
        quiet ? '23:00' : null,
        quiet ? '07:00' : null,
        deleted ? new Date('2026-01-01T00:00:00Z') : null,
      ]);
      for (let certificate = next(4); certificate > 0; certificate--) {
        const courseDate = next(50) === 0 ? '2025-12-31' : addDays('2025-09-01', next(480));
        const explicit = next(2) === 0;
        const verified = next(4) !== 0;
        certificates.push([
          randomUUID(),
          id,
          courseDate,
          explicit ? addDays(courseDate, 200 + next(300)) : null,
          verified ? new Date('2026-01-01T00:00:00Z') : null,
          verified ? 'test' : null,
        ]);
      }
    }
    const em = storage.orm.em.fork();
    for (const row of volunteers) {
      await sql(
        em,
        `insert into volunteers.volunteer (id, status, name, date_of_birth, home_latitude, home_longitude, municipality_id, time_zone, country_code,
           security_region_id, on_duty, quiet_hours_start, quiet_hours_end, deleted_at, registered_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'NL', ?, ?, ?, ?, ?, 'test')`,
        row,
      );
    }
    for (const row of certificates) {
      await sql(
        em,
        `insert into volunteers.training_certificate (id, volunteer_id, type, course_date, valid_until, verified_at, verified_by, recorded_by) values (?, ?, 'CPR', ?, ?, ?, ?, 'test')`,
        row,
      );
    }
    const ids = municipalities.map((municipality) => municipality.id);
    const roster = await ruleRosterOfMunicipalities(storage.orm.em, ids);
    const graces = await regionGracePeriods(storage.orm.em);
    // Mondays and Sundays, the changes of clock, the day a 29 February birthday comes of age, a new year.
    for (const at of [
      '2026-11-30T08:00:00Z',
      '2026-12-06T22:30:00Z',
      '2026-10-25T01:30:00Z',
      '2027-03-28T03:00:00Z',
      '2026-02-28T23:30:00Z',
      '2026-12-31T23:30:00Z',
      '2027-01-04T12:00:00Z',
    ]) {
      const now = new Date(at);
      const dates = municipalities.map((municipality) => localDateOf(now, municipality.timeZone));
      const classes = await ruleClassesOfMunicipalities(storage.orm.em, ids, snapshotWindowsOf(dates, [...graces.values()]), graces);
      for (const [index, municipality] of municipalities.entries()) {
        const oneByOne = roster.get(municipality.id)!;
        const byClass = classes.get(municipality.id)!;
        expect(byClass.alertable.length, at).toBeLessThan(oneByOne.length);
        expect(await volunteerFiguresOf(byClass, dates[index]!, now), `${municipality.timeZone} at ${at}`).toEqual(
          await volunteerFiguresOf({ alertable: oneByOne, standing: oneByOne }, dates[index]!, now),
        );
      }
    }
  });
});
