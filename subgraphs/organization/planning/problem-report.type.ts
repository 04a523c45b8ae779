import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ProblemImpact, ProblemReportStatus, type ProblemReport as ProblemReportEntity, type ProblemReportEvent as ProblemReportEventEntity } from './problem-report.entity.ts';

registerEnumType(ProblemImpact, { name: 'ProblemImpact' });
registerEnumType(ProblemReportStatus, {
  name: 'ProblemReportStatus',
  description: 'OPEN → ACKNOWLEDGED → RESOLVED (or OPEN → RESOLVED); RESOLVED is final.',
});

@ObjectType('ProblemReport', { description: 'A problem that puts the programme at risk or delays it, reported to the chair.' })
export class ProblemReportType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => ProblemImpact)
  impact!: ProblemImpact;

  @Field(() => ProblemReportStatus)
  status!: ProblemReportStatus;

  @Field(() => String, { description: 'Subject of who reported it.' })
  reportedBy!: string;

  @Field(() => String, { nullable: true, description: 'Their name, when they are a member of the working group.' })
  reporterName?: string | null;

  @Field(() => Date)
  createdAt!: Date;

  /** Not a field: read by the `workingGroup` resolver. */
  workingGroupId!: string;

  static from(entity: ProblemReportEntity): ProblemReportType {
    return Object.assign(new ProblemReportType(), {
      id: entity.id,
      title: entity.title,
      description: entity.description,
      impact: entity.impact,
      status: entity.status,
      reportedBy: entity.reportedBySubject,
      reporterName: entity.reportedByName ?? null,
      createdAt: entity.createdAt,
      workingGroupId: entity.workingGroupId,
    });
  }
}

@ObjectType('ProblemReportEvent', { description: 'One step of a problem report’s history: who set which status when.' })
export class ProblemReportEventType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => ProblemReportStatus)
  status!: ProblemReportStatus;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { description: 'Subject of who did it.' })
  actor!: string;

  @Field(() => String, { nullable: true })
  actorName?: string | null;

  @Field(() => Date)
  at!: Date;

  /** Not a field: read by the `report` resolver. */
  problemReportId!: string;

  static from(entity: ProblemReportEventEntity): ProblemReportEventType {
    return Object.assign(new ProblemReportEventType(), {
      id: entity.id,
      cursor: String(entity.sequence),
      status: entity.status,
      note: entity.note ?? null,
      actor: entity.actorSubject,
      actorName: entity.actorName ?? null,
      at: entity.at,
      problemReportId: entity.problemReportId,
    });
  }
}

@InputType()
export class ReportProblemInput {
  @Field(() => ID)
  workingGroupId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => ProblemImpact)
  impact!: ProblemImpact;
}
