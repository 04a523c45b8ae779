import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Municipality as MunicipalityEntity } from './municipality.entity.ts';

@Directive('@key(fields: "id")')
@ObjectType('Municipality', { description: 'A municipality taking part in the programme.' })
export class MunicipalityType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Official municipality code, e.g. GM0363.' })
  code!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code, used for public holidays.' })
  countryCode!: string;

  @Field(() => String, { description: 'IANA time zone, used for local time.' })
  timeZone!: string;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  static from(entity: MunicipalityEntity): MunicipalityType {
    return Object.assign(new MunicipalityType(), {
      id: entity.id,
      name: entity.name,
      code: entity.code,
      countryCode: entity.countryCode,
      timeZone: entity.timeZone,
      population: entity.population ?? null,
    });
  }
}

@InputType()
export class CreateMunicipalityInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String, { defaultValue: 'NL' })
  countryCode!: string;

  @Field(() => String, { defaultValue: 'Europe/Amsterdam' })
  timeZone!: string;

  @Field(() => Int, { nullable: true })
  population?: number | null;
}
