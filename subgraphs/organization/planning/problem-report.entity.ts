import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Why the problem matters to the programme. */
export enum ProblemImpact {
  /** The programme is at risk (e.g. no AED available at night in a village). */
  AT_RISK = 'AT_RISK',
  /** The programme is delayed (e.g. a plan task cannot be done in time). */
  DELAYED = 'DELAYED',
}

export enum ProblemReportStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

/** A problem a member reported to the chair (table `organization.problem_report`). */
@Entity({ tableName: 'problem_report' })
export class ProblemReport {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  workingGroupId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Enum({ items: () => ProblemImpact, nativeEnumName: 'problem_impact' })
  impact!: ProblemImpact;

  @Enum({ items: () => ProblemReportStatus, nativeEnumName: 'problem_report_status' })
  status: Opt<ProblemReportStatus> = ProblemReportStatus.OPEN;

  @Property({ type: 'text' })
  reportedBySubject!: string;

  /** The reporter's name when they are a member of the working group. */
  @Property({ type: 'text', nullable: true })
  reportedByName?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}

/**
 * One step in a problem report's history: who set which status when, and why
 * (table `organization.problem_report_event`). `sequence` is the delivery
 * cursor of the chair's subscription: strictly increasing in commit order.
 */
@Entity({ tableName: 'problem_report_event' })
export class ProblemReportEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'bigint', autoincrement: true, unique: true, persist: false })
  sequence!: Opt<string>;

  @Property({ type: 'uuid' })
  problemReportId!: string;

  /** Copied from the report, so a working group's feed reads one index. */
  @Property({ type: 'uuid' })
  workingGroupId!: string;

  @Enum({ items: () => ProblemReportStatus, nativeEnumName: 'problem_report_status' })
  status!: ProblemReportStatus;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'text' })
  actorSubject!: string;

  @Property({ type: 'text', nullable: true })
  actorName?: string | null;

  @Property({ type: 'timestamptz' })
  at: Opt<Date> = new Date();
}
