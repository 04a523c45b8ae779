import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { Page } from '../../../common/connection.ts';
import { PageInfoType } from '../../../common/connection.type.ts';
import { LocalDate } from '../../../common/scalars.ts';
import type { CertificateAwaitingVerification } from '../certificates/certificate-queue.ts';
import { TrainingCertificateType } from '../certificates/training-certificate.type.ts';
import type { MemberFilter } from './member-page.ts';
import type { VolunteerFilter } from './volunteer-page.ts';
import { VolunteerStatus, type Volunteer } from './volunteer.entity.ts';
import { VolunteerType } from './volunteer.type.ts';

@InputType('VolunteerFilter', { description: 'Narrows a list of volunteers; every filter given must hold.' })
export class VolunteerFilterInput implements VolunteerFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or e-mail address (any case), or at least 3 digits of the phone number.' })
  search?: string | null;

  @Field(() => VolunteerStatus, { nullable: true })
  status?: VolunteerStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those alertable (true) or not (false) at `at` (default now), by the eligibility rule.' })
  alertable?: boolean | null;

  @Field(() => Date, { nullable: true })
  at?: Date | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only those whose last certificate validity ends before this date: whom to remind.' })
  certificateExpiringBefore?: string | null;
}

@InputType('MemberFilter', { description: 'Narrows a partner association’s members.' })
export class MemberFilterInput implements MemberFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name (any case).' })
  search?: string | null;
}

@ObjectType('VolunteerConnection', { description: 'A page of volunteers, by name (then id).' })
export class VolunteerConnectionType {
  @Field(() => [VolunteerType])
  nodes!: VolunteerType[];

  @Field(() => Int, { description: 'All volunteers matching the filter, on every page.' })
  totalCount!: number;

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: Page<Volunteer>): VolunteerConnectionType {
    return Object.assign(new VolunteerConnectionType(), {
      nodes: page.nodes.map(VolunteerType.from),
      totalCount: page.totalCount,
      pageInfo: PageInfoType.of(page),
    });
  }
}

@ObjectType('CertificateAwaitingVerification', { description: 'A certificate to verify, with its volunteer.' })
export class CertificateAwaitingVerificationType {
  @Field(() => TrainingCertificateType)
  certificate!: TrainingCertificateType;

  @Field(() => VolunteerType)
  volunteer!: VolunteerType;
}

@ObjectType('CertificateAwaitingVerificationConnection', { description: 'A page of certificates awaiting verification, oldest recorded first.' })
export class CertificateAwaitingVerificationConnectionType {
  @Field(() => [CertificateAwaitingVerificationType])
  nodes!: CertificateAwaitingVerificationType[];

  @Field(() => Int, { description: 'All certificates awaiting verification there, on every page.' })
  totalCount!: number;

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: Page<CertificateAwaitingVerification>): CertificateAwaitingVerificationConnectionType {
    return Object.assign(new CertificateAwaitingVerificationConnectionType(), {
      nodes: page.nodes.map(({ certificate, volunteer }) =>
        Object.assign(new CertificateAwaitingVerificationType(), { certificate: TrainingCertificateType.from(certificate), volunteer: VolunteerType.from(volunteer) }),
      ),
      totalCount: page.totalCount,
      pageInfo: PageInfoType.of(page),
    });
  }
}
