import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../../common/database.ts';
import { prepareStatementsOn } from '../../../common/statements.ts';
import {
  candidateEligibilityOf,
  isWithinWeeklyHours,
  purgeStaleCurrentPositions,
  removeCandidatePosition,
  removeVolunteerPositions,
  updateCandidateEligibility,
  upsertCandidatePositions,
  weeklyHoursToMultirange,
  type CandidatePositionInput,
  type WeeklyHours,
} from './candidate-positions.ts';
import { distanceMeters, offsetMeters } from '../../../common/earth.ts';
import { seededRandom } from '../../../common/random.ts';
import type { PositionKind } from '../../../common/position-kind.ts';
import type { SqlQuery } from '../../../common/sql.ts';
import { findAlertableCandidates, type Candidate } from './candidate-search.ts';
import { CANDIDATE_POSITION_DDL } from './candidate-search.sql.ts';
import { evaluateAlertability, type AlertabilityContext, type VolunteerAlertabilityInput } from './eligibility.ts';

const DATABASE = `volunteers_spec_${randomBytes(6).toString('hex')}`;

/** The Dam, Amsterdam. */
const CENTRE = { lat: 52.3731, lon: 4.8922 };

/** A point `north` and `east` metres from the centre. */
function offset(north: number, east: number): { lat: number; lon: number } {
  return offsetMeters(CENTRE, north, east);
}

/** Wednesday 4 June 2025, 14:00 in Amsterdam (CEST, UTC+2). */
const DAY = new Date('2025-06-04T12:00:00Z');
/** Wednesday 4 June 2025, 03:00 in Amsterdam. */
const NIGHT = new Date('2025-06-04T01:00:00Z');
/** Thursday 5 June 2025, 00:00 in Amsterdam: still 4 June in UTC. */
const MIDNIGHT = new Date('2025-06-04T22:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const OFFICE: WeeklyHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:30', end: '17:00' }));
const TUESDAY_NIGHT_SHIFT: WeeklyHours = [{ day: 2, start: '22:00', end: '06:30' }];

interface Fixture {
  name: string;
  volunteer: VolunteerAlertabilityInput;
  context: AlertabilityContext;
  positions: Omit<CandidatePositionInput, 'volunteerId'>[];
}

const amsterdam: AlertabilityContext = { timeZone: 'Europe/Amsterdam' };
const someone: VolunteerAlertabilityInput = {
  dateOfBirth: '1980-01-01',
  status: 'ACTIVE',
  onDuty: true,
  quietHours: null,
  certificates: [{ courseDate: '2025-01-15', verified: true }],
};
const home = (north: number, east = 0) => ({ kind: 'HOME' as const, ...offset(north, east) });
const certified = (courseDate: string, validUntil?: string, verified = true) => [{ courseDate, validUntil, verified }];
const sleeps = { quietHours: { start: '23:00', end: '07:00' } };

function fixture(name: string, positions: Fixture['positions'], volunteer: Partial<VolunteerAlertabilityInput> = {}, context: AlertabilityContext = amsterdam): Fixture {
  return { name, positions, volunteer: { ...someone, ...volunteer }, context };
}

const FIXTURES: Fixture[] = [
  fixture('commuter', [home(100), { kind: 'WORK', ...offset(0, 50), weeklyHours: OFFICE }, { kind: 'CURRENT', ...offset(-800, 0), updatedAt: new Date(DAY.getTime() - HOUR) }]),
  // Reported 71 h before DAY: fresh at DAY, stale from DAY + 1 h.
  fixture('walker', [home(300), { kind: 'CURRENT', ...offset(30, 0), updatedAt: new Date(DAY.getTime() - 71 * HOUR) }]),
  fixture('sleeper', [home(0, 500)], sleeps),
  fixture('lapsed', [home(200)], { certificates: certified('2024-01-01', '2025-06-03') }),
  fixture('last-day', [home(-220)], { certificates: certified('2024-06-04') }),
  fixture(
    'in-grace',
    [home(250)],
    { certificates: certified('2024-01-01', '2025-05-25') },
    {
      ...amsterdam,
      certificateGracePeriodDays: 90,
    },
  ),
  fixture('unverified', [home(-260)], { certificates: certified('2025-01-15', undefined, false) }),
  fixture('off-duty', [home(150)], { onDuty: false }),
  fixture('suspended', [home(350)], { status: 'SUSPENDED' }),
  fixture('turns-18-tomorrow', [home(400)], { dateOfBirth: '2007-06-05' }),
  fixture('turned-18-today', [home(450)], { dateOfBirth: '2007-06-04' }),
  fixture('night-worker', [{ kind: 'WORK', ...offset(-600, 0), weeklyHours: TUESDAY_NIGHT_SHIFT }]),
  fixture('londoner', [home(0, -700)], sleeps, { timeZone: 'Europe/London' }),
  fixture('far', [home(1900)]),
  fixture('beyond', [home(-2100)]),
  // Inside the search box but 2,121 m away: only the exact distance check keeps it out.
  fixture('box-corner', [home(1500, 1500)]),
];

const ids = new Map(FIXTURES.map((fixture, index) => [fixture.name, `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`]));
const names = new Map([...ids].map(([name, id]) => [id, name]));
const idOf = (name: string) => ids.get(name)!;

let databaseUrl: string;
let client: pg.Client;
let query: SqlQuery;

beforeAll(async () => {
  // The run's PostgreSQL (test/global-setup.ts): embedded unless DATABASE_URL is set.
  databaseUrl = await ensureDatabase(inject('postgresServerUrl'), DATABASE);
  client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  query = (sql, params) => client.query(sql, params).then((result) => result.rows);
  await client.query(CANDIDATE_POSITION_DDL);
  // Idempotent: a second run changes nothing and does not fail.
  await client.query(CANDIDATE_POSITION_DDL);
  await upsertCandidatePositions(
    query,
    FIXTURES.flatMap((fixture) =>
      fixture.positions.map((position) => ({
        position: { ...position, volunteerId: idOf(fixture.name) },
        eligibility: candidateEligibilityOf(fixture.volunteer, fixture.context),
      })),
    ),
  );
});

afterAll(async () => {
  await client?.end().catch(() => {});
  await dropDatabase(inject('postgresServerUrl'), DATABASE);
});

type Found = [name: string, kind: PositionKind, metres: number];

function summary(candidates: Candidate[]): Found[] {
  return candidates.map((candidate) => [names.get(candidate.volunteerId)!, candidate.positionKind, Math.round(candidate.distanceMeters)]);
}

async function search(at: Date, radiusMeters = 2_000, limit = 30): Promise<Found[]> {
  const mismatches: string[] = [];
  const candidates = await findAlertableCandidates(
    query,
    { ...CENTRE, radiusMeters, limit, at },
    { onPrefilterMismatch: (id, reasons) => mismatches.push(`${names.get(id)}: ${reasons.join(',')}`) },
  );
  expect(mismatches).toEqual([]);
  return summary(candidates);
}

/** What the search must return, computed from the domain objects with the TypeScript rule alone. */
function expected(at: Date, radiusMeters = 2_000, limit = 30, fixtures: readonly Fixture[] = FIXTURES, centre = CENTRE): Found[] {
  const found: (Found & { exact?: number })[] = [];
  for (const fixture of fixtures) {
    if (!evaluateAlertability(fixture.volunteer, at, fixture.context).alertable) continue;
    const valid = fixture.positions.filter(
      (position) =>
        (position.kind !== 'WORK' || isWithinWeeklyHours(position.weeklyHours!, at, fixture.context.timeZone)) &&
        (position.kind !== 'CURRENT' || at.getTime() - position.updatedAt!.getTime() < 72 * HOUR),
    );
    const nearest = valid
      .map((position) => ({ kind: position.kind, metres: distanceMeters(centre, position) }))
      .filter((position) => position.metres <= radiusMeters)
      .sort((a, b) => a.metres - b.metres)[0];
    if (nearest) found.push(Object.assign([fixture.name, nearest.kind, Math.round(nearest.metres)] as Found, { exact: nearest.metres }));
  }
  // Nearest first by the exact distance: two volunteers may round to the same metre.
  return found
    .sort((a, b) => a.exact! - b.exact!)
    .slice(0, limit)
    .map(([name, kind, metres]) => [name, kind, metres]);
}

describe('candidate search SQL', () => {
  it('finds the alertable volunteers in the radius, nearest first, each once at their nearest position', async () => {
    expect(await search(DAY)).toEqual([
      ['walker', 'CURRENT', 30],
      ['commuter', 'WORK', 50],
      ['last-day', 'HOME', 220],
      ['in-grace', 'HOME', 250],
      ['turned-18-today', 'HOME', 450],
      ['sleeper', 'HOME', 500],
      ['londoner', 'HOME', 700],
      ['far', 'HOME', 1900],
    ]);
  });

  it('uses the work position only during its weekly hours, and a night shift across midnight', async () => {
    expect(await search(NIGHT)).toEqual([
      ['walker', 'CURRENT', 30],
      ['commuter', 'HOME', 100],
      ['last-day', 'HOME', 220],
      ['in-grace', 'HOME', 250],
      ['turned-18-today', 'HOME', 450],
      ['night-worker', 'WORK', 600],
      ['far', 'HOME', 1900],
    ]);
    const weekdayEvening = new Date('2025-06-04T15:00:00Z'); // 17:00 local: the office is closed
    expect((await search(weekdayEvening)).find(([name]) => name === 'commuter')).toEqual(['commuter', 'HOME', 100]);
    const justBeforeClosing = new Date('2025-06-04T14:59:00Z');
    expect((await search(justBeforeClosing)).find(([name]) => name === 'commuter')).toEqual(['commuter', 'WORK', 50]);
  });

  it('ignores a current position 72 h after its report', async () => {
    const justFresh = new Date(DAY.getTime() + HOUR - MINUTE);
    const stale = new Date(DAY.getTime() + HOUR);
    expect((await search(justFresh)).find(([name]) => name === 'walker')).toEqual(['walker', 'CURRENT', 30]);
    expect((await search(stale)).find(([name]) => name === 'walker')).toEqual(['walker', 'HOME', 300]);
  });

  it('respects the radius exactly, not the bounding box', async () => {
    const names = (await search(DAY, 1_000)).map(([name]) => name);
    expect(names).not.toContain('far');
    expect(await search(DAY, 1_900)).toContainEqual(['far', 'HOME', 1900]);
    expect((await search(DAY, 2_000)).map(([name]) => name)).not.toContain('box-corner');
    expect((await search(DAY, 2_200)).map(([name]) => name)).toEqual(expect.arrayContaining(['beyond', 'box-corner']));
  });

  it('returns each volunteer once even when their other positions are nearer than the next volunteer', async () => {
    expect(await search(DAY, 2_000, 1)).toEqual([['walker', 'CURRENT', 30]]);
    expect(await search(DAY, 2_000, 2)).toEqual([
      ['walker', 'CURRENT', 30],
      ['commuter', 'WORK', 50],
    ]);
    expect(await search(DAY, 2_000, 3)).toEqual([
      ['walker', 'CURRENT', 30],
      ['commuter', 'WORK', 50],
      ['last-day', 'HOME', 220],
    ]);
  });

  it('switches at local midnight, while the UTC date has not changed: expiry and the 18th birthday', async () => {
    const before = (await search(new Date(MIDNIGHT.getTime() - MINUTE))).map(([name]) => name);
    const after = (await search(MIDNIGHT)).map(([name]) => name);
    expect(before).toContain('last-day');
    expect(before).not.toContain('turns-18-tomorrow');
    expect(after).not.toContain('last-day');
    expect(after).toContain('turns-18-tomorrow');
  });

  it('applies quiet hours on each volunteer’s own clock', async () => {
    // 22:59 in Amsterdam, 21:59 in London.
    const at2259 = (await search(new Date('2025-06-04T20:59:00Z'))).map(([name]) => name);
    expect(at2259).toEqual(expect.arrayContaining(['sleeper', 'londoner']));
    // 23:00 in Amsterdam, 22:00 in London.
    const at2300 = (await search(new Date('2025-06-04T21:00:00Z'))).map(([name]) => name);
    expect(at2300).not.toContain('sleeper');
    expect(at2300).toContain('londoner');
    // 00:00 in Amsterdam, 23:00 in London.
    expect((await search(MIDNIGHT)).map(([name]) => name)).not.toContain('londoner');
  });

  it('never lists the ineligible', async () => {
    for (const at of [DAY, NIGHT, MIDNIGHT]) {
      const found = (await search(at)).map(([name]) => name);
      for (const name of ['lapsed', 'unverified', 'off-duty', 'suspended', 'beyond', 'box-corner']) {
        expect(found).not.toContain(name);
      }
    }
  });

  it('agrees with the TypeScript rule every 20 minutes of a summer week and of the week summer time ends', async () => {
    const weeks = [new Date('2025-06-01T22:00:00Z'), new Date('2025-10-22T22:00:00Z')];
    for (const start of weeks) {
      for (let at = start.getTime(); at < start.getTime() + 8 * 24 * HOUR; at += 20 * MINUTE) {
        const instant = new Date(at);
        expect(await search(instant), instant.toISOString()).toEqual(expected(instant));
      }
    }
  }, 60_000);
});

/**
 * A crowd where volunteers have several positions close together, so that
 * the first rows the search reads often hold the same volunteer twice or
 * three times: the search must then read on (its second read) and still
 * return exactly what the rule says, in the same order.
 */
describe('candidate search in a crowd of volunteers with several positions each', () => {
  /** Utrecht's Dom tower: far from the Dam, so the fixtures above never enter these searches. */
  const DOM = { lat: 52.0907, lon: 5.1214 };
  const random = seededRandom(18);
  const between = (low: number, high: number) => low + random() * (high - low);
  const date = (year: number) => `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const around = (metres: number) => offsetMeters(DOM, between(-metres, metres), between(-metres, metres));
  const crowd: Fixture[] = Array.from({ length: 240 }, (_, index) => {
    const home = around(900);
    // Work and current positions a few metres from home, as for someone working from home or walking the dog.
    const near = () => offsetMeters(home, between(-40, 40), between(-40, 40));
    const positions: Fixture['positions'] = [{ kind: 'HOME', ...home }];
    if (random() < 0.6) positions.push({ kind: 'WORK', ...near(), weeklyHours: random() < 0.7 ? OFFICE : TUESDAY_NIGHT_SHIFT });
    if (random() < 0.6) positions.push({ kind: 'CURRENT', ...near(), updatedAt: new Date(DAY.getTime() - between(0, 100) * HOUR) });
    const certificate = random();
    return fixture(
      `crowd-${index}`,
      positions,
      {
        dateOfBirth: random() < 0.1 ? '2007-06-04' : date(1950 + Math.floor(random() * 50)),
        status: random() < 0.05 ? 'SUSPENDED' : 'ACTIVE',
        onDuty: random() < 0.9,
        quietHours: random() < 0.3 ? { start: '23:00', end: '07:00' } : random() < 0.1 ? { start: '13:00', end: '15:00' } : null,
        certificates: certificate < 0.6 ? certified('2025-01-15') : certificate < 0.8 ? certified('2024-01-01', '2025-06-03') : certified('2025-01-15', undefined, false),
      },
      { ...amsterdam, certificateGracePeriodDays: random() < 0.5 ? 0 : 1 },
    );
  });
  const crowdIds = new Map(crowd.map((fixture, index) => [fixture.name, `00000000-0000-4000-9000-${String(index + 1).padStart(12, '0')}`]));
  const crowdNames = new Map([...crowdIds].map(([name, id]) => [id, name]));

  beforeAll(async () => {
    await upsertCandidatePositions(
      query,
      crowd.flatMap((fixture) =>
        fixture.positions.map((position) => ({
          position: { ...position, volunteerId: crowdIds.get(fixture.name)! },
          eligibility: candidateEligibilityOf(fixture.volunteer, fixture.context),
        })),
      ),
    );
  });

  // The tests after these count the positions left: take the crowd away again.
  afterAll(async () => {
    await query('delete from volunteers.candidate_position where volunteer_id = any($1::uuid[])', [[...crowdIds.values()]]);
  });

  async function searchCrowd(at: Date, radiusMeters: number, limit: number): Promise<Found[]> {
    const mismatches: string[] = [];
    const candidates = await findAlertableCandidates(query, { ...DOM, radiusMeters, limit, at }, { onPrefilterMismatch: (id) => mismatches.push(id) });
    expect(mismatches).toEqual([]);
    return candidates.map((candidate) => [crowdNames.get(candidate.volunteerId)!, candidate.positionKind, Math.round(candidate.distanceMeters)]);
  }

  it('reads on when the first rows hold someone twice, and returns what the rule says', async () => {
    // Someone whose three positions are the three nearest rows: with a limit of 2 the first
    // batch (3 rows) holds one volunteer, so only the second read can answer.
    const triple = fixture('triple', [
      { kind: 'HOME', ...offsetMeters(DOM, 1, 0) },
      { kind: 'CURRENT', ...offsetMeters(DOM, 2, 0), updatedAt: DAY },
      { kind: 'WORK', ...offsetMeters(DOM, 3, 0), weeklyHours: OFFICE },
    ]);
    await upsertCandidatePositions(
      query,
      triple.positions.map((position) => ({
        position: { ...position, volunteerId: '00000000-0000-4000-9000-999999999999' },
        eligibility: candidateEligibilityOf(triple.volunteer, triple.context),
      })),
    );
    crowdNames.set('00000000-0000-4000-9000-999999999999', 'triple');
    try {
      const everyone = [triple, ...crowd];
      for (const limit of [1, 2, 3]) expect(await searchCrowd(DAY, 2_000, limit)).toEqual(expected(DAY, 2_000, limit, everyone, DOM));
      expect((await searchCrowd(DAY, 2_000, 2))[0]).toEqual(['triple', 'HOME', 1]);
    } finally {
      await removeVolunteerPositions(query, '00000000-0000-4000-9000-999999999999');
    }
  });

  it('reads certificates and birthdays on clocks behind UTC, where the local date is still yesterday', async () => {
    // In New York the local date lags the UTC date by up to a day: a search that read dates in UTC,
    // or bounded them by the UTC date without a day's margin, would drop this volunteer hours early.
    const timesSquare = { lat: 40.758, lon: -73.9855 };
    const newYorker = fixture(
      'new-yorker',
      [{ kind: 'HOME', ...offsetMeters(timesSquare, 100, 0) }],
      { certificates: certified('2024-06-04'), dateOfBirth: '2007-06-05' },
      { timeZone: 'America/New_York' },
    );
    const adult = fixture('new-yorker-adult', [{ kind: 'HOME', ...offsetMeters(timesSquare, 200, 0) }], {}, { timeZone: 'America/New_York' });
    const everyone = [newYorker, adult];
    const volunteerIds = ['00000000-0000-4000-9000-888888888881', '00000000-0000-4000-9000-888888888882'];
    await upsertCandidatePositions(
      query,
      everyone.flatMap((someone, index) =>
        someone.positions.map((position) => ({
          position: { ...position, volunteerId: volunteerIds[index]! },
          eligibility: candidateEligibilityOf(someone.volunteer, someone.context),
        })),
      ),
    );
    const names = new Map(everyone.map((someone, index) => [volunteerIds[index]!, someone.name]));
    const near = async (at: Date) =>
      (await findAlertableCandidates(query, { ...timesSquare, radiusMeters: 1_000, limit: 30, at })).map((candidate) => names.get(candidate.volunteerId));
    try {
      // 4 June 23:30 in New York, 5 June 03:30 UTC: the certificate's last day, still under 18.
      expect(await near(new Date('2025-06-05T03:30:00Z'))).toEqual(['new-yorker-adult']);
      // 4 June 23:59 in New York: still the last day; 18 tomorrow.
      const lastMinute = new Date('2025-06-05T03:59:00Z');
      expect(await near(lastMinute)).toEqual(['new-yorker-adult']);
      // The lapsed certificate is what keeps them out at midnight, not the UTC date an hour earlier:
      // with a valid certificate they would be listed from 5 June 00:00 in New York, 04:00 UTC.
      await updateCandidateEligibility(query, volunteerIds[0]!, { ...candidateEligibilityOf(newYorker.volunteer, newYorker.context), certificateValidUntil: '2026-01-01' });
      expect(await near(lastMinute)).toEqual(['new-yorker-adult']);
      expect(await near(new Date('2025-06-05T04:00:00Z'))).toEqual(['new-yorker', 'new-yorker-adult']);
      // And a certificate valid through 4 June counts until midnight in New York, four hours after the UTC date moved on.
      await updateCandidateEligibility(query, volunteerIds[0]!, { ...candidateEligibilityOf(newYorker.volunteer, newYorker.context), dateOfBirth: '1980-01-01' });
      expect(await near(lastMinute)).toEqual(['new-yorker', 'new-yorker-adult']);
      expect(await near(new Date('2025-06-05T04:00:00Z'))).toEqual(['new-yorker-adult']);
    } finally {
      await query('delete from volunteers.candidate_position where volunteer_id = any($1::uuid[])', [volunteerIds]);
    }
  });

  it('agrees with the TypeScript rule for every limit and radius, day and night, every 3 hours of a week', async () => {
    let searches = 0;
    for (let at = DAY.getTime() - 3 * 24 * HOUR; at < DAY.getTime() + 4 * 24 * HOUR; at += 3 * HOUR) {
      const instant = new Date(at);
      for (const [radiusMeters, limit] of [
        [2_000, 30],
        [2_000, 10],
        [2_000, 3],
        [400, 30],
        [150, 5],
        [2_000, 200],
      ] as const) {
        expect(await searchCrowd(instant, radiusMeters, limit), `${instant.toISOString()} ${radiusMeters} m, ${limit}`).toEqual(expected(instant, radiusMeters, limit, crowd, DOM));
        searches += 1;
      }
    }
    expect(searches).toBe(56 * 6);
  }, 60_000);
});

describe('keeping the positions up to date', () => {
  it('stores weekly hours as minutes of the week, wrapping Sunday night into Monday', () => {
    expect(weeklyHoursToMultirange([{ day: 1, start: '08:30', end: '17:00' }])).toBe('{[510,1020)}');
    expect(weeklyHoursToMultirange([{ day: 7, start: '22:00', end: '06:00' }])).toBe('{[9960,10080),[0,360)}');
    expect(() => weeklyHoursToMultirange([{ day: 8, start: '08:00', end: '09:00' }])).toThrow(/ISO weekday/);
    expect(() => weeklyHoursToMultirange([{ day: 1, start: '08:00', end: '08:00' }])).toThrow(/empty or a whole day/);
  });

  it('reflects a change of eligibility on all of a volunteer’s positions', async () => {
    const commuter = FIXTURES.find((fixture) => fixture.name === 'commuter')!;
    const offDuty = candidateEligibilityOf({ ...commuter.volunteer, onDuty: false }, commuter.context);
    await updateCandidateEligibility(query, idOf('commuter'), offDuty);
    expect((await search(DAY)).map(([name]) => name)).not.toContain('commuter');
    await updateCandidateEligibility(query, idOf('commuter'), candidateEligibilityOf(commuter.volunteer, commuter.context));
    expect(await search(DAY)).toContainEqual(['commuter', 'WORK', 50]);
  });

  it('moves and removes positions', async () => {
    const walker = FIXTURES.find((fixture) => fixture.name === 'walker')!;
    const eligibility = candidateEligibilityOf(walker.volunteer, walker.context);
    await upsertCandidatePositions(query, [{ position: { volunteerId: idOf('walker'), kind: 'CURRENT', ...offset(0, 10), updatedAt: DAY }, eligibility }]);
    expect(await search(DAY)).toContainEqual(['walker', 'CURRENT', 10]);
    await removeCandidatePosition(query, idOf('walker'), 'CURRENT');
    expect(await search(DAY)).toContainEqual(['walker', 'HOME', 300]);
  });

  it('purges current positions 72 h after their report', async () => {
    const commuterCurrent = new Date(DAY.getTime() - HOUR);
    expect(await purgeStaleCurrentPositions(query, new Date(commuterCurrent.getTime() + 72 * HOUR - MINUTE))).toBe(0);
    expect(await purgeStaleCurrentPositions(query, new Date(commuterCurrent.getTime() + 72 * HOUR))).toBe(1);
    const left = await query(`select count(*)::int as count from volunteers.candidate_position where kind = 'CURRENT'`, []);
    expect(left[0]!.count).toBe(0);
  });

  it('refuses an unknown time zone and a WORK position without hours', async () => {
    const eligibility = { ...candidateEligibilityOf(someone, amsterdam), timeZone: 'Europe/Atlantis' };
    await expect(upsertCandidatePositions(query, [{ position: { volunteerId: idOf('far'), kind: 'HOME', ...CENTRE }, eligibility }])).rejects.toThrow(
      /time zone "Europe\/Atlantis" not recognized/,
    );
    expect(() => candidateEligibilityOf(someone, { timeZone: 'Europe/Atlantis' })).toThrow(/time zone/);
    await expect(
      upsertCandidatePositions(query, [
        {
          position: { volunteerId: idOf('far'), kind: 'WORK', ...CENTRE },
          eligibility: candidateEligibilityOf(someone, amsterdam),
        },
      ]),
    ).rejects.toThrow(/WORK position needs weekly hours/);
  });
});

describe('search arguments', () => {
  it.each([
    [{ lat: 91 }, /latitude/],
    [{ lon: Number.NaN }, /latitude/],
    [{ radiusMeters: 0 }, /radius/],
    [{ radiusMeters: 200_000 }, /radius/],
    [{ limit: 0 }, /limit/],
    [{ limit: 2.5 }, /limit/],
    [{ at: new Date('nonsense') }, /instant/],
  ])('rejects %j', async (change, message) => {
    const search = { ...CENTRE, radiusMeters: 1_000, limit: 30, at: DAY, ...change };
    await expect(findAlertableCandidates(query, search)).rejects.toThrow(message);
  });
});

describe('candidate search planned once (common/statements.ts)', () => {
  it('returns the same candidates prepared as unnamed, with custom plans and with the generic plan, which it keeps when left to choose', async () => {
    const prepared = new pg.Client({ connectionString: databaseUrl });
    await prepared.connect();
    prepareStatementsOn(prepared);
    const preparedQuery: SqlQuery = (sql, params) => prepared.query(sql, params).then((result) => result.rows);
    const instants = [DAY, NIGHT, MIDNIGHT, new Date(DAY.getTime() + 71 * HOUR), new Date('2025-06-04T15:00:00Z')];
    const searches = instants.flatMap((at) => [500, 2_000].flatMap((radiusMeters) => [3, 30].map((limit) => ({ ...CENTRE, radiusMeters, limit, at }))));
    // Statistics of a large register (its pages as they are, ten million rows): planned for the
    // fixtures' few rows, a custom plan's known limit would cost no less than the generic plan's guess,
    // and the check below could not tell a limit PostgreSQL knows in custom plans only from one it never knows.
    await client.query(
      `select pg_restore_relation_stats('schemaname', 'volunteers', 'relname', 'candidate_position',
         'relpages', (pg_relation_size('volunteers.candidate_position') / 8192)::integer, 'reltuples', 10000000::real)`,
    );
    try {
      // More than five executions each: PostgreSQL may switch a prepared statement to its generic plan after five.
      for (const mode of ['auto', 'force_custom_plan', 'force_generic_plan']) {
        await prepared.query(`set plan_cache_mode = ${mode}`);
        for (const search of searches) {
          expect(summary(await findAlertableCandidates(preparedQuery, search)), `${mode} ${JSON.stringify(search)}`).toEqual(summary(await findAlertableCandidates(query, search)));
        }
        if (mode === 'auto') {
          // Left to choose, PostgreSQL keeps the generic plan rather than planning each call anew:
          // the statement's limit is a subquery, unknown to custom plans as to the generic one.
          const plans = await prepared.query(`select generic_plans, custom_plans from pg_prepared_statements where name = 'volunteers.candidate-search'`);
          expect(plans.rows[0]).toMatchObject({ custom_plans: '5' });
          expect(Number(plans.rows[0].generic_plans)).toBeGreaterThan(0);
        }
      }
      // Prepared on that connection once, by name; nothing was prepared on the one without preparing.
      const named = await prepared.query(`select name from pg_prepared_statements where name = 'volunteers.candidate-search'`);
      expect(named.rowCount).toBe(1);
      expect((await client.query('select count(*)::int as count from pg_prepared_statements')).rows[0].count).toBe(0);
    } finally {
      await prepared.end();
      await client.query('analyze volunteers.candidate_position');
    }
  });
});
