/**
 * Six-minute coverage through the gateway on a small hand-made map whose answer is
 * worked out by hand. The municipality is five H3 cells (resolution 9) a
 * few kilometres apart, so that nothing near one reaches another: its
 * boundary is a small square around each cell's centre.
 *
 *   X   two volunteers west of it (300 m and 500 m) and a 24/7 AED between
 *       them (200 m): the farther one fetches it on the way (500 m, 283 s).
 *       Covered every hour.
 *   Y   the same, but its AED is in an office (Mo-Fr 08:00-18:00): covered
 *       on weekdays from 08:00 to 17:59 (hours starting 08–17, 50 of the
 *       week), never at night. Volunteers every hour.
 *   Z1, Z2  neighbouring cells, two volunteers beyond Z1 on the line from
 *       Z2 through Z1 (100 m and 200 m past Z1), no AED: volunteers every
 *       hour, never an AED. An AED at Z1's centre lies on the way to both
 *       cells, one at Z2's only helps Z2.
 *   W   nobody and nothing.
 *
 * The region's policy asks for one volunteer (enoughAcceptances 1), the
 * rest default: 2.3 m/s, detour factor 1.3, so six minutes is 637 m.
 * Nights (23:00–07:00) have 56 hours: X is covered in all of them, the
 * other four cells in none (night coverage 1/5). The obvious gap is Z1: an
 * AED there covers Z1 and Z2 at night (+2/5); then Y (+1/5).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { Role } from '../common/auth.ts';
import { projectRoot } from '../common/config.ts';
import { destinationPoint, distanceMeters, offsetMeters, type LatLon } from '../common/earth.ts';
import { isoDate } from './incidents-world.ts';
import { CreateMunicipalityDocument, CreateWorkingGroupDocument, RegisterAedDocument } from './operations/generated.ts';
import { createPeerClient } from '../common/peers.ts';
import { CoveragePeers, type WeeklyArea } from '../subgraphs/incidents/peers.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';
import { certify, registerVolunteer, registration } from './volunteers-fixture.ts';

const RESOLUTION = 9;
const BASE: LatLon = { lat: 51.5794, lon: 5.1893 };

const centreOf = (cell: string): LatLon => {
  const [lat, lon] = cellToLatLng(cell);
  return { lat, lon };
};
const cellAt = (point: LatLon) => latLngToCell(point.lat, point.lon, RESOLUTION);

const X = cellAt(BASE);
const Y = cellAt(offsetMeters(BASE, 0, 3000));
const Z1 = cellAt(offsetMeters(BASE, 0, 6000));
const Z2 = gridDisk(Z1, 1)
  .filter((cell) => cell !== Z1)
  .sort()[0]!;
const W = cellAt(offsetMeters(BASE, 0, 9000));
const CELLS = [X, Y, Z1, Z2, W];

/** A square of ±40 m around each cell's centre: each holds that centre and no other. */
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

/** The bearing from `from` to `to`, degrees from north. */
function bearing(from: LatLon, to: LatLon): number {
  const φ1 = (from.lat * Math.PI) / 180;
  const φ2 = (to.lat * Math.PI) / 180;
  const Δλ = ((to.lon - from.lon) * Math.PI) / 180;
  return (Math.atan2(Math.sin(Δλ) * Math.cos(φ2), Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ)) * 180) / Math.PI;
}

const COVERAGE = `query ($id: ID!, $hour: Int, $fresh: Boolean! = false) {
  municipality(id: $id) {
    sixMinuteCoverage(fresh: $fresh) {
      weekStartsOn timeZone resolution cellCount minimumVolunteers limitSeconds stale
      coveredShare dayCoveredShare nightCoveredShare populationCoveredShare
      hours { hourOfWeek startsAt night coveredCells coveredShare volunteerCoveredShare aedCoveredShare }
      worstHours(count: 3) { hourOfWeek coveredShare }
      worstPlaces(count: 3) { cell coveredHours volunteerCoveredHours aedCoveredHours }
      cells { cell centre { latitude longitude } coveredHours dayCoveredHours nightCoveredHours volunteerCoveredHours aedCoveredHours coveredHourMask }
      geoJson(hourOfWeek: $hour)
    }
  }
}`;

const SUGGESTIONS = `query ($id: ID!) {
  municipality(id: $id) {
    aedPlacementSuggestions(count: 3) {
      stale nightCoveredShare
      suggestions { rank cell location { latitude longitude } nightCoveredShareGain nightCoveredShareAfter nightCellHoursGained }
    }
  }
}`;

/** Monday 10:00 and Monday 03:00, as hours of the week. */
const MONDAY_10 = 10;
const MONDAY_03 = 3;

describe('coverage: six-minute coverage and where the next AED should go', () => {
  let stack: TestStack;
  let admin: string;
  let municipalityId: string;
  let officeAedId: string;
  let policyOfficer: string;
  let workingGroupId: string;
  const volunteerIds: string[] = [];
  let xAedId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = await stack.adminToken();
    const { createSecurityRegion: region } = await stack.data(`mutation { createSecurityRegion(input: { name: "Readiness region", code: "VRRD" }) { id } }`, {}, admin);
    await stack.data(`mutation ($id: ID!) { setDispatchPolicy(input: { securityRegionId: $id, dispatch: { enoughAcceptances: 1 } }) { version } }`, { id: region.id }, admin);
    const { createMunicipality } = await stack.data(
      CreateMunicipalityDocument,
      { input: { name: 'Kaartdorp', code: 'GM9901', regionId: region.id, boundary: boundary(), population: 5000 } },
      admin,
    );
    municipalityId = createMunicipality.id;
    policyOfficer = await stack.token({ role: Role.POLICY_OFFICER, scope: municipalityId });
    const { createWorkingGroup } = await stack.data(CreateWorkingGroupDocument, { input: { name: 'Hartveilig Kaartdorp', municipalityIds: [municipalityId] } }, admin);
    workingGroupId = createWorkingGroup.id;

    const volunteer = async (at: LatLon) => {
      const id: string = await registerVolunteer(
        stack,
        admin,
        registration(municipalityId, {
          homeAddress: { street: 'Kaartweg', houseNumber: '1', postalCode: '5061 HK', city: 'Kaartdorp', position: { latitude: at.lat, longitude: at.lon } },
        }),
      );
      await certify(stack, admin, id, { courseDate: isoDate(-30) });
      volunteerIds.push(id);
    };
    const aed = async (at: LatLon, schedule: string) => {
      const { registerAed } = await stack.data(
        RegisterAedDocument,
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
      return registerAed.id as string;
    };
    for (const [cell, schedule] of [
      [X, '24/7'],
      [Y, 'Mo-Fr 08:00-18:00'],
    ] as const) {
      const centre = centreOf(cell);
      await volunteer(offsetMeters(centre, 0, -300));
      await volunteer(offsetMeters(centre, 0, -500));
      const id = await aed(offsetMeters(centre, 0, -200), schedule);
      if (cell === Y) officeAedId = id;
      else xAedId = id;
    }
    const z1 = centreOf(Z1);
    const away = bearing(centreOf(Z2), z1);
    await volunteer(destinationPoint(z1, away, 100));
    await volunteer(destinationPoint(z1, away, 200));
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('has the map it means to have', () => {
    expect(new Set(CELLS).size).toBe(5);
    // Far enough apart that nothing near one cell reaches another, but Z1 and Z2 are neighbours.
    expect(distanceMeters(centreOf(X), centreOf(Y))).toBeGreaterThan(2500);
    expect(distanceMeters(centreOf(Z1), centreOf(Z2))).toBeLessThan(400);
  });

  it('covers each cell in the hours worked out by hand', async () => {
    const { municipality } = await stack.data(COVERAGE, { id: municipalityId, hour: MONDAY_10 }, policyOfficer);
    const coverage = municipality.sixMinuteCoverage;
    expect(coverage).toMatchObject({ resolution: 9, cellCount: 5, minimumVolunteers: 1, limitSeconds: 360, timeZone: 'Europe/Amsterdam', stale: false });
    const byCell = Object.fromEntries(coverage.cells.map((cell: any) => [cell.cell, cell]));
    expect(Object.keys(byCell).sort()).toEqual([...CELLS].sort());
    expect(byCell[X]).toMatchObject({ coveredHours: 168, nightCoveredHours: 56, dayCoveredHours: 112, volunteerCoveredHours: 168, aedCoveredHours: 168 });
    // The office AED: weekdays, hours starting 08:00 to 17:00; never at night.
    expect(byCell[Y]).toMatchObject({ coveredHours: 50, dayCoveredHours: 50, nightCoveredHours: 0, volunteerCoveredHours: 168, aedCoveredHours: 50 });
    for (const cell of [Z1, Z2]) expect(byCell[cell]).toMatchObject({ coveredHours: 0, volunteerCoveredHours: 168, aedCoveredHours: 0 });
    expect(byCell[W]).toMatchObject({ coveredHours: 0, volunteerCoveredHours: 0, aedCoveredHours: 0 });

    const hours = coverage.hours;
    expect(hours).toHaveLength(168);
    expect(hours[MONDAY_10]).toMatchObject({ night: false, coveredCells: 2, coveredShare: 0.4, volunteerCoveredShare: 0.8, aedCoveredShare: 0.4 });
    expect(hours[MONDAY_03]).toMatchObject({ night: true, coveredCells: 1, coveredShare: 0.2, aedCoveredShare: 0.2 });
    // Saturday 10:00: the office is closed.
    expect(hours[5 * 24 + 10]).toMatchObject({ coveredCells: 1 });
    expect(new Date(hours[0].startsAt).getTime()).toBeLessThan(new Date(hours[1].startsAt).getTime());

    expect(coverage.nightCoveredShare).toBeCloseTo(1 / 5, 10);
    expect(coverage.dayCoveredShare).toBeCloseTo((112 + 50) / (5 * 112), 10);
    expect(coverage.coveredShare).toBeCloseTo((168 + 50) / (5 * 168), 10);
    expect(coverage.populationCoveredShare).toBeCloseTo(coverage.coveredShare, 10);
    expect(coverage.worstHours).toEqual([
      { hourOfWeek: 0, coveredShare: 0.2 },
      { hourOfWeek: 1, coveredShare: 0.2 },
      { hourOfWeek: 2, coveredShare: 0.2 },
    ]);
    // Uncovered, and among those first the ones with volunteers (where one AED helps).
    expect(coverage.worstPlaces.map((place: any) => place.cell)).toEqual([...[Z1, Z2].sort(), W]);
  });

  it('gives the grid as a GeoJSON FeatureCollection of hexagons with the counts, and one hour when asked', async () => {
    const monday10 = (await stack.data(COVERAGE, { id: municipalityId, hour: MONDAY_10 }, policyOfficer)).municipality.sixMinuteCoverage.geoJson;
    expect(monday10.type).toBe('FeatureCollection');
    expect(monday10.features).toHaveLength(5);
    for (const feature of monday10.features) {
      expect(feature.type).toBe('Feature');
      expect(feature.geometry.type).toBe('Polygon');
      const [ring] = feature.geometry.coordinates;
      // A hexagon: six corners and the first again, [longitude, latitude].
      expect(ring).toHaveLength(7);
      expect(ring[0]).toEqual(ring[6]);
      const [longitude, latitude] = ring[0];
      expect(Math.abs(latitude - BASE.lat)).toBeLessThan(0.1);
      expect(Math.abs(longitude - BASE.lon)).toBeLessThan(0.2);
      expect(Object.keys(feature.properties).sort()).toEqual(
        [
          'aed',
          'aedCoveredHours',
          'cell',
          'covered',
          'coveredHourMask',
          'coveredHours',
          'dayCoveredHours',
          'nightCoveredHours',
          'population',
          'volunteerCoveredHours',
          'volunteers',
        ].sort(),
      );
      expect(feature.properties.population).toBe(1000);
    }
    const covered = (collection: any) => Object.fromEntries(collection.features.map((feature: any) => [feature.properties.cell, feature.properties.covered]));
    expect(covered(monday10)).toEqual({ [X]: true, [Y]: true, [Z1]: false, [Z2]: false, [W]: false });
    const monday03 = (await stack.data(COVERAGE, { id: municipalityId, hour: MONDAY_03 }, policyOfficer)).municipality.sixMinuteCoverage.geoJson;
    expect(covered(monday03)).toEqual({ [X]: true, [Y]: false, [Z1]: false, [Z2]: false, [W]: false });
    // Counts and cells only: nobody's position or id.
    expect(JSON.stringify(monday10)).not.toMatch(/volunteerId|volunteerKey|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('suggests the obvious gap first, then the next, each with the night coverage it adds', async () => {
    const { municipality } = await stack.data(SUGGESTIONS, { id: municipalityId }, policyOfficer);
    const { nightCoveredShare, suggestions } = municipality.aedPlacementSuggestions;
    expect(nightCoveredShare).toBeCloseTo(1 / 5, 10);
    expect(suggestions.map((suggestion: any) => suggestion.cell)).toEqual([Z1, Y]);
    expect(suggestions[0]).toMatchObject({ rank: 1, nightCellHoursGained: 112 });
    expect(suggestions[0].nightCoveredShareGain).toBeCloseTo(2 / 5, 10);
    expect(suggestions[0].nightCoveredShareAfter).toBeCloseTo(3 / 5, 10);
    expect(suggestions[1]).toMatchObject({ rank: 2, nightCellHoursGained: 56 });
    expect(suggestions[1].nightCoveredShareAfter).toBeCloseTo(4 / 5, 10);
    expect(suggestions[0].location.latitude).toBeCloseTo(centreOf(Z1).lat, 9);
  });

  it('serves the kept coverage as stale when a schedule changes, and the new one when asked to wait', async () => {
    await stack.data(`mutation ($id: ID!) { updateAed(id: $id, input: { availabilitySchedule: "24/7" }) { id } }`, { id: officeAedId }, admin);
    const stale = (await stack.data(COVERAGE, { id: municipalityId }, policyOfficer)).municipality.sixMinuteCoverage;
    expect(stale.stale).toBe(true);
    const fresh = (await stack.data(COVERAGE, { id: municipalityId, fresh: true }, policyOfficer)).municipality.sixMinuteCoverage;
    expect(fresh.stale).toBe(false);
    const y = fresh.cells.find((cell: any) => cell.cell === Y);
    expect(y).toMatchObject({ coveredHours: 168, nightCoveredHours: 56 });
    expect(fresh.nightCoveredShare).toBeCloseTo(2 / 5, 10);
    await stack.data(`mutation ($id: ID!) { updateAed(id: $id, input: { availabilitySchedule: "Mo-Fr 08:00-18:00" }) { id } }`, { id: officeAedId }, admin);
  });

  it('reuses the kept coverage while nothing it is made from changed, and not once a volunteer moves or an AED changes in the area', async () => {
    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const computedAt = async () =>
        (await db.query<{ at: string }>('select computed_at::text as at from incidents.readiness_coverage where municipality_id = $1', [municipalityId])).rows.map((row) => row.at);
      const coverage = async (fresh = false) => (await stack.data(COVERAGE, { id: municipalityId, fresh }, policyOfficer)).municipality.sixMinuteCoverage;
      expect((await coverage(true)).stale).toBe(false);
      const kept = await computedAt();
      expect(kept).toHaveLength(1);
      // Nothing changed: the fingerprints match, the kept coverage is served as current and not computed again.
      expect((await coverage()).stale).toBe(false);
      expect((await coverage()).stale).toBe(false);
      expect(await computedAt()).toEqual(kept);

      // A volunteer's home 50 m further from X: their position changed, so the kept coverage no longer is current.
      const home = offsetMeters(centreOf(X), 0, -550);
      await stack.data(
        `mutation ($id: ID!, $input: UpdateVolunteerInput!) { updateVolunteer(id: $id, input: $input) { id } }`,
        {
          id: volunteerIds[1],
          input: { homeAddress: { street: 'Kaartweg', houseNumber: '2', postalCode: '5061 HK', city: 'Kaartdorp', position: { latitude: home.lat, longitude: home.lon } } },
        },
        admin,
      );
      expect((await coverage()).stale).toBe(true);
      expect((await coverage(true)).stale).toBe(false);
      const afterMove = await computedAt();
      expect(afterMove).not.toEqual(kept);
      expect((await coverage()).stale).toBe(false);

      // An AED in the area with new pads (a column dispatch does not even need this week): still a change to what the coverage read.
      await stack.data(`mutation ($id: ID!, $on: LocalDate!) { updateAed(id: $id, input: { padsExpireOn: $on }) { id } }`, { id: xAedId, on: isoDate(650) }, admin);
      expect((await coverage()).stale).toBe(true);
      expect((await coverage(true)).stale).toBe(false);
      expect(await computedAt()).not.toEqual(afterMove);
    } finally {
      await db.end();
    }
  });

  it('asks the fingerprints of many areas in one request, each as it is when asked alone (how the daily snapshot checks)', async () => {
    const peers = new CoveragePeers(createPeerClient(Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])), TEST_SECRETS.gatewaySecret));
    const around = (cell: string, degrees: number) => {
      const centre = centreOf(cell);
      return { south: centre.lat - degrees, north: centre.lat + degrees, west: centre.lon - 2 * degrees, east: centre.lon + 2 * degrees };
    };
    const areas: WeeklyArea[] = [
      { area: around(X, 0.01), weekOf: isoDate(0), timeZone: 'Europe/Amsterdam' },
      { area: around(Y, 0.01), weekOf: isoDate(0), timeZone: 'Europe/Amsterdam' },
      { area: around(X, 0.01), weekOf: isoDate(7), timeZone: 'Europe/Amsterdam' },
      { area: around(W, 0.001), weekOf: isoDate(0), timeZone: 'Europe/Amsterdam' },
    ];
    const volunteers = await peers.volunteerFingerprints(areas);
    expect(volunteers).toEqual(await Promise.all(areas.map((area) => peers.volunteerFingerprint(area))));
    expect(new Set(volunteers).size).toBe(areas.length);
    const aeds = await peers.aedFingerprints(areas);
    expect(aeds).toEqual(await Promise.all(areas.map((area) => peers.aedFingerprint(area))));
    expect(new Set(aeds).size).toBe(areas.length);
  });

  it('counts alertable volunteers and dispatchable AEDs for every hour of the week', async () => {
    const { municipality } = await stack.data(
      `query ($id: ID!) { municipality(id: $id) { alertableVolunteerCountsByHour { hourOfWeek count } dispatchableAedCountsByHour { hourOfWeek count } } }`,
      { id: municipalityId },
    );
    expect(municipality.alertableVolunteerCountsByHour).toHaveLength(168);
    expect(new Set(municipality.alertableVolunteerCountsByHour.map((hour: any) => hour.count))).toEqual(new Set([6]));
    const aeds = municipality.dispatchableAedCountsByHour.map((hour: any) => hour.count);
    expect(aeds[MONDAY_10]).toBe(2);
    expect(aeds[MONDAY_03]).toBe(1);
    expect(aeds.filter((count: number) => count === 2)).toHaveLength(50);
  });

  it('shows coverage to the municipality’s coordinators and ADMIN only', async () => {
    const other = await stack.token({ role: Role.POLICY_OFFICER, scope: '00000000-0000-4000-8000-000000000001' });
    const refused = await stack.request(COVERAGE, { id: municipalityId }, other);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const partner = await stack.token({ role: Role.PARTNER, scope: '00000000-0000-4000-8000-000000000002' });
    expect((await stack.request(SUGGESTIONS, { id: municipalityId }, partner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.request(COVERAGE, { id: municipalityId })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const byAdmin = await stack.data(COVERAGE, { id: municipalityId }, admin);
    expect(byAdmin.municipality.sixMinuteCoverage.cellCount).toBe(5);
    // A chair of a working group covering the municipality may too.
    const chair = await stack.token({ role: Role.CHAIR, scope: workingGroupId });
    const byChair = await stack.data(
      `query ($id: ID!) { workingGroup(id: $id) { municipalities { sixMinuteCoverage(fresh: true) { nightCoveredShare } } } }`,
      { id: workingGroupId },
      chair,
    );
    expect(byChair.workingGroup.municipalities[0].sixMinuteCoverage.nightCoveredShare).toBeCloseTo(1 / 5, 10);
    // A resolution that is not offered is the caller's mistake.
    const tooFine = await stack.request(`query ($id: ID!) { municipality(id: $id) { sixMinuteCoverage(resolution: 12) { cellCount } } }`, { id: municipalityId }, admin);
    expect(tooFine.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers docs/coverage.md’s “are we ready tonight?” query for the working group’s chair', async () => {
    const coverageDoc = await fs.readFile(path.join(projectRoot, 'docs', 'coverage.md'), 'utf8');
    const query = /<!-- are-we-ready-tonight -->\s*```graphql\n([\s\S]*?)```/.exec(coverageDoc)?.[1];
    expect(query).toBeDefined();
    const chair = await stack.token({ role: Role.CHAIR, scope: workingGroupId });
    const tonight = new Date(Date.now() + 86_400_000);
    tonight.setUTCHours(1, 0, 0, 0);
    const { workingGroup } = await stack.data(query!, { workingGroupId, tonight: tonight.toISOString() }, chair);
    expect(workingGroup.alertableVolunteerCount).toBe(6);
    expect(workingGroup.problemReports).toEqual([]);
    const [municipality] = workingGroup.municipalities;
    expect(municipality).toMatchObject({ name: 'Kaartdorp', alertableVolunteerCount: 6, dispatchableAedCount: 1, twentyFourSevenAedShare: 0.5 });
    expect(municipality.sixMinuteCoverage.worstHours).toHaveLength(3);
    expect(municipality.sixMinuteCoverage.worstPlaces).toHaveLength(3);
    expect(municipality.aedPlacementSuggestions.suggestions.map((suggestion: any) => suggestion.rank)).toEqual([1, 2]);
  });
});
