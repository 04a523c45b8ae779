import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../common/scalars.ts';
import { certificateValidUntil } from '../candidates/eligibility.ts';
import { ruleCertificateOf } from '../candidates/alertability.ts';
import { CertificateType, type TrainingCertificate } from './training-certificate.entity.ts';

registerEnumType(CertificateType, {
  name: 'CertificateType',
  description: 'CPR; CPR_AED (CPR with an AED, e.g. NRR Reanimatie/AED); BLS (basic life support); PROFESSIONAL (a healthcare professional’s qualification).',
});

@ObjectType('TrainingCertificate', { description: 'A CPR/AED training certificate of a volunteer.' })
export class TrainingCertificateType {
  @Field(() => ID)
  id!: string;

  @Field(() => CertificateType)
  type!: CertificateType;

  @Field(() => String, { nullable: true, description: 'The name on the certificate, e.g. NRR Reanimatie/AED.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Who gave the course (unknown for some imported certificates).' })
  provider!: string | null;

  @Field(() => LocalDate)
  courseDate!: string;

  @Field(() => LocalDate, { description: 'Last valid day (local time): the end date on the certificate, else course date + 1 year.' })
  validUntil!: string;

  @Field(() => Boolean, { description: 'Whether the certificate states its own end date.' })
  hasEndDate!: boolean;

  @Field(() => Boolean, { description: 'Verified by the working group’s administrative support; only verified certificates make a volunteer alertable.' })
  verified!: boolean;

  @Field(() => Date, { nullable: true })
  verifiedAt!: Date | null;

  @Field(() => Date)
  recordedAt!: Date;

  /** Not a field: whose certificate it is (for the access check). */
  volunteerId!: string;

  static from(entity: TrainingCertificate): TrainingCertificateType {
    return Object.assign(new TrainingCertificateType(), {
      id: entity.id,
      type: entity.type,
      name: entity.name ?? null,
      provider: entity.provider ?? null,
      courseDate: entity.courseDate,
      validUntil: certificateValidUntil(ruleCertificateOf(entity)),
      hasEndDate: entity.validUntil != null,
      verified: entity.verifiedAt != null,
      verifiedAt: entity.verifiedAt ?? null,
      recordedAt: entity.createdAt,
      volunteerId: entity.volunteerId,
    });
  }
}

@InputType('TrainingCertificateInput')
export class TrainingCertificateInput {
  @Field(() => CertificateType)
  type!: CertificateType;

  @Field(() => String, { nullable: true, description: 'The name on the certificate, e.g. NRR Reanimatie/AED.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Who gave the course.' })
  provider?: string | null;

  @Field(() => LocalDate, { description: 'Not in the future.' })
  courseDate!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only when the certificate states an end date; otherwise course date + 1 year.' })
  validUntil?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Record it as verified at once: only for who may verify (the working group’s administrative support, ADMIN), having seen it.',
  })
  verified!: boolean;
}
