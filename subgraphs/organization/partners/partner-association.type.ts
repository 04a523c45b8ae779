import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../common/scalars.ts';
import type { PartnerAssociation as PartnerAssociationEntity } from './partner-association.entity.ts';

@Directive('@key(fields: "id")')
@ObjectType('PartnerAssociation', {
  description: 'A local association that joined the programme and keeps working with its own app. Other subgraphs extend it (its members).',
})
export class PartnerAssociationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  static from(entity: PartnerAssociationEntity): PartnerAssociationType {
    return Object.assign(new PartnerAssociationType(), { id: entity.id, name: entity.name });
  }
}

@ObjectType('PartnerMunicipality', { description: 'A municipality a partner association has joined, and since when.' })
export class PartnerMunicipalityType {
  @Field(() => LocalDate)
  joinedOn!: string;

  /** Not a field: read by the `municipality` resolver. */
  municipalityId!: string;
}

@InputType()
export class CreatePartnerAssociationInput {
  @Field(() => String, { description: 'Unique, whatever the case.' })
  name!: string;
}
