/**
 * Aftercare end to end, with the region's policy times cut to seconds: every
 * volunteer who went gets their follow-ups as a durable subscription, an
 * answer that signals distress and a follow-up left unanswered both reach
 * the municipality's aftercare contact, and all of it survives restarts of
 * the incidents subgraph (the schedule lives in the PostgreSQL job queue).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Role } from '../common/auth.ts';
import { buildWorld, pause, reportInput, subscribeFrames, type World } from './incidents-world.ts';
import {
  AftercareEscalationsDocument,
  AnswerAftercareFollowUpDocument,
  CloseIncidentTransportedDocument,
  MyAftercareDocument,
  ReportIncidentAlertsDocument,
  RespondToAlertDocument,
  SetDispatchPolicyVersionDocument,
} from './operations/generated.ts';
import { startTestStack, type TestStack } from './stack.ts';

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startTestStack();
  world = await buildWorld(stack, {
    patient: { lat: 51.6064, lon: 5.2187 },
    volunteers: [
      { name: 'Anna', north: 0, east: -100 },
      { name: 'Bram', north: 300, east: 0 },
      { name: 'Chantal', north: 0, east: 400 },
    ],
    aeds: [],
  });
  await stack.data(
    SetDispatchPolicyVersionDocument,
    {
      input: {
        securityRegionId: world.regionId,
        aftercare: { checkInDelaySeconds: 2, questionnaireDelaySeconds: 3, debriefingOfferDelaySeconds: 3600, escalateUnansweredAfterSeconds: 4 },
      },
    },
    await stack.adminToken(),
  );
});

afterAll(async () => {
  await stack?.close();
});

describe('aftercare', () => {
  it('follows up everyone who went, escalates distress and silence to the aftercare contact, across restarts', async () => {
    const { reportIncident: incident } = await stack.data(ReportIncidentAlertsDocument, { input: reportInput(world) }, world.dispatcherToken);
    const alertOf = (name: string) => incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers[name]!.id)!.id;
    await stack.data(RespondToAlertDocument, { a: alertOf('Anna'), r: 'ACCEPT' }, world.volunteers.Anna!.token);
    await stack.data(RespondToAlertDocument, { a: alertOf('Bram'), r: 'ON_SCENE' }, world.volunteers.Bram!.token);
    await stack.data(RespondToAlertDocument, { a: alertOf('Chantal'), r: 'DECLINE' }, world.volunteers.Chantal!.token);
    await stack.data(CloseIncidentTransportedDocument, { i: incident.id }, world.dispatcherToken);

    // The follow-ups are scheduled in the database: a restart right away loses none of them.
    await stack.restartSubgraph('incidents');

    const anna = subscribeFrames(stack.wsClient(world.volunteers.Anna!.token), MyAftercareDocument, { v: world.volunteers.Anna!.id, after: '0' });
    const bram = subscribeFrames(stack.wsClient(world.volunteers.Bram!.token), MyAftercareDocument, { v: world.volunteers.Bram!.id, after: '0' });
    const chantal = subscribeFrames(stack.wsClient(world.volunteers.Chantal!.token), MyAftercareDocument, { v: world.volunteers.Chantal!.id, after: '0' });
    const contact = subscribeFrames(stack.wsClient(world.coordinatorToken), AftercareEscalationsDocument, { after: '0' });

    const [checkIn] = await anna.until((frames) => frames.length >= 1, 15_000);
    expect(checkIn.myAftercare).toMatchObject({ kind: 'CHECK_IN', alertId: alertOf('Anna') });
    expect(checkIn.myAftercare.prompt).toMatch(/How are you/);

    // Only the volunteer answers, with what the kind asks for.
    const answerCheckIn = (token: string, answer: Record<string, unknown>) => stack.request(AnswerAftercareFollowUpDocument, { f: checkIn.myAftercare.id, answer }, token);
    expect((await answerCheckIn(world.volunteers.Bram!.token, { wellbeing: 'GOOD' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await answerCheckIn(world.volunteers.Anna!.token, { comment: 'no wellbeing' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const answered = await answerCheckIn(world.volunteers.Anna!.token, { wellbeing: 'STRUGGLING', comment: 'I keep seeing it.' });
    expect(answered.data!.answerAftercareFollowUp.answer).toEqual({ wellbeing: 'STRUGGLING' });
    expect((await answerCheckIn(world.volunteers.Anna!.token, { wellbeing: 'GOOD' })).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const distress = await contact.until((frames) => frames.some((frame) => frame.aftercareEscalations.reason === 'DISTRESS'));
    expect(distress.find((frame) => frame.aftercareEscalations.reason === 'DISTRESS')!.aftercareEscalations).toEqual({
      cursor: expect.any(String),
      reason: 'DISTRESS',
      volunteer: { id: world.volunteers.Anna!.id },
      municipality: { id: world.municipalityId },
      followUp: { kind: 'CHECK_IN', answer: { wellbeing: 'STRUGGLING', comment: 'I keep seeing it.' } },
    });

    // Bram does not answer. His check-in is escalated once its time has passed, even with a restart in between.
    await bram.until((frames) => frames.length >= 1, 15_000);
    await stack.restartSubgraph('incidents');
    // The contact's subscription ended with the restart (SERVICE_UNAVAILABLE): the app resubscribes with its last cursor.
    const resumed = subscribeFrames(stack.wsClient(world.coordinatorToken), AftercareEscalationsDocument, { after: contact.frames.at(-1)!.aftercareEscalations.cursor });
    const isBramsCheckIn = (frame: any) =>
      frame.aftercareEscalations.reason === 'UNANSWERED' &&
      frame.aftercareEscalations.volunteer.id === world.volunteers.Bram!.id &&
      frame.aftercareEscalations.followUp.kind === 'CHECK_IN';
    await resumed.until((frames) => frames.some(isBramsCheckIn), 20_000);
    await pause(1500);
    const escalations = [...contact.frames, ...resumed.frames].map((frame) => frame.aftercareEscalations);
    expect(new Set(escalations.map((escalation) => escalation.cursor)).size).toBe(escalations.length);
    // Anna answered her check-in: it is never escalated as unanswered.
    expect(
      escalations.some((escalation) => escalation.reason === 'UNANSWERED' && escalation.volunteer.id === world.volunteers.Anna!.id && escalation.followUp.kind === 'CHECK_IN'),
    ).toBe(false);

    // Each follow-up once, in order; nothing for the volunteer who declined.
    const bramAll = subscribeFrames(stack.wsClient(world.volunteers.Bram!.token), MyAftercareDocument, { v: world.volunteers.Bram!.id, after: '0' });
    const bramFrames = await bramAll.until((frames) => frames.length >= 2);
    await pause(500);
    expect(bramAll.frames.map((frame) => frame.myAftercare.kind)).toEqual(['CHECK_IN', 'QUESTIONNAIRE']);
    expect(new Set(bramFrames.map((frame) => frame.myAftercare.id)).size).toBe(2);
    expect(chantal.frames).toEqual([]);
  }, 90_000);

  it('lets only aftercare contacts of the volunteer’s municipality follow escalations', async () => {
    const stranger = await stack.token({ role: Role.POLICY_OFFICER, scope: randomUUID() });
    const elsewhere = subscribeFrames(stack.wsClient(stranger), AftercareEscalationsDocument, { after: '0' });
    await pause(1000);
    expect(elsewhere.frames).toEqual([]);
    const volunteer = subscribeFrames(stack.wsClient(world.volunteers.Anna!.token), AftercareEscalationsDocument, { after: '0' });
    await volunteer.until(() => volunteer.errors.length > 0);
    expect(JSON.stringify(volunteer.errors)).toContain('FORBIDDEN');
    const nosy = subscribeFrames(stack.wsClient(world.volunteers.Anna!.token), MyAftercareDocument, { v: world.volunteers.Bram!.id, after: '0' });
    await nosy.until(() => nosy.errors.length > 0);
    expect(JSON.stringify(nosy.errors)).toContain('FORBIDDEN');
  });
});
