/**
 * Aftercare, durably: when an Incident ends, each follow-up of each volunteer
 * who went is scheduled as a job (in the same transaction); when due, the job
 * delivers it to the volunteer's aftercare feed and schedules the check for
 * an answer; an answer that signals distress, or silence past the policy's
 * time, is escalated to the aftercare contacts of the volunteer's municipality.
 * A restart at any point only delays these steps.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, notFound } from '../../../common/errors.ts';
import type { Principal } from '../../../common/auth.ts';
import { isVolunteerSelf } from '../access.ts';
import { AftercareFollowUp } from './aftercare.entity.ts';
import { answerProblems, escalationForAnswer, EscalationReason, followUpSchedule, FollowUpKind, type AftercareAnswer } from './aftercare.ts';
import { FeedChannel, lockFeeds, notify } from '../alerts/feeds.ts';
import type { PolicySnapshot } from '../incidents/incident.entity.ts';
import { addJob, addJobs, Job } from '../jobs.ts';
import { sql } from '../../../common/sql.ts';

/** The key every escalation is also announced under, for ADMIN, who follows all municipalities. */
export const ALL_MUNICIPALITIES = '*';

/**
 * Schedules the follow-ups of the volunteers who accepted an Incident that
 * ended at `endedAt`, in the transaction that ends it.
 */
export async function scheduleAftercare(tx: EntityManager, policy: PolicySnapshot, alertIds: readonly string[], endedAt: Date): Promise<void> {
  await addJobs(
    tx,
    alertIds.flatMap((alertId) =>
      followUpSchedule(policy.aftercare, endedAt).map((followUp) => ({
        job: Job.DELIVER_FOLLOW_UP,
        payload: { alertId, kind: followUp.kind },
        runAt: followUp.dueAt,
        jobKey: `follow-up:${alertId}:${followUp.kind}`,
      })),
    ),
  );
}

/** The DELIVER_FOLLOW_UP job: delivers one follow-up (once, however often it runs) and schedules the check for an answer. */
export async function deliverFollowUp(em: EntityManager, job: { alertId: string; kind: FollowUpKind }): Promise<void> {
  await em.fork().transactional(async (tx) => {
    await lockFeeds(tx);
    const [delivered] = await sql<{ id: string; volunteer_id: string; escalate_after: number }>(
      tx,
      `insert into incidents.aftercare_follow_up (id, alert_id, incident_id, volunteer_id, municipality_id, kind)
       select ?, a.id, a.incident_id, a.volunteer_id, a.municipality_id, ?::incidents.follow_up_kind
       from incidents.alert a where a.id = ?
       on conflict (alert_id, kind) do nothing
       returning id, volunteer_id,
         (select (policy -> 'aftercare' ->> 'escalateUnansweredAfterSeconds')::int from incidents.incident where id = incident_id) as escalate_after`,
      [randomUUID(), job.kind, job.alertId],
    );
    if (!delivered) return;
    await notify(tx, FeedChannel.AFTERCARE, [delivered.volunteer_id]);
    await addJob(tx, Job.ESCALATE_UNANSWERED, { followUpId: delivered.id }, { runAt: new Date(Date.now() + delivered.escalate_after * 1000), jobKey: `escalate:${delivered.id}` });
  });
}

async function escalate(tx: EntityManager, followUpId: string, reason: EscalationReason): Promise<void> {
  await lockFeeds(tx);
  const [escalation] = await sql<{ municipality_id: string }>(
    tx,
    `insert into incidents.aftercare_escalation (id, follow_up_id, volunteer_id, municipality_id, reason)
     select ?, f.id, f.volunteer_id, f.municipality_id, ?::incidents.escalation_reason from incidents.aftercare_follow_up f where f.id = ?
     on conflict (follow_up_id, reason) do nothing
     returning municipality_id`,
    [randomUUID(), reason, followUpId],
  );
  if (escalation) await notify(tx, FeedChannel.ESCALATIONS, [escalation.municipality_id, ALL_MUNICIPALITIES]);
}

/** The ESCALATE_UNANSWERED job: escalates a follow-up that is still unanswered. */
export async function escalateIfUnanswered(em: EntityManager, job: { followUpId: string }): Promise<void> {
  await em.fork().transactional(async (tx) => {
    // The row lock orders this against an answer arriving at the same moment.
    const [followUp] = await sql<{ answered_at: string | null }>(tx, 'select answered_at from incidents.aftercare_follow_up where id = ? for update', [job.followUpId]);
    if (!followUp || followUp.answered_at) return;
    await escalate(tx, job.followUpId, EscalationReason.UNANSWERED);
  });
}

/**
 * Stores a volunteer's answer to their follow-up and escalates at once when
 * it signals distress or asks for a talk.
 *
 * @throws NOT_FOUND, FORBIDDEN (someone else's), BAD_USER_INPUT (incomplete
 *   for its kind), CONFLICT (answered before); nothing is written then.
 */
export async function answerFollowUp(em: EntityManager, principal: Principal, followUpId: string, answer: AftercareAnswer): Promise<AftercareFollowUp> {
  const followUp = await em.fork().findOne(AftercareFollowUp, { id: followUpId });
  if (!followUp) throw notFound('AftercareFollowUp', followUpId);
  if (!isVolunteerSelf(principal, followUp.volunteerId)) throw forbidden('Only the volunteer it was sent to may answer a follow-up.');
  const problems = answerProblems(followUp.kind, answer);
  if (problems.length > 0) throw badInput(problems.join(' '));
  const stored: AftercareAnswer = {
    wellbeing: answer.wellbeing ?? null,
    wantsToTalk: answer.wantsToTalk ?? null,
    questionnaire: answer.questionnaire ?? null,
    comment: answer.comment?.trim() || null,
  };
  await em.fork().transactional(async (tx) => {
    const [locked] = await sql<{ answered_at: string | null; policy: PolicySnapshot }>(
      tx,
      `select f.answered_at, i.policy from incidents.aftercare_follow_up f join incidents.incident i on i.id = f.incident_id
       where f.id = ? for update of f`,
      [followUpId],
    );
    if (locked!.answered_at) throw conflict('This follow-up was already answered.');
    await sql(tx, 'update incidents.aftercare_follow_up set answered_at = now(), answer = ?::jsonb where id = ?', [JSON.stringify(stored), followUpId]);
    const reason = escalationForAnswer(stored, locked!.policy.aftercare);
    if (reason) await escalate(tx, followUpId, reason);
  });
  return (await em.fork().findOne(AftercareFollowUp, { id: followUpId }))!;
}
