import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint, GeoPointInput } from '../../../common/geo.type.ts';
import { LANGUAGES } from '../../../common/language.ts';
import { OUTSIDE_MUNICIPALITY_REASON } from '../../../common/place.type.ts';
import { LocalDate } from '../../../common/scalars.ts';
import type { WorkHoursInterval } from '../candidates/candidate-positions.ts';
import { ConsentKind, type Consent } from './consent.entity.ts';
import type { Alertability, NotAlertableReason as RuleReason } from '../candidates/eligibility.ts';
import { MunicipalityRef } from '../references.ts';
import { VolunteerStatus, type Volunteer as VolunteerEntity } from './volunteer.entity.ts';

registerEnumType(VolunteerStatus, {
  name: 'VolunteerStatus',
  description: 'ACTIVE volunteers can be alerted; SUSPENDED ones are not (set by their working group). Deleted accounts are gone from the API.',
});

registerEnumType(ConsentKind, {
  name: 'ConsentKind',
  description: 'PERSONAL_DATA: processing of personal data to alert the volunteer (required to register). LOCATION_SHARING: being alerted at the phone’s last reported position.',
});

const LANGUAGE_INPUT = `The language of alerts and SMS: ${LANGUAGES.join(', ')}. Default: the language of the municipality's country (English where none of these).`;

/** Why a volunteer is not alertable, as the schema names it (the same words as eligibility.ts). */
export enum NotAlertableReason {
  UNDER_18 = 'UNDER_18',
  INACTIVE = 'INACTIVE',
  OFF_DUTY = 'OFF_DUTY',
  QUIET_HOURS = 'QUIET_HOURS',
  NO_VALID_CERTIFICATE = 'NO_VALID_CERTIFICATE',
  CERTIFICATE_UNVERIFIED = 'CERTIFICATE_UNVERIFIED',
}

/** Every reason of the rule, by name; fails to compile when the rule gains a reason the schema lacks. */
export const NOT_ALERTABLE_REASONS: Record<RuleReason, NotAlertableReason> = NotAlertableReason;

registerEnumType(NotAlertableReason, {
  name: 'NotAlertableReason',
  description:
    'UNDER_18: not 18 yet (local time). INACTIVE: suspended. OFF_DUTY: switched off duty. QUIET_HOURS: inside their quiet hours. NO_VALID_CERTIFICATE: no certificate valid then (grace period included). CERTIFICATE_UNVERIFIED: a valid certificate awaits verification.',
});

/**
 * A trained citizen responder. Everything but `id` and `municipality` is
 * personal data, for the volunteer and the coordinators of their
 * municipality only (FORBIDDEN for anyone else).
 */
@Directive('@key(fields: "id")')
@ObjectType('Volunteer', {
  description:
    'A trained citizen responder. Everything but id and municipality is personal data: for the volunteer and the coordinators of their municipality (ADMIN, its policy officer, its working group’s chair, group leader and administrative support) only.',
})
export class VolunteerType {
  @Field(() => ID)
  id!: string;

  @Field(() => MunicipalityRef)
  municipality!: MunicipalityRef;

  /** Not a field: the stored row, read by the field resolvers after the access check. */
  entity!: VolunteerEntity;

  static from(entity: VolunteerEntity): VolunteerType {
    return Object.assign(new VolunteerType(), { id: entity.id, municipality: MunicipalityRef.of(entity.municipalityId), entity });
  }
}

@ObjectType('Address', { description: 'A postal address and its position.' })
export class AddressType {
  @Field(() => String, { nullable: true })
  street!: string | null;

  @Field(() => String, { nullable: true })
  houseNumber!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => GeoPoint)
  position!: GeoPoint;
}

@ObjectType('WorkHoursInterval', { description: 'A weekly interval, e.g. Monday 08:30–17:00, or a night shift Friday 22:00–06:00.' })
export class WorkHoursIntervalType {
  @Field(() => Int, { description: 'ISO weekday it starts on: 1 = Monday … 7 = Sunday.' })
  day!: number;

  @Field(() => String, { description: 'HH:MM, local time of the volunteer’s municipality.' })
  start!: string;

  @Field(() => String, { description: 'HH:MM; at or before start means the next day.' })
  end!: string;
}

@ObjectType('WorkAddress', { description: 'A work address, where the volunteer is alerted during its weekly hours.' })
export class WorkAddressType extends AddressType {
  @Field(() => [WorkHoursIntervalType])
  weeklyHours!: WorkHoursIntervalType[];
}

@ObjectType('QuietHours', { description: 'A daily window without alerts, local time; it crosses midnight when end is before start (23:00–07:00).' })
export class QuietHoursType {
  @Field(() => String, { description: 'First quiet minute, HH:MM.' })
  start!: string;

  @Field(() => String, { description: 'First minute after the window, HH:MM.' })
  end!: string;
}

@ObjectType('CurrentPosition', { description: 'The phone’s last reported position; only the latest is kept, and for 72 hours.' })
export class CurrentPositionType {
  @Field(() => GeoPoint)
  position!: GeoPoint;

  @Field(() => Date)
  reportedAt!: Date;

  static of(current: { latitude: number; longitude: number; reportedAt: Date }): CurrentPositionType {
    return Object.assign(new CurrentPositionType(), { position: GeoPoint.of(current.latitude, current.longitude), reportedAt: current.reportedAt });
  }
}

@ObjectType('Consent', { description: 'A consent given or withdrawn, and when.' })
export class ConsentType {
  @Field(() => ConsentKind)
  kind!: ConsentKind;

  @Field(() => Boolean, { description: 'True when given, false when withdrawn.' })
  given!: boolean;

  @Field(() => Date)
  at!: Date;

  static from(entity: Consent): ConsentType {
    return Object.assign(new ConsentType(), { kind: entity.kind, given: entity.given, at: entity.at });
  }
}

@ObjectType('Alertability', { description: 'Whether a volunteer may be alerted at an instant, and if not, why.' })
export class AlertabilityType {
  @Field(() => Date)
  at!: Date;

  @Field(() => Boolean)
  alertable!: boolean;

  @Field(() => [NotAlertableReason], { description: 'Empty exactly when alertable.' })
  reasons!: NotAlertableReason[];

  static of(at: Date, verdict: Alertability): AlertabilityType {
    return Object.assign(new AlertabilityType(), { at, alertable: verdict.alertable, reasons: verdict.reasons as NotAlertableReason[] });
  }
}

@InputType('AddressInput')
export class AddressInput {
  @Field(() => String)
  street!: string;

  @Field(() => String)
  houseNumber!: string;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String)
  city!: string;

  @Field(() => GeoPointInput)
  position!: GeoPointInput;
}

@InputType('WorkHoursIntervalInput')
export class WorkHoursIntervalInput implements WorkHoursInterval {
  @Field(() => Int, { description: 'ISO weekday it starts on: 1 = Monday … 7 = Sunday.' })
  day!: number;

  @Field(() => String, { description: 'HH:MM local.' })
  start!: string;

  @Field(() => String, { description: 'HH:MM local; at or before start means the next day.' })
  end!: string;
}

@InputType('WorkAddressInput')
export class WorkAddressInput extends AddressInput {
  @Field(() => [WorkHoursIntervalInput], { description: 'When the volunteer is there, in their municipality’s local time.' })
  weeklyHours!: WorkHoursIntervalInput[];
}

@InputType('QuietHoursInput')
export class QuietHoursInput {
  @Field(() => String, { description: 'First quiet minute, HH:MM.' })
  start!: string;

  @Field(() => String, { description: 'First minute after the window, HH:MM; before start to cross midnight.' })
  end!: string;
}

@InputType('ConsentInput')
export class ConsentInput {
  @Field(() => ConsentKind)
  kind!: ConsentKind;

  @Field(() => Date, { nullable: true, description: 'When it was given (on paper or in the app); default now. Not in the future.' })
  givenAt?: Date | null;
}

@ObjectType('VolunteerErasure', { description: 'The audit record of an erasure: which account, when, by whom. The volunteer is gone from the API.' })
export class VolunteerErasureType {
  @Field(() => ID)
  volunteerId!: string;

  @Field(() => Date)
  erasedAt!: Date;

  @Field(() => String, { description: 'Subject of who erased it.' })
  erasedBy!: string;
}

@InputType('RegisterVolunteerInput')
export class RegisterVolunteerInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A mobile number for SMS alerts; without a country code it is read in the municipality’s country. Stored in E.164.',
  })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => LocalDate, { description: 'The volunteer must be 18 or older.' })
  dateOfBirth!: string;

  @Field(() => ID)
  municipalityId!: string;

  @Field(() => AddressInput)
  homeAddress!: AddressInput;

  @Field(() => WorkAddressInput, { nullable: true })
  workAddress?: WorkAddressInput | null;

  @Field(() => QuietHoursInput, { nullable: true })
  quietHours?: QuietHoursInput | null;

  @Field(() => String, { nullable: true, description: LANGUAGE_INPUT })
  language?: string | null;

  @Field(() => [ConsentInput], {
    nullable: true,
    description:
      'The volunteer’s consents and when they were given. Registering records PERSONAL_DATA given now unless listed with its own time (a coordinator attests the consent on the paper form); LOCATION_SHARING only when listed.',
  })
  consents?: ConsentInput[] | null;

  @Field(() => String, { nullable: true, description: OUTSIDE_MUNICIPALITY_REASON })
  outsideMunicipalityReason?: string | null;
}

@InputType('UpdateVolunteerInput', { description: 'Corrections: an absent field stays as it is; a null workAddress removes it.' })
export class UpdateVolunteerInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => AddressInput, { nullable: true })
  homeAddress?: AddressInput | null;

  @Field(() => WorkAddressInput, { nullable: true })
  workAddress?: WorkAddressInput | null;

  @Field(() => String, { nullable: true, description: `${LANGUAGE_INPUT} Null returns to the default.` })
  language?: string | null;

  @Field(() => String, { nullable: true, description: OUTSIDE_MUNICIPALITY_REASON })
  outsideMunicipalityReason?: string | null;
}

@InputType('AvailabilityInput', { description: 'The volunteer’s own switches: an absent field stays as it is; null quietHours clears them.' })
export class AvailabilityInput {
  @Field(() => Boolean, { nullable: true })
  onDuty?: boolean | null;

  @Field(() => QuietHoursInput, { nullable: true })
  quietHours?: QuietHoursInput | null;
}
