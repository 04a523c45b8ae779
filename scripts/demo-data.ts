/**
 * A small demo data set, loaded through the gateway with an ADMIN token on the
 * first `npm start` (so it also exercises the real API): a security region
 * with its ambulance service, one municipality and its working group with
 * members, a plan task and a partner association, volunteers and AEDs.
 */
export interface DemoData {
  regionId: string;
  ambulanceServiceId: string;
  municipalityId: string;
  workingGroupId: string;
  partnerAssociationId: string;
  volunteerIds: string[];
  aedIds: string[];
}

/**
 * Subjects of the demo working group's members: a token with one of these
 * subjects holds the member's role (CHAIR, GROUP_LEADER, ADMIN_SUPPORT) through the membership.
 */
export const DEMO_MEMBERS = [
  { userSubject: 'demo-chair', name: 'Carla van den Berg', role: 'CHAIR', organisation: 'Gemeente Oisterwijk' },
  { userSubject: 'demo-group-leader', name: 'Gijs Hendriks', role: 'GROUP_LEADER', organisation: 'RAV Brabant Midden-West-Noord' },
  { userSubject: 'demo-admin-support', name: 'Sanne de Wit', role: 'ADMIN_SUPPORT', organisation: 'Gemeente Oisterwijk' },
  { userSubject: 'demo-policy-officer', name: 'Pieter Smits', role: 'POLICY_OFFICER', organisation: 'Gemeente Oisterwijk' },
] as const;

/** The first demo volunteer is also a member of the working group. */
const DEMO_VOLUNTEER_MEMBER = { userSubject: 'demo-volunteer', name: 'Anna de Vries', role: 'VOLUNTEER', organisation: 'EHBO Oisterwijk' };

/** Roughly the municipality of Oisterwijk, [longitude, latitude]. */
const OISTERWIJK_BOUNDARY = {
  type: 'Polygon',
  coordinates: [
    [
      [5.13, 51.55],
      [5.22, 51.53],
      [5.3, 51.56],
      [5.29, 51.62],
      [5.2, 51.64],
      [5.13, 51.61],
      [5.13, 51.55],
    ],
  ],
};

async function call<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`Demo data: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** Whether the demo municipality is already there (the data is kept across restarts). */
export async function hasDemoData(url: string, token: string): Promise<boolean> {
  const data = await call<{ municipalities: { code: string }[] }>(url, token, '{ municipalities { code } }');
  return data.municipalities.length > 0;
}

type Call = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** The organisation: region, ambulance service, municipality, working group with members and plan, partner association. */
async function loadOrganisation(call: Call) {
  const { createSecurityRegion } = await call<{ createSecurityRegion: { id: string } }>(
    `mutation { createSecurityRegion(input: { name: "Hart voor Brabant", code: "VR20" }) { id } }`,
  );
  const regionId = createSecurityRegion.id;
  const { createAmbulanceService } = await call<{ createAmbulanceService: { id: string } }>(
    `mutation ($input: CreateAmbulanceServiceInput!) { createAmbulanceService(input: $input) { id } }`,
    { input: { name: 'RAV Brabant Midden-West-Noord', code: 'RAV-BMWN', dispatchCentre: 'Meldkamer Brabant', regionIds: [regionId] } },
  );
  const { createMunicipality } = await call<{ createMunicipality: { id: string } }>(`mutation ($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { id } }`, {
    input: {
      name: 'Oisterwijk',
      code: 'GM0824',
      countryCode: 'NL',
      timeZone: 'Europe/Amsterdam',
      population: 26500,
      regionId,
      boundary: OISTERWIJK_BOUNDARY,
    },
  });
  const municipalityId = createMunicipality.id;
  const { createWorkingGroup } = await call<{ createWorkingGroup: { id: string } }>(`mutation ($input: CreateWorkingGroupInput!) { createWorkingGroup(input: $input) { id } }`, {
    input: { name: 'Hartveilig Oisterwijk', municipalityIds: [municipalityId] },
  });
  const workingGroupId = createWorkingGroup.id;
  const memberIds: Record<string, string> = {};
  for (const member of DEMO_MEMBERS) {
    const { addWorkingGroupMember } = await call<{ addWorkingGroupMember: { id: string } }>(
      `mutation ($input: AddWorkingGroupMemberInput!) { addWorkingGroupMember(input: $input) { id } }`,
      { input: { workingGroupId, ...member, since: '2025-01-01' } },
    );
    memberIds[member.userSubject] = addWorkingGroupMember.id;
  }
  for (const [title, responsible, dueDate] of [
    ['Outdoor cabinet for the town hall AED, so it is reachable at night', 'demo-policy-officer', '2026-03-01'],
    ['Refresher course for volunteers whose certificate lapses this spring', 'demo-admin-support', '2026-04-15'],
  ] as const) {
    await call(`mutation ($input: CreatePlanTaskInput!) { createPlanTask(input: $input) { id } }`, {
      input: { workingGroupId, title, responsibleMemberId: memberIds[responsible], dueDate },
    });
  }
  const { createPartnerAssociation } = await call<{ createPartnerAssociation: { id: string } }>(`mutation { createPartnerAssociation(input: { name: "EHBO Oisterwijk" }) { id } }`);
  const partnerAssociationId = createPartnerAssociation.id;
  await call(`mutation ($p: ID!, $m: ID!) { joinMunicipality(partnerAssociationId: $p, municipalityId: $m, joinedOn: "2025-01-01") { id } }`, {
    p: partnerAssociationId,
    m: municipalityId,
  });
  return { regionId, ambulanceServiceId: createAmbulanceService.id, municipalityId, workingGroupId, partnerAssociationId };
}

/**
 * Two AEDs with schedules, readiness and guardians: an outdoor cabinet open
 * around the clock (code 4711), and a town-hall AED reachable in office
 * hours whose pads run out within the reminder lead time. Dates are relative
 * to today, so both are dispatchable (in their hours) whenever the demo is loaded.
 */
async function loadAeds(call: Call, municipalityId: string): Promise<string[]> {
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const aeds = [
    {
      location: { latitude: 51.5794, longitude: 5.1893 },
      locationDescription: 'Sports hall De Leije, left of the main entrance (outdoor cabinet)',
      address: 'Sportpark De Leije, Oisterwijk',
      indoor: false,
      access: 'PUBLIC',
      cabinetLocked: true,
      cabinetCode: '4711',
      availabilitySchedule: '24/7',
      brand: 'Philips',
      model: 'HeartStart FRx',
      batteryExpiresOn: day(3 * 365),
      padsExpireOn: day(400),
      lastCheckedOn: day(-7),
      owner: { name: 'Sportvereniging De Leije', email: 'bestuur@deleije.example' },
      guardians: [{ name: 'Gerard van Dijk', phone: '+31 6 12345678', email: 'gerard@example.org' }],
    },
    {
      location: { latitude: 51.5826, longitude: 5.1962 },
      locationDescription: 'Town hall, reception desk (office hours)',
      address: 'Raadhuis, Oisterwijk',
      indoor: true,
      floor: '0',
      access: 'RESTRICTED',
      availabilitySchedule: 'Mo-Fr 08:30-17:00; PH off',
      brand: 'ZOLL',
      model: 'AED Plus',
      batteryExpiresOn: day(2 * 365),
      padsExpireOn: day(20),
      lastCheckedOn: day(-30),
      owner: { name: 'Gemeente Oisterwijk', phone: '+31 13 123 4567' },
      guardians: [{ name: 'Fatima El Amrani', email: 'fatima@example.org' }],
    },
  ];
  const ids: string[] = [];
  for (const aed of aeds) {
    const { registerAed } = await call<{ registerAed: { id: string } }>(`mutation ($input: RegisterAedInput!) { registerAed(input: $input) { id } }`, {
      input: { municipalityId, ...aed },
    });
    ids.push(registerAed.id);
  }
  return ids;
}

/**
 * Four volunteers living around the demo AEDs, each with a verified CPR/AED
 * certificate from a recent course (dates relative to today, so they are
 * alertable whenever the demo is loaded): one also at work on weekdays, one
 * with quiet hours at night, one a member of the partner association.
 */
async function loadVolunteers(call: Call, municipalityId: string, partnerAssociationId: string): Promise<string[]> {
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const home = (street: string, houseNumber: string, latitude: number, longitude: number) => ({
    street,
    houseNumber,
    postalCode: '5061 HK',
    city: 'Oisterwijk',
    position: { latitude, longitude },
  });
  const volunteers = [
    {
      input: { name: 'Anna de Vries', phone: '06 12345001', email: 'anna@example.org', dateOfBirth: '1985-04-12', homeAddress: home('Dorpsstraat', '12', 51.5801, 5.1905) },
      courseDate: day(-60),
    },
    {
      input: {
        name: 'Bram Jansen',
        phone: '06 12345002',
        email: 'bram@example.org',
        dateOfBirth: '1990-02-03',
        homeAddress: home('Kerkstraat', '3', 51.5772, 5.1851),
        workAddress: {
          ...home('Raadhuisplein', '1', 51.5826, 5.1962),
          weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ day: weekday, start: '08:30', end: '17:00' })),
        },
      },
      courseDate: day(-200),
    },
    {
      input: {
        name: 'Chantal Bakker',
        phone: '06 12345003',
        email: 'chantal@example.org',
        dateOfBirth: '1978-09-21',
        homeAddress: home('Almijnstraat', '8', 51.5838, 5.1931),
        quietHours: { start: '23:00', end: '07:00' },
      },
      courseDate: day(-30),
      member: true,
    },
    {
      input: {
        name: 'Dirk Visser',
        phone: '06 12345004',
        email: 'dirk@example.org',
        dateOfBirth: '1969-12-01',
        homeAddress: home('Boxtelseweg', '40', 51.5756, 5.1978),
        consents: [{ kind: 'PERSONAL_DATA' }, { kind: 'LOCATION_SHARING' }],
      },
      courseDate: day(-300),
    },
  ];
  const ids: string[] = [];
  for (const volunteer of volunteers) {
    const { registerVolunteer } = await call<{ registerVolunteer: { id: string } }>(`mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`, {
      input: { ...volunteer.input, municipalityId },
    });
    await call(`mutation ($v: ID!, $input: TrainingCertificateInput!) { addTrainingCertificate(volunteerId: $v, input: $input) { id } }`, {
      v: registerVolunteer.id,
      input: { type: 'CPR_AED', name: 'NRR Reanimatie/AED', provider: 'EHBO Oisterwijk', courseDate: volunteer.courseDate, verified: true },
    });
    if (volunteer.member) {
      await call(`mutation ($v: ID!, $a: ID!) { addAssociationMembership(volunteerId: $v, partnerAssociationId: $a) { id } }`, {
        v: registerVolunteer.id,
        a: partnerAssociationId,
      });
    }
    ids.push(registerVolunteer.id);
  }
  return ids;
}

/**
 * The region's dispatch policy, version 1: a slightly wider radius than the
 * default, as regions with villages and countryside choose, and aftercare as
 * by default. A dispatcher token for the demo ambulance service
 * (`npm run token -- --role DISPATCHER --scope <ambulanceServiceId>`) can then
 * report an incident in Oisterwijk.
 */
async function loadDispatchPolicy(call: Call, regionId: string): Promise<void> {
  await call(`mutation ($input: SetDispatchPolicyInput!) { setDispatchPolicy(input: $input) { version } }`, {
    input: { securityRegionId: regionId, dispatch: { radiusMeters: 1200 } },
  });
}

export async function loadDemoData(url: string, token: string): Promise<DemoData> {
  const gateway: Call = (query, variables) => call(url, token, query, variables);
  const organisation = await loadOrganisation(gateway);
  const { municipalityId, workingGroupId } = organisation;
  const volunteerIds = await loadVolunteers(gateway, municipalityId, organisation.partnerAssociationId);
  const aedIds = await loadAeds(gateway, municipalityId);
  await loadDispatchPolicy(gateway, organisation.regionId);
  await gateway(`mutation ($input: AddWorkingGroupMemberInput!) { addWorkingGroupMember(input: $input) { id } }`, {
    input: { workingGroupId, ...DEMO_VOLUNTEER_MEMBER, since: '2025-01-01', volunteerId: volunteerIds[0] },
  });
  return { ...organisation, volunteerIds, aedIds };
}
