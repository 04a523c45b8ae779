/**
 * Aftercare rules: who hears from us after an Incident, what they are asked,
 * when, and which answers (or silences) bring in a person from the working
 * group's aftercare team. Pure functions; the service schedules and stores.
 *
 * Severe psychological impact is rare (1.2% of Danish responders) but real,
 * and more common in the young and the untrained, so every volunteer who
 * went gets the same follow-ups and nobody has to ask for help first.
 */
import type { AftercarePolicy } from './aftercare-policy.ts';

/** What a follow-up asks. */
export enum FollowUpKind {
  /** "How are you? Do you want to talk to someone?" */
  CHECK_IN = 'CHECK_IN',
  /** A few questions about what happened and how stressful it was. */
  QUESTIONNAIRE = 'QUESTIONNAIRE',
  /** The offer of a debriefing talk with someone from the aftercare team. */
  DEBRIEFING_OFFER = 'DEBRIEFING_OFFER',
}

/** How a volunteer says they are doing. */
export enum Wellbeing {
  GOOD = 'GOOD',
  OKAY = 'OKAY',
  STRUGGLING = 'STRUGGLING',
}

/** Why a person from the aftercare team is asked to reach out. */
export enum EscalationReason {
  /** A follow-up stayed unanswered past the policy's time. */
  UNANSWERED = 'UNANSWERED',
  /** The answer says the volunteer is struggling. */
  DISTRESS = 'DISTRESS',
  /** The volunteer asked to talk to someone. */
  DEBRIEFING_REQUESTED = 'DEBRIEFING_REQUESTED',
}

/** The answers to the questionnaire. */
export interface QuestionnaireAnswer {
  readonly arrivedOnScene: boolean;
  readonly performedCpr: boolean;
  readonly usedAed: boolean;
  /** 1 (calm) to 5 (overwhelmed). */
  readonly stressLevel: number;
}

/** A volunteer's answer to one follow-up; which parts are needed depends on its kind. */
export interface AftercareAnswer {
  /** CHECK_IN: required. */
  readonly wellbeing?: Wellbeing | null;
  /** CHECK_IN: optional; DEBRIEFING_OFFER: required (true accepts the talk). */
  readonly wantsToTalk?: boolean | null;
  /** QUESTIONNAIRE: required. */
  readonly questionnaire?: QuestionnaireAnswer | null;
  readonly comment?: string | null;
}

/** Longest free-text comment kept. */
export const MAX_COMMENT_LENGTH = 2000;

/** A follow-up and when it is due. */
export interface ScheduledFollowUp {
  readonly kind: FollowUpKind;
  readonly dueAt: Date;
}

/** The follow-ups of one volunteer for an Incident that ended at `endedAt`. */
export function followUpSchedule(policy: AftercarePolicy, endedAt: Date): ScheduledFollowUp[] {
  const after = (seconds: number) => new Date(endedAt.getTime() + seconds * 1000);
  return [
    { kind: FollowUpKind.CHECK_IN, dueAt: after(policy.checkInDelaySeconds) },
    { kind: FollowUpKind.QUESTIONNAIRE, dueAt: after(policy.questionnaireDelaySeconds) },
    { kind: FollowUpKind.DEBRIEFING_OFFER, dueAt: after(policy.debriefingOfferDelaySeconds) },
  ];
}

/** Everything wrong with `answer` for a follow-up of `kind`; empty when it can be stored. */
export function answerProblems(kind: FollowUpKind, answer: AftercareAnswer): string[] {
  const problems: string[] = [];
  if (kind === FollowUpKind.CHECK_IN && !answer.wellbeing) problems.push('A check-in answer needs wellbeing (GOOD, OKAY or STRUGGLING).');
  if (kind === FollowUpKind.DEBRIEFING_OFFER && typeof answer.wantsToTalk !== 'boolean') {
    problems.push('An answer to the debriefing offer needs wantsToTalk (true to accept the talk).');
  }
  if (kind === FollowUpKind.QUESTIONNAIRE) {
    const questionnaire = answer.questionnaire;
    if (!questionnaire) problems.push('A questionnaire answer needs the questionnaire.');
    else if (!Number.isInteger(questionnaire.stressLevel) || questionnaire.stressLevel < 1 || questionnaire.stressLevel > 5) {
      problems.push(`stressLevel must be a whole number from 1 (calm) to 5 (overwhelmed); got ${questionnaire.stressLevel}.`);
    }
  }
  if (answer.comment && answer.comment.length > MAX_COMMENT_LENGTH) problems.push(`A comment may have at most ${MAX_COMMENT_LENGTH} characters.`);
  return problems;
}

/**
 * Whether an answer needs a person to follow up, and why; null when not.
 * Distress outranks a request to talk: both bring a person, but distress first.
 */
export function escalationForAnswer(answer: AftercareAnswer, policy: AftercarePolicy): EscalationReason | null {
  const struggling = answer.wellbeing === Wellbeing.STRUGGLING;
  const stressed = (answer.questionnaire?.stressLevel ?? 0) >= policy.distressStressLevel;
  if (struggling || stressed) return EscalationReason.DISTRESS;
  if (answer.wantsToTalk === true) return EscalationReason.DEBRIEFING_REQUESTED;
  return null;
}

/** What each follow-up asks, as the app shows it. */
export const FOLLOW_UP_PROMPTS: Readonly<Record<FollowUpKind, string>> = Object.freeze({
  [FollowUpKind.CHECK_IN]: 'How are you after the alert? Let us know, and tell us if you would like to talk to someone from the aftercare team.',
  [FollowUpKind.QUESTIONNAIRE]:
    'A few questions about the alert: did you reach the patient, did you give CPR, was an AED used, and how stressful was it (1 calm to 5 overwhelming)?',
  [FollowUpKind.DEBRIEFING_OFFER]: 'Would you like a debriefing talk with someone from the aftercare team? Many volunteers find it helps, whatever happened.',
});
