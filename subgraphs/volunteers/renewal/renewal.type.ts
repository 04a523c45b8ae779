import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../common/scalars.ts';
import type { CertificateRenewal, LapseForecast, VolunteerNotificationRow } from './renewal.service.ts';
import { TrainingCertificateType } from '../certificates/training-certificate.type.ts';
import { VolunteerType } from '../registration/volunteer.type.ts';

/** What a notification to a volunteer is about. */
export enum VolunteerNotificationKind {
  CERTIFICATE_RENEWAL_DUE = 'CERTIFICATE_RENEWAL_DUE',
}

registerEnumType(VolunteerNotificationKind, {
  name: 'VolunteerNotificationKind',
  description: 'CERTIFICATE_RENEWAL_DUE: the certificate expires within two months, or has expired.',
});

@ObjectType('CertificateRenewal', { description: 'A volunteer whose certificate expires within two months (or has expired): time for a refresher course.' })
export class CertificateRenewalType {
  @Field(() => VolunteerType)
  volunteer!: VolunteerType;

  @Field(() => TrainingCertificateType, { description: 'Their certificate that runs longest.' })
  certificate!: TrainingCertificateType;

  @Field(() => LocalDate)
  validUntil!: string;

  @Field(() => LocalDate, { description: 'Two months before validUntil: from when the reminder is due.' })
  remindFrom!: string;

  @Field(() => Boolean)
  expired!: boolean;

  static from(renewal: CertificateRenewal): CertificateRenewalType {
    return Object.assign(new CertificateRenewalType(), {
      volunteer: VolunteerType.from(renewal.volunteer),
      certificate: TrainingCertificateType.from(renewal.certificate),
      validUntil: renewal.validUntil,
      remindFrom: renewal.remindFrom,
      expired: renewal.expired,
    });
  }
}

@ObjectType('CertificateLapseForecast', {
  description: 'How many of today’s alertable volunteers (18+, active, valid verified certificate) become non-alertable by the end of the horizon unless they renew.',
})
export class CertificateLapseForecastType {
  @Field(() => Int, { description: 'The horizon in months from today.' })
  months!: number;

  @Field(() => LocalDate, { description: 'Last day of the horizon.' })
  through!: string;

  @Field(() => Int, { description: 'Volunteers whose certificate lapses (grace period included) on or before `through`. Public (a count).' })
  count!: number;

  /** Not a field: read by the `volunteers` resolver after its access check. */
  volunteerIds!: string[];

  /** Not a field: the municipalities forecast, for the access check. */
  municipalityIds!: string[];

  static from(forecast: LapseForecast, municipalityIds: string[]): CertificateLapseForecastType {
    return Object.assign(new CertificateLapseForecastType(), { ...forecast, municipalityIds });
  }
}

@ObjectType('VolunteerNotification', { description: 'A notification to a volunteer, e.g. a renewal reminder.' })
export class VolunteerNotificationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Delivery cursor: pass the last one received as `after` when resubscribing.' })
  cursor!: string;

  @Field(() => VolunteerNotificationKind)
  kind!: VolunteerNotificationKind;

  @Field(() => LocalDate, { description: 'For a renewal: the valid-until date it is about.' })
  referenceDate!: string;

  @Field(() => String)
  message!: string;

  @Field(() => Date)
  createdAt!: Date;

  static from(row: VolunteerNotificationRow): VolunteerNotificationType {
    return Object.assign(new VolunteerNotificationType(), {
      id: row.id,
      cursor: row.sequence,
      kind: row.kind as VolunteerNotificationKind,
      referenceDate: row.referenceDate,
      message: row.message,
      createdAt: row.createdAt,
    });
  }
}
