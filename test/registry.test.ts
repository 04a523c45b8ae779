/**
 * The registry stays true (issue 17), through the gateway: codes checked
 * against their standards and correctable, with the other subgraphs' copies
 * following; volunteers reachable on a mobile number. The import's matching
 * is in volunteers-dispatch.test.ts, next to the import's other tests.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { createPeerClient } from '../common/peers.ts';
import { refreshAedMunicipalityFacts } from '../subgraphs/aeds/organization/municipality-sync.ts';
import { allMunicipalityFacts } from '../subgraphs/aeds/peers.ts';
import { refreshMunicipalitySettings } from '../subgraphs/volunteers/organization/municipality-sync.ts';
import { allMunicipalitySettings } from '../subgraphs/volunteers/peers.ts';
import { CreatePartnerAssociationDocument, CreateSecurityRegionDocument, JoinMunicipalityDocument, RegisterAedDocument } from './operations/generated.ts';
import { createOrganisation, square, unique, type Organisation } from './organization-fixture.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';
import { REGISTER, registerVolunteer, registration } from './volunteers-fixture.ts';

let stack: TestStack;
let org: Organisation;
let admin: string;
let db: pg.Client;

beforeAll(async () => {
  stack = await startTestStack({ workers: false });
  org = await createOrganisation(stack);
  admin = org.admin;
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await stack?.close();
});

/** The first error's message and extensions, or undefined when there was none. */
async function errorOf(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await stack.request(query, variables, token);
  const error = response.errors?.[0];
  return error && { message: error.message, ...error.extensions };
}

const CREATE_MUNICIPALITY = `mutation ($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { id code countryCode } }`;
const UPDATE_MUNICIPALITY = `mutation ($id: ID!, $input: UpdateMunicipalityInput!) { updateMunicipality(id: $id, input: $input) { id code countryCode } }`;

/** A municipality of its own, away from the fixture's, with `input` over the defaults. */
let nextLongitude = 7;
async function createMunicipality(input: Record<string, unknown> = {}) {
  nextLongitude += 0.1;
  const { createMunicipality } = await stack.data(
    CREATE_MUNICIPALITY,
    { input: { name: 'Testdorp', code: `GM9${unique()}`, boundary: { type: 'Polygon', coordinates: [square(nextLongitude, 52, 0.05)] }, ...input } },
    admin,
  );
  return createMunicipality as { id: string; code: string; countryCode: string };
}

async function municipalityCount(): Promise<number> {
  return (await db.query('select count(*)::int as n from organization.municipality')).rows[0].n;
}

describe('country codes (ISO 3166-1 alpha-2)', () => {
  it.each([
    ['XX', '"XX" is not an ISO 3166-1 alpha-2 country code (an officially assigned one such as NL, SE or DK).'],
    ['UK', 'UK is not an ISO 3166-1 code; use GB.'],
    ['nl', 'country codes are written in capitals: NL.'],
  ])('refuse %s for a new municipality, naming the field, writing nothing', async (countryCode, message) => {
    const before = await municipalityCount();
    const input = { name: 'Nergens', code: `GM9${unique()}`, countryCode };
    expect(await errorOf(CREATE_MUNICIPALITY, { input }, admin)).toMatchObject({ message, code: 'BAD_USER_INPUT', field: 'countryCode', reason: 'INVALID_COUNTRY_CODE' });
    expect(await municipalityCount()).toBe(before);
  });

  it('can be corrected with the code by ADMIN, and the volunteers’ and AEDs’ copies follow', async () => {
    const municipality = await createMunicipality({ countryCode: 'BE' });
    const { registerAed } = await stack.data(
      `mutation ($input: RegisterAedInput!) { registerAed(input: $input) { id countryCode } }`,
      { input: { municipalityId: municipality.id, locationDescription: 'Dorpshuis', location: { latitude: 52.02, longitude: nextLongitude + 0.02 } } },
      admin,
    );
    expect(registerAed.countryCode).toBe('BE');
    const home = { street: 'Dorpsstraat', houseNumber: '1', postalCode: '1234 AB', city: 'Testdorp', position: { latitude: 52.02, longitude: nextLongitude + 0.02 } };
    const volunteerId = await registerVolunteer(stack, admin, registration(municipality.id, { homeAddress: home }));

    const code = `GM8${unique()}`;
    const { updateMunicipality } = await stack.data(UPDATE_MUNICIPALITY, { id: municipality.id, input: { countryCode: 'NL', code } }, admin);
    expect(updateMunicipality).toEqual({ id: municipality.id, code, countryCode: 'NL' });

    const peers = createPeerClient({ organization: stack.subgraphs.organization.url }, TEST_SECRETS.gatewaySecret);
    expect(await refreshAedMunicipalityFacts(stack.subgraphs.aeds.orm.em.fork(), await allMunicipalityFacts(peers), new Date())).toBeGreaterThanOrEqual(1);
    await refreshMunicipalitySettings(stack.subgraphs.volunteers.orm.em.fork(), await allMunicipalitySettings(peers), new Date());
    const { aed } = await stack.data(`query ($id: ID!) { aed(id: $id) { countryCode } }`, { id: registerAed.id }, admin);
    expect(aed.countryCode).toBe('NL');
    const { rows } = await db.query('select country_code from volunteers.volunteer where id = $1', [volunteerId]);
    expect(rows).toEqual([{ country_code: 'NL' }]);
  });

  it('refuses a wrong correction, a taken code and a policy officer’s correction, changing nothing', async () => {
    const municipality = await createMunicipality({ countryCode: 'SE', timeZone: 'Europe/Stockholm' });
    const taken = await createMunicipality();
    expect(await errorOf(UPDATE_MUNICIPALITY, { id: municipality.id, input: { countryCode: 'UK', name: 'Annat namn' } }, admin)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'countryCode',
      message: 'UK is not an ISO 3166-1 code; use GB.',
    });
    expect(await errorOf(UPDATE_MUNICIPALITY, { id: municipality.id, input: { code: taken.code, countryCode: 'DK' } }, admin)).toMatchObject({
      code: 'CONFLICT',
      field: 'code',
    });
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: municipality.id });
    expect(await errorOf(UPDATE_MUNICIPALITY, { id: municipality.id, input: { countryCode: 'DK' } }, officer)).toMatchObject({ code: 'FORBIDDEN' });
    const { municipality: after } = await stack.data(`query ($id: ID!) { municipality(id: $id) { name code countryCode } }`, { id: municipality.id });
    expect(after).toEqual({ name: 'Testdorp', code: municipality.code, countryCode: 'SE' });
  });
});

describe('municipality boundaries', () => {
  it('may touch a neighbour’s but not overlap it: BAD_USER_INPUT naming the one overlapped, nothing written', async () => {
    // Far from the other tests' municipalities.
    const x = 20;
    const west = await createMunicipality({ name: 'Westdorp', boundary: { type: 'Polygon', coordinates: [square(x, 52, 0.1)] } });
    const east = await createMunicipality({ name: 'Oostdorp', boundary: { type: 'Polygon', coordinates: [square(x + 0.1, 52, 0.1)] } });
    const before = await municipalityCount();
    const overlapping = { type: 'Polygon', coordinates: [square(x + 0.02, 52.02, 0.05)] };
    const refused = await errorOf(CREATE_MUNICIPALITY, { input: { name: 'Tussendorp', code: `GM9${unique()}`, boundary: overlapping } }, admin);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'boundary', reason: 'BOUNDARY_OVERLAP', municipalityId: west.id });
    expect(refused!.message).toMatch(
      new RegExp(
        `^The boundary overlaps that of Westdorp \\(${west.code}\\), e\\.g\\. at latitude 52\\.\\d+, longitude \\d+\\.\\d+; neighbouring boundaries may touch but not overlap\\.$`,
      ),
    );
    expect(await municipalityCount()).toBe(before);

    const UPDATE = `mutation ($id: ID!, $b: GeoJSON) { updateMunicipality(id: $id, input: { boundary: $b }) { id } }`;
    expect(await errorOf(UPDATE, { id: east.id, b: { type: 'Polygon', coordinates: [square(x + 0.09, 52, 0.1)] } }, admin)).toMatchObject({
      code: 'BAD_USER_INPUT',
      municipalityId: west.id,
    });
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { boundary } }`, { id: east.id });
    expect(municipality.boundary).toEqual({ type: 'Polygon', coordinates: [square(x + 0.1, 52, 0.1)] });
    // Its own boundary, moved a little within itself, overlaps nobody.
    await stack.data(UPDATE, { id: east.id, b: { type: 'Polygon', coordinates: [square(x + 0.1, 52, 0.08)] } }, admin);
  });
});

describe('places inside their municipality', () => {
  /** Uppsala, Sweden: about 1,000 km from the Dutch test municipalities. */
  const UPPSALA = { latitude: 59.8586, longitude: 17.6389 };
  const REGISTER_AED = `mutation ($input: RegisterAedInput!) { registerAed(input: $input) { id locationOutsideMunicipality { reason by distanceMeters } } }`;
  const aedCount = async () => (await db.query('select count(*)::int as n from aeds.aed')).rows[0].n;

  it('refuse a volunteer’s home far outside the municipality, and accept it with a reason, recording who and why', async () => {
    const municipality = await createMunicipality();
    const far = registration(municipality.id, { homeAddress: { street: 'Dragarbrunnsgatan', houseNumber: '1', postalCode: '753 20', city: 'Uppsala', position: UPPSALA } });
    const before = (await db.query('select count(*)::int as n from volunteers.volunteer')).rows[0].n;
    const refused = await errorOf(REGISTER, { input: far }, admin);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'homeAddress.position', reason: 'OUTSIDE_MUNICIPALITY' });
    expect(refused!.message).toMatch(/^The home address lies 1\d\d\d km outside its municipality's boundary \(1\.0 km is allowed\)/);
    expect((await db.query('select count(*)::int as n from volunteers.volunteer')).rows[0].n).toBe(before);

    const id = await registerVolunteer(stack, admin, { ...far, outsideMunicipalityReason: 'Seasonal resident; registered here by agreement with the region' });
    const { volunteer } = await stack.data(`query ($id: ID!) { volunteer(id: $id) { homeOutsideMunicipality { reason by at distanceMeters } } }`, { id }, admin);
    expect(volunteer.homeOutsideMunicipality).toEqual({
      reason: 'Seasonal resident; registered here by agreement with the region',
      by: 'admin',
      at: expect.any(String),
      distanceMeters: expect.any(Number),
    });
    expect(volunteer.homeOutsideMunicipality.distanceMeters).toBeGreaterThan(1_000_000);
  });

  it('reject an imported row whose home lies far outside the municipality, naming the distance, and import the others', async () => {
    const municipality = await createMunicipality();
    const recent = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const csv = [
      'name,phone,email,date_of_birth,home_lat,home_lon,certificate_type,course_date,certificate_valid_until,certificate_verified',
      `Ingrid Inside,+31629990001,,1980-01-01,52.02,${nextLongitude + 0.02},NRR Reanimatie/AED,${recent},,nee`,
      `Olle Outside,+31629990002,,1980-01-01,${UPPSALA.latitude},${UPPSALA.longitude},NRR Reanimatie/AED,${recent},,nee`,
    ].join('\n');
    const { importVolunteers } = await stack.data(
      `mutation ($input: ImportVolunteersInput!) { importVolunteers(input: $input) { created { name } rejected { line reasons } } }`,
      { input: { municipalityId: municipality.id, partnerAssociationId: org.partnerId, csv } },
      admin,
    );
    expect(importVolunteers.created).toEqual([{ name: 'Ingrid Inside' }]);
    expect(importVolunteers.rejected).toEqual([
      { line: 3, reasons: [expect.stringMatching(/^home_lat\/home_lon lie 1\d\d\d\.\d km outside the municipality's boundary \(1 km is allowed\)/)] },
    ]);
    const { rows } = await db.query('select count(*)::int as n from volunteers.volunteer where phone = $1', ['+31629990002']);
    expect(rows[0].n).toBe(0);
  });

  it('accept a home just across the border (within 1 km), recording nothing', async () => {
    const municipality = await createMunicipality();
    const edge = { latitude: 52.004, longitude: nextLongitude - 0.005 };
    const id = await registerVolunteer(
      stack,
      admin,
      registration(municipality.id, { homeAddress: { street: 'Grensweg', houseNumber: '1', postalCode: '1234 AB', city: 'Testdorp', position: edge } }),
    );
    const { volunteer } = await stack.data(`query ($id: ID!) { volunteer(id: $id) { homeOutsideMunicipality { reason } } }`, { id }, admin);
    expect(volunteer.homeOutsideMunicipality).toBeNull();
  });

  it('refuse an AED in the Netherlands for a Swedish municipality, naming the field, and keep it out of its counts', async () => {
    const swedish = await createMunicipality({
      name: 'Uppsala',
      countryCode: 'SE',
      timeZone: 'Europe/Stockholm',
      boundary: { type: 'Polygon', coordinates: [square(17.5, 59.8, 0.2)] },
    });
    const before = await aedCount();
    const input = { municipalityId: swedish.id, locationDescription: 'Stadhuis Oisterwijk', location: { latitude: 51.5794, longitude: 5.1893 } };
    expect(await errorOf(REGISTER_AED, { input }, admin)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'location', reason: 'OUTSIDE_MUNICIPALITY' });
    expect(await aedCount()).toBe(before);
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { aedCount } }`, { id: swedish.id });
    expect(municipality.aedCount).toBe(0);

    const { registerAed } = await stack.data(REGISTER_AED, { input: { ...input, location: UPPSALA, locationDescription: 'Stadshuset' } }, admin);
    expect(registerAed.locationOutsideMunicipality).toBeNull();
  });
});

describe('lists a page at a time', () => {
  const PAGE = `query ($id: ID!, $first: Int, $after: String, $filter: VolunteerFilter) {
    municipality(id: $id) { volunteersConnection(first: $first, after: $after, filter: $filter) { totalCount pageInfo { endCursor hasNextPage } nodes { id name } } }
  }`;
  interface Connection {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: { id: string; name: string }[];
  }
  let municipalityId: string;

  beforeAll(async () => {
    municipalityId = (await createMunicipality()).id;
    const recent = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: 1000 }, (_, index) => {
      const number = String(index).padStart(4, '0');
      // Every other volunteer's certificate is verified on the list, so half are alertable now.
      return `Lid ${number},+3162000${number},,1980-01-01,52.02,${nextLongitude + 0.02},NRR Reanimatie/AED,${recent},,${index % 2 === 0 ? 'ja' : 'nee'}`;
    });
    const csv = ['name,phone,email,date_of_birth,home_lat,home_lon,certificate_type,course_date,certificate_valid_until,certificate_verified', ...rows].join('\n');
    const { importVolunteers } = await stack.data(
      `mutation ($input: ImportVolunteersInput!) { importVolunteers(input: $input) { rejected { line reasons } } }`,
      { input: { municipalityId, partnerAssociationId: org.partnerId, csv } },
      admin,
    );
    expect(importVolunteers.rejected).toEqual([]);
  }, 120_000);

  it('pages through 1,000 volunteers filtered on alertability: each once, in name order, with the total on every page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: { municipality: { volunteersConnection: Connection } } = await stack.data(PAGE, { id: municipalityId, first: 100, after, filter: { alertable: true } }, admin);
      const page = data.municipality.volunteersConnection;
      expect(page.totalCount).toBe(500);
      seen.push(...page.nodes.map((node) => node.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 500 }, (_, index) => `Lid ${String(index * 2).padStart(4, '0')}`));
  });

  it('searches by name, phone digits and certificate expiry, for coordinators only', async () => {
    const names = async (filter: Record<string, unknown>, first = 500) =>
      (await stack.data(PAGE, { id: municipalityId, first, filter }, admin)).municipality.volunteersConnection.nodes.map((node: { name: string }) => node.name);
    expect(await names({ search: 'lid 012' })).toEqual(Array.from({ length: 10 }, (_, index) => `Lid 012${index}`));
    expect(await names({ search: '06-2000 0777' })).toEqual(['Lid 0777']);
    expect(await names({ search: '%' })).toEqual([]);
    const inTwoYears = new Date(Date.now() + 730 * 86_400_000).toISOString().slice(0, 10);
    const { municipality } = await stack.data(PAGE, { id: municipalityId, first: 1, filter: { certificateExpiringBefore: inTwoYears } }, admin);
    expect(municipality.volunteersConnection.totalCount).toBe(1000);

    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId });
    const response = await stack.request(PAGE, { id: municipalityId, first: 10 }, officer);
    expect(response.data.municipality.volunteersConnection).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('pages through a partner association’s members searched by name: each once, in name order, for the association and ADMIN only', async () => {
    const MEMBERS = `query ($p: ID!, $first: Int, $after: String, $filter: MemberFilter) {
      partnerAssociation(id: $p) { membersConnection(first: $first, after: $after, filter: $filter) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }
    }`;
    const partner = await stack.token({ role: Role.PARTNER, scope: org.partnerId });
    const { rows } = await db.query(`select id::text, name from volunteers.volunteer where name like 'Lid 0%' and status <> 'DELETED'`);
    const byName = new Map(rows.map((row: { id: string; name: string }) => [row.name, row.id]));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: { partnerAssociation: { membersConnection: Omit<Connection, 'nodes'> & { nodes: { id: string }[] } } } = await stack.data(
        MEMBERS,
        { p: org.partnerId, first: 30, after, filter: { search: 'lid 01' } },
        partner,
      );
      const page = data.partnerAssociation.membersConnection;
      expect(page.totalCount).toBe(100);
      seen.push(...page.nodes.map((node) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, index) => byName.get(`Lid 01${String(index).padStart(2, '0')}`)));

    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId });
    const response = await stack.request(MEMBERS, { p: org.partnerId, first: 10 }, officer);
    expect(response.data.partnerAssociation.membersConnection).toBeNull();
    expect(response.errors?.[0]).toMatchObject({ path: ['partnerAssociation', 'membersConnection'], extensions: { code: 'FORBIDDEN' } });
    const { partnerAssociation } = await stack.data(MEMBERS, { p: org.partnerId, first: 1, filter: { search: 'lid 0777' } }, admin);
    expect(partnerAssociation.membersConnection.nodes.map((node: { id: string }) => node.id)).toEqual([byName.get('Lid 0777')]);

    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 501 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ first: 10, after: 'not-a-cursor' }, 'after'],
    ] as const) {
      expect(await errorOf(MEMBERS, { p: org.partnerId, ...variables }, partner)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('lists the certificates awaiting verification, oldest first, each once, and one fewer once verified', async () => {
    const QUEUE = `query ($id: ID!, $first: Int, $after: String) {
      municipality(id: $id) { certificatesAwaitingVerification(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { certificate { id verified } volunteer { name } } } }
    }`;
    const ids = new Set<string>();
    let after: string | null = null;
    do {
      const data: {
        municipality: {
          certificatesAwaitingVerification: {
            totalCount: number;
            pageInfo: { endCursor: string; hasNextPage: boolean };
            nodes: { certificate: { id: string; verified: boolean }; volunteer: { name: string } }[];
          };
        };
      } = await stack.data(QUEUE, { id: municipalityId, first: 200, after }, admin);
      const page = data.municipality.certificatesAwaitingVerification;
      expect(page.totalCount).toBe(500);
      for (const node of page.nodes) {
        expect(node.certificate.verified).toBe(false);
        ids.add(node.certificate.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(ids.size).toBe(500);
    await stack.data(`mutation ($id: ID!) { verifyTrainingCertificate(id: $id) { id } }`, { id: [...ids][0] }, admin);
    const { municipality } = await stack.data(QUEUE, { id: municipalityId, first: 1 }, admin);
    expect(municipality.certificatesAwaitingVerification.totalCount).toBe(499);
  });

  it('pages through a municipality’s AEDs filtered on dispatchability and a search', async () => {
    const municipality = await createMunicipality();
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    for (const [index, ready] of [true, false, true, true, false].entries()) {
      const dates = ready ? { batteryExpiresOn: day(700), padsExpireOn: day(700), lastCheckedOn: day(-1) } : {};
      await stack.data(
        RegisterAedDocument,
        {
          input: {
            municipalityId: municipality.id,
            locationDescription: `Kast ${index}${index === 3 ? ' bij de sporthal' : ''}`,
            location: { latitude: 52.01 + index * 0.001, longitude: nextLongitude + 0.01 },
            availabilitySchedule: '24/7',
            access: 'PUBLIC',
            ...dates,
          },
        },
        admin,
      );
    }
    const AEDS = `query ($id: ID!, $first: Int, $after: String, $filter: AedFilter) {
      municipality(id: $id) { aedsConnection(first: $first, after: $after, filter: $filter) { totalCount pageInfo { endCursor hasNextPage } nodes { locationDescription } } }
    }`;
    const first = (await stack.data(AEDS, { id: municipality.id, first: 2, filter: { dispatchable: true } })).municipality.aedsConnection;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true }, nodes: [{ locationDescription: 'Kast 0' }, { locationDescription: 'Kast 2' }] });
    const second = (await stack.data(AEDS, { id: municipality.id, first: 2, after: first.pageInfo.endCursor, filter: { dispatchable: true } })).municipality.aedsConnection;
    expect(second).toEqual({ totalCount: 3, pageInfo: { endCursor: expect.any(String), hasNextPage: false }, nodes: [{ locationDescription: 'Kast 3 bij de sporthal' }] });
    const searched = (await stack.data(AEDS, { id: municipality.id, filter: { search: 'SPORTHAL' } })).municipality.aedsConnection;
    expect(searched.nodes).toEqual([{ locationDescription: 'Kast 3 bij de sporthal' }]);
    const unready = (await stack.data(AEDS, { id: municipality.id, filter: { dispatchable: false } })).municipality.aedsConnection;
    expect(unready.totalCount).toBe(2);
  });

  it.each([
    ['first 0', { first: 0 }, 'first'],
    ['first 501', { first: 501 }, 'first'],
    ['a foreign cursor', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ['a long search', { filter: { search: 'x'.repeat(101) } }, 'filter.search'],
  ])('refuse %s with BAD_USER_INPUT naming the argument', async (_, variables, field) => {
    expect(await errorOf(PAGE, { id: municipalityId, ...variables }, admin)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('municipalities and working groups a page at a time', () => {
  interface Connection {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: { id: string; name: string }[];
  }
  /** Every node of the list, paged `first` at a time, checking the total on every page. */
  async function pageThrough(query: string, field: string, first: number, filter: Record<string, unknown>, total: number) {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const data: Record<string, Connection> = await stack.data(query, { first, after, filter });
      const page = data[field]!;
      expect(page.totalCount).toBe(total);
      seen.push(...page.nodes.map((node) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    return seen;
  }
  const MUNICIPALITIES = `query ($first: Int, $after: String, $filter: MunicipalityFilter) {
    municipalitiesConnection(first: $first, after: $after, filter: $filter) { totalCount pageInfo { endCursor hasNextPage } nodes { id name } }
  }`;
  const WORKING_GROUPS = `query ($first: Int, $after: String, $filter: WorkingGroupFilter) {
    workingGroupsConnection(first: $first, after: $after, filter: $filter) { totalCount pageInfo { endCursor hasNextPage } nodes { id name } }
  }`;

  it('pages through the municipalities of a region, filtered by country and searched by name: each once, by name then id', async () => {
    const suffix = unique();
    const { createSecurityRegion: region } = await stack.data(CreateSecurityRegionDocument, { input: { name: `Regio ${suffix}`, code: `VR${suffix}`.slice(0, 16) } }, admin);
    // Twelve municipalities, two of each name, so the id decides the order within a name.
    const created: { id: string; name: string }[] = [];
    for (let index = 0; index < 12; index += 1) {
      const name = `Paginadorp ${suffix} ${String(Math.floor(index / 2)).padStart(2, '0')}`;
      created.push({ id: (await createMunicipality({ name, regionId: region.id })).id, name });
    }
    const expected = created.toSorted((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1)).map((row) => row.id);
    expect(await pageThrough(MUNICIPALITIES, 'municipalitiesConnection', 5, { securityRegionId: region.id }, 12)).toEqual(expected);
    expect(await pageThrough(MUNICIPALITIES, 'municipalitiesConnection', 500, { securityRegionId: region.id, countryCode: 'nl', search: `dorp ${suffix} 03` }, 2)).toEqual(
      expected.slice(6, 8),
    );
    expect(await pageThrough(MUNICIPALITIES, 'municipalitiesConnection', 500, { securityRegionId: region.id, countryCode: 'DE' }, 0)).toEqual([]);
    const everything = await pageThrough(MUNICIPALITIES, 'municipalitiesConnection', 7, {}, await municipalityCount());
    expect(new Set(everything).size).toBe(everything.length);
  });

  it('pages through the working groups of a search, the closed ones only with includeClosed, and by municipality', async () => {
    const suffix = unique();
    const groups: { id: string; municipalityId: string }[] = [];
    for (let index = 0; index < 7; index += 1) {
      const municipalityId = (await createMunicipality()).id;
      const { createWorkingGroup } = await stack.data(
        `mutation ($name: String!, $m: ID!) { createWorkingGroup(input: { name: $name, municipalityIds: [$m] }) { id } }`,
        { name: `Paginagroep ${suffix} ${index}`, m: municipalityId },
        admin,
      );
      groups.push({ id: createWorkingGroup.id, municipalityId });
    }
    await stack.data(`mutation ($id: ID!) { closeWorkingGroup(id: $id, reason: "Samengevoegd") { id } }`, { id: groups[3]!.id }, admin);
    const open = groups.filter((_, index) => index !== 3).map((group) => group.id);
    expect(await pageThrough(WORKING_GROUPS, 'workingGroupsConnection', 2, { search: `paginagroep ${suffix}` }, 6)).toEqual(open);
    expect(await pageThrough(WORKING_GROUPS, 'workingGroupsConnection', 2, { search: `paginagroep ${suffix}`, includeClosed: true }, 7)).toEqual(groups.map((group) => group.id));
    expect(await pageThrough(WORKING_GROUPS, 'workingGroupsConnection', 10, { municipalityId: groups[3]!.municipalityId }, 0)).toEqual([]);
    expect(await pageThrough(WORKING_GROUPS, 'workingGroupsConnection', 10, { municipalityId: groups[3]!.municipalityId, includeClosed: true }, 1)).toEqual([groups[3]!.id]);
    expect(await pageThrough(WORKING_GROUPS, 'workingGroupsConnection', 10, { municipalityId: groups[5]!.municipalityId }, 1)).toEqual([groups[5]!.id]);
  });

  it('refuses a bad first, a foreign cursor or a malformed id, naming the argument', async () => {
    const cursorOfMembers = Buffer.from(JSON.stringify(['Lid 0001', 'not-an-id'])).toString('base64url');
    for (const query of [MUNICIPALITIES, WORKING_GROUPS]) {
      for (const [variables, field] of [
        [{ first: 0 }, 'first'],
        [{ first: 501 }, 'first'],
        [{ first: -1 }, 'first'],
        [{ after: 'not-a-cursor' }, 'after'],
        [{ after: cursorOfMembers }, 'after'],
      ] as const) {
        expect(await errorOf(query, variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    }
    expect(await errorOf(MUNICIPALITIES, { filter: { securityRegionId: 'x' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.securityRegionId' });
    expect(await errorOf(WORKING_GROUPS, { filter: { municipalityId: 'x' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.municipalityId' });
  });
});

describe('retiring', () => {
  const ERASE = `mutation ($id: ID!) { eraseVolunteer(id: $id) { volunteerId erasedAt erasedBy } }`;
  const COUNTS = `query ($id: ID!) { municipality(id: $id) { volunteerCount formerVolunteerCount } }`;

  it('decommissions an AED: kept for its history, out of dispatch, lists and counts, and no longer changed', async () => {
    const municipality = await createMunicipality();
    const { registerAed } = await stack.data(
      RegisterAedDocument,
      { input: { municipalityId: municipality.id, locationDescription: 'Sporthal', location: { latitude: 52.03, longitude: nextLongitude + 0.03 }, availabilitySchedule: '24/7' } },
      admin,
    );
    const id = registerAed.id as string;
    const DECOMMISSION = `mutation ($id: ID!, $reason: String!) { decommissionAed(id: $id, reason: $reason) { id operational decommissioned { at by reason } } }`;
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: id });
    expect(await errorOf(DECOMMISSION, { id, reason: 'Gone' }, guardian)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(DECOMMISSION, { id, reason: '  ' }, admin)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const LISTS = `query ($m: ID!) { municipality(id: $m) { aedCount aeds { id } } }`;
    expect((await stack.data(LISTS, { m: municipality.id })).municipality).toEqual({ aedCount: 1, aeds: [{ id }] });

    const { decommissionAed } = await stack.data(DECOMMISSION, { id, reason: 'Building demolished' }, admin);
    expect(decommissionAed).toEqual({ id, operational: false, decommissioned: { at: expect.any(String), by: 'admin', reason: 'Building demolished' } });
    expect((await stack.data(LISTS, { m: municipality.id })).municipality).toEqual({ aedCount: 0, aeds: [] });
    const { aed } = await stack.data(`query ($id: ID!) { aed(id: $id) { locationDescription readiness { dispatchable reasons } } }`, { id });
    expect(aed).toMatchObject({ locationDescription: 'Sporthal', readiness: { dispatchable: false, reasons: expect.arrayContaining(['OUT_OF_SERVICE']) } });
    expect(await errorOf(DECOMMISSION, { id, reason: 'Again' }, admin)).toMatchObject({ code: 'CONFLICT', reason: 'DECOMMISSIONED' });
    expect(await errorOf(`mutation ($id: ID!) { updateAed(id: $id, input: { operational: true }) { id } }`, { id }, admin)).toMatchObject({ code: 'CONFLICT' });
    const { rows } = await db.query('select operational, decommission_reason from aeds.aed where id = $1', [id]);
    expect(rows).toEqual([{ operational: false, decommission_reason: 'Building demolished' }]);
  });

  it('ends a partner’s membership of a municipality: out of both lists, kept with its dates, and it may join again', async () => {
    const { createPartnerAssociation: partner } = await stack.data(CreatePartnerAssociationDocument, { input: { name: `Reddingsbrigade ${unique()}` } }, admin);
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId });
    const otherOfficer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.otherMunicipalityId });
    const LEAVE = `mutation ($p: ID!, $m: ID!, $on: LocalDate) { leaveMunicipality(partnerAssociationId: $p, municipalityId: $m, leftOn: $on) { municipalities { municipality { id } } } }`;
    const members = async () =>
      (await stack.data(`query ($m: ID!) { municipality(id: $m) { partnerAssociations { id } } }`, { m: org.municipalityId })).municipality.partnerAssociations.map(
        (row: { id: string }) => row.id,
      );
    await stack.data(JoinMunicipalityDocument, { p: partner.id, m: org.municipalityId }, officer);
    expect(await members()).toContain(partner.id);

    expect(await errorOf(LEAVE, { p: partner.id, m: org.municipalityId }, otherOfficer)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(LEAVE, { p: partner.id, m: org.municipalityId, on: '2999-01-01' }, officer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leftOn' });
    expect(await errorOf(LEAVE, { p: partner.id, m: org.municipalityId, on: '2000-01-01' }, officer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leftOn' });
    expect(await members()).toContain(partner.id);

    const { leaveMunicipality } = await stack.data(LEAVE, { p: partner.id, m: org.municipalityId }, officer);
    expect(leaveMunicipality.municipalities).toEqual([]);
    expect(await members()).not.toContain(partner.id);
    const { rows } = await db.query('select left_on is not null as ended from organization.partner_municipality where partner_association_id = $1', [partner.id]);
    expect(rows).toEqual([{ ended: true }]);
    expect(await errorOf(LEAVE, { p: partner.id, m: org.municipalityId }, officer)).toMatchObject({ code: 'NOT_FOUND' });

    await stack.data(JoinMunicipalityDocument, { p: partner.id, m: org.municipalityId }, officer);
    expect(await members()).toContain(partner.id);
  });

  it('erases a volunteer on request by a coordinator, with an audit record of who and when, keeping the anonymous counts', async () => {
    const id = await registerVolunteer(stack, admin, registration(org.municipalityId));
    const chair = await stack.token({ role: Role.CHAIR, scope: org.workingGroupId }, 'chair-erasing');
    const otherChair = await stack.token({ role: Role.CHAIR, scope: org.otherWorkingGroupId });
    expect(await errorOf(ERASE, { id }, otherChair)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(ERASE, { id: 'not-an-id' }, chair)).toMatchObject({ code: 'NOT_FOUND' });
    const before = (await stack.data(COUNTS, { id: org.municipalityId })).municipality;

    const { eraseVolunteer } = await stack.data(ERASE, { id }, chair);
    expect(eraseVolunteer).toEqual({ volunteerId: id, erasedAt: expect.any(String), erasedBy: 'chair-erasing' });
    const { rows } = await db.query('select status, name, phone, email, home_latitude, deleted_by, deleted_at from volunteers.volunteer where id = $1', [id]);
    expect(rows).toEqual([{ status: 'DELETED', name: null, phone: null, email: null, home_latitude: null, deleted_by: 'chair-erasing', deleted_at: expect.any(Date) }]);
    expect((await stack.data(COUNTS, { id: org.municipalityId })).municipality).toEqual({
      volunteerCount: before.volunteerCount - 1,
      formerVolunteerCount: before.formerVolunteerCount + 1,
    });
    expect(await errorOf(ERASE, { id }, chair)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('closes a working group: kept for its history, its chair’s role grants nothing, out of the lists, no longer changed', async () => {
    const municipality = await createMunicipality();
    const CREATE = `mutation ($name: String!, $m: ID!) { createWorkingGroup(input: { name: $name, municipalityIds: [$m] }) { id } }`;
    const CLOSE = `mutation ($id: ID!, $reason: String!) { closeWorkingGroup(id: $id, reason: $reason) { id closed { at by reason } } }`;
    const ADD = `mutation ($g: ID!, $s: String!) { addWorkingGroupMember(input: { workingGroupId: $g, userSubject: $s, name: "Lid", role: GROUP_LEADER, organisation: "O" }) { id } }`;
    const VOLUNTEERS = `query ($m: ID!) { municipality(id: $m) { volunteers { id } } }`;
    const { createWorkingGroup: group } = await stack.data(CREATE, { name: `Hartveilig ${unique()}`, m: municipality.id }, admin);
    const chairGrant = { role: Role.CHAIR, scope: group.id };
    const chair = await stack.token(chairGrant);
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: municipality.id });
    await stack.data(ADD, { g: group.id, s: `user-${unique()}` }, chair);
    expect((await stack.data(VOLUNTEERS, { m: municipality.id }, chair)).municipality.volunteers).toEqual([]);
    const listed = async (includeClosed = false) =>
      (await stack.data(`query ($all: Boolean!) { workingGroups(includeClosed: $all) { id } }`, { all: includeClosed })).workingGroups.map((row: { id: string }) => row.id);
    expect(await listed()).toContain(group.id);

    expect(await errorOf(CLOSE, { id: group.id, reason: 'Merged' }, chair)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(CLOSE, { id: group.id, reason: 'Merged' }, officer)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(CLOSE, { id: group.id, reason: '  ' }, admin)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await errorOf(CLOSE, { id: 'not-an-id', reason: 'Merged' }, admin)).toMatchObject({ code: 'NOT_FOUND' });
    const closedAt = async () => (await db.query('select closed_at from organization.working_group where id = $1', [group.id])).rows[0].closed_at;
    expect(await closedAt()).toBeNull();

    const { closeWorkingGroup } = await stack.data(CLOSE, { id: group.id, reason: 'Merged into the region’s group' }, admin);
    expect(closeWorkingGroup).toEqual({ id: group.id, closed: { at: expect.any(String), by: 'admin', reason: 'Merged into the region’s group' } });
    expect(await closedAt()).toEqual(expect.any(Date));

    // The same token (its grants perhaps still cached by the gateway) and a new one both hold the chair's role for nothing.
    expect(await errorOf(ADD, { g: group.id, s: `user-${unique()}` }, chair)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(`query ($g: ID!) { workingGroup(id: $g) { members { id } } }`, { g: group.id }, chair)).toMatchObject({ code: 'FORBIDDEN' });
    const response = await stack.request(VOLUNTEERS, { m: municipality.id }, await stack.token(chairGrant));
    expect(response.data?.municipality.volunteers).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    expect(await errorOf(ADD, { g: group.id, s: `user-${unique()}` }, admin)).toMatchObject({ code: 'CONFLICT', reason: 'CLOSED' });
    expect(await errorOf(CLOSE, { id: group.id, reason: 'Again' }, admin)).toMatchObject({ code: 'CONFLICT', reason: 'CLOSED' });
    const { workingGroup } = await stack.data(`query ($g: ID!) { workingGroup(id: $g) { closed { reason } members { name } } }`, { g: group.id }, officer);
    expect(workingGroup).toEqual({ closed: { reason: 'Merged into the region’s group' }, members: [{ name: 'Lid' }] });

    expect(await listed()).not.toContain(group.id);
    expect(await listed(true)).toContain(group.id);
    expect((await stack.data(`query ($m: ID!) { municipality(id: $m) { workingGroup { id } } }`, { m: municipality.id })).municipality.workingGroup).toBeNull();
    const { createWorkingGroup: successor } = await stack.data(CREATE, { name: `Hartveilig ${unique()}`, m: municipality.id }, admin);
    expect((await stack.data(`query ($m: ID!) { municipality(id: $m) { workingGroup { id } } }`, { m: municipality.id })).municipality.workingGroup).toEqual({ id: successor.id });
  });
});

describe('guardians and checks for imported AEDs in bulk', () => {
  const ASSIGN = `mutation ($ids: [ID!]!, $guardian: AedGuardianInput!) { assignAedGuardians(aedIds: $ids, guardian: $guardian) { id guardians { name phone } } }`;
  const CHECK = `mutation ($ids: [ID!]!, $check: AedCheckInput) { recordAedChecks(aedIds: $ids, check: $check) { id lastCheckedOn readiness { reasons } } }`;
  const guardian = { name: 'Gijs Hoeder', phone: '06 12345678' };

  /** AEDs as an OpenStreetMap import leaves them: no guardian, never checked. */
  async function importedAeds(municipalityId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const { registerAed } = await stack.data(
        RegisterAedDocument,
        {
          input: {
            municipalityId,
            locationDescription: `Kast ${index}`,
            location: { latitude: 52.02, longitude: nextLongitude + 0.01 * (index + 1) },
            availabilitySchedule: '24/7',
          },
        },
        admin,
      );
      ids.push(registerAed.id);
    }
    return ids;
  }
  const guardianCount = async (ids: string[]) => (await db.query('select count(*)::int as n from aeds.aed_guardian where aed_id = any($1)', [ids])).rows[0].n;
  const checkedCount = async (ids: string[]) => (await db.query('select count(last_checked_on)::int as n from aeds.aed where id = any($1)', [ids])).rows[0].n;

  it('assigns a guardian to many AEDs at once, all or none, naming the AED refused', async () => {
    const municipality = await createMunicipality();
    const ids = await importedAeds(municipality.id, 3);
    const [elsewhere] = await importedAeds((await createMunicipality()).id, 1);
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: municipality.id });

    expect(await errorOf(ASSIGN, { ids: [...ids, elsewhere], guardian }, officer)).toMatchObject({ code: 'FORBIDDEN', aedId: elsewhere });
    expect(await errorOf(ASSIGN, { ids, guardian: { name: 'Gijs', phone: 'twelve' } }, officer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone', aedId: ids[0] });
    expect(await errorOf(ASSIGN, { ids: [], guardian }, officer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'aedIds' });
    expect(await errorOf(ASSIGN, { ids: Array.from({ length: 501 }, () => ids[0]), guardian }, officer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'aedIds' });
    expect(await errorOf(ASSIGN, { ids: [ids[0], ids[1], ids[0]], guardian }, officer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'aedIds', aedId: ids[0] });
    const unknown = '00000000-0000-4000-8000-0000000000bb';
    expect(await errorOf(ASSIGN, { ids: [...ids, unknown], guardian }, officer)).toMatchObject({ code: 'NOT_FOUND', id: unknown });
    expect(await guardianCount([...ids, elsewhere])).toBe(0);

    const { assignAedGuardians } = await stack.data(ASSIGN, { ids, guardian }, officer);
    expect(assignAedGuardians).toEqual(ids.map((id) => ({ id, guardians: [{ name: 'Gijs Hoeder', phone: '+31612345678' }] })));
  });

  it('records a check on many AEDs at once, by their guardian or ADMIN, all or none, and they become dispatchable', async () => {
    const municipality = await createMunicipality();
    const ids = await importedAeds(municipality.id, 3);
    await stack.data(ASSIGN, { ids, guardian }, admin);
    const guardianOfTwo = await stack.token([
      { role: Role.GUARDIAN, scope: ids[0] },
      { role: Role.GUARDIAN, scope: ids[1] },
    ]);
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: municipality.id });

    expect(await errorOf(CHECK, { ids }, guardianOfTwo)).toMatchObject({ code: 'FORBIDDEN', aedId: ids[2] });
    expect(await errorOf(CHECK, { ids: ids.slice(0, 2) }, officer)).toMatchObject({ code: 'FORBIDDEN', aedId: ids[0] });
    expect(await errorOf(CHECK, { ids: ids.slice(0, 2), check: { checkedOn: '2999-01-01' } }, guardianOfTwo)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'checkedOn',
      aedId: ids[0],
    });
    expect(await checkedCount(ids)).toBe(0);

    const { recordAedChecks } = await stack.data(CHECK, { ids: ids.slice(0, 2) }, guardianOfTwo);
    expect(recordAedChecks).toEqual(ids.slice(0, 2).map((id) => ({ id, lastCheckedOn: expect.any(String), readiness: { reasons: [] } })));
    await stack.data(`mutation ($id: ID!) { decommissionAed(id: $id, reason: "Stolen") { id } }`, { id: ids[2] }, admin);
    expect(await errorOf(CHECK, { ids }, admin)).toMatchObject({ code: 'CONFLICT', reason: 'DECOMMISSIONED', aedId: ids[2] });
    expect(await checkedCount(ids)).toBe(2);
  });
});

describe('a volunteer’s contact details', () => {
  const volunteerCount = async () => (await db.query(`select count(*)::int as n from volunteers.volunteer`)).rows[0].n;

  it.each([
    [
      'a fixed line (018-471 00 00)',
      { phone: '018-471 00 00' },
      { field: 'phone', reason: 'NOT_A_MOBILE_NUMBER', message: '+31184710000 is a fixed line; SMS alerts need a mobile number.' },
    ],
    [
      'a toll-free number',
      { phone: '0800 0123' },
      { field: 'phone', reason: 'NOT_A_MOBILE_NUMBER', message: '+318000123 is a toll-free number; SMS alerts need a mobile number.' },
    ],
    ['neither phone nor e-mail', { phone: null, email: null }, { field: 'phone', reason: 'NO_CONTACT' }],
  ])('refuse %s, writing nothing', async (_, overrides, expected) => {
    const before = await volunteerCount();
    expect(await errorOf(REGISTER, { input: registration(org.municipalityId, overrides) }, admin)).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
    expect(await volunteerCount()).toBe(before);
  });

  it('refuse a fixed line as a correction too', async () => {
    const id = await registerVolunteer(stack, admin, registration(org.municipalityId));
    const UPDATE = `mutation ($id: ID!, $input: UpdateVolunteerInput!) { updateVolunteer(id: $id, input: $input) { phone } }`;
    expect(await errorOf(UPDATE, { id, input: { phone: '+31 184 710000' } }, admin)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_MOBILE_NUMBER' });
  });

  it('accept e-mail only, for a volunteer alerted through the app', async () => {
    expect(await registerVolunteer(stack, admin, registration(org.municipalityId, { phone: null }))).toEqual(expect.any(String));
  });
});
