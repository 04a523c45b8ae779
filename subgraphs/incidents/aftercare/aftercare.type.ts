import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AftercareEscalation as EscalationEntity, AftercareFollowUp as FollowUpEntity } from './aftercare.entity.ts';
import { EscalationReason, FOLLOW_UP_PROMPTS, FollowUpKind, Wellbeing, type AftercareAnswer } from './aftercare.ts';
import { MunicipalityRef, VolunteerRef } from '../references.ts';

registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  valuesConfig: {
    CHECK_IN: { description: 'How are you? Do you want to talk to someone? (answer: wellbeing, wantsToTalk)' },
    QUESTIONNAIRE: { description: 'A few questions about what happened. (answer: questionnaire)' },
    DEBRIEFING_OFFER: { description: 'The offer of a debriefing talk. (answer: wantsToTalk)' },
  },
});
registerEnumType(Wellbeing, { name: 'Wellbeing' });
registerEnumType(EscalationReason, {
  name: 'EscalationReason',
  valuesConfig: {
    UNANSWERED: { description: 'A follow-up stayed unanswered past the policy’s time.' },
    DISTRESS: { description: 'The answer says the volunteer is struggling.' },
    DEBRIEFING_REQUESTED: { description: 'The volunteer asked to talk to someone.' },
  },
});

@InputType('QuestionnaireAnswerInput')
export class QuestionnaireAnswerInput {
  @Field(() => Boolean)
  arrivedOnScene!: boolean;

  @Field(() => Boolean)
  performedCpr!: boolean;

  @Field(() => Boolean)
  usedAed!: boolean;

  @Field(() => Int, { description: '1 (calm) to 5 (overwhelmed).' })
  stressLevel!: number;
}

@InputType('AftercareAnswerInput', { description: 'An answer to a follow-up; which fields are needed depends on its kind (see FollowUpKind).' })
export class AftercareAnswerInput {
  @Field(() => Wellbeing, { nullable: true })
  wellbeing?: Wellbeing | null;

  @Field(() => Boolean, { nullable: true, description: 'True: I would like to talk to someone from the aftercare team.' })
  wantsToTalk?: boolean | null;

  @Field(() => QuestionnaireAnswerInput, { nullable: true })
  questionnaire?: QuestionnaireAnswerInput | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@ObjectType('QuestionnaireAnswer')
export class QuestionnaireAnswerType {
  @Field(() => Boolean)
  arrivedOnScene!: boolean;

  @Field(() => Boolean)
  performedCpr!: boolean;

  @Field(() => Boolean)
  usedAed!: boolean;

  @Field(() => Int)
  stressLevel!: number;
}

@ObjectType('AftercareAnswer')
export class AftercareAnswerType {
  @Field(() => Wellbeing, { nullable: true })
  wellbeing?: Wellbeing | null;

  @Field(() => Boolean, { nullable: true })
  wantsToTalk?: boolean | null;

  @Field(() => QuestionnaireAnswerType, { nullable: true })
  questionnaire?: QuestionnaireAnswerType | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;

  static from(answer: AftercareAnswer): AftercareAnswerType {
    return Object.assign(new AftercareAnswerType(), {
      wellbeing: answer.wellbeing ?? null,
      wantsToTalk: answer.wantsToTalk ?? null,
      questionnaire: answer.questionnaire ? Object.assign(new QuestionnaireAnswerType(), answer.questionnaire) : null,
      comment: answer.comment ?? null,
    });
  }
}

@ObjectType('AftercareFollowUp', {
  description: 'A follow-up after an incident the volunteer went to. Seen by the volunteer, and by their aftercare contacts when escalated.',
})
export class AftercareFollowUpType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => FollowUpKind)
  kind!: FollowUpKind;

  @Field(() => String, { description: 'What the follow-up asks.' })
  prompt!: string;

  @Field(() => ID, { description: 'The alert the volunteer answered.' })
  alertId!: string;

  @Field(() => VolunteerRef)
  volunteer!: VolunteerRef;

  @Field(() => Date)
  deliveredAt!: Date;

  @Field(() => Date, { nullable: true })
  answeredAt?: Date | null;

  @Field(() => AftercareAnswerType, { nullable: true })
  answer?: AftercareAnswerType | null;

  static from(entity: FollowUpEntity): AftercareFollowUpType {
    return Object.assign(new AftercareFollowUpType(), {
      id: entity.id,
      cursor: String(entity.sequence),
      kind: entity.kind,
      prompt: FOLLOW_UP_PROMPTS[entity.kind],
      alertId: entity.alertId,
      volunteer: VolunteerRef.of(entity.volunteerId),
      deliveredAt: entity.deliveredAt,
      answeredAt: entity.answeredAt ?? null,
      answer: entity.answer ? AftercareAnswerType.from(entity.answer) : null,
    });
  }
}

@ObjectType('AftercareEscalation', {
  description: 'A request to the aftercare contacts of the volunteer’s municipality to reach out to a volunteer after an incident.',
})
export class AftercareEscalationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => EscalationReason)
  reason!: EscalationReason;

  @Field(() => VolunteerRef)
  volunteer!: VolunteerRef;

  @Field(() => MunicipalityRef)
  municipality!: MunicipalityRef;

  @Field(() => AftercareFollowUpType)
  followUp!: AftercareFollowUpType;

  @Field(() => Date)
  at!: Date;

  static from(entity: EscalationEntity): AftercareEscalationType {
    return Object.assign(new AftercareEscalationType(), {
      id: entity.id,
      cursor: String(entity.sequence),
      reason: entity.reason,
      volunteer: VolunteerRef.of(entity.volunteerId),
      municipality: MunicipalityRef.of(entity.municipalityId),
      followUp: AftercareFollowUpType.from(entity.followUp),
      at: entity.createdAt,
    });
  }
}
