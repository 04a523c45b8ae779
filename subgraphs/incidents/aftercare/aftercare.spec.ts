import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTERCARE_POLICY } from './aftercare-policy.ts';
import { answerProblems, escalationForAnswer, EscalationReason, followUpSchedule, FollowUpKind, Wellbeing } from './aftercare.ts';

describe('followUpSchedule', () => {
  it('puts each follow-up at its delay after the incident ended', () => {
    const ended = new Date('2026-11-21T03:30:00Z');
    expect(followUpSchedule(DEFAULT_AFTERCARE_POLICY, ended)).toEqual([
      { kind: FollowUpKind.CHECK_IN, dueAt: new Date('2026-11-21T05:00:00Z') },
      { kind: FollowUpKind.QUESTIONNAIRE, dueAt: new Date('2026-11-22T03:30:00Z') },
      { kind: FollowUpKind.DEBRIEFING_OFFER, dueAt: new Date('2026-11-24T03:30:00Z') },
    ]);
  });
});

describe('answers', () => {
  it('asks of each kind what it is about', () => {
    expect(answerProblems(FollowUpKind.CHECK_IN, { wellbeing: Wellbeing.GOOD })).toEqual([]);
    expect(answerProblems(FollowUpKind.CHECK_IN, { wantsToTalk: true })).toEqual(['A check-in answer needs wellbeing (GOOD, OKAY or STRUGGLING).']);
    expect(answerProblems(FollowUpKind.DEBRIEFING_OFFER, {})[0]).toMatch(/wantsToTalk/);
    expect(answerProblems(FollowUpKind.QUESTIONNAIRE, {})[0]).toMatch(/questionnaire/);
    const questionnaire = { arrivedOnScene: true, performedCpr: true, usedAed: false, stressLevel: 9 };
    expect(answerProblems(FollowUpKind.QUESTIONNAIRE, { questionnaire })[0]).toMatch(/stressLevel must be a whole number from 1/);
    expect(answerProblems(FollowUpKind.CHECK_IN, { wellbeing: Wellbeing.OKAY, comment: 'x'.repeat(2001) })[0]).toMatch(/at most 2000/);
  });

  it('escalates distress before a request to talk, and nothing else', () => {
    const policy = DEFAULT_AFTERCARE_POLICY;
    expect(escalationForAnswer({ wellbeing: Wellbeing.STRUGGLING, wantsToTalk: true }, policy)).toBe(EscalationReason.DISTRESS);
    expect(escalationForAnswer({ questionnaire: { arrivedOnScene: true, performedCpr: true, usedAed: true, stressLevel: 4 } }, policy)).toBe(EscalationReason.DISTRESS);
    expect(escalationForAnswer({ questionnaire: { arrivedOnScene: true, performedCpr: true, usedAed: true, stressLevel: 3 } }, policy)).toBeNull();
    expect(escalationForAnswer({ wellbeing: Wellbeing.GOOD, wantsToTalk: true }, policy)).toBe(EscalationReason.DEBRIEFING_REQUESTED);
    expect(escalationForAnswer({ wellbeing: Wellbeing.OKAY, wantsToTalk: false }, policy)).toBeNull();
  });
});
