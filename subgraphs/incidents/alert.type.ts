import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AlertKind, type Alert as AlertEntity } from './alert.entity.ts';
import { AedRef, VolunteerRef } from './references.ts';

registerEnumType(AlertKind, { name: 'AlertKind' });

@ObjectType('Alert', { description: 'An alert sent to one volunteer.' })
export class AlertType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => String)
  message!: string;

  @Field(() => VolunteerRef)
  volunteer!: VolunteerRef;

  @Field(() => AedRef, { nullable: true, description: 'The AED to fetch, if any.' })
  aed?: AedRef | null;

  @Field(() => Date)
  createdAt!: Date;

  static from(entity: AlertEntity): AlertType {
    return Object.assign(new AlertType(), {
      id: entity.id,
      cursor: String(entity.sequence),
      kind: entity.kind,
      message: entity.message,
      volunteer: VolunteerRef.of(entity.volunteerId),
      aed: entity.aedId ? AedRef.of(entity.aedId) : null,
      createdAt: entity.createdAt,
    });
  }
}
