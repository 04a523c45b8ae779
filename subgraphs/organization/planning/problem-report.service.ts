/**
 * Problem reports: a member reports what puts the programme at risk or delays
 * it, and the chair hears of it at once. Every status change is a committed
 * event row first and a NOTIFY after (delivered on commit), so the chair's
 * subscription loses nothing across restarts and reconnects (common/feed.ts).
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { sql } from '../../../common/sql.ts';
import { ProblemImpact, ProblemReport, ProblemReportEvent, ProblemReportStatus } from './problem-report.entity.ts';
import { getOpenWorkingGroup } from '../working-groups/working-group.service.ts';

/** LISTEN channel; the payload is the id of the working group whose feed has news. */
export const PROBLEM_REPORTS_CHANNEL = 'organization_problem_reports';

/** Who did something, as recorded in the history. */
export interface Actor {
  subject: string;
  /** Their name as a member of the working group, when they are one. */
  name: string | null;
}

export interface NewProblemReport {
  workingGroupId: string;
  title: string;
  description: string;
  impact: ProblemImpact;
}

/** From each status, where a report may go next. RESOLVED is final. */
const NEXT: Record<ProblemReportStatus, ProblemReportStatus[]> = {
  [ProblemReportStatus.OPEN]: [ProblemReportStatus.ACKNOWLEDGED, ProblemReportStatus.RESOLVED],
  [ProblemReportStatus.ACKNOWLEDGED]: [ProblemReportStatus.RESOLVED],
  [ProblemReportStatus.RESOLVED]: [],
};

/**
 * Serialises event writers until commit, as for alerts: otherwise a
 * transaction could take sequence 5 and commit after another committed 6,
 * and a subscriber already past 6 would never see 5.
 */
async function lockEventSequence(tx: EntityManager): Promise<void> {
  await sql(tx, "select pg_advisory_xact_lock(hashtext('organization.problem_report_event.sequence'))");
}

async function recordEvent(tx: EntityManager, report: ProblemReport, actor: Actor, note: string | null): Promise<void> {
  await lockEventSequence(tx);
  tx.create(ProblemReportEvent, {
    problemReportId: report.id,
    workingGroupId: report.workingGroupId,
    status: report.status,
    note,
    actorSubject: actor.subject,
    actorName: actor.name,
  });
  await tx.flush();
  await sql(tx, 'select pg_notify(?, ?)', [PROBLEM_REPORTS_CHANNEL, report.workingGroupId]);
}

export async function reportProblem(em: EntityManager, input: NewProblemReport, actor: Actor): Promise<ProblemReport> {
  await getOpenWorkingGroup(em, input.workingGroupId);
  const title = input.title.trim();
  const description = input.description.trim();
  if (!title) throw badInput('A problem report needs a title.');
  if (!description) throw badInput('A problem report needs a description of the problem.');
  return em.transactional(async (tx) => {
    const report = tx.create(ProblemReport, {
      workingGroupId: input.workingGroupId,
      title,
      description,
      impact: input.impact,
      reportedBySubject: actor.subject,
      reportedByName: actor.name,
    });
    await tx.flush();
    await recordEvent(tx, report, actor, null);
    return report;
  });
}

export async function changeProblemReportStatus(em: EntityManager, report: ProblemReport, status: ProblemReportStatus, note: string | null, actor: Actor): Promise<ProblemReport> {
  await getOpenWorkingGroup(em, report.workingGroupId);
  if (!NEXT[report.status as ProblemReportStatus].includes(status)) {
    throw conflict(`A ${report.status} problem report cannot become ${status}.`, { status: report.status });
  }
  return em.transactional(async (tx) => {
    // Locks the row, so two chairs deciding at once cannot both move it on.
    const current = await tx.findOneOrFail(ProblemReport, { id: report.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!NEXT[current.status as ProblemReportStatus].includes(status)) {
      throw conflict(`A ${current.status} problem report cannot become ${status}.`, { status: current.status });
    }
    current.status = status;
    current.updatedAt = new Date();
    await tx.flush();
    await recordEvent(tx, current, actor, note?.trim() || null);
    return current;
  });
}

export async function getProblemReport(em: EntityManager, id: string): Promise<ProblemReport> {
  const report = await em.findOne(ProblemReport, { id: parseId(id, 'ProblemReport') });
  if (!report) throw notFound('ProblemReport', id);
  return report;
}

export async function problemReportsOf(em: EntityManager, workingGroupId: string, status?: ProblemReportStatus | null): Promise<ProblemReport[]> {
  return em.find(ProblemReport, { workingGroupId, ...(status ? { status } : {}) }, { orderBy: { createdAt: 'desc' } });
}

export async function historyOf(em: EntityManager, problemReportId: string): Promise<ProblemReportEvent[]> {
  return em.find(ProblemReportEvent, { problemReportId }, { orderBy: { sequence: 'asc' } });
}

/** A working group's events after `cursor`, in cursor order. */
export async function problemReportEventsAfter(em: EntityManager, workingGroupId: string, cursor: bigint, limit: number): Promise<ProblemReportEvent[]> {
  return em.fork().find(ProblemReportEvent, { workingGroupId, sequence: { $gt: String(cursor) } }, { orderBy: { sequence: 'asc' }, limit });
}

export async function latestProblemReportCursor(em: EntityManager): Promise<bigint> {
  const [row] = await sql<{ latest: string | null }>(em.fork(), 'select max(sequence) as latest from organization.problem_report_event');
  return BigInt(row?.latest ?? 0);
}
