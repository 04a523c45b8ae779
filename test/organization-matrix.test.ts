/**
 * The authorisation matrix of the organisation subgraph, through the
 * gateway: every kind of caller against every field, mutation and
 * subscription, with the expected allow or deny. A denial is FORBIDDEN
 * (UNAUTHENTICATED for anonymous callers) and writes nothing. The same table
 * is in docs/access.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { JoinMunicipalityDocument, SetAmbulanceServiceRegionsDocument } from './operations/generated.ts';
import { createApiClient, createOrganisation, unique, type Organisation } from './organization-fixture.ts';
import { collect, startTestStack, type GraphQLResponse, type TestStack } from './stack.ts';

let stack: TestStack;
let org: Organisation;
/** A problem report, plan task and member of the working group that reads and updates act on. */
let reportId: string;
let taskId: string;
let memberTaskId: string;
let supportMemberId: string;

const CALLERS = [
  'anonymous',
  'ADMIN',
  'POLICY_OFFICER',
  'POLICY_OFFICER elsewhere',
  'CHAIR',
  'CHAIR by membership',
  'GROUP_LEADER',
  'ADMIN_SUPPORT',
  'CHAIR elsewhere',
  'member',
  'DISPATCHER',
  'PARTNER',
  'API client',
  'VOLUNTEER',
  'GUARDIAN',
] as const;
type Caller = (typeof CALLERS)[number];
const tokens = new Map<Caller, string | undefined>();

const EVERYONE: readonly Caller[] = CALLERS;
const ADMIN_ONLY: readonly Caller[] = ['ADMIN'];
const CHAIRS: readonly Caller[] = ['ADMIN', 'CHAIR', 'CHAIR by membership'];
const PLANNERS: readonly Caller[] = [...CHAIRS, 'GROUP_LEADER'];
const DECIDERS: readonly Caller[] = PLANNERS;
/** Members, coordinators and policy officers of the working group. */
const TAKING_PART: readonly Caller[] = [...PLANNERS, 'ADMIN_SUPPORT', 'POLICY_OFFICER', 'member'];
const OFFICERS: readonly Caller[] = ['ADMIN', 'POLICY_OFFICER'];
const PARTNER_MANAGERS: readonly Caller[] = ['ADMIN', 'PARTNER'];

interface Attempt {
  response: GraphQLResponse;
  /** Whether the attempt changed anything (checked as ADMIN after it). */
  written?: () => Promise<boolean>;
}

interface Case {
  name: string;
  allowed: readonly Caller[];
  attempt(token: string | undefined): Promise<Attempt>;
}

const asAdmin = <T = any>(query: string, variables: Record<string, unknown> = {}) => stack.data<T>(query, variables, org.admin);

/** A read: allowed when it answers without errors. */
const read = (name: string, allowed: readonly Caller[], query: string, variables: () => Record<string, unknown>): Case => ({
  name,
  allowed,
  attempt: async (token) => ({ response: await stack.request(query, variables(), token) }),
});

const CASES: Case[] = [
  read(
    'Municipality: region, boundary, working group, partners',
    EVERYONE,
    `query ($id: ID!) { municipality(id: $id) { boundary region { id } workingGroup { id } partnerAssociations { id } } }`,
    () => ({ id: org.municipalityId }),
  ),
  read('municipalityAt', EVERYONE, `{ municipalityAt(position: { latitude: 51.6, longitude: 5.2 }) { id } }`, () => ({})),
  read('SecurityRegion: municipalities, ambulance services', EVERYONE, `{ securityRegions { municipalities { id } ambulanceServices { id } } }`, () => ({})),
  read('AmbulanceService: regions', EVERYONE, `{ ambulanceServices { dispatchCentre regions { id } } }`, () => ({})),
  read('WorkingGroup: name, municipalities', EVERYONE, `query ($id: ID!) { workingGroup(id: $id) { name municipalities { id } } }`, () => ({ id: org.workingGroupId })),
  read('PartnerAssociation: municipalities', EVERYONE, `{ partnerAssociations { name municipalities { joinedOn } } }`, () => ({})),
  read('myAccess', EVERYONE, `{ myAccess { subject } }`, () => ({})),
  read('WorkingGroup.members', TAKING_PART, `query ($id: ID!) { workingGroup(id: $id) { members { userSubject organisation } } }`, () => ({ id: org.workingGroupId })),
  read('WorkingGroup.plan', TAKING_PART, `query ($id: ID!) { workingGroup(id: $id) { plan { title responsible { name } } } }`, () => ({ id: org.workingGroupId })),
  read('WorkingGroup.overdueTasks', TAKING_PART, `query ($id: ID!) { workingGroup(id: $id) { overdueTasks { title } } }`, () => ({ id: org.workingGroupId })),
  read('overdueTasks(workingGroupId)', TAKING_PART, `query ($id: ID!) { overdueTasks(workingGroupId: $id) { title } }`, () => ({ id: org.workingGroupId })),
  read('WorkingGroup.problemReports', TAKING_PART, `query ($id: ID!) { workingGroup(id: $id) { problemReports { title reportedBy } } }`, () => ({ id: org.workingGroupId })),
  read('problemReport with history', TAKING_PART, `query ($id: ID!) { problemReport(id: $id) { title history { actor } } }`, () => ({ id: reportId })),
  read('PartnerAssociation.apiClients', PARTNER_MANAGERS, `query ($id: ID!) { partnerAssociation(id: $id) { apiClients { id } } }`, () => ({ id: org.partnerId })),
  {
    name: 'createSecurityRegion',
    allowed: ADMIN_ONLY,
    async attempt(token) {
      const code = `VR-${unique()}`;
      const response = await stack.request(`mutation ($c: String!) { createSecurityRegion(input: { name: "New", code: $c }) { id } }`, { c: code }, token);
      return { response, written: async () => (await asAdmin(`{ securityRegions { code } }`)).securityRegions.some((r: { code: string }) => r.code === code) };
    },
  },
  {
    name: 'createMunicipality',
    allowed: ADMIN_ONLY,
    async attempt(token) {
      const code = `GM-${unique()}`;
      const response = await stack.request(`mutation ($c: String!) { createMunicipality(input: { name: "New", code: $c }) { id } }`, { c: code }, token);
      return { response, written: async () => (await asAdmin(`{ municipalities { code } }`)).municipalities.some((m: { code: string }) => m.code === code) };
    },
  },
  {
    name: 'updateMunicipality (population, boundary)',
    allowed: OFFICERS,
    async attempt(token) {
      const population = 20_000 + Math.floor(Math.random() * 10_000);
      const response = await stack.request(
        `mutation ($id: ID!, $p: Int) { updateMunicipality(id: $id, input: { population: $p }) { id } }`,
        { id: org.municipalityId, p: population },
        token,
      );
      return {
        response,
        written: async () => (await asAdmin(`query ($id: ID!) { municipality(id: $id) { population } }`, { id: org.municipalityId })).municipality.population === population,
      };
    },
  },
  {
    name: 'updateMunicipality (region)',
    allowed: ADMIN_ONLY,
    async attempt(token) {
      const { createMunicipality } = await asAdmin(`mutation { createMunicipality(input: { name: "Regionless", code: "GM-${unique()}" }) { id } }`);
      const response = await stack.request(
        `mutation ($id: ID!, $r: ID) { updateMunicipality(id: $id, input: { regionId: $r }) { id } }`,
        { id: createMunicipality.id, r: org.regionId },
        token,
      );
      return {
        response,
        written: async () => (await asAdmin(`query ($id: ID!) { municipality(id: $id) { region { id } } }`, { id: createMunicipality.id })).municipality.region !== null,
      };
    },
  },
  {
    name: 'createAmbulanceService',
    allowed: ADMIN_ONLY,
    async attempt(token) {
      const code = `RAV-${unique()}`;
      const response = await stack.request(
        `mutation ($c: String!, $r: [ID!]!) { createAmbulanceService(input: { name: "New", code: $c, dispatchCentre: "Meldkamer", regionIds: $r }) { id } }`,
        { c: code, r: [org.regionId] },
        token,
      );
      return { response, written: async () => (await asAdmin(`{ ambulanceServices { code } }`)).ambulanceServices.some((s: { code: string }) => s.code === code) };
    },
  },
  {
    name: 'setAmbulanceServiceRegions',
    allowed: ADMIN_ONLY,
    async attempt(token) {
      const { createAmbulanceService } = await asAdmin(
        `mutation ($r: [ID!]!) { createAmbulanceService(input: { name: "S", code: "RAV-${unique()}", dispatchCentre: "M", regionIds: $r }) { id } }`,
        { r: [org.regionId] },
      );
      const response = await stack.request(SetAmbulanceServiceRegionsDocument, { id: createAmbulanceService.id, r: [org.otherRegionId] }, token);
      return {
        response,
        written: async () =>
          (await asAdmin(`query ($id: ID!) { ambulanceService(id: $id) { regions { id } } }`, { id: createAmbulanceService.id })).ambulanceService.regions[0].id ===
          org.otherRegionId,
      };
    },
  },
  {
    name: 'createWorkingGroup',
    allowed: ADMIN_ONLY,
    async attempt(token) {
      const { createMunicipality } = await asAdmin(`mutation { createMunicipality(input: { name: "Ungrouped", code: "GM-${unique()}" }) { id } }`);
      const response = await stack.request(
        `mutation ($m: [ID!]!) { createWorkingGroup(input: { name: "New group", municipalityIds: $m }) { id } }`,
        { m: [createMunicipality.id] },
        token,
      );
      return {
        response,
        written: async () =>
          (await asAdmin(`query ($id: ID!) { municipality(id: $id) { workingGroup { id } } }`, { id: createMunicipality.id })).municipality.workingGroup !== null,
      };
    },
  },
  {
    name: 'addWorkingGroupMember',
    allowed: CHAIRS,
    async attempt(token) {
      const subject = `joiner-${unique()}`;
      const response = await stack.request(
        `mutation ($g: ID!, $s: String!) { addWorkingGroupMember(input: { workingGroupId: $g, userSubject: $s, name: "Joiner", role: CHAIR, organisation: "O" }) { id } }`,
        { g: org.workingGroupId, s: subject },
        token,
      );
      return { response, written: async () => (await memberSubjects()).includes(subject) };
    },
  },
  {
    name: 'updateWorkingGroupMember',
    allowed: CHAIRS,
    async attempt(token) {
      const organisation = `Organisation ${unique()}`;
      const response = await stack.request(
        `mutation ($id: ID!, $o: String!) { updateWorkingGroupMember(id: $id, input: { organisation: $o }) { id } }`,
        { id: supportMemberId, o: organisation },
        token,
      );
      return {
        response,
        written: async () =>
          (await asAdmin(`query ($id: ID!) { workingGroup(id: $id) { members { organisation } } }`, { id: org.workingGroupId })).workingGroup.members.some(
            (m: { organisation: string }) => m.organisation === organisation,
          ),
      };
    },
  },
  {
    name: 'createPlanTask',
    allowed: PLANNERS,
    async attempt(token) {
      const title = `Task ${unique()}`;
      const response = await stack.request(
        `mutation ($g: ID!, $m: ID!, $t: String!) { createPlanTask(input: { workingGroupId: $g, title: $t, responsibleMemberId: $m, dueDate: "2031-01-01" }) { id } }`,
        { g: org.workingGroupId, m: org.memberId, t: title },
        token,
      );
      return { response, written: async () => (await planTitles()).includes(title) };
    },
  },
  {
    name: 'updatePlanTask (title, due date)',
    allowed: PLANNERS,
    async attempt(token) {
      const title = `Renamed ${unique()}`;
      const response = await stack.request(`mutation ($id: ID!, $t: String!) { updatePlanTask(id: $id, input: { title: $t }) { id } }`, { id: taskId, t: title }, token);
      return { response, written: async () => (await planTitles()).includes(title) };
    },
  },
  {
    name: 'updatePlanTask (status of the member’s own task)',
    allowed: [...PLANNERS, 'member'],
    async attempt(token) {
      await asAdmin(`mutation ($id: ID!) { updatePlanTask(id: $id, input: { status: OPEN }) { id } }`, { id: memberTaskId });
      const response = await stack.request(`mutation ($id: ID!) { updatePlanTask(id: $id, input: { status: IN_PROGRESS }) { id } }`, { id: memberTaskId }, token);
      return {
        response,
        written: async () =>
          (await asAdmin(`query ($id: ID!) { workingGroup(id: $id) { plan(status: IN_PROGRESS) { id } } }`, { id: org.workingGroupId })).workingGroup.plan.some(
            (task: { id: string }) => task.id === memberTaskId,
          ),
      };
    },
  },
  {
    name: 'reportProblem',
    allowed: TAKING_PART,
    async attempt(token) {
      const title = `Problem ${unique()}`;
      const response = await stack.request(
        `mutation ($g: ID!, $t: String!) { reportProblem(input: { workingGroupId: $g, title: $t, description: "d", impact: DELAYED }) { id } }`,
        { g: org.workingGroupId, t: title },
        token,
      );
      return {
        response,
        written: async () =>
          (await asAdmin(`query ($id: ID!) { workingGroup(id: $id) { problemReports { title } } }`, { id: org.workingGroupId })).workingGroup.problemReports.some(
            (r: { title: string }) => r.title === title,
          ),
      };
    },
  },
  {
    name: 'updateProblemReportStatus',
    allowed: DECIDERS,
    async attempt(token) {
      const { reportProblem } = await asAdmin(`mutation ($g: ID!) { reportProblem(input: { workingGroupId: $g, title: "To decide", description: "d", impact: AT_RISK }) { id } }`, {
        g: org.workingGroupId,
      });
      const response = await stack.request(`mutation ($id: ID!) { updateProblemReportStatus(id: $id, status: ACKNOWLEDGED) { id } }`, { id: reportProblem.id }, token);
      return {
        response,
        written: async () => (await asAdmin(`query ($id: ID!) { problemReport(id: $id) { status } }`, { id: reportProblem.id })).problemReport.status !== 'OPEN',
      };
    },
  },
  {
    name: 'createPartnerAssociation',
    allowed: ADMIN_ONLY,
    async attempt(token) {
      const name = `Association ${unique()}`;
      const response = await stack.request(`mutation ($n: String!) { createPartnerAssociation(input: { name: $n }) { id } }`, { n: name }, token);
      return { response, written: async () => (await asAdmin(`{ partnerAssociations { name } }`)).partnerAssociations.some((p: { name: string }) => p.name === name) };
    },
  },
  {
    name: 'joinMunicipality',
    allowed: OFFICERS,
    async attempt(token) {
      const { createPartnerAssociation } = await asAdmin(`mutation { createPartnerAssociation(input: { name: "Joiner ${unique()}" }) { id } }`);
      const response = await stack.request(JoinMunicipalityDocument, { p: createPartnerAssociation.id, m: org.municipalityId }, token);
      return {
        response,
        written: async () =>
          (await asAdmin(`query ($id: ID!) { partnerAssociation(id: $id) { municipalities { joinedOn } } }`, { id: createPartnerAssociation.id })).partnerAssociation.municipalities
            .length > 0,
      };
    },
  },
  {
    name: 'createApiClient',
    allowed: PARTNER_MANAGERS,
    async attempt(token) {
      const name = `App ${unique()}`;
      const response = await stack.request(
        `mutation ($p: ID!, $n: String!) { createApiClient(input: { partnerAssociationId: $p, name: $n, permissions: [STATISTICS] }) { credential } }`,
        { p: org.partnerId, n: name },
        token,
      );
      return { response, written: async () => (await apiClients()).some((client) => client.name === name) };
    },
  },
  {
    name: 'rotateApiClientSecret',
    allowed: PARTNER_MANAGERS,
    async attempt(token) {
      const { id } = await createApiClient(stack, org.admin, org.partnerId);
      const before = (await apiClients()).find((client) => client.id === id)!.secretRotatedAt;
      const response = await stack.request(`mutation ($id: ID!) { rotateApiClientSecret(id: $id) { credential } }`, { id }, token);
      return { response, written: async () => (await apiClients()).find((client) => client.id === id)!.secretRotatedAt !== before };
    },
  },
  {
    name: 'revokeApiClient',
    allowed: PARTNER_MANAGERS,
    async attempt(token) {
      const { id } = await createApiClient(stack, org.admin, org.partnerId);
      const response = await stack.request(`mutation ($id: ID!) { revokeApiClient(id: $id) { id } }`, { id }, token);
      return { response, written: async () => (await apiClients()).find((client) => client.id === id)!.revokedAt !== null };
    },
  },
];

async function memberSubjects(): Promise<string[]> {
  const { workingGroup } = await asAdmin(`query ($id: ID!) { workingGroup(id: $id) { members { userSubject } } }`, { id: org.workingGroupId });
  return workingGroup.members.map((m: { userSubject: string }) => m.userSubject);
}

async function planTitles(): Promise<string[]> {
  const { workingGroup } = await asAdmin(`query ($id: ID!) { workingGroup(id: $id) { plan { title } } }`, { id: org.workingGroupId });
  return workingGroup.plan.map((task: { title: string }) => task.title);
}

async function apiClients(): Promise<{ id: string; name: string; secretRotatedAt: string; revokedAt: string | null }[]> {
  const { partnerAssociation } = await asAdmin(`query ($id: ID!) { partnerAssociation(id: $id) { apiClients { id name secretRotatedAt revokedAt } } }`, { id: org.partnerId });
  return partnerAssociation.apiClients;
}

beforeAll(async () => {
  stack = await startTestStack();
  org = await createOrganisation(stack);
  const { addWorkingGroupMember } = await asAdmin(
    `mutation ($g: ID!) { addWorkingGroupMember(input: { workingGroupId: $g, userSubject: "support-${unique()}", name: "Sam Support", role: ADMIN_SUPPORT, organisation: "Gemeente" }) { id } }`,
    { g: org.workingGroupId },
  );
  supportMemberId = addWorkingGroupMember.id;
  const task = (title: string, member: string) =>
    asAdmin(`mutation ($g: ID!, $m: ID!, $t: String!) { createPlanTask(input: { workingGroupId: $g, title: $t, responsibleMemberId: $m, dueDate: "2025-01-01" }) { id } }`, {
      g: org.workingGroupId,
      m: member,
      t: title,
    });
  taskId = (await task('Place an AED at the church', org.chairMemberId)).createPlanTask.id;
  memberTaskId = (await task('Check the AED cabinets', org.memberId)).createPlanTask.id;
  reportId = (
    await asAdmin(`mutation ($g: ID!) { reportProblem(input: { workingGroupId: $g, title: "No volunteers at night in Heukelom", description: "d", impact: AT_RISK }) { id } }`, {
      g: org.workingGroupId,
    })
  ).reportProblem.id;

  const { credential } = await createApiClient(stack, org.admin, org.partnerId);
  const grants: Record<Exclude<Caller, 'anonymous' | 'ADMIN' | 'CHAIR by membership' | 'member' | 'API client'>, { role: Role; scope: string }> = {
    POLICY_OFFICER: { role: Role.POLICY_OFFICER, scope: org.municipalityId },
    'POLICY_OFFICER elsewhere': { role: Role.POLICY_OFFICER, scope: org.otherMunicipalityId },
    CHAIR: { role: Role.CHAIR, scope: org.workingGroupId },
    GROUP_LEADER: { role: Role.GROUP_LEADER, scope: org.workingGroupId },
    ADMIN_SUPPORT: { role: Role.ADMIN_SUPPORT, scope: org.workingGroupId },
    'CHAIR elsewhere': { role: Role.CHAIR, scope: org.otherWorkingGroupId },
    DISPATCHER: { role: Role.DISPATCHER, scope: org.serviceId },
    PARTNER: { role: Role.PARTNER, scope: org.partnerId },
    VOLUNTEER: { role: Role.VOLUNTEER, scope: '00000000-0000-4000-8000-0000000000f1' },
    GUARDIAN: { role: Role.GUARDIAN, scope: '00000000-0000-4000-8000-0000000000a1' },
  };
  tokens.set('anonymous', undefined);
  tokens.set('ADMIN', org.admin);
  tokens.set('CHAIR by membership', await stack.token([], org.chairSubject));
  tokens.set('member', await stack.token([], org.memberSubject));
  tokens.set('API client', credential);
  for (const [caller, grant] of Object.entries(grants)) tokens.set(caller as Caller, await stack.token(grant));
});

afterAll(async () => {
  await stack?.close();
});

describe.each(CASES)('$name', (testCase) => {
  it.each(CALLERS.map((caller) => [caller, testCase.allowed.includes(caller) ? 'allowed' : 'denied'] as const))('%s: %s', async (caller, expected) => {
    const { response, written } = await testCase.attempt(tokens.get(caller));
    if (expected === 'allowed') {
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      if (written) expect(await written()).toBe(true);
    } else {
      expect(response.errors?.[0]?.extensions?.code).toBe(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      if (written) expect(await written()).toBe(false);
    }
  });
});

describe('problemReportEvents (subscription)', () => {
  const EVENTS = `subscription ($g: ID!) { problemReportEvents(workingGroupId: $g) { report { title } } }`;

  it.each(CALLERS.map((caller) => [caller, CHAIRS.includes(caller) ? 'allowed' : 'denied'] as const))('%s: %s', async (caller, expected) => {
    const subscription = collect(stack.wsClient(tokens.get(caller)), EVENTS, { g: org.workingGroupId }, 1, expected === 'allowed' ? 10_000 : 3_000);
    if (expected === 'allowed') {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const title = `Live ${unique()}`;
      await asAdmin(`mutation ($g: ID!, $t: String!) { reportProblem(input: { workingGroupId: $g, title: $t, description: "d", impact: AT_RISK }) { id } }`, {
        g: org.workingGroupId,
        t: title,
      });
      const [event] = await subscription.done;
      expect(event.problemReportEvents.report.title).toBe(title);
    } else {
      await expect(subscription.done).rejects.toThrow();
      expect(JSON.stringify(subscription.errors)).toContain(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
  });
});
