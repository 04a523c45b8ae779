/**
 * The organisation subgraph end to end through the gateway: regions,
 * municipalities with boundaries, ambulance services, working groups and
 * their members, the implementation plan, problem reports with the chair's
 * durable subscription, partner associations, federation entities, and bad
 * input refused with a clear code and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER, Role, signForSubgraph } from '../common/auth.ts';
import { AddWorkingGroupMemberDocument, CreateMunicipalityDocument, JoinMunicipalityDocument } from './operations/generated.ts';
import { createOrganisation, square, unique, type Organisation } from './organization-fixture.ts';
import type { Operation } from './operations/source.ts';
import { collect, startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

let stack: TestStack;
let org: Organisation;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack();
  org = await createOrganisation(stack);
  admin = org.admin;
});

afterAll(async () => {
  await stack?.close();
});

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000abcd';

/** The `extensions.code` of the first error, or undefined when there was none. */
async function codeOf(query: Operation, variables: Record<string, unknown>, token?: string): Promise<string | undefined> {
  const response = await stack.request(query, variables, token);
  return response.errors?.[0]?.extensions?.code;
}

describe('security regions and municipalities', () => {
  it('lists municipalities with their region, boundary and working group, publicly', async () => {
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { name population region { id code } boundary workingGroup { id } } }`, {
      id: org.municipalityId,
    });
    expect(municipality).toMatchObject({
      name: 'Oisterwijk',
      population: 26_500,
      region: { id: org.regionId },
      boundary: { type: 'Polygon', coordinates: [square(5.1, 51.5, 0.2)] },
      workingGroup: { id: org.workingGroupId },
    });
    const { securityRegion } = await stack.data(`query ($id: ID!) { securityRegion(id: $id) { municipalities { id } ambulanceServices { id dispatchCentre } } }`, {
      id: org.regionId,
    });
    expect(securityRegion).toEqual({
      municipalities: [{ id: org.municipalityId }],
      ambulanceServices: [{ id: org.serviceId, dispatchCentre: 'Meldkamer Brabant' }],
    });
  });

  it('finds the municipality, and so the region, of a position', async () => {
    const at = (latitude: number, longitude: number) =>
      stack.data(`query ($p: GeoPointInput!) { municipalityAt(position: $p) { id region { id } } }`, { p: { latitude, longitude } });
    expect((await at(51.6, 5.2)).municipalityAt).toEqual({ id: org.municipalityId, region: { id: org.regionId } });
    expect((await at(53.25, 6.55)).municipalityAt).toEqual({ id: org.otherMunicipalityId, region: { id: org.otherRegionId } });
    expect((await at(52.0, 4.0)).municipalityAt).toBeNull();
    expect(await codeOf(`{ municipalityAt(position: { latitude: 91, longitude: 5 }) { id } }`, {})).toBe('BAD_USER_INPUT');
  });

  it('leaves out holes of a boundary', async () => {
    const { createMunicipality } = await stack.data(
      CreateMunicipalityDocument,
      { input: { name: 'Ring town', code: `GM-R${unique()}`, boundary: { type: 'Polygon', coordinates: [square(10, 40, 1), square(10.4, 40.4, 0.2)] } } },
      admin,
    );
    const at = async (latitude: number, longitude: number) =>
      (await stack.data(`query ($p: GeoPointInput!) { municipalityAt(position: $p) { id } }`, { p: { latitude, longitude } })).municipalityAt;
    expect(await at(40.1, 10.1)).toEqual({ id: createMunicipality.id });
    expect(await at(40.5, 10.5)).toBeNull();
  });

  it.each([
    ['an open ring', { type: 'Polygon', coordinates: [square(5, 51, 1).slice(0, 4)] }],
    [
      'a self-intersecting (bow-tie) ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 51],
            [6, 52],
            [6, 51],
            [5, 52],
            [5, 51],
          ],
        ],
      },
    ],
    ['overlapping polygons', { type: 'MultiPolygon', coordinates: [[square(5, 51, 1)], [square(5.5, 51.5, 1)]] }],
    ['a point', { type: 'Point', coordinates: [5, 51] }],
    ['well-known text instead of GeoJSON', 'POLYGON((5 51, 6 51, 6 52, 5 51))'],
    [
      'coordinates out of range',
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 51],
            [200, 51],
            [6, 52],
            [5, 51],
          ],
        ],
      },
    ],
  ])('refuses %s as a boundary with BAD_USER_INPUT, writing nothing', async (_name, boundary) => {
    const code = `GM-B${unique()}`;
    expect(await codeOf(CreateMunicipalityDocument, { input: { name: 'Bad', code, boundary } }, admin)).toBe('BAD_USER_INPUT');
    const { municipalities } = await stack.data(`{ municipalities { code } }`);
    expect(municipalities.map((m: { code: string }) => m.code)).not.toContain(code);
    expect(
      await codeOf(
        `mutation ($id: ID!, $b: GeoJSON) { updateMunicipality(id: $id, input: { population: 1, boundary: $b }) { id } }`,
        { id: org.municipalityId, b: boundary },
        admin,
      ),
    ).toBe('BAD_USER_INPUT');
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { population boundary } }`, { id: org.municipalityId });
    expect(municipality).toEqual({ population: 26_500, boundary: { type: 'Polygon', coordinates: [square(5.1, 51.5, 0.2)] } });
  });

  it('refuses duplicate codes with CONFLICT and unknown regions with NOT_FOUND', async () => {
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { code } }`, { id: org.municipalityId });
    expect(await codeOf(`mutation ($c: String!) { createMunicipality(input: { name: "Copy", code: $c }) { id } }`, { c: municipality.code.toLowerCase() }, admin)).toBe('CONFLICT');
    const { securityRegion } = await stack.data(`query ($id: ID!) { securityRegion(id: $id) { code } }`, { id: org.regionId });
    expect(await codeOf(`mutation ($c: String!) { createSecurityRegion(input: { name: "Copy", code: $c }) { id } }`, { c: securityRegion.code }, admin)).toBe('CONFLICT');
    const code = `GM-U${unique()}`;
    expect(await codeOf(`mutation ($c: String!, $r: ID) { createMunicipality(input: { name: "X", code: $c, regionId: $r }) { id } }`, { c: code, r: UNKNOWN_ID }, admin)).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(`query { municipality(id: "not-an-id") { id } }`, {})).toBe('NOT_FOUND');
    expect(await codeOf(`mutation { createSecurityRegion(input: { name: "X", code: "no spaces allowed" }) { id } }`, {}, admin)).toBe('BAD_USER_INPUT');
    const { municipalities } = await stack.data(`{ municipalities { code } }`);
    expect(municipalities.map((m: { code: string }) => m.code)).not.toContain(code);
  });

  it('lets the policy officer register their municipality’s boundary and population, but not move it to another region', async () => {
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.otherMunicipalityId });
    const boundary = { type: 'MultiPolygon', coordinates: [[square(6.5, 53.2, 0.1)], [square(6.7, 53.2, 0.05)]] };
    const { updateMunicipality } = await stack.data(
      `mutation ($id: ID!, $b: GeoJSON) { updateMunicipality(id: $id, input: { population: 234000, boundary: $b, timeZone: "Europe/Amsterdam" }) { population boundary } }`,
      { id: org.otherMunicipalityId, b: boundary },
      officer,
    );
    expect(updateMunicipality).toEqual({ population: 234_000, boundary });
    expect(
      await codeOf(
        `mutation ($id: ID!, $r: ID) { updateMunicipality(id: $id, input: { regionId: $r, population: 1 }) { id } }`,
        { id: org.otherMunicipalityId, r: org.regionId },
        officer,
      ),
    ).toBe('FORBIDDEN');
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { population region { id } } }`, { id: org.otherMunicipalityId });
    expect(municipality).toEqual({ population: 234_000, region: { id: org.otherRegionId } });
  });
});

describe('ambulance services', () => {
  it('serves the regions it is given, and they can be replaced', async () => {
    const { createAmbulanceService } = await stack.data(
      `mutation ($r: [ID!]!, $c: String!) { createAmbulanceService(input: { name: "UMCG Ambulancezorg", code: $c, dispatchCentre: "Meldkamer Noord-Nederland", regionIds: $r }) { id regions { id } } }`,
      { r: [org.otherRegionId], c: `UMCG-${unique()}` },
      admin,
    );
    expect(createAmbulanceService.regions).toEqual([{ id: org.otherRegionId }]);
    const { setAmbulanceServiceRegions } = await stack.data(
      `mutation ($id: ID!, $r: [ID!]!) { setAmbulanceServiceRegions(id: $id, regionIds: $r) { regions { id } } }`,
      { id: createAmbulanceService.id, r: [org.otherRegionId, org.regionId] },
      admin,
    );
    expect(setAmbulanceServiceRegions.regions.map((r: { id: string }) => r.id).sort()).toEqual([org.otherRegionId, org.regionId].sort());
  });

  it('refuses an unknown region (NOT_FOUND), no region (BAD_USER_INPUT) and a duplicate code (CONFLICT), writing nothing', async () => {
    const code = `RAV-X${unique()}`;
    const create = (regionIds: string[], serviceCode = code) =>
      codeOf(
        `mutation ($r: [ID!]!, $c: String!) { createAmbulanceService(input: { name: "X", code: $c, dispatchCentre: "Y", regionIds: $r }) { id } }`,
        { r: regionIds, c: serviceCode },
        admin,
      );
    expect(await create([org.regionId, UNKNOWN_ID])).toBe('NOT_FOUND');
    expect(await create([])).toBe('BAD_USER_INPUT');
    const { ambulanceServices } = await stack.data(`{ ambulanceServices { id code } }`);
    expect(ambulanceServices.map((s: { code: string }) => s.code)).not.toContain(code);
    const existing = ambulanceServices.find((s: { id: string }) => s.id === org.serviceId).code;
    expect(await create([org.regionId], existing)).toBe('CONFLICT');
    expect(await codeOf(`mutation ($id: ID!) { setAmbulanceServiceRegions(id: $id, regionIds: ["${UNKNOWN_ID}"]) { id } }`, { id: org.serviceId }, admin)).toBe('NOT_FOUND');
    const { ambulanceService } = await stack.data(`query ($id: ID!) { ambulanceService(id: $id) { regions { id } } }`, { id: org.serviceId });
    expect(ambulanceService.regions).toEqual([{ id: org.regionId }]);
  });
});

describe('working groups and members', () => {
  it('covers one or more municipalities, each at most once', async () => {
    const one = await stack.data(`mutation { createMunicipality(input: { name: "Haaren", code: "GM-H${unique()}" }) { id } }`, {}, admin);
    const two = await stack.data(`mutation { createMunicipality(input: { name: "Moergestel", code: "GM-M${unique()}" }) { id } }`, {}, admin);
    const ids = [one.createMunicipality.id, two.createMunicipality.id];
    const { createWorkingGroup } = await stack.data(
      `mutation ($m: [ID!]!) { createWorkingGroup(input: { name: "Hartveilig Haaren-Moergestel", municipalityIds: $m }) { id municipalities { name } } }`,
      { m: ids },
      admin,
    );
    expect(createWorkingGroup.municipalities).toEqual([{ name: 'Haaren' }, { name: 'Moergestel' }]);
    const before = (await stack.data(`{ workingGroups { id } }`)).workingGroups.length;
    expect(await codeOf(`mutation ($m: [ID!]!) { createWorkingGroup(input: { name: "Again", municipalityIds: $m }) { id } }`, { m: [ids[0]] }, admin)).toBe('CONFLICT');
    expect(await codeOf(`mutation ($m: [ID!]!) { createWorkingGroup(input: { name: "Ghost", municipalityIds: $m }) { id } }`, { m: [UNKNOWN_ID] }, admin)).toBe('NOT_FOUND');
    expect(await codeOf(`mutation { createWorkingGroup(input: { name: "Nothing", municipalityIds: [] }) { id } }`, {}, admin)).toBe('BAD_USER_INPUT');
    expect((await stack.data(`{ workingGroups { id } }`)).workingGroups.length).toBe(before);
  });

  it('keeps members with their role, organisation and dates; the group’s chair manages them', async () => {
    const chair = await stack.token([], org.chairSubject);
    const subject = `leader-${unique()}`;
    const { addWorkingGroupMember } = await stack.data(
      `mutation ($input: AddWorkingGroupMemberInput!) { addWorkingGroupMember(input: $input) { id role organisation since until volunteer { id } workingGroup { id } } }`,
      {
        input: {
          workingGroupId: org.workingGroupId,
          userSubject: subject,
          name: 'Gijs Leader',
          role: 'GROUP_LEADER',
          organisation: 'RAV Brabant',
          since: '2025-01-01',
          volunteerId: UNKNOWN_ID,
        },
      },
      chair,
    );
    expect(addWorkingGroupMember).toMatchObject({
      role: 'GROUP_LEADER',
      organisation: 'RAV Brabant',
      since: '2025-01-01',
      until: null,
      volunteer: { id: UNKNOWN_ID },
      workingGroup: { id: org.workingGroupId },
    });
    const { updateWorkingGroupMember } = await stack.data(
      `mutation ($id: ID!) { updateWorkingGroupMember(id: $id, input: { until: "2025-06-30" }) { until } }`,
      { id: addWorkingGroupMember.id },
      chair,
    );
    expect(updateWorkingGroupMember.until).toBe('2025-06-30');
    const members = async (includeFormer: boolean) =>
      (
        await stack.data(
          `query ($id: ID!, $f: Boolean!) { workingGroup(id: $id) { members(includeFormer: $f) { userSubject } } }`,
          { id: org.workingGroupId, f: includeFormer },
          chair,
        )
      ).workingGroup.members.map((m: { userSubject: string }) => m.userSubject);
    expect(await members(false)).not.toContain(subject);
    expect(await members(true)).toContain(subject);
    // Once the earlier membership has ended the person may join again.
    await stack.data(
      AddWorkingGroupMemberDocument,
      { input: { workingGroupId: org.workingGroupId, userSubject: subject, name: 'Gijs Leader', role: 'GROUP_LEADER', organisation: 'RAV Brabant' } },
      chair,
    );
    expect(await members(false)).toContain(subject);
  });

  it('refuses a member added twice (CONFLICT), an unknown role, a reserved subject and an end before the start (BAD_USER_INPUT), an unknown group (NOT_FOUND)', async () => {
    const add = (input: Record<string, unknown>) =>
      codeOf(
        AddWorkingGroupMemberDocument,
        {
          input: { workingGroupId: org.workingGroupId, userSubject: `new-${unique()}`, name: 'N', role: 'VOLUNTEER', organisation: 'O', ...input },
        },
        admin,
      );
    expect(await add({ userSubject: org.memberSubject })).toBe('CONFLICT');
    expect(await add({ userSubject: org.memberSubject, since: '2020-01-01', until: '2030-01-01' })).toBe('CONFLICT');
    expect(await add({ role: 'KING' })).toBe('BAD_USER_INPUT');
    expect(await add({ userSubject: 'apiclient:00000000-0000-4000-8000-000000000000' })).toBe('BAD_USER_INPUT');
    expect(await add({ since: '2025-02-01', until: '2025-01-01' })).toBe('BAD_USER_INPUT');
    expect(await add({ workingGroupId: UNKNOWN_ID })).toBe('NOT_FOUND');
    expect(await add({ since: '2025-13-45' })).toBe('BAD_USER_INPUT');
    const { workingGroup } = await stack.data(`query ($id: ID!) { workingGroup(id: $id) { members(includeFormer: true) { userSubject } } }`, { id: org.workingGroupId }, admin);
    expect(workingGroup.members.filter((m: { userSubject: string }) => m.userSubject === org.memberSubject)).toHaveLength(1);
    expect(workingGroup.members.filter((m: { userSubject: string }) => m.userSubject.startsWith('new-') || m.userSubject.startsWith('apiclient:'))).toEqual([]);
  });

  it('shows a person their own memberships', async () => {
    const member = await stack.token([], org.memberSubject);
    const { myMemberships } = await stack.data(`{ myMemberships { role workingGroup { id } } }`, {}, member);
    expect(myMemberships).toEqual([{ role: 'VOLUNTEER', workingGroup: { id: org.workingGroupId } }]);
  });
});

describe('implementation plan', () => {
  const createTask = (input: Record<string, unknown>, token: string) =>
    stack.request(
      `mutation ($input: CreatePlanTaskInput!) { createPlanTask(input: $input) { id title organisation dueDate status overdue responsible { id } } }`,
      {
        input: { workingGroupId: org.workingGroupId, title: 'Task', responsibleMemberId: org.memberId, dueDate: '2030-01-01', ...input },
      },
      token,
    );

  it('lists overdue tasks, the longest overdue first, for the group and across the caller’s groups', async () => {
    const chair = await stack.token([], org.chairSubject);
    const late = await createTask({ title: 'Place AED at the sports hall', dueDate: '2025-03-01' }, chair);
    const later = await createTask({ title: 'Recruit volunteers in Heukelom', dueDate: '2025-02-01', responsibleMemberId: org.chairMemberId }, chair);
    const future = await createTask({ title: 'Refresher course', dueDate: '2099-01-01' }, chair);
    expect(late.data.createPlanTask).toMatchObject({ organisation: 'EHBO Oisterwijk', status: 'OPEN', overdue: true, responsible: { id: org.memberId } });
    expect(future.data.createPlanTask.overdue).toBe(false);

    const titles = (tasks: { title: string }[]) => tasks.map((task) => task.title);
    const forGroup = await stack.data(`query ($id: ID!) { workingGroup(id: $id) { overdueTasks(asOf: "2025-06-01") { title } } }`, { id: org.workingGroupId }, chair);
    expect(titles(forGroup.workingGroup.overdueTasks)).toEqual(['Recruit volunteers in Heukelom', 'Place AED at the sports hall']);
    const mine = await stack.data(`{ overdueTasks(asOf: "2025-02-15") { title } }`, {}, chair);
    expect(titles(mine.overdueTasks)).toEqual(['Recruit volunteers in Heukelom']);

    await stack.data(`mutation ($id: ID!) { updatePlanTask(id: $id, input: { status: DONE }) { status } }`, { id: later.data.createPlanTask.id }, chair);
    const after = await stack.data(`query ($g: ID!) { overdueTasks(workingGroupId: $g, asOf: "2025-06-01") { title } }`, { g: org.workingGroupId }, chair);
    expect(titles(after.overdueTasks)).toEqual(['Place AED at the sports hall']);
  });

  it('lets the responsible member change the status of their task, and nothing else', async () => {
    const chair = await stack.token([], org.chairSubject);
    const member = await stack.token([], org.memberSubject);
    const task = (await createTask({ title: 'Inventory of AED cabinets' }, chair)).data.createPlanTask;
    const { updatePlanTask } = await stack.data(`mutation ($id: ID!) { updatePlanTask(id: $id, input: { status: IN_PROGRESS }) { status } }`, { id: task.id }, member);
    expect(updatePlanTask.status).toBe('IN_PROGRESS');
    expect(await codeOf(`mutation ($id: ID!) { updatePlanTask(id: $id, input: { dueDate: "2040-01-01" }) { id } }`, { id: task.id }, member)).toBe('FORBIDDEN');
  });

  it('refuses a task owned by a non-member (BAD_USER_INPUT) or an unknown member (NOT_FOUND), writing nothing', async () => {
    const { addWorkingGroupMember: outsider } = await stack.data(
      `mutation ($g: ID!) { addWorkingGroupMember(input: { workingGroupId: $g, userSubject: "outsider-${unique()}", name: "Olaf", role: VOLUNTEER, organisation: "Elsewhere" }) { id } }`,
      { g: org.otherWorkingGroupId },
      admin,
    );
    const { addWorkingGroupMember: former } = await stack.data(
      `mutation ($g: ID!) { addWorkingGroupMember(input: { workingGroupId: $g, userSubject: "former-${unique()}", name: "Fenna", role: VOLUNTEER, organisation: "O", since: "2020-01-01", until: "2021-01-01" }) { id } }`,
      { g: org.workingGroupId },
      admin,
    );
    const title = `Orphan ${unique()}`;
    expect((await createTask({ title, responsibleMemberId: outsider.id }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await createTask({ title, responsibleMemberId: former.id }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await createTask({ title, responsibleMemberId: UNKNOWN_ID }, admin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await createTask({ title, workingGroupId: UNKNOWN_ID }, admin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await createTask({ title, dueDate: '2025-02-30' }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const { workingGroup } = await stack.data(`query ($id: ID!) { workingGroup(id: $id) { plan { title } } }`, { id: org.workingGroupId }, admin);
    expect(workingGroup.plan.map((task: { title: string }) => task.title)).not.toContain(title);
  });
});

describe('problem reports', () => {
  const EVENTS = `subscription ($g: ID!, $after: String) { problemReportEvents(workingGroupId: $g, after: $after) { cursor status note actor actorName report { id title status } } }`;
  const report = (title: string, token: string) =>
    stack.data(
      `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id status reportedBy reporterName } }`,
      { input: { workingGroupId: org.workingGroupId, title, description: 'Noticed on the evening round.', impact: 'AT_RISK' } },
      token,
    );
  const setStatus = (id: string, status: string, token: string, note?: string) =>
    stack.request(
      `mutation ($id: ID!, $s: ProblemReportStatus!, $n: String) { updateProblemReportStatus(id: $id, status: $s, note: $n) { status } }`,
      { id, s: status, n: note },
      token,
    );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('reaches the chair at once through the gateway, and carries its status history', async () => {
    const chair = await stack.token([], org.chairSubject);
    const member = await stack.token([], org.memberSubject);
    const live = collect(stack.wsClient(chair), EVENTS, { g: org.workingGroupId }, 1);
    await settle();
    const { reportProblem } = await report('The sports hall AED is locked at night', member);
    expect(reportProblem).toMatchObject({ status: 'OPEN', reportedBy: org.memberSubject, reporterName: 'Vera Volunteer' });
    const [event] = await live.done;
    expect(event.problemReportEvents).toMatchObject({
      status: 'OPEN',
      actor: org.memberSubject,
      actorName: 'Vera Volunteer',
      report: { id: reportProblem.id, title: 'The sports hall AED is locked at night', status: 'OPEN' },
    });

    expect((await setStatus(reportProblem.id, 'ACKNOWLEDGED', chair, 'Calling the caretaker')).data.updateProblemReportStatus.status).toBe('ACKNOWLEDGED');
    expect((await setStatus(reportProblem.id, 'RESOLVED', chair, 'Outdoor cabinet ordered')).data.updateProblemReportStatus.status).toBe('RESOLVED');
    const { problemReport } = await stack.data(`query ($id: ID!) { problemReport(id: $id) { status history { status note actor actorName } } }`, { id: reportProblem.id }, member);
    expect(problemReport).toEqual({
      status: 'RESOLVED',
      history: [
        { status: 'OPEN', note: null, actor: org.memberSubject, actorName: 'Vera Volunteer' },
        { status: 'ACKNOWLEDGED', note: 'Calling the caretaker', actor: org.chairSubject, actorName: 'Carla Chair' },
        { status: 'RESOLVED', note: 'Outdoor cabinet ordered', actor: org.chairSubject, actorName: 'Carla Chair' },
      ],
    });
  });

  it('refuses to move a resolved or acknowledged report backwards (CONFLICT), writing nothing', async () => {
    const chair = await stack.token({ role: Role.CHAIR, scope: org.workingGroupId });
    const { reportProblem } = await report('Volunteers in Moergestel lapse in March', chair);
    expect((await setStatus(reportProblem.id, 'OPEN', chair)).errors?.[0].extensions?.code).toBe('CONFLICT');
    await setStatus(reportProblem.id, 'RESOLVED', chair);
    expect((await setStatus(reportProblem.id, 'ACKNOWLEDGED', chair)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const { problemReport } = await stack.data(`query ($id: ID!) { problemReport(id: $id) { status history { status } } }`, { id: reportProblem.id }, chair);
    expect(problemReport).toEqual({ status: 'RESOLVED', history: [{ status: 'OPEN' }, { status: 'RESOLVED' }] });
    expect(await codeOf(`mutation { reportProblem(input: { workingGroupId: "${UNKNOWN_ID}", title: "x", description: "y", impact: DELAYED }) { id } }`, {}, chair)).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(`mutation ($g: ID!) { reportProblem(input: { workingGroupId: $g, title: " ", description: "y", impact: DELAYED }) { id } }`, { g: org.workingGroupId }, chair),
    ).toBe('BAD_USER_INPUT');
  });

  it('gives a reconnecting chair exactly what they missed, in order, also after the organization subgraph restarted', async () => {
    const chair = await stack.token({ role: Role.CHAIR, scope: org.workingGroupId });
    const first = collect(stack.wsClient(chair), EVENTS, { g: org.workingGroupId }, 1);
    await settle();
    const { reportProblem } = await report('First', chair);
    const [seen] = await first.done;
    const cursor = seen.problemReportEvents.cursor as string;

    // While the chair is away: a report, a status change, and a restart of the subgraph that owns the feed.
    const { reportProblem: second } = await report('Second', chair);
    await setStatus(reportProblem.id, 'ACKNOWLEDGED', chair);
    await stack.restartSubgraph('organization');
    await report('Third', chair);

    const resumed = collect(stack.wsClient(chair), EVENTS, { g: org.workingGroupId, after: cursor }, 4);
    await settle();
    const { reportProblem: fourth } = await report('Fourth, live', chair);
    const events = (await resumed.done).map((event) => event.problemReportEvents);
    expect(events.map((event) => [event.report.title, event.status])).toEqual([
      ['Second', 'OPEN'],
      ['First', 'ACKNOWLEDGED'],
      ['Third', 'OPEN'],
      ['Fourth, live', 'OPEN'],
    ]);
    expect(events[0].report.id).toBe(second.id);
    expect(events[3].report.id).toBe(fourth.id);
    const cursors = events.map((event) => BigInt(event.cursor));
    expect(cursors.every((value, index) => index === 0 || value > cursors[index - 1]!)).toBe(true);
    expect(cursors[0]! > BigInt(cursor)).toBe(true);
  });

  it('refuses a malformed cursor and an unknown working group', async () => {
    const chair = await stack.token({ role: Role.CHAIR, scope: org.workingGroupId });
    const badCursor = collect(stack.wsClient(chair), EVENTS, { g: org.workingGroupId, after: 'yesterday' }, 1, 3000);
    await expect(badCursor.done).rejects.toThrow();
    expect(JSON.stringify(badCursor.errors)).toContain('BAD_USER_INPUT');
    const unknown = collect(stack.wsClient(chair), EVENTS, { g: UNKNOWN_ID }, 1, 3000);
    await expect(unknown.done).rejects.toThrow();
    expect(JSON.stringify(unknown.errors)).toContain('NOT_FOUND');
  });
});

describe('partner associations', () => {
  it('join municipalities once each, and names are unique whatever the case', async () => {
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: org.otherMunicipalityId });
    const { partnerAssociation } = await stack.data(`query ($id: ID!) { partnerAssociation(id: $id) { name } }`, { id: org.partnerId });
    const { joinMunicipality } = await stack.data(
      `mutation ($p: ID!, $m: ID!) { joinMunicipality(partnerAssociationId: $p, municipalityId: $m, joinedOn: "2026-01-01") { municipalities { joinedOn municipality { id } } } }`,
      { p: org.partnerId, m: org.otherMunicipalityId },
      officer,
    );
    expect(joinMunicipality.municipalities).toContainEqual({ joinedOn: '2026-01-01', municipality: { id: org.otherMunicipalityId } });
    expect(await codeOf(JoinMunicipalityDocument, { p: org.partnerId, m: org.otherMunicipalityId }, officer)).toBe('CONFLICT');
    expect(await codeOf(JoinMunicipalityDocument, { p: UNKNOWN_ID, m: org.otherMunicipalityId }, officer)).toBe('NOT_FOUND');
    expect(await codeOf(`mutation ($n: String!) { createPartnerAssociation(input: { name: $n }) { id } }`, { n: partnerAssociation.name.toUpperCase() }, admin)).toBe('CONFLICT');
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { partnerAssociations { id } } }`, { id: org.otherMunicipalityId });
    expect(municipality.partnerAssociations).toEqual([{ id: org.partnerId }]);
  });
});

describe('federation', () => {
  it('resolves Municipality, WorkingGroup, SecurityRegion, AmbulanceService and PartnerAssociation references for other subgraphs', async () => {
    // What another subgraph's query plan sends: `_entities`, with a gateway-signed principal.
    const response = await fetch(stack.subgraphs.organization.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PRINCIPAL_HEADER]: await signForSubgraph({ subject: 'anonymous', grants: [] }, TEST_SECRETS.gatewaySecret, 'organization'),
      },
      body: JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) {
          ... on Municipality { name } ... on WorkingGroup { name } ... on SecurityRegion { name }
          ... on AmbulanceService { dispatchCentre } ... on PartnerAssociation { id } } }`,
        variables: {
          r: [
            { __typename: 'Municipality', id: org.municipalityId },
            { __typename: 'WorkingGroup', id: org.workingGroupId },
            { __typename: 'SecurityRegion', id: org.regionId },
            { __typename: 'AmbulanceService', id: org.serviceId },
            { __typename: 'PartnerAssociation', id: org.partnerId },
            { __typename: 'WorkingGroup', id: UNKNOWN_ID },
          ],
        },
      }),
    });
    const body = (await response.json()) as any;
    expect(body.data._entities).toEqual([
      { name: 'Oisterwijk' },
      { name: 'Hartveilig Oisterwijk' },
      { name: 'Hart voor Brabant' },
      { dispatchCentre: 'Meldkamer Brabant' },
      { id: org.partnerId },
      null,
    ]);
  });
});
