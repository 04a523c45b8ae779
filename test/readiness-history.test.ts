/**
 * Readiness over time through the gateway, on a small hand-made municipality
 * whose figures are known by hand (the map of test/readiness.test.ts, cut to
 * three cells a few kilometres apart, each boundary square holding one cell
 * centre; the region asks for one volunteer):
 *
 *   X  two volunteers west of it and a 24/7 AED between them: covered in every hour.
 *   Y  the same, but its AED is in an office (Mo-Fr 08:00-18:00): covered on
 *      weekdays in the hours starting 08–17 (10 of the 16 day hours), never at night.
 *   W  one volunteer west of it, whose certificate lapses in two months, no AED: never covered.
 *
 * So today: 5 volunteers, all alertable in every hour, 1 lapsing within three
 * months; 2 AEDs (a third, decommissioned near Y, counts nowhere), 1 of them
 * 24/7 (share 0.5), dispatchable at least 1 in every
 * day hour (the office opens at 08:00) and 1 at night; coverage by day
 * (16 + 10) / 48 on weekdays and 16 / 48 at weekends, at night 8 / 24.
 *
 * The daily snapshot is taken by scheduled tasks in two instances of each of
 * the volunteers, aeds and incidents subgraphs (job runners on the one
 * database, as in production), which start with the task due, as after a
 * night with every instance down: each task runs once, in one instance.
 * Then every instance stops, the registers change, and two new instances
 * start with the task due again: it runs once more and leaves the date's
 * snapshot as it was taken. A date a quarter ago is kept as a hand-made row
 * (the snapshot of that date) and the date after it is missing (a gap).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, cellToParent, latLngToCell } from 'h3-js';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { pino } from 'pino';
import { Role } from '../common/auth.ts';
import { startSubgraph, type SubgraphServer } from '../common/subgraph-server.ts';
import { addDays, localDateOf } from '../common/zoned-time.ts';
import { aedsSubgraph } from '../subgraphs/aeds/index.ts';
import { AEDS_JOBS_SCHEMA } from '../subgraphs/aeds/workers.ts';
import { offsetMeters, type LatLon } from '../common/earth.ts';
import { incidentsSubgraph } from '../subgraphs/incidents/index.ts';
import { INCIDENTS_SCHEDULE_SCHEMA } from '../subgraphs/incidents/workers.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { VOLUNTEERS_JOBS_SCHEMA } from '../subgraphs/volunteers/workers.ts';
import { isoDate, pause } from './incidents-world.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';
import { certify, registerVolunteer, registration } from './volunteers-fixture.ts';

const RESOLUTION = 9;
const BASE: LatLon = { lat: 51.5794, lon: 5.1893 };
const TIME_ZONE = 'Europe/Amsterdam';

const centreOf = (cell: string): LatLon => {
  const [lat, lon] = cellToLatLng(cell);
  return { lat, lon };
};
const cellAt = (point: LatLon) => latLngToCell(point.lat, point.lon, RESOLUTION);

const X = cellAt(BASE);
const Y = cellAt(offsetMeters(BASE, 0, 3000));
const W = cellAt(offsetMeters(BASE, 0, 6000));
const CELLS = [X, Y, W];

function boundary() {
  return {
    type: 'MultiPolygon',
    coordinates: CELLS.map((cell) => {
      const centre = centreOf(cell);
      const corner = (north: number, east: number) => {
        const point = offsetMeters(centre, north, east);
        return [point.lon, point.lat];
      };
      return [[corner(-40, -40), corner(-40, 40), corner(40, 40), corner(40, -40), corner(-40, -40)]];
    }),
  };
}

const TASKS = [
  { schema: VOLUNTEERS_JOBS_SCHEMA, task: 'volunteers.readiness-snapshot' },
  { schema: AEDS_JOBS_SCHEMA, task: 'aeds.readiness-snapshot' },
  { schema: INCIDENTS_SCHEDULE_SCHEMA, task: 'incidents.readiness-snapshot' },
];

const DAY_FIELDS = `date
  volunteerFiguresTakenAt volunteerCount alertableVolunteerCountByDay alertableVolunteerCountAtNight volunteersLapsingWithinThreeMonths
  aedFiguresTakenAt aedCount dispatchableAedCountByDay dispatchableAedCountAtNight twentyFourSevenAedCount twentyFourSevenAedShare
  coverageTakenAt dayCoveredPopulationShare nightCoveredPopulationShare`;

const HISTORY = `query ($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  municipality(id: $id) { readinessHistory(from: $from, to: $to) { days { municipalityId ${DAY_FIELDS} } } }
}`;

const CHANGE_FIGURES = `volunteerCount alertableVolunteerCountByDay alertableVolunteerCountAtNight volunteersLapsingWithinThreeMonths
  aedCount dispatchableAedCountByDay dispatchableAedCountAtNight twentyFourSevenAedCount twentyFourSevenAedShare
  dayCoveredPopulationShare nightCoveredPopulationShare`;

const CHANGE = `query ($id: ID!, $since: LocalDate!, $until: LocalDate) {
  municipality(id: $id) {
    readinessChange(since: $since, until: $until) {
      sinceDate untilDate
      since { ${DAY_FIELDS} }
      until { ${DAY_FIELDS} }
      ${CHANGE_FIGURES}
    }
  }
}`;

const COVERAGE_CHANGE = `query ($id: ID!, $since: LocalDate!) {
  municipality(id: $id) { readinessChange(since: $since) { volunteerCount coverageChangeGeoJson } }
}`;

/** The day hours of `date` in which the office AED is open: 10 on weekdays, none at weekends. */
function officeDayHours(date: string): number {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 0 : 10;
}

describe('readiness over time: daily snapshots, history and what changed since', () => {
  let stack: TestStack;
  let admin: string;
  let municipalityId: string;
  let regionId: string;
  let policyOfficer: string;
  let today: string;
  let quarterAgo: string;
  const workers: SubgraphServer[] = [];
  /** Every log line of every worker instance, parsed. */
  const lines: { task?: string; msg: string; instance: number; table?: string; taken?: number; alreadyTaken?: number }[] = [];

  const capturingLogger = (instance: number) => pino({ level: 'info' }, { write: (line: string) => void lines.push({ ...JSON.parse(line), instance }) });
  const ran = (task: string) => lines.filter((line) => line.msg === 'scheduled task ran' && line.task === task);

  async function query(statement: string, params: unknown[] = []) {
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      return (await client.query(statement, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Makes every snapshot task due now: it last ran two hours ago, and the hour since is caught up at start-up. */
  async function makeSnapshotsDue() {
    for (const { schema, task } of TASKS) {
      await runMigrations({ connectionString: stack.databaseUrl, schema });
      await query(
        `insert into ${schema}._private_known_crontabs (identifier, known_since, last_execution) values ($1, now() - interval '3 hours', now() - interval '2 hours')
         on conflict (identifier) do update set last_execution = excluded.last_execution`,
        [task],
      );
    }
  }

  /** Two instances of each subgraph that takes snapshots, with their job runners; waits until each task ran (or 60 s). */
  async function startTwoInstancesEach(firstInstance: number) {
    const peers = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url]));
    const started = await Promise.all(
      [volunteersSubgraph, volunteersSubgraph, aedsSubgraph, aedsSubgraph, incidentsSubgraph, incidentsSubgraph].map((definition, index) =>
        startSubgraph(definition, { databaseUrl: stack.databaseUrl, gatewaySecret: TEST_SECRETS.gatewaySecret, peers, logger: capturingLogger(firstInstance + index) }),
      ),
    );
    workers.push(...started);
  }

  async function stopInstances() {
    await Promise.all(workers.splice(0).map((server) => server.close()));
  }

  async function waitForRuns(count: number) {
    for (let waited = 0; waited < 60_000 && TASKS.some(({ task }) => ran(task).length < count); waited += 250) await pause(250);
    // Give a second run, if there were one, time to happen.
    await pause(2_000);
  }

  beforeAll(async () => {
    stack = await startTestStack({ workers: false });
    admin = await stack.adminToken();
    const { createSecurityRegion: region } = await stack.data(`mutation { createSecurityRegion(input: { name: "History region", code: "VRHI" }) { id } }`, {}, admin);
    regionId = region.id;
    await stack.data(`mutation ($id: ID!) { setDispatchPolicy(input: { securityRegionId: $id, dispatch: { enoughAcceptances: 1 } }) { version } }`, { id: regionId }, admin);
    const { createMunicipality } = await stack.data(
      `mutation ($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { id } }`,
      { input: { name: 'Historiedorp', code: 'GM9902', regionId, boundary: boundary(), population: 3000, timeZone: TIME_ZONE } },
      admin,
    );
    municipalityId = createMunicipality.id;
    policyOfficer = await stack.token({ role: Role.POLICY_OFFICER, scope: municipalityId });

    const volunteer = async (at: LatLon, validUntil?: string) => {
      const id = await registerVolunteer(
        stack,
        admin,
        registration(municipalityId, {
          homeAddress: { street: 'Historieweg', houseNumber: '1', postalCode: '5061 HK', city: 'Historiedorp', position: { latitude: at.lat, longitude: at.lon } },
        }),
      );
      await certify(stack, admin, id, { courseDate: isoDate(-30), ...(validUntil ? { validUntil } : {}) });
    };
    const aed = async (at: LatLon, schedule: string): Promise<string> => {
      const { registerAed } = await stack.data(
        `mutation ($input: RegisterAedInput!) { registerAed(input: $input) { id } }`,
        {
          input: {
            municipalityId,
            location: { latitude: at.lat, longitude: at.lon },
            locationDescription: `AED (${schedule})`,
            access: 'PUBLIC',
            availabilitySchedule: schedule,
            batteryExpiresOn: isoDate(700),
            padsExpireOn: isoDate(700),
            lastCheckedOn: isoDate(-1),
          },
        },
        admin,
      );
      return registerAed.id;
    };
    for (const [cell, schedule] of [
      [X, '24/7'],
      [Y, 'Mo-Fr 08:00-18:00'],
    ] as const) {
      const centre = centreOf(cell);
      await volunteer(offsetMeters(centre, 0, -300));
      await volunteer(offsetMeters(centre, 0, -500));
      await aed(offsetMeters(centre, 0, -200), schedule);
    }
    await volunteer(offsetMeters(centreOf(W), 0, -300), isoDate(60));
    // Kept for its history, counted nowhere.
    await stack.data(
      `mutation ($id: ID!, $reason: String!) { decommissionAed(id: $id, reason: $reason) { id } }`,
      { id: await aed(offsetMeters(centreOf(Y), 0, 200), '24/7'), reason: 'Building demolished' },
      admin,
    );

    today = localDateOf(new Date(), TIME_ZONE);
    quarterAgo = addDays(today, -91);
    await makeSnapshotsDue();
    await startTwoInstancesEach(1);
    await waitForRuns(1);
  }, 120_000);

  afterAll(async () => {
    await stopInstances();
    await stack?.close();
  });

  it('takes the daily snapshot once with two instances of each subgraph', () => {
    for (const { task } of TASKS) expect(ran(task), task).toHaveLength(1);
    const taken = lines.filter((line) => line.msg === 'readiness snapshots');
    expect(taken.map((line) => [line.table, line.taken]).sort()).toEqual([
      ['aeds.readiness_day', 1],
      ['incidents.readiness_day', 1],
      ['volunteers.readiness_day', 1],
    ]);
  });

  it('keeps today’s figures as worked out by hand', async () => {
    const { municipality } = await stack.data(HISTORY, { id: municipalityId, from: today, to: today });
    const [day] = municipality.readinessHistory.days;
    const weekdayCovered = 16 + officeDayHours(today);
    expect(day).toMatchObject({
      municipalityId,
      date: today,
      volunteerCount: 5,
      alertableVolunteerCountByDay: 5,
      alertableVolunteerCountAtNight: 5,
      volunteersLapsingWithinThreeMonths: 1,
      aedCount: 2,
      dispatchableAedCountByDay: 1,
      dispatchableAedCountAtNight: 1,
      twentyFourSevenAedCount: 1,
      twentyFourSevenAedShare: 0.5,
    });
    expect(day.dayCoveredPopulationShare).toBeCloseTo(weekdayCovered / 48, 10);
    expect(day.nightCoveredPopulationShare).toBeCloseTo(8 / 24, 10);
    for (const field of ['volunteerFiguresTakenAt', 'aedFiguresTakenAt', 'coverageTakenAt']) expect(Date.now() - new Date(day[field]).getTime()).toBeLessThan(120_000);
  });

  describe('with the snapshot of a date a quarter ago kept, and the date after it missed', () => {
    beforeAll(async () => {
      const params = [municipalityId, quarterAgo];
      await query(
        `insert into volunteers.readiness_day (municipality_id, date, taken_at, volunteer_count, alertable_by_day, alertable_at_night, lapsing_within_three_months)
         values ($1, $2, $2::date + time '00:10', 4, 3, 2, 0)`,
        params,
      );
      await query(
        `insert into aeds.readiness_day (municipality_id, date, taken_at, aed_count, dispatchable_by_day, dispatchable_at_night, twenty_four_seven_count)
         values ($1, $2, $2::date + time '00:10', 1, 1, 0, 0)`,
        params,
      );
      // The same grid as today's, nothing covered anywhere at night, a quarter of the day cell-hours covered.
      await query(
        `insert into incidents.readiness_day (municipality_id, date, taken_at, computed_resolution, minimum_volunteers, population, computed_cells,
           day_covered_share, night_covered_share, grid_id, cell_day_hours, cell_night_hours)
         select $1, $2, $2::date + time '00:10', 9, 1, 3000, 3, 0.25, 0, d.grid_id, '\\x000000'::bytea, '\\x000000'::bytea
         from incidents.readiness_day d where d.municipality_id = $1`,
        params,
      );
    });

    it('lists every date of the period, the missed one with null figures (a gap), none invented', async () => {
      const { municipality } = await stack.data(HISTORY, { id: municipalityId, from: quarterAgo, to: today });
      const days = municipality.readinessHistory.days;
      expect(days).toHaveLength(92);
      expect(days[0]).toMatchObject({
        date: quarterAgo,
        volunteerCount: 4,
        aedCount: 1,
        twentyFourSevenAedShare: 0,
        dayCoveredPopulationShare: 0.25,
        nightCoveredPopulationShare: 0,
      });
      expect(days[1]).toMatchObject({
        date: addDays(quarterAgo, 1),
        volunteerFiguresTakenAt: null,
        volunteerCount: null,
        aedFiguresTakenAt: null,
        aedCount: null,
        twentyFourSevenAedShare: null,
        coverageTakenAt: null,
        dayCoveredPopulationShare: null,
      });
      expect(days.slice(1, 91).every((day: any) => day.volunteerCount === null && day.aedCount === null && day.coverageTakenAt === null)).toBe(true);
      expect(days[91]).toMatchObject({ date: today, volunteerCount: 5, aedCount: 2 });
    });

    it('gives the same history as columns, one entry per date', async () => {
      const { municipality } = await stack.data(
        `query ($id: ID!, $from: LocalDate!, $to: LocalDate!) {
          municipality(id: $id) { readinessHistory(from: $from, to: $to) { municipalityId from to dates volunteerCount aedCount twentyFourSevenAedShare dayCoveredPopulationShare coverageTakenAt } }
        }`,
        { id: municipalityId, from: quarterAgo, to: today },
      );
      const history = municipality.readinessHistory;
      expect(history).toMatchObject({ municipalityId, from: quarterAgo, to: today });
      expect(history.dates).toHaveLength(92);
      expect([history.dates[0], history.dates[1], history.dates[91]]).toEqual([quarterAgo, addDays(quarterAgo, 1), today]);
      for (const column of ['volunteerCount', 'aedCount', 'twentyFourSevenAedShare', 'dayCoveredPopulationShare', 'coverageTakenAt'])
        expect(history[column], column).toHaveLength(92);
      expect([history.volunteerCount[0], history.volunteerCount[1], history.volunteerCount[91]]).toEqual([4, null, 5]);
      expect([history.aedCount[0], history.aedCount[50], history.aedCount[91]]).toEqual([1, null, 2]);
      expect(history.twentyFourSevenAedShare[91]).toBe(0.5);
      expect(history.dayCoveredPopulationShare[0]).toBe(0.25);
      expect(history.coverageTakenAt.slice(1, 91).every((taken: unknown) => taken === null)).toBe(true);
    });

    it('answers "what changed since last quarter" with the figures on both dates and their differences, in one query', async () => {
      const { municipality } = await stack.data(CHANGE, { id: municipalityId, since: quarterAgo });
      const change = municipality.readinessChange;
      expect(change).toMatchObject({
        sinceDate: quarterAgo,
        untilDate: today,
        since: { date: quarterAgo, volunteerCount: 4, alertableVolunteerCountByDay: 3, aedCount: 1 },
        until: { date: today, volunteerCount: 5, alertableVolunteerCountByDay: 5, aedCount: 2 },
        volunteerCount: 1,
        alertableVolunteerCountByDay: 2,
        alertableVolunteerCountAtNight: 3,
        volunteersLapsingWithinThreeMonths: 1,
        aedCount: 1,
        dispatchableAedCountByDay: 0,
        dispatchableAedCountAtNight: 1,
        twentyFourSevenAedCount: 1,
        twentyFourSevenAedShare: 0.5,
      });
      expect(change.dayCoveredPopulationShare).toBeCloseTo((16 + officeDayHours(today)) / 48 - 0.25, 10);
      expect(change.nightCoveredPopulationShare).toBeCloseTo(1 / 3, 10);
    });

    it('has no change across a gap', async () => {
      const { municipality } = await stack.data(CHANGE, { id: municipalityId, since: addDays(quarterAgo, 1), until: today });
      expect(municipality.readinessChange).toMatchObject({
        since: { volunteerCount: null },
        until: { volunteerCount: 5 },
        volunteerCount: null,
        aedCount: null,
        dayCoveredPopulationShare: null,
      });
    });

    it('maps where coverage grew, per grid cell, for the municipality’s coordinators', async () => {
      const { municipality } = await stack.data(COVERAGE_CHANGE, { id: municipalityId, since: quarterAgo }, policyOfficer);
      const map = municipality.readinessChange.coverageChangeGeoJson;
      expect(map.type).toBe('FeatureCollection');
      const byCell = Object.fromEntries(map.features.map((feature: any) => [feature.properties.cell, feature]));
      const parents = CELLS.map((cell) => cellToParent(cell, RESOLUTION - 1));
      expect(Object.keys(byCell).sort()).toEqual([...new Set(parents)].sort());
      const [x, y, w] = parents.map((parent) => byCell[parent!].properties);
      expect(byCell[parents[0]!].geometry.type).toBe('Polygon');
      expect(x).toMatchObject({
        dayCoveredShareSince: 0,
        dayCoveredShareUntil: 1,
        dayCoveredShareChange: 1,
        nightCoveredShareSince: 0,
        nightCoveredShareUntil: 1,
        nightCoveredShareChange: 1,
      });
      expect(y).toMatchObject({ dayCoveredShareChange: Math.round((officeDayHours(today) / 16) * 10_000) / 10_000, nightCoveredShareChange: 0 });
      expect(w).toMatchObject({ dayCoveredShareUntil: 0, dayCoveredShareChange: 0, nightCoveredShareChange: 0 });
    });

    it('gives the counts to everyone, the per-cell map to nobody else: partners, other municipalities’ officers, anonymous callers', async () => {
      const { createPartnerAssociation } = await stack.data(`mutation { createPartnerAssociation(input: { name: "EHBO Historiedorp" }) { id } }`, {}, admin);
      await stack.data(
        `mutation ($p: ID!, $m: ID!) { joinMunicipality(partnerAssociationId: $p, municipalityId: $m) { id } }`,
        { p: createPartnerAssociation.id, m: municipalityId },
        admin,
      );
      const { createMunicipality: other } = await stack.data(`mutation { createMunicipality(input: { name: "Anderdorp", code: "GM9903" }) { id } }`, {}, admin);
      const callers = {
        partner: await stack.token({ role: Role.PARTNER, scope: createPartnerAssociation.id }),
        otherOfficer: await stack.token({ role: Role.POLICY_OFFICER, scope: other.id }),
        anonymous: undefined,
      };
      for (const [who, token] of Object.entries(callers)) {
        const response = await stack.request(COVERAGE_CHANGE, { id: municipalityId, since: quarterAgo }, token);
        expect(response.data?.municipality.readinessChange, who).toEqual({ volunteerCount: 1, coverageChangeGeoJson: null });
        expect(
          response.errors?.map((error) => error.extensions?.code),
          who,
        ).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
        if (token) expect(response.errors?.[0]?.path?.join('.'), who).toBe('municipality.readinessChange.coverageChangeGeoJson');
        const history = await stack.request(HISTORY, { id: municipalityId, from: quarterAgo, to: today }, token);
        expect(history.errors, who).toBeUndefined();
        expect(history.data?.municipality.readinessHistory.days[0].volunteerCount, who).toBe(4);
      }
    });

    it('gives the history as CSV, what changed as CSV and the coverage change as GeoJSON, with the caller’s own credential', async () => {
      const base = stack.gateway.url.replace(/\/graphql$/, '');
      const get = (file: string, parameters: Record<string, string>, token?: string) =>
        fetch(`${base}/exports/${file}?${new URLSearchParams(parameters)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

      const history = await get('readiness-history.csv', { municipality: municipalityId, from: quarterAgo, to: addDays(quarterAgo, 1) }, policyOfficer);
      expect(history.status).toBe(200);
      expect(history.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await history.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines).toEqual([
        'date,volunteerCount,alertableVolunteerCountByDay,alertableVolunteerCountAtNight,volunteersLapsingWithinThreeMonths,aedCount,dispatchableAedCountByDay,dispatchableAedCountAtNight,twentyFourSevenAedCount,twentyFourSevenAedShare,dayCoveredPopulationShare,nightCoveredPopulationShare',
        `${quarterAgo},4,3,2,0,1,1,0,0,0,0.25,0`,
        // The missed date: empty cells, never zeros.
        `${addDays(quarterAgo, 1)},,,,,,,,,,,`,
      ]);

      const region = await get('readiness-change.csv', { region: regionId, since: quarterAgo }, policyOfficer);
      expect(region.status).toBe(200);
      const [header, row] = (await region.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      const cells = Object.fromEntries(header!.split(',').map((column, index) => [column, row!.split(',')[index]]));
      expect(cells).toMatchObject({ municipalityId, sinceDate: quarterAgo, untilDate: today, volunteerCountSince: '4', volunteerCountUntil: '5', volunteerCountChange: '1' });

      const map = await get('coverage-change.geojson', { municipality: municipalityId, since: quarterAgo }, policyOfficer);
      expect(map.status).toBe(200);
      expect(map.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      expect(((await map.json()) as { type: string }).type).toBe('FeatureCollection');
      // The per-cell map is the coordinators'; refused as in the graph.
      const partner = await stack.token({ role: Role.PARTNER, scope: '00000000-0000-4000-8000-000000000001' });
      expect((await get('coverage-change.geojson', { municipality: municipalityId, since: quarterAgo }, partner)).status).toBe(403);
      expect((await get('readiness-history.csv', { municipality: municipalityId, from: today, to: quarterAgo }, policyOfficer)).status).toBe(400);
      expect((await get('readiness-change.csv', { since: quarterAgo }, policyOfficer)).status).toBe(400);
    });

    it('answers a region municipality by municipality', async () => {
      const { securityRegion } = await stack.data(
        `query ($id: ID!, $since: LocalDate!) { securityRegion(id: $id) { readinessChange(since: $since) { municipalityId volunteerCount since { volunteerCount } until { volunteerCount } } } }`,
        { id: regionId, since: quarterAgo },
      );
      expect(securityRegion.readinessChange).toEqual([{ municipalityId, volunteerCount: 1, since: { volunteerCount: 4 }, until: { volunteerCount: 5 } }]);
      const history = await stack.data(
        `query ($id: ID!, $from: LocalDate!, $to: LocalDate!) { securityRegion(id: $id) { readinessHistory(from: $from, to: $to) { municipalityId dates volunteerCount } } }`,
        { id: regionId, from: quarterAgo, to: addDays(quarterAgo, 1) },
      );
      expect(history.securityRegion.readinessHistory).toEqual([{ municipalityId, dates: [quarterAgo, addDays(quarterAgo, 1)], volunteerCount: [4, null] }]);
    });
  });

  it('refuses bad periods and unknown municipalities with a clear code, computing nothing', async () => {
    const refusal = async (query: string, variables: Record<string, unknown>) => {
      const response = await stack.request(query, variables);
      expect(response.data?.municipality ?? null).toBeNull();
      return response.errors?.map((error) => ({ code: error.extensions?.code, reason: error.extensions?.reason, field: error.extensions?.field }));
    };
    expect(await refusal(HISTORY, { id: municipalityId, from: today, to: quarterAgo })).toEqual([{ code: 'BAD_USER_INPUT', reason: 'PERIOD_REVERSED', field: 'from' }]);
    expect(await refusal(HISTORY, { id: municipalityId, from: addDays(today, -1096), to: today })).toEqual([
      { code: 'BAD_USER_INPUT', reason: 'BEYOND_KEPT_HISTORY', field: 'from' },
    ]);
    expect(await refusal(HISTORY, { id: municipalityId, from: today, to: addDays(today, 1) })).toEqual([{ code: 'BAD_USER_INPUT', reason: 'PERIOD_IN_FUTURE', field: 'to' }]);
    expect(await refusal(HISTORY, { id: municipalityId, from: '2026-02-30', to: today })).toEqual([{ code: 'BAD_USER_INPUT', reason: undefined, field: 'from' }]);
    expect(await refusal(CHANGE, { id: municipalityId, since: addDays(today, 1), until: today })).toEqual([{ code: 'BAD_USER_INPUT', reason: 'PERIOD_REVERSED', field: 'since' }]);
    expect(await refusal(HISTORY, { id: '00000000-0000-4000-8000-000000000000', from: quarterAgo, to: today })).toEqual([
      { code: 'NOT_FOUND', reason: undefined, field: undefined },
    ]);
  });

  it('survives a restart: new instances run the due task once more and leave the date’s snapshot as it was taken', async () => {
    const before = (await stack.data(HISTORY, { id: municipalityId, from: today, to: today })).municipality.readinessHistory.days[0];
    await stopInstances();
    // The registers change after the snapshot: today's figures stay those taken.
    await stack.data(
      `mutation ($input: RegisterAedInput!) { registerAed(input: $input) { id } }`,
      {
        input: {
          municipalityId,
          location: { latitude: centreOf(W).lat, longitude: centreOf(W).lon - 0.003 },
          locationDescription: 'AED (24/7, new)',
          access: 'PUBLIC',
          availabilitySchedule: '24/7',
          batteryExpiresOn: isoDate(700),
          padsExpireOn: isoDate(700),
          lastCheckedOn: isoDate(-1),
        },
      },
      admin,
    );
    expect((await stack.data(`query ($id: ID!) { municipality(id: $id) { aedCount } }`, { id: municipalityId })).municipality.aedCount).toBe(3);
    const taken = lines.length;
    await makeSnapshotsDue();
    await startTwoInstancesEach(11);
    await waitForRuns(2);
    for (const { task } of TASKS) expect(ran(task), task).toHaveLength(2);
    // Historiedorp's date was taken; Anderdorp, created since, gets its first (it has no boundary, so no coverage).
    const again = lines.slice(taken).filter((line) => line.msg === 'readiness snapshots');
    expect(again.map((line) => [line.table, line.taken, line.alreadyTaken]).sort()).toEqual([
      ['aeds.readiness_day', 1, 1],
      ['incidents.readiness_day', 0, 1],
      ['volunteers.readiness_day', 1, 1],
    ]);
    const after = (await stack.data(HISTORY, { id: municipalityId, from: today, to: today })).municipality.readinessHistory.days[0];
    expect(after).toEqual(before);
    expect(await query('select count(*)::int as count from aeds.readiness_day where municipality_id = $1', [municipalityId])).toEqual([{ count: 2 }]);
  }, 120_000);
});
