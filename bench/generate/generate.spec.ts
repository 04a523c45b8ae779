/**
 * Keeps the generator honest: the same options give the same rows, and a
 * tiny data set loads into the subgraphs' real tables (as their migrations
 * define them today) and is found by the real GraphQL API through the gateway.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../common/auth.ts';
import { startTestStack, type TestStack } from '../../test/stack.ts';
import { generateAeds, type GeneratedAedPlace } from './aeds.ts';
import { generateCountry } from './country.ts';
import { generateIncidents, type VolunteerHome } from './incidents.ts';
import { loadDataset } from './load.ts';
import { utcToday, type GenerateOptions } from './options.ts';
import { generateOrganisation } from './organization.ts';
import { generateVolunteers } from './volunteers.ts';
import { LATEST_VERIFIED_CERTIFICATES } from '../../subgraphs/volunteers/certificates/latest-verified-certificate.ts';
import { UNREMINDED_RENEWALS } from '../../subgraphs/volunteers/renewal/unreminded-renewals.ts';

/** A digest of every row the generator makes for `options`. */
function fingerprint(options: GenerateOptions): { all: string; volunteers: string } {
  const all = createHash('sha256');
  const volunteers = createHash('sha256');
  const { organisation, tables } = generateOrganisation(generateCountry(options.seed), options.seed, options.today);
  all.update(JSON.stringify(tables));
  const homes = new Map<string, VolunteerHome[]>();
  for (const generated of generateVolunteers(organisation, { seed: options.seed, count: options.volunteers, today: options.today })) {
    volunteers.update(JSON.stringify(generated));
    const { id, municipality_id, home_latitude, home_longitude } = generated.volunteer as Record<string, never>;
    if (home_latitude !== null) homes.set(municipality_id, [...(homes.get(municipality_id) ?? []), { id, lat: home_latitude, lon: home_longitude, associationIds: [] }]);
  }
  const places = new Map<string, GeneratedAedPlace[]>();
  for (const generated of generateAeds(organisation, { seed: options.seed, count: options.aeds, today: options.today })) {
    all.update(JSON.stringify(generated));
    if (generated.fetchable) places.set(generated.aed.municipality_id as string, [...(places.get(generated.aed.municipality_id as string) ?? []), generated.fetchable]);
  }
  for (const generated of generateIncidents(organisation, homes, places, { ...options, count: options.incidents })) all.update(JSON.stringify(generated));
  const volunteerDigest = volunteers.digest('hex');
  all.update(volunteerDigest);
  return { all: all.digest('hex'), volunteers: volunteerDigest };
}

describe('synthetic data set', () => {
  const small: GenerateOptions = { seed: 11, volunteers: 400, aeds: 60, incidents: 20, historyDays: 30, today: '2026-03-02' };

  it('gives the same rows for the same options, and other rows for another seed', () => {
    expect(fingerprint(small)).toEqual(fingerprint(small));
    expect(fingerprint({ ...small, seed: 12 }).all).not.toBe(fingerprint(small).all);
  });

  it('keeps volunteers as they are when only the number of AEDs changes', () => {
    expect(fingerprint({ ...small, aeds: 10 }).volunteers).toBe(fingerprint(small).volunteers);
  });

  describe('loaded into the real tables', () => {
    const options: GenerateOptions = { seed: 7, volunteers: 2_000, aeds: 200, incidents: 30, historyDays: 30, today: utcToday() };
    const country = generateCountry(options.seed);
    // The municipality with the biggest town: where volunteers, AEDs and incidents are densest.
    const municipality = [...country.municipalities].sort((a, b) => b.towns[0]!.population - a.towns[0]!.population)[0]!;
    const town = municipality.towns[0]!;
    const region = country.regions.find((candidate) => candidate.id === municipality.regionId)!;
    let stack: TestStack;
    let rows: Record<string, number>;

    beforeAll(async () => {
      // With its workers: the incidents subgraph queues jobs (SMS) in the dispatch transaction.
      stack = await startTestStack();
      ({ rows } = await loadDataset(stack.databaseUrl, options));
    });

    afterAll(async () => {
      await stack?.close();
    });

    it('fills every subgraph', () => {
      expect(rows['organization.municipality']).toBe(340);
      expect(rows['volunteers.volunteer']).toBe(2_000);
      expect(rows['volunteers.candidate_position']).toBeGreaterThan(2_000);
      expect(rows['aeds.aed']).toBe(200);
      expect(rows['incidents.incident']).toBe(30);
      expect(rows['incidents.alert']).toBeGreaterThan(0);
    });

    it("leaves the certificates' kept tables as the running product keeps them, with nothing left to recheck", async () => {
      const client = new pg.Client({ connectionString: stack.databaseUrl });
      await client.connect();
      try {
        const { rows: kept } = await client.query<{ latest: number; latestWrong: number; unreminded: number; unremindedWrong: number; queued: number }>(
          `with expected_latest as (${LATEST_VERIFIED_CERTIFICATES}),
                expected_unreminded as (${UNREMINDED_RENEWALS})
           select (select count(*)::int from volunteers.latest_verified_certificate) as latest,
                  (select count(*)::int from (select * from expected_latest except select * from volunteers.latest_verified_certificate) missing) as "latestWrong",
                  (select count(*)::int from volunteers.renewal_unreminded) as unreminded,
                  (select count(*)::int from (select * from expected_unreminded except select * from volunteers.renewal_unreminded) missing) as "unremindedWrong",
                  (select count(*)::int from volunteers.renewal_recheck) as queued`,
        );
        expect(kept[0]).toMatchObject({ latestWrong: 0, unremindedWrong: 0, queued: 0 });
        expect(kept[0]!.latest).toBeGreaterThan(1_000);
        expect(kept[0]!.unreminded).toBeGreaterThan(1_000);
        // The triggers keep the tables again after the load: a volunteer's new certificate is in them.
        const { rows: volunteers } = await client.query<{ id: string }>(`select id from volunteers.volunteer where status = 'ACTIVE' order by id limit 1`);
        await client.query(
          `insert into volunteers.training_certificate (id, volunteer_id, type, name, course_date, valid_until, verified_at, verified_by, recorded_by, created_at)
           values (gen_random_uuid(), $1, 'CPR_AED', 'Reanimatie', current_date, current_date + 3000, now(), 'test', 'test', now())`,
          [volunteers[0]!.id],
        );
        const { rows: after } = await client.query<{ valid_until: string; queued: number }>(
          `select (select valid_until::text from volunteers.latest_verified_certificate where volunteer_id = $1) as valid_until,
                  (select count(*)::int from volunteers.renewal_recheck where volunteer_id = $1) as queued`,
          [volunteers[0]!.id],
        );
        expect(after[0]).toMatchObject({ valid_until: expect.any(String), queued: 1 });
        expect(new Date(after[0]!.valid_until).getTime()).toBeGreaterThan(Date.now() + 2_900 * 86_400_000);
      } finally {
        await client.end();
      }
    });

    it('answers a municipality across subgraphs with the counts the tables hold', async () => {
      const client = new pg.Client({ connectionString: stack.databaseUrl });
      await client.connect();
      const counts = await client
        .query<{ volunteers: number; aeds: number }>(
          `select (select count(*)::int from volunteers.volunteer where municipality_id = $1 and status <> 'DELETED') as volunteers,
                  (select count(*)::int from aeds.aed where municipality_id = $1) as aeds`,
          [municipality.id],
        )
        .finally(() => client.end());
      const { municipality: answer, municipalities } = await stack.data(
        `query ($id: ID!) { municipalities { id } municipality(id: $id) { name region { code } volunteerCount aedCount aeds { id availabilitySchedule } } }`,
        { id: municipality.id },
        await stack.adminToken(),
      );
      expect(municipalities).toHaveLength(340);
      expect(answer).toMatchObject({ name: municipality.name, region: { code: region.code }, volunteerCount: counts.rows[0]!.volunteers, aedCount: counts.rows[0]!.aeds });
      expect(counts.rows[0]!.volunteers).toBeGreaterThan(0);
    });

    it('lets a generated volunteer report their position, and judges them by the one rule', async () => {
      const client = new pg.Client({ connectionString: stack.databaseUrl });
      await client.connect();
      const {
        rows: [volunteer],
      } = await client
        .query<{ id: string }>(`select id::text from volunteers.volunteer where status = 'ACTIVE' and location_sharing order by id limit 1`)
        .finally(() => client.end());
      const token = await stack.token({ role: Role.VOLUNTEER, scope: volunteer!.id });
      const { updateMyLocation } = await stack.data(
        `mutation ($position: GeoPointInput!) { updateMyLocation(position: $position) { reportedAt } }`,
        { position: { latitude: town.latitude, longitude: town.longitude } },
        token,
      );
      const { myVolunteer } = await stack.data(`{ myVolunteer { id alertableAt { alertable reasons } } }`, {}, token);
      expect(myVolunteer.id).toBe(volunteer!.id);
      expect(myVolunteer.alertableAt.alertable).toBe(myVolunteer.alertableAt.reasons.length === 0);
      expect(updateMyLocation.reportedAt).toBeTruthy();
    });

    it('finds AEDs and alerts volunteers near the biggest town, and lists the incident history', async () => {
      const location = { latitude: town.latitude, longitude: town.longitude };
      const { nearestDispatchableAeds } = await stack.data(
        `query ($location: GeoPointInput!) { nearestDispatchableAeds(location: $location, radiusMeters: 20000, limit: 5) { aed { id } distanceMeters } }`,
        { location },
      );
      expect(nearestDispatchableAeds.length).toBeGreaterThan(0);

      const dispatcher = await stack.token({ role: Role.DISPATCHER, scope: region.ambulanceServiceId });
      const { reportIncident } = await stack.data(
        `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id alerts { id task } } }`,
        { input: { dispatchReference: 'SPEC-1', location, address: 'Kerkstraat 1, Plaats', callReceivedAt: new Date().toISOString() } },
        dispatcher,
      );
      expect(reportIncident.alerts.length).toBeGreaterThan(0);

      const { incidents } = await stack.data(`{ incidents(first: 40) { dispatchReference status } }`, {}, await stack.adminToken());
      expect(incidents.filter((incident: { dispatchReference: string }) => incident.dispatchReference.startsWith('HIST-'))).toHaveLength(30);
    });
  });
});
