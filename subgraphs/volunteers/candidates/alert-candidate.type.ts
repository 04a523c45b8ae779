import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { PositionKind } from '../../../common/position-kind.ts';
import type { AlertCandidate } from './alert-candidates.ts';

@Directive('@inaccessible')
@ObjectType('AlertCandidate', { description: 'A volunteer dispatch may alert, at their nearest valid position (incidents subgraph only).' })
export class AlertCandidateType {
  @Field(() => ID)
  volunteerId!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Float, { description: 'Straight-line (great-circle) distance from the patient.' })
  distanceMeters!: number;

  @Field(() => PositionKind)
  positionKind!: PositionKind;

  @Field(() => String, { nullable: true, description: 'E.164, for SMS alerts.' })
  phone!: string | null;

  @Field(() => String, { description: 'The language of their texts (common/language.ts): their own choice, else their municipality’s country’s.' })
  language!: string;

  @Field(() => ID)
  municipalityId!: string;

  @Field(() => [ID], { description: 'Partner associations the volunteer is a member of.' })
  associationIds!: string[];

  static from(candidate: AlertCandidate): AlertCandidateType {
    return Object.assign(new AlertCandidateType(), candidate);
  }
}
