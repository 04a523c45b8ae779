import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint, GeoPointInput } from '../../../common/geo.type.ts';
import { OUTSIDE_MUNICIPALITY_REASON } from '../../../common/place.type.ts';
import { LocalDate } from '../../../common/scalars.ts';
import type { AedGuardian } from './aed-guardian.entity.ts';
import type { Aed as AedEntity } from './aed.entity.ts';
import { MunicipalityRef } from '../references.ts';

/** Who may use an AED (the schema's `AedAccess`). */
export enum AedAccessLevel {
  PUBLIC = 'PUBLIC',
  RESTRICTED = 'RESTRICTED',
  PRIVATE = 'PRIVATE',
}

registerEnumType(AedAccessLevel, {
  name: 'AedAccess',
  description: 'Who may use the AED.',
  valuesConfig: {
    PUBLIC: { description: 'Anyone, whenever its schedule says it can be reached.' },
    RESTRICTED: { description: 'Only some people or at some times, e.g. customers or at the desk; still dispatched.' },
    PRIVATE: { description: 'Only its owner: never dispatched.' },
  },
});

@ObjectType('AedContact', { description: 'How to reach the owner of an AED. Personal data.' })
export class AedContactType {
  @Field(() => String, { nullable: true, description: 'Person or organisation.' })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'E.164 when it could be read as a phone number, else as given.' })
  phone!: string | null;
}

@ObjectType('AedGuardian', { description: 'A person who looks after an AED. Personal data.' })
export class AedGuardianType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'E.164, e.g. +31612345678.' })
  phone!: string | null;

  static from(entity: AedGuardian): AedGuardianType {
    return Object.assign(new AedGuardianType(), { id: entity.id, name: entity.name, email: entity.email, phone: entity.phone });
  }
}

@Directive('@key(fields: "id")')
@ObjectType('Aed', {
  description: 'An automated external defibrillator. Where it is and when it can be reached are public; its cabinet code and its owner’s and guardians’ contact details are not.',
})
export class AedType {
  @Field(() => ID)
  id!: string;

  // Shareable: an alert of the incidents subgraph provides the location of the AED it sends for.
  @Directive('@shareable')
  @Field(() => GeoPoint)
  location!: GeoPoint;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address!: string | null;

  @Field(() => String, { description: 'Where exactly, e.g. "left of the entrance of the sports hall" (OSM `defibrillator:location`).' })
  locationDescription!: string;

  @Field(() => Boolean, { nullable: true, description: 'Inside a building; null when not known.' })
  indoor!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Floor or level as written, e.g. "0", "-1", "RDC".' })
  floor!: string | null;

  @Field(() => AedAccessLevel, { nullable: true, description: 'Null when not known.' })
  access!: AedAccessLevel | null;

  @Field(() => Boolean, { description: 'In a locked cabinet that opens with a code.' })
  cabinetLocked!: boolean;

  @Field(() => String, { nullable: true })
  brand!: string | null;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => String, { nullable: true })
  serialNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'A reference the owner or a register gives the AED.' })
  reference!: string | null;

  @Field(() => String, { nullable: true, description: 'For imported AEDs: source and its id, e.g. "osm:node/123"; what a re-import matches on.' })
  externalId!: string | null;

  @Field(() => MunicipalityRef)
  municipality!: MunicipalityRef;

  @Field(() => String, { description: 'IANA time zone the schedule and dates are read in (its municipality’s).' })
  timeZone!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country whose public holidays (PH) apply.' })
  countryCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'When it can be reached, in OpenStreetMap `opening_hours` syntax, e.g. "Mo-Fr 08:00-18:00; PH off" or "24/7". Null when not known (then never dispatched).',
  })
  availabilitySchedule!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the battery may be used.' })
  batteryExpiresOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Last day the pads may be used.' })
  padsExpireOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day of the last guardian check or maintenance.' })
  lastCheckedOn!: string | null;

  @Field(() => Boolean, { description: 'False when reported broken, in maintenance or missing.' })
  operational!: boolean;

  @Field(() => Date, { nullable: true, description: 'Since when it is stood down after use at an incident, until a guardian confirms it ready; null when not.' })
  stoodDownSince!: Date | null;

  /** Not a field: the row, for the resolvers of derived fields (readiness, availability, secrets). */
  entity!: AedEntity;

  static from(entity: AedEntity): AedType {
    return Object.assign(new AedType(), {
      id: entity.id,
      location: GeoPoint.of(entity.latitude, entity.longitude),
      address: entity.address,
      locationDescription: entity.locationDescription,
      indoor: entity.indoor,
      floor: entity.floor,
      access: entity.access as AedAccessLevel | null,
      cabinetLocked: entity.cabinetLocked,
      brand: entity.brand,
      model: entity.model,
      serialNumber: entity.serialNumber,
      reference: entity.reference,
      externalId: entity.externalId,
      municipality: MunicipalityRef.of(entity.municipalityId),
      timeZone: entity.timeZone,
      countryCode: entity.countryCode,
      availabilitySchedule: entity.availabilitySchedule,
      batteryExpiresOn: entity.batteryExpiresOn,
      padsExpireOn: entity.padsExpireOn,
      lastCheckedOn: entity.lastCheckedOn,
      operational: entity.operational,
      stoodDownSince: entity.stoodDownAt,
      entity,
    });
  }
}

@InputType({ description: 'Contact details; an absent or null field is not recorded.' })
export class AedContactInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Read in the country of the AED’s municipality when written without +country code.' })
  phone?: string | null;
}

@InputType()
export class AedGuardianInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Read in the country of the AED’s municipality when written without +country code.' })
  phone?: string | null;
}

/**
 * The fields an AED has besides its position and municipality, shared by
 * registering and updating. When updating, an absent field stays as it is
 * and null clears it.
 */
@InputType()
export abstract class AedDetailsInput {
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Boolean, { nullable: true })
  indoor?: boolean | null;

  @Field(() => String, { nullable: true })
  floor?: string | null;

  @Field(() => AedAccessLevel, { nullable: true })
  access?: AedAccessLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'In a locked cabinet; a locked cabinet without a code is not dispatched.' })
  cabinetLocked?: boolean | null;

  @Field(() => String, { nullable: true, description: 'The cabinet code (needs cabinetLocked). Readable afterwards only by the AED’s guardians and by dispatch.' })
  cabinetCode?: string | null;

  @Field(() => AedContactInput, { nullable: true })
  owner?: AedContactInput | null;

  @Field(() => String, { nullable: true })
  brand?: string | null;

  @Field(() => String, { nullable: true })
  model?: string | null;

  @Field(() => String, { nullable: true })
  serialNumber?: string | null;

  @Field(() => String, { nullable: true })
  reference?: string | null;

  @Field(() => String, { nullable: true, description: 'OpenStreetMap `opening_hours`, e.g. "Mo-Fr 07:00-22:00; Sa 08:00-17:00; PH off".' })
  availabilitySchedule?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'At most 10 years from today.' })
  batteryExpiresOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'At most 10 years from today.' })
  padsExpireOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Not in the future.' })
  lastCheckedOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False when broken, in maintenance or missing.' })
  operational?: boolean | null;
}

@ObjectType('AedDecommission', { description: 'An AED taken out of service for good: when, by whom, why.' })
export class AedDecommissionType {
  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: 'Subject of who decommissioned it.' })
  by!: string;

  @Field(() => String)
  reason!: string;
}

@InputType()
export class RegisterAedInput extends AedDetailsInput {
  @Field(() => String, { nullable: true, description: OUTSIDE_MUNICIPALITY_REASON })
  outsideMunicipalityReason?: string | null;

  @Field(() => GeoPointInput)
  location!: GeoPointInput;

  @Field(() => String)
  locationDescription!: string;

  @Field(() => ID)
  municipalityId!: string;

  @Field(() => [AedGuardianInput], { nullable: true, description: 'Usually one or two.' })
  guardians?: AedGuardianInput[] | null;
}

@InputType({ description: 'Changes to an AED: an absent field stays as it is; null clears it.' })
export class UpdateAedInput extends AedDetailsInput {
  @Field(() => String, { nullable: true, description: OUTSIDE_MUNICIPALITY_REASON })
  outsideMunicipalityReason?: string | null;

  @Field(() => GeoPointInput, { nullable: true })
  location?: GeoPointInput | null;

  @Field(() => String, { nullable: true })
  locationDescription?: string | null;
}

@InputType({ description: 'What a guardian found when checking an AED.' })
export class AedCheckInput {
  @Field(() => LocalDate, { nullable: true, description: 'Day of the check; default today in the AED’s time zone.' })
  checkedOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'A new battery’s expiry date.' })
  batteryExpiresOn?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'New pads’ expiry date.' })
  padsExpireOn?: string | null;
}
