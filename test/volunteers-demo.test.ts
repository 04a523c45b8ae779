/**
 * The demo's volunteers, as `npm start` loads them: registered with homes
 * around the demo AEDs and verified certificates, so a dispatcher trying the
 * demo sees volunteers alerted whenever it is loaded.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { servicePrincipal } from '../common/auth.ts';
import { createPeerClient } from '../common/peers.ts';
import { loadDemoData, type DemoData } from '../scripts/demo-data.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

let stack: TestStack;
let demo: DemoData;

beforeAll(async () => {
  stack = await startTestStack({ workers: false });
  demo = await loadDemoData(stack.gateway.url, await stack.adminToken());
});

afterAll(async () => {
  await stack?.close();
});

it('registers four volunteers who are alertable now, near the demo AEDs', async () => {
  const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { volunteerCount alertableVolunteerCount } }`, { id: demo.municipalityId });
  expect(municipality.volunteerCount).toBe(4);
  // One has quiet hours at night; the others are alertable around the clock.
  expect(municipality.alertableVolunteerCount).toBeGreaterThanOrEqual(3);

  const peers = createPeerClient({ volunteers: stack.subgraphs.volunteers.url }, TEST_SECRETS.gatewaySecret);
  const { alertCandidates } = await peers.request<{ alertCandidates: { volunteerId: string; associationIds: string[] }[] }>(
    'volunteers',
    `query ($at: DateTimeISO!) { alertCandidates(latitude: 51.5794, longitude: 5.1893, radiusMeters: 1000, limit: 30, at: $at) { volunteerId associationIds } }`,
    { at: new Date().toISOString() },
    servicePrincipal('incidents'),
  );
  expect(alertCandidates.length).toBeGreaterThanOrEqual(3);
  expect(demo.volunteerIds).toEqual(expect.arrayContaining(alertCandidates.map((candidate) => candidate.volunteerId)));
});
