/**
 * The demo data `npm start` loads on its first run, through the gateway: it
 * loads on an empty database, and its working group works as documented
 * (the chair by membership, the region of the AEDs' positions).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { hasDemoData, loadDemoData } from '../scripts/demo-data.ts';
import { startTestStack, type TestStack } from './stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
});

it('loads once through the gateway, with a region, an ambulance service and a working group with members', async () => {
  const admin = await stack.adminToken();
  expect(await hasDemoData(stack.gateway.url, admin)).toBe(false);
  const demo = await loadDemoData(stack.gateway.url, admin);
  expect(await hasDemoData(stack.gateway.url, admin)).toBe(true);

  const chair = await stack.token([], 'demo-chair');
  const { workingGroup } = await stack.data(
    `query ($id: ID!) { workingGroup(id: $id) { municipalities { id } members { userSubject role volunteer { id } } plan { title responsible { userSubject } } } }`,
    { id: demo.workingGroupId },
    chair,
  );
  expect(workingGroup.municipalities).toEqual([{ id: demo.municipalityId }]);
  expect(workingGroup.members.map((m: { role: string }) => m.role).sort()).toEqual(['ADMIN_SUPPORT', 'CHAIR', 'GROUP_LEADER', 'POLICY_OFFICER', 'VOLUNTEER']);
  expect(workingGroup.members.find((m: { role: string }) => m.role === 'VOLUNTEER').volunteer).toEqual({ id: demo.volunteerIds[0] });
  expect(workingGroup.plan).toHaveLength(2);

  // The sports-hall AED lies in Oisterwijk, in the region the demo ambulance service serves.
  const { municipalityAt } = await stack.data(`{ municipalityAt(position: { latitude: 51.5794, longitude: 5.1893 }) { id region { id ambulanceServices { id } } } }`);
  expect(municipalityAt).toEqual({ id: demo.municipalityId, region: { id: demo.regionId, ambulanceServices: [{ id: demo.ambulanceServiceId }] } });
  const { myAccess } = await stack.data(`{ myAccess { grants { regionIds } } }`, {}, await stack.token({ role: Role.DISPATCHER, scope: demo.ambulanceServiceId }));
  expect(myAccess.grants).toEqual([{ regionIds: [demo.regionId] }]);
});
