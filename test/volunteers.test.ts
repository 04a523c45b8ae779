/**
 * The volunteers subgraph end to end through the gateway: registration (by
 * the volunteer and by their working group) and its bad input, training
 * certificates and their verification, the eligibility rule at its edges
 * through `alertableAt`, the privacy of addresses, phone numbers and
 * positions, the volunteer fields of Municipality and WorkingGroup, renewal
 * reminders and the lapse forecast, and deleting an account.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { createLogger } from '../common/logger.ts';
import { createPeerClient } from '../common/peers.ts';
import { sendDueRenewalReminders } from '../subgraphs/volunteers/renewal/renewal.service.ts';
import { runVolunteerTasks } from '../subgraphs/volunteers/workers.ts';
import { AddAssociationMembershipDocument, AddWorkingGroupMemberDocument, CreateMunicipalityDocument, CreatePartnerAssociationDocument } from './operations/generated.ts';
import { createOrganisation, unique, type Organisation } from './organization-fixture.ts';
import { collect, startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';
import { ADD_CERTIFICATE, OISTERWIJK, REGISTER, certify, registerVolunteer, registration, uniquePhone } from './volunteers-fixture.ts';

let stack: TestStack;
let org: Organisation;
let admin: string;
let db: pg.Client;

/** Tokens of everyone who looks at volunteers. */
const tokens = {} as Record<
  'chair' | 'adminSupport' | 'groupLeader' | 'policyOfficer' | 'otherChair' | 'otherAdminSupport' | 'otherPolicyOfficer' | 'partner' | 'dispatcher',
  string
>;

beforeAll(async () => {
  // Workers off: the tests run the hourly tasks themselves, at instants of their choosing.
  stack = await startTestStack({ workers: false });
  org = await createOrganisation(stack);
  admin = org.admin;
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  tokens.chair = await stack.token({ role: Role.CHAIR, scope: org.workingGroupId });
  tokens.adminSupport = await stack.token({ role: Role.ADMIN_SUPPORT, scope: org.workingGroupId });
  tokens.groupLeader = await stack.token({ role: Role.GROUP_LEADER, scope: org.workingGroupId });
  tokens.policyOfficer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.municipalityId });
  tokens.otherChair = await stack.token({ role: Role.CHAIR, scope: org.otherWorkingGroupId });
  tokens.otherAdminSupport = await stack.token({ role: Role.ADMIN_SUPPORT, scope: org.otherWorkingGroupId });
  tokens.otherPolicyOfficer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.otherMunicipalityId });
  tokens.partner = await stack.token({ role: Role.PARTNER, scope: org.partnerId });
  tokens.dispatcher = await stack.token({ role: Role.DISPATCHER, scope: org.serviceId });
});

afterAll(async () => {
  await db?.end();
  await stack?.close();
});

/** The `extensions.code` of the first error, or undefined when there was none. */
async function codeOf(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<string | undefined> {
  const response = await stack.request(query, variables, token);
  return response.errors?.[0]?.extensions?.code;
}

const volunteerToken = (id: string) => stack.token({ role: Role.VOLUNTEER, scope: id }, `volunteer-${id}`);

async function volunteerCount(municipalityId = org.municipalityId): Promise<number> {
  const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { volunteerCount } }`, { id: municipalityId });
  return municipality.volunteerCount;
}

/** Today in Amsterdam, `years` years ago, as YYYY-MM-DD. */
function yearsAgo(years: number, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + days * 86_400_000));
  return `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
}

const ALERTABLE_AT = `query ($id: ID!, $at: DateTimeISO) { volunteer(id: $id) { alertableAt(at: $at) { alertable reasons } } }`;

async function alertableAt(volunteerId: string, at: string, token = admin): Promise<{ alertable: boolean; reasons: string[] }> {
  const { volunteer } = await stack.data(ALERTABLE_AT, { id: volunteerId, at }, token);
  return volunteer.alertableAt;
}

describe('registration', () => {
  it('lets a new user sign up themselves, recognised by their token subject until their token carries the VOLUNTEER grant', async () => {
    const subject = `signup-${unique()}`;
    const newcomer = await stack.token([], subject);
    const phone = uniquePhone();
    const national = `0${phone.slice(3, 4)}-${phone.slice(4)}`;
    const { registerMe } = await stack.data(
      `mutation ($input: RegisterVolunteerInput!) { registerMe(input: $input) { id phone email municipality { id } } }`,
      { input: registration(org.municipalityId, { name: '  Noor   de Jong ', phone: national, email: 'Noor.de.Jong@Example.NL' }) },
      newcomer,
    );
    expect(registerMe).toMatchObject({ phone, email: 'noor.de.jong@example.nl', municipality: { id: org.municipalityId } });

    const { myVolunteer } = await stack.data(`{ myVolunteer { id name consents { kind given at } alertableAt { alertable reasons } } }`, {}, newcomer);
    expect(myVolunteer).toMatchObject({ id: registerMe.id, name: 'Noor de Jong', alertableAt: { alertable: false, reasons: ['NO_VALID_CERTIFICATE'] } });
    expect(myVolunteer.consents).toEqual([{ kind: 'PERSONAL_DATA', given: true, at: expect.any(String) }]);
    expect(Math.abs(Date.parse(myVolunteer.consents[0].at) - Date.now())).toBeLessThan(60_000);

    // Before the identity provider issues a token naming the volunteer, the subject is enough.
    const { addTrainingCertificate } = await stack.data(ADD_CERTIFICATE, { v: registerMe.id, input: { type: 'CPR_AED', courseDate: '2025-01-10' } }, newcomer);
    expect(addTrainingCertificate.verified).toBe(false);
    // The identity provider's next token names the volunteer; it works the same.
    const { volunteer } = await stack.data(`query ($id: ID!) { volunteer(id: $id) { name } }`, { id: registerMe.id }, await volunteerToken(registerMe.id));
    expect(volunteer.name).toBe('Noor de Jong');

    const again = await stack.request(`mutation ($input: RegisterVolunteerInput!) { registerMe(input: $input) { id } }`, { input: registration(org.municipalityId) }, newcomer);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_REGISTRATION' });
    expect(await codeOf(`mutation ($input: RegisterVolunteerInput!) { registerMe(input: $input) { id } }`, { input: registration(org.municipalityId) })).toBe('UNAUTHENTICATED');
  });

  it('records consents with the time they were given, and the municipality’s clock on the volunteer', async () => {
    const givenAt = '2025-01-20T09:30:00.000Z';
    const id = await registerVolunteer(
      stack,
      tokens.adminSupport,
      registration(org.municipalityId, {
        consents: [
          { kind: 'PERSONAL_DATA', givenAt },
          { kind: 'LOCATION_SHARING', givenAt },
        ],
        workAddress: {
          street: 'Markt',
          houseNumber: '1',
          postalCode: '5061 AA',
          city: 'Oisterwijk',
          position: { latitude: 51.58, longitude: 5.19 },
          weeklyHours: [{ day: 5, start: '22:00', end: '06:00' }],
        },
        quietHours: { start: '23:00', end: '07:00' },
      }),
    );
    const { volunteer } = await stack.data(
      `query ($id: ID!) { volunteer(id: $id) { consents { kind given at } locationSharing onDuty quietHours { start end }
         workAddress { city position { latitude } weeklyHours { day start end } } } }`,
      { id },
      tokens.chair,
    );
    expect(volunteer).toEqual({
      consents: [
        { kind: 'PERSONAL_DATA', given: true, at: givenAt },
        { kind: 'LOCATION_SHARING', given: true, at: givenAt },
      ],
      locationSharing: true,
      onDuty: true,
      quietHours: { start: '23:00', end: '07:00' },
      workAddress: { city: 'Oisterwijk', position: { latitude: 51.58 }, weeklyHours: [{ day: 5, start: '22:00', end: '06:00' }] },
    });
    const [row] = (await db.query('select time_zone, country_code, security_region_id from volunteers.volunteer where id = $1', [id])).rows;
    expect(row).toEqual({ time_zone: 'Europe/Amsterdam', country_code: 'NL', security_region_id: org.regionId });
  });

  it('lets only ADMIN and the working group of the municipality register volunteers there', async () => {
    expect(await registerVolunteer(stack, tokens.chair, registration(org.municipalityId))).toBeTruthy();
    expect(await registerVolunteer(stack, tokens.groupLeader, registration(org.municipalityId))).toBeTruthy();
    for (const token of [tokens.otherChair, tokens.otherAdminSupport, tokens.partner, tokens.dispatcher, tokens.policyOfficer]) {
      expect(await codeOf(REGISTER, { input: registration(org.municipalityId) }, token)).toBe('FORBIDDEN');
    }
    expect(await codeOf(REGISTER, { input: registration(org.municipalityId) })).toBe('UNAUTHENTICATED');
  });

  describe('refuses bad input with a clear code and writes nothing', () => {
    const position = (latitude: unknown, longitude: unknown) => ({ ...(registration('x').homeAddress as object), position: { latitude, longitude } });
    const cases: [string, () => Record<string, unknown>, string, string?][] = [
      ['an invalid phone number', () => ({ phone: '0612' }), 'BAD_USER_INPUT', 'phone'],
      ['a phone number that is not a number', () => ({ phone: 'call me after 5' }), 'BAD_USER_INPUT', 'phone'],
      ['someone under 18', () => ({ dateOfBirth: yearsAgo(18, 1) }), 'BAD_USER_INPUT', 'dateOfBirth'],
      ['a date of birth in the future', () => ({ dateOfBirth: yearsAgo(-1) }), 'BAD_USER_INPUT', 'dateOfBirth'],
      ['a date that does not exist', () => ({ dateOfBirth: '1990-02-30' }), 'BAD_USER_INPUT', 'dateOfBirth'],
      ['an invalid e-mail address', () => ({ email: 'anna-at-example.nl' }), 'BAD_USER_INPUT', 'email'],
      ['a latitude out of range', () => ({ homeAddress: position(91, 5.19) }), 'BAD_USER_INPUT'],
      ['a longitude out of range', () => ({ homeAddress: position(51.58, -181) }), 'BAD_USER_INPUT'],
      ['NaN as a coordinate', () => ({ homeAddress: position('NaN', 5.19) }), 'BAD_USER_INPUT'],
      ['an empty name', () => ({ name: '   ' }), 'BAD_USER_INPUT', 'name'],
      ['an unknown municipality', () => ({ municipalityId: '00000000-0000-4000-8000-00000000abcd' }), 'BAD_USER_INPUT', 'municipalityId'],
      ['quiet hours at 24:00', () => ({ quietHours: { start: '22:00', end: '24:00' } }), 'BAD_USER_INPUT', 'quietHours'],
      [
        'work hours on day 8',
        () => ({ workAddress: { ...(registration('x').homeAddress as object), weeklyHours: [{ day: 8, start: '08:00', end: '17:00' }] } }),
        'BAD_USER_INPUT',
        'workAddress.weeklyHours',
      ],
      ['a consent given in the future', () => ({ consents: [{ kind: 'PERSONAL_DATA', givenAt: '2099-01-01T00:00:00Z' }] }), 'BAD_USER_INPUT', 'consents'],
    ];
    it.each(cases)('%s', async (_name, overrides, code, field) => {
      const before = await volunteerCount();
      const response = await stack.request(REGISTER, { input: registration(org.municipalityId, overrides()) }, admin);
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe(code);
      if (field) expect(response.errors?.[0]?.extensions?.field).toBe(field);
      expect(await volunteerCount()).toBe(before);
    });

    it('an infinite coordinate (1e999 in the JSON body)', async () => {
      const before = await volunteerCount();
      const input = JSON.stringify(registration(org.municipalityId)).replace(`"latitude":${OISTERWIJK.latitude}`, '"latitude":1e999');
      const response = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: `{"query":${JSON.stringify(REGISTER)},"variables":{"input":${input}}}`,
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await volunteerCount()).toBe(before);
    });

    it('a duplicate registration: the same phone number written differently, or the same e-mail in other case', async () => {
      const first = registration(org.municipalityId);
      await registerVolunteer(stack, admin, first);
      const before = await volunteerCount();
      const phone = first.phone as string;
      const samePhone = await stack.request(REGISTER, { input: registration(org.municipalityId, { phone: `0${phone.slice(3)}` }) }, admin);
      expect(samePhone.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'phone', reason: 'DUPLICATE_REGISTRATION' });
      const sameEmail = await stack.request(REGISTER, { input: registration(org.municipalityId, { email: (first.email as string).toUpperCase() }) }, admin);
      expect(sameEmail.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
      expect(await volunteerCount()).toBe(before);
    });
  });
});

describe('training certificates', () => {
  let volunteerId: string;
  let otherVolunteerId: string;
  let own: string;

  beforeAll(async () => {
    volunteerId = await registerVolunteer(stack, admin, registration(org.municipalityId));
    otherVolunteerId = await registerVolunteer(stack, admin, registration(org.municipalityId));
    own = await volunteerToken(volunteerId);
  });

  const certificates = async (id: string) =>
    (await stack.data(`query ($id: ID!) { volunteer(id: $id) { certificates { id type courseDate validUntil hasEndDate verified } } }`, { id }, admin)).volunteer.certificates;

  it('are recorded by the volunteer, valid until course date + 1 year, and count once the administrative support verifies them', async () => {
    const { addTrainingCertificate } = await stack.data(ADD_CERTIFICATE, { v: volunteerId, input: { type: 'CPR_AED', provider: 'Rode Kruis', courseDate: '2024-02-29' } }, own);
    expect(addTrainingCertificate).toMatchObject({ validUntil: '2025-02-28', verified: false });
    expect(await alertableAt(volunteerId, '2025-01-10T12:00:00Z')).toEqual({ alertable: false, reasons: ['CERTIFICATE_UNVERIFIED'] });

    for (const token of [own, tokens.chair, tokens.otherAdminSupport, tokens.partner]) {
      expect(await codeOf(`mutation ($id: ID!) { verifyTrainingCertificate(id: $id) { id } }`, { id: addTrainingCertificate.id }, token)).toBe('FORBIDDEN');
    }
    const { verifyTrainingCertificate } = await stack.data(
      `mutation ($id: ID!) { verifyTrainingCertificate(id: $id) { verified verifiedAt volunteer { id } } }`,
      { id: addTrainingCertificate.id },
      tokens.adminSupport,
    );
    expect(verifyTrainingCertificate).toMatchObject({ verified: true, volunteer: { id: volunteerId } });
    expect(await alertableAt(volunteerId, '2025-01-10T12:00:00Z')).toEqual({ alertable: true, reasons: [] });
    expect(await codeOf(`mutation ($id: ID!) { verifyTrainingCertificate(id: $id) { id } }`, { id: addTrainingCertificate.id }, tokens.adminSupport)).toBe('CONFLICT');
  });

  it('keep an end date stated on the certificate, and may be recorded verified by who may verify', async () => {
    const { addTrainingCertificate } = await stack.data(
      ADD_CERTIFICATE,
      { v: volunteerId, input: { type: 'BLS', courseDate: '2023-05-01', validUntil: '2025-05-01', verified: true } },
      tokens.adminSupport,
    );
    expect(addTrainingCertificate).toMatchObject({ validUntil: '2025-05-01', verified: true });
    expect(await codeOf(ADD_CERTIFICATE, { v: volunteerId, input: { type: 'CPR', courseDate: '2024-01-01', verified: true } }, own)).toBe('FORBIDDEN');
  });

  it('refuse a course date in the future, an end before the course, and a certificate for someone else, writing nothing', async () => {
    const before = await certificates(volunteerId);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await stack.request(ADD_CERTIFICATE, { v: volunteerId, input: { type: 'CPR', courseDate: tomorrow } }, own);
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'courseDate' });
    const backwards = await stack.request(ADD_CERTIFICATE, { v: volunteerId, input: { type: 'CPR', courseDate: '2024-05-01', validUntil: '2024-04-30' } }, own);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validUntil' });
    expect(await codeOf(ADD_CERTIFICATE, { v: otherVolunteerId, input: { type: 'CPR', courseDate: '2024-05-01' } }, own)).toBe('FORBIDDEN');
    expect(await codeOf(ADD_CERTIFICATE, { v: volunteerId, input: { type: 'CPR', courseDate: '2024-05-01' } }, tokens.otherChair)).toBe('FORBIDDEN');
    expect(await certificates(volunteerId)).toEqual(before);
    expect(await certificates(otherVolunteerId)).toEqual([]);
  });
});

describe('the eligibility rule at its edges (alertableAt, Europe/Amsterdam)', () => {
  let expiring: string;
  let turning18: string;
  let sleeper: string;
  let sleeperToken: string;

  beforeAll(async () => {
    expiring = await registerVolunteer(stack, admin, registration(org.municipalityId, { dateOfBirth: '2000-03-15' }));
    await certify(stack, admin, expiring, { courseDate: '2024-06-04' });
    turning18 = await registerVolunteer(stack, admin, registration(org.municipalityId, { dateOfBirth: '2007-03-10' }));
    await certify(stack, admin, turning18, { courseDate: '2025-01-10' });
    sleeper = await registerVolunteer(stack, admin, registration(org.municipalityId));
    await certify(stack, admin, sleeper, { courseDate: '2025-01-10' });
    sleeperToken = await volunteerToken(sleeper);
  });

  it('is alertable through the last minute of the expiry day, local time, and not from midnight on', async () => {
    // Course 4 June 2024, no end date: valid through 4 June 2025; 23:59:59 CEST is 21:59:59 UTC.
    expect(await alertableAt(expiring, '2025-06-04T21:59:59Z')).toEqual({ alertable: true, reasons: [] });
    expect(await alertableAt(expiring, '2025-06-04T22:00:00Z')).toEqual({ alertable: false, reasons: ['NO_VALID_CERTIFICATE'] });
  });

  it('keeps counting an expired certificate during the region’s grace period, which ADMIN sets', async () => {
    const SET = `mutation ($r: ID!, $d: Int!) { setCertificateGracePeriod(securityRegionId: $r, days: $d) { id name certificateGracePeriodDays } }`;
    expect(await codeOf(SET, { r: org.regionId, d: 30 }, tokens.chair)).toBe('FORBIDDEN');
    expect(await codeOf(SET, { r: org.regionId, d: -1 }, admin)).toBe('BAD_USER_INPUT');
    expect(await codeOf(SET, { r: '00000000-0000-4000-8000-00000000abcd', d: 30 }, admin)).toBe('BAD_USER_INPUT');
    const { setCertificateGracePeriod } = await stack.data(SET, { r: org.regionId, d: 30 }, admin);
    expect(setCertificateGracePeriod).toEqual({ id: org.regionId, name: 'Hart voor Brabant', certificateGracePeriodDays: 30 });
    try {
      expect(await alertableAt(expiring, '2025-06-05T10:00:00Z')).toEqual({ alertable: true, reasons: [] });
      // 4 June + 30 days: the last day of grace is 4 July.
      expect(await alertableAt(expiring, '2025-07-04T21:59:59Z')).toEqual({ alertable: true, reasons: [] });
      expect(await alertableAt(expiring, '2025-07-04T22:00:00Z')).toEqual({ alertable: false, reasons: ['NO_VALID_CERTIFICATE'] });
      const { securityRegion } = await stack.data(`query ($id: ID!) { securityRegion(id: $id) { certificateGracePeriodDays } }`, { id: org.regionId });
      expect(securityRegion.certificateGracePeriodDays).toBe(30);
    } finally {
      await stack.data(SET, { r: org.regionId, d: 0 }, admin);
    }
    expect(await alertableAt(expiring, '2025-06-05T10:00:00Z')).toEqual({ alertable: false, reasons: ['NO_VALID_CERTIFICATE'] });
  });

  it('is alertable from 00:00 local time on the 18th birthday, not a minute before', async () => {
    // Born 10 March 2007; in March Amsterdam is UTC+1.
    expect(await alertableAt(turning18, '2025-03-09T22:59:59Z')).toEqual({ alertable: false, reasons: ['UNDER_18'] });
    expect(await alertableAt(turning18, '2025-03-09T23:00:00Z')).toEqual({ alertable: true, reasons: [] });
  });

  it('respects quiet hours that cross midnight, from their first minute up to their end', async () => {
    await stack.data(`mutation { setMyAvailability(input: { quietHours: { start: "23:00", end: "07:00" } }) { quietHours { start end } } }`, {}, sleeperToken);
    // June: Amsterdam is UTC+2.
    expect(await alertableAt(sleeper, '2025-06-10T20:59:00Z')).toEqual({ alertable: true, reasons: [] });
    expect(await alertableAt(sleeper, '2025-06-10T21:00:00Z')).toEqual({ alertable: false, reasons: ['QUIET_HOURS'] });
    expect(await alertableAt(sleeper, '2025-06-10T22:30:00Z')).toEqual({ alertable: false, reasons: ['QUIET_HOURS'] });
    expect(await alertableAt(sleeper, '2025-06-11T04:59:00Z')).toEqual({ alertable: false, reasons: ['QUIET_HOURS'] });
    expect(await alertableAt(sleeper, '2025-06-11T05:00:00Z')).toEqual({ alertable: true, reasons: [] });
    await stack.data(`mutation { setMyAvailability(input: { quietHours: null }) { id } }`, {}, sleeperToken);
    expect(await alertableAt(sleeper, '2025-06-10T21:00:00Z')).toEqual({ alertable: true, reasons: [] });
    expect(await codeOf(`mutation { setMyAvailability(input: { quietHours: { start: "07:00", end: "07:00" } }) { id } }`, {}, sleeperToken)).toBe('BAD_USER_INPUT');
  });

  it('follows the on/off-duty switch and a suspension, giving every reason that applies', async () => {
    await stack.data(`mutation { setMyAvailability(input: { onDuty: false }) { onDuty } }`, {}, sleeperToken);
    const SET_STATUS = `mutation ($id: ID!, $s: VolunteerStatus!) { setVolunteerStatus(id: $id, status: $s) { status } }`;
    expect(await codeOf(SET_STATUS, { id: sleeper, s: 'SUSPENDED' }, tokens.otherChair)).toBe('FORBIDDEN');
    expect(await codeOf(SET_STATUS, { id: sleeper, s: 'DELETED' }, tokens.chair)).toBe('BAD_USER_INPUT');
    await stack.data(SET_STATUS, { id: sleeper, s: 'SUSPENDED' }, tokens.chair);
    expect(await alertableAt(sleeper, '2026-02-01T12:00:00Z')).toEqual({ alertable: false, reasons: ['INACTIVE', 'OFF_DUTY', 'NO_VALID_CERTIFICATE'] });
    await stack.data(SET_STATUS, { id: sleeper, s: 'ACTIVE' }, tokens.chair);
    await stack.data(`mutation { setMyAvailability(input: { onDuty: true }) { onDuty } }`, {}, sleeperToken);
    expect(await alertableAt(sleeper, '2025-06-10T12:00:00Z')).toEqual({ alertable: true, reasons: [] });
  });
});

describe('privacy of addresses, phone numbers and positions', () => {
  let volunteerId: string;
  const PERSONAL = `query ($id: ID!) { volunteer(id: $id) { id homeAddress { street city position { latitude longitude } } phone currentPosition { position { latitude } } } }`;

  beforeAll(async () => {
    volunteerId = await registerVolunteer(stack, admin, registration(org.municipalityId, { consents: [{ kind: 'LOCATION_SHARING' }] }));
    await stack.data(`mutation { updateMyLocation(position: { latitude: 51.585, longitude: 5.2 }) { reportedAt } }`, {}, await volunteerToken(volunteerId));
  });

  const viewers: [string, () => Promise<string | undefined>, 'sees' | string][] = [
    ['the volunteer themselves', () => volunteerToken(volunteerId), 'sees'],
    ['the chair of their working group', async () => tokens.chair, 'sees'],
    ['the chair by membership only', () => stack.token([], org.chairSubject), 'sees'],
    ['the administrative support of their working group', async () => tokens.adminSupport, 'sees'],
    ['the policy officer of their municipality', async () => tokens.policyOfficer, 'sees'],
    ['ADMIN', async () => admin, 'sees'],
    ['the chair of another municipality’s working group', async () => tokens.otherChair, 'FORBIDDEN'],
    ['the policy officer of another municipality', async () => tokens.otherPolicyOfficer, 'FORBIDDEN'],
    ['a partner association', async () => tokens.partner, 'FORBIDDEN'],
    ['a dispatcher (they see alerted volunteers in the incidents subgraph)', async () => tokens.dispatcher, 'FORBIDDEN'],
    ['another volunteer', () => stack.token({ role: Role.VOLUNTEER, scope: '00000000-0000-4000-8000-000000000001' }), 'FORBIDDEN'],
    ['an anonymous caller', async () => undefined, 'UNAUTHENTICATED'],
  ];

  it.each(viewers)('%s', async (_who, token, expected) => {
    const response = await stack.request(PERSONAL, { id: volunteerId }, await token());
    if (expected === 'sees') {
      expect(response.errors).toBeUndefined();
      expect(response.data.volunteer).toMatchObject({
        homeAddress: { street: 'Dorpsstraat', city: 'Oisterwijk', position: OISTERWIJK },
        phone: expect.stringMatching(/^\+316/),
        currentPosition: { position: { latitude: 51.585 } },
      });
    } else {
      expect(response.errors?.[0]?.extensions?.code).toBe(expected);
      expect(JSON.stringify(response.data ?? null)).not.toContain('Dorpsstraat');
    }
  });

  it('guards the same fields when a volunteer is reached through another entity', async () => {
    // A working-group member's volunteer record, resolved by the organization subgraph's reference.
    const { addWorkingGroupMember } = await stack.data(
      AddWorkingGroupMemberDocument,
      { input: { workingGroupId: org.workingGroupId, userSubject: `member-${unique()}`, name: 'Vera', role: 'VOLUNTEER', organisation: 'EHBO', volunteerId } },
      admin,
    );
    const MEMBERS = `query ($id: ID!) { workingGroup(id: $id) { members { id volunteer { id phone } } } }`;
    const asChair = await stack.data(MEMBERS, { id: org.workingGroupId }, tokens.chair);
    const member = asChair.workingGroup.members.find((row: { id: string }) => row.id === addWorkingGroupMember.id);
    expect(member.volunteer).toEqual({ id: volunteerId, phone: expect.stringMatching(/^\+316/) });
  });

  it('keeps counts public and lists of volunteers for their municipality’s coordinators', async () => {
    const COUNTS = `query ($m: ID!, $g: ID!) {
      municipality(id: $m) { name volunteerCount alertableVolunteerCount }
      workingGroup(id: $g) { name volunteerCount alertableVolunteerCount }
    }`;
    const counts = await stack.data(COUNTS, { m: org.municipalityId, g: org.workingGroupId });
    expect(counts.municipality.volunteerCount).toBeGreaterThan(0);
    expect(counts.workingGroup).toMatchObject({ name: 'Hartveilig Oisterwijk', volunteerCount: counts.municipality.volunteerCount });

    const LISTS = `query ($m: ID!, $g: ID!) { municipality(id: $m) { volunteers { id name } } workingGroup(id: $g) { volunteers { id } } }`;
    const asOfficer = await stack.data(LISTS, { m: org.municipalityId, g: org.workingGroupId }, tokens.policyOfficer);
    expect(asOfficer.municipality.volunteers).toHaveLength(counts.municipality.volunteerCount);
    expect(asOfficer.workingGroup.volunteers.map((row: { id: string }) => row.id)).toContain(volunteerId);
    for (const [token, code] of [
      [tokens.partner, 'FORBIDDEN'],
      [tokens.otherPolicyOfficer, 'FORBIDDEN'],
      [tokens.dispatcher, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      expect(await codeOf(`query ($m: ID!) { municipality(id: $m) { volunteers { id } } }`, { m: org.municipalityId }, token)).toBe(code);
      expect(await codeOf(`query ($g: ID!) { workingGroup(id: $g) { volunteers { id } } }`, { g: org.workingGroupId }, token)).toBe(code);
    }
  });
});

describe('lists by access', () => {
  it('give a policy officer the rows of every municipality, and its volunteers for theirs only: null with FORBIDDEN on the others’ field', async () => {
    // Every municipality's whole list of volunteers is refused as too costly (gateway/cost.ts); a page of each is not.
    const WHOLE = `{ municipalities { id volunteers { id name } } }`;
    expect((await stack.request(WHOLE, {}, tokens.policyOfficer)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const QUERY = `{ municipalities { id name volunteerCount volunteersConnection(first: 50) { totalCount nodes { id name } } } }`;
    const response = await stack.request(QUERY, {}, tokens.policyOfficer);
    expect(response.data, JSON.stringify(response.errors)).toBeTruthy();
    type Row = { id: string; volunteerCount: number; volunteersConnection: { totalCount: number; nodes: { id: string; name: string }[] } | null };
    const rows = response.data.municipalities as Row[];
    const own = rows.find((row) => row.id === org.municipalityId)!;
    const other = rows.find((row) => row.id === org.otherMunicipalityId)!;
    expect(own.volunteersConnection!.totalCount).toBe(own.volunteerCount);
    expect(own.volunteersConnection!.nodes).toHaveLength(Math.min(own.volunteerCount, 50));
    expect(own.volunteersConnection!.nodes.every((volunteer) => typeof volunteer.name === 'string')).toBe(true);
    expect(other).toMatchObject({ volunteerCount: expect.any(Number), volunteersConnection: null });
    const index = rows.indexOf(other);
    expect(response.errors).toContainEqual(
      expect.objectContaining({ path: ['municipalities', index, 'volunteersConnection'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect(response.errors!.map((error) => rows[Number(error.path![1])]!.id)).not.toContain(org.municipalityId);
  });

  it('give a partner its own association’s members, and null with FORBIDDEN on another association’s', async () => {
    const { createPartnerAssociation: other } = await stack.data(CreatePartnerAssociationDocument, { input: { name: `EHBO ${unique()}` } }, admin);
    const response = await stack.request(
      `query ($own: ID!, $other: ID!) { own: partnerAssociation(id: $own) { members { id } } other: partnerAssociation(id: $other) { memberCount members { id } } }`,
      { own: org.partnerId, other: other.id },
      tokens.partner,
    );
    expect(response.data.own.members).toEqual(expect.any(Array));
    expect(response.data.other).toEqual({ memberCount: 0, members: null });
    expect(response.errors).toEqual([expect.objectContaining({ path: ['other', 'members'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });
});

describe('renewal reminders and the lapse forecast', () => {
  let municipalityId: string;
  let coordinator: string;
  const ids: Record<string, string> = {};
  /** 1 May 2025, 12:00 in Amsterdam. */
  const AT = '2025-05-01T10:00:00.000Z';

  beforeAll(async () => {
    const { createMunicipality } = await stack.data(CreateMunicipalityDocument, { input: { name: 'Haaren', code: `GM1955-${unique()}` } }, admin);
    municipalityId = createMunicipality.id;
    coordinator = await stack.token({ role: Role.POLICY_OFFICER, scope: municipalityId });
    for (const [name, courseDate] of [
      ['expires in June', '2024-06-10'],
      ['expires in August', '2024-08-10'],
      ['expired in April', '2024-04-01'],
      ['expires in December', '2024-12-01'],
    ] as const) {
      ids[name] = await registerVolunteer(stack, admin, registration(municipalityId, { name }));
      await certify(stack, admin, ids[name]!, { courseDate });
    }
  });

  it('lists, for coordinators, who should renew from two months before expiry, soonest first', async () => {
    const DUE = `query ($m: ID!, $at: DateTimeISO) { certificateRenewalsDue(municipalityId: $m, at: $at) { volunteer { name } validUntil remindFrom expired } }`;
    const { certificateRenewalsDue } = await stack.data(DUE, { m: municipalityId, at: AT }, coordinator);
    expect(certificateRenewalsDue).toEqual([
      { volunteer: { name: 'expired in April' }, validUntil: '2025-04-01', remindFrom: '2025-02-01', expired: true },
      { volunteer: { name: 'expires in June' }, validUntil: '2025-06-10', remindFrom: '2025-04-10', expired: false },
    ]);
    expect(await codeOf(DUE, { m: municipalityId, at: AT }, tokens.partner)).toBe('FORBIDDEN');
    expect(await codeOf(DUE, { m: municipalityId, at: AT }, tokens.policyOfficer)).toBe('FORBIDDEN');
  });

  it('forecasts per municipality how many stop being alertable within 1, 3, 6 and 12 months (counts public)', async () => {
    const FORECAST = `query ($m: ID!, $at: DateTimeISO) { municipality(id: $m) { certificateLapseForecast(at: $at) { months through count } } }`;
    const { municipality } = await stack.data(FORECAST, { m: municipalityId, at: AT });
    expect(municipality.certificateLapseForecast).toEqual([
      { months: 1, through: '2025-06-01', count: 0 },
      { months: 3, through: '2025-08-01', count: 1 },
      { months: 6, through: '2025-11-01', count: 2 },
      { months: 12, through: '2026-05-01', count: 3 },
    ]);
    const WHO = `query ($m: ID!, $at: DateTimeISO) { municipality(id: $m) { certificateLapseForecast(at: $at, months: [6]) { volunteers { name } } } }`;
    const { municipality: named } = await stack.data(WHO, { m: municipalityId, at: AT }, coordinator);
    expect(named.certificateLapseForecast[0].volunteers).toEqual([{ name: 'expires in June' }, { name: 'expires in August' }]);
    expect(await codeOf(WHO, { m: municipalityId, at: AT })).toBe('UNAUTHENTICATED');
    expect(await codeOf(FORECAST.replace('(at: $at)', '(at: $at, months: [0])'), { m: municipalityId, at: AT })).toBe('BAD_USER_INPUT');
  });

  it('notifies the volunteer once, on a durable subscription they can resume', async () => {
    const token = await volunteerToken(ids['expires in June']!);
    const SUBSCRIPTION = `subscription ($after: String) { myVolunteerNotifications(after: $after) { cursor kind referenceDate message } }`;
    const live = collect(stack.wsClient(token), SUBSCRIPTION, {}, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const em = stack.subgraphs.volunteers.orm.em.fork();
    expect(await sendDueRenewalReminders(em, new Date(AT))).toBeGreaterThanOrEqual(2);
    const [event] = await live.done;
    expect(event.myVolunteerNotifications).toMatchObject({ kind: 'CERTIFICATE_RENEWAL_DUE', referenceDate: '2025-06-10' });
    expect(event.myVolunteerNotifications.message).toContain('2025-06-10');
    // Run again (a second instance, the next hour): nobody is notified twice.
    expect(await sendDueRenewalReminders(em, new Date(AT))).toBe(0);
    const replay = collect(stack.wsClient(token), SUBSCRIPTION, { after: '0' }, 1);
    expect((await replay.done)[0].myVolunteerNotifications.cursor).toBe(event.myVolunteerNotifications.cursor);
    const partner = collect(stack.wsClient(tokens.partner), SUBSCRIPTION, {}, 1, 3000);
    await expect(partner.done).rejects.toThrow();
    expect(JSON.stringify(partner.errors)).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('sweeps exactly the volunteers due on their own calendar, each once: the end of a month and the day before count as the rule counts them', async () => {
    const { createMunicipality } = await stack.data(CreateMunicipalityDocument, { input: { name: 'Hilvarenbeek', code: `GM0798-${unique()}` } }, admin);
    const swept: Record<string, string> = {};
    for (const [name, courseDate] of [
      // Valid until 30 April: due from 28 February (two months back, the day kept within February).
      ['due from 28 February', '2024-04-30'],
      // Valid until 1 May: due from 1 March, a day later.
      ['due from 1 March', '2024-05-01'],
      // Valid until 29 April: due from 28 February as well (29 February does not exist in 2025).
      ['due from 28 February too', '2024-04-29'],
    ] as const) {
      swept[name] = await registerVolunteer(stack, admin, registration(createMunicipality.id, { name }));
      await certify(stack, admin, swept[name]!, { courseDate });
    }
    const remindedOf = async () =>
      (
        await db.query<{ volunteer_id: string; reference_date: string }>(
          `select volunteer_id::text, reference_date::text from volunteers.volunteer_notification
           where kind = 'CERTIFICATE_RENEWAL_DUE' and volunteer_id = any($1::uuid[]) order by reference_date`,
          [Object.values(swept)],
        )
      ).rows;
    const em = stack.subgraphs.volunteers.orm.em.fork();
    // 23:30 on 27 February in UTC is already 28 February in Amsterdam, the volunteers' clock.
    await sendDueRenewalReminders(em, new Date('2025-02-27T23:30:00.000Z'));
    expect(await remindedOf()).toEqual([
      { volunteer_id: swept['due from 28 February too'], reference_date: '2025-04-29' },
      { volunteer_id: swept['due from 28 February'], reference_date: '2025-04-30' },
    ]);
    // The same hour again: nothing more for anyone.
    expect(await sendDueRenewalReminders(em, new Date('2025-02-27T23:45:00.000Z'))).toBe(0);
    // The next day the third is due, and only the third is reminded.
    expect(await sendDueRenewalReminders(em, new Date('2025-02-28T23:30:00.000Z'))).toBeGreaterThanOrEqual(1);
    expect((await remindedOf()).map((row) => row.volunteer_id).sort()).toEqual(Object.values(swept).sort());
    expect(await sendDueRenewalReminders(em, new Date('2025-02-28T23:45:00.000Z'))).toBe(0);
  });
});

describe('deleteMyAccount', () => {
  it('erases personal data and positions at once, keeping anonymous statistics', async () => {
    const input = registration(org.municipalityId, { consents: [{ kind: 'LOCATION_SHARING' }] });
    const id = await registerVolunteer(stack, admin, input);
    await certify(stack, admin, id, { courseDate: '2025-01-10' });
    await stack.data(AddAssociationMembershipDocument, { v: id, a: org.partnerId }, admin);
    const token = await volunteerToken(id);
    await stack.data(`mutation { updateMyLocation(position: { latitude: 51.585, longitude: 5.2 }) { reportedAt } }`, {}, token);
    const STATS = `query ($m: ID!) { municipality(id: $m) { volunteerCount formerVolunteerCount } }`;
    const before = (await stack.data(STATS, { m: org.municipalityId })).municipality;

    expect(await codeOf(`mutation { deleteMyAccount }`, {}, tokens.chair)).toBe('FORBIDDEN');
    expect((await stack.data(`mutation { deleteMyAccount }`, {}, token)).deleteMyAccount).toBe(true);

    expect(await codeOf(`query ($id: ID!) { volunteer(id: $id) { name } }`, { id }, admin)).toBe('NOT_FOUND');
    expect((await stack.data(STATS, { m: org.municipalityId })).municipality).toEqual({
      volunteerCount: before.volunteerCount - 1,
      formerVolunteerCount: before.formerVolunteerCount + 1,
    });
    const [row] = (await db.query('select * from volunteers.volunteer where id = $1', [id])).rows;
    expect(row).toMatchObject({ status: 'DELETED', municipality_id: org.municipalityId, name: null, phone: null, email: null, date_of_birth: null });
    expect(Object.entries(row).filter(([column, value]) => /^(home|work)_/.test(column) && value !== null)).toEqual([]);
    const left = async (table: string) => (await db.query(`select count(*)::int as n from volunteers.${table} where volunteer_id = $1`, [id])).rows[0].n;
    expect(await left('candidate_position')).toBe(0);
    expect(await left('consent')).toBe(0);
    expect(await left('association_membership')).toBe(0);
    // The certificate's type and dates stay, for the programme's statistics.
    expect(await left('training_certificate')).toBe(1);

    expect(await codeOf(`mutation { deleteMyAccount }`, {}, token)).toBe('FORBIDDEN');
    // The phone number and e-mail address are free again.
    expect(await registerVolunteer(stack, admin, registration(org.municipalityId, { phone: input.phone, email: input.email }))).not.toBe(id);
  });
});

describe('the hourly tasks', () => {
  it('follow a municipality that changes its time zone or region, so the rule reads the right clock', async () => {
    const { createMunicipality } = await stack.data(CreateMunicipalityDocument, { input: { name: 'Zonedam', code: `GM9001-${unique()}` } }, admin);
    const id = await registerVolunteer(stack, admin, registration(createMunicipality.id, { quietHours: { start: '23:00', end: '07:00' } }));
    await certify(stack, admin, id, { courseDate: '2025-01-10' });
    // 21:30 UTC in June: 23:30 in Amsterdam (quiet), 22:30 in London (not).
    const at = '2025-06-10T21:30:00Z';
    expect(await alertableAt(id, at)).toEqual({ alertable: false, reasons: ['QUIET_HOURS'] });
    await stack.data(
      `mutation ($id: ID!, $input: UpdateMunicipalityInput!) { updateMunicipality(id: $id, input: $input) { id } }`,
      { id: createMunicipality.id, input: { timeZone: 'Europe/London', regionId: org.regionId } },
      admin,
    );
    const peers = createPeerClient(Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])), TEST_SECRETS.gatewaySecret);
    await runVolunteerTasks({ em: stack.subgraphs.volunteers.orm.em, peers, logger: createLogger('test') }, new Date());
    expect(await alertableAt(id, at)).toEqual({ alertable: true, reasons: [] });
    const [row] = (await db.query('select time_zone, security_region_id from volunteers.volunteer where id = $1', [id])).rows;
    expect(row).toEqual({ time_zone: 'Europe/London', security_region_id: org.regionId });
    const [position] = (await db.query(`select time_zone from volunteers.candidate_position where volunteer_id = $1 and kind = 'HOME'`, [id])).rows;
    expect(position.time_zone).toBe('Europe/London');
  });
});
