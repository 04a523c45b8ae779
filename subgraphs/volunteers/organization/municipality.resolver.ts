import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requireAuthenticated } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { AFTER, FIRST } from '../../../common/connection.type.ts';
import { parseId } from '../../../common/ids.ts';
import { MunicipalityRef } from '../references.ts';
import { CertificateLapseForecastType, CertificateRenewalType } from '../renewal/renewal.type.ts';
import { alertableCount, formerCount, lapseForecast, listableMunicipalities, registeredCount, renewalList, volunteerList } from '../registration/volunteer-lists.ts';
import { VolunteerType } from '../registration/volunteer.type.ts';
import { certificatesAwaitingVerification } from '../certificates/certificate-queue.ts';
import { CertificateAwaitingVerificationConnectionType, VolunteerConnectionType, VolunteerFilterInput } from '../registration/volunteer-connection.type.ts';
import { volunteerPage } from '../registration/volunteer-page.ts';

/** Volunteer fields of the organization subgraph's Municipality. */
@Resolver(() => MunicipalityRef)
export class MunicipalityVolunteersResolver {
  @FieldResolver(() => Int, { description: 'Registered volunteers (deleted accounts not counted). Public: a count, no personal data.' })
  volunteerCount(@Root() municipality: MunicipalityRef, @Ctx() context: RequestContext): Promise<number> {
    return registeredCount(context, [municipality.id]);
  }

  @FieldResolver(() => Int, { description: 'Volunteer accounts deleted by their volunteers: an anonymous statistic. Public.' })
  formerVolunteerCount(@Root() municipality: MunicipalityRef, @Ctx() context: RequestContext): Promise<number> {
    return formerCount(context, [municipality.id]);
  }

  @FieldResolver(() => Int, {
    description: 'Volunteers alertable at `at` (default now) by the eligibility rule, wherever they are. Public: a count.',
  })
  alertableVolunteerCount(
    @Root() municipality: MunicipalityRef,
    @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<number> {
    return alertableCount(context, [municipality.id], at ?? new Date());
  }

  @FieldResolver(() => [VolunteerType], {
    nullable: true,
    description: 'Its volunteers, by name. Its coordinators only: policy officer, working group, ADMIN; for anyone else null, with FORBIDDEN on this field only.',
  })
  volunteers(@Root() municipality: MunicipalityRef, @Ctx() context: RequestContext): Promise<VolunteerType[]> {
    return volunteerList(context, [municipality.id]);
  }

  @FieldResolver(() => VolunteerConnectionType, {
    nullable: true,
    description:
      'Its volunteers a page at a time, by name, filtered. Its coordinators only: policy officer, working group, ADMIN; for anyone else null, with FORBIDDEN on this field only.',
  })
  async volunteersConnection(
    @Root() municipality: MunicipalityRef,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null | undefined,
    @Arg('filter', () => VolunteerFilterInput, { nullable: true }) filter: VolunteerFilterInput | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<VolunteerConnectionType> {
    const listable = listableMunicipalities(context, [municipality.id]);
    return VolunteerConnectionType.from(await volunteerPage(context.em, listable, { first, after, filter }));
  }

  @FieldResolver(() => CertificateAwaitingVerificationConnectionType, {
    nullable: true,
    description:
      'Certificates of its volunteers awaiting verification, oldest recorded first: administrative support’s work list (verifyTrainingCertificate). Its coordinators only; for anyone else null, with FORBIDDEN on this field only.',
  })
  async certificatesAwaitingVerification(
    @Root() municipality: MunicipalityRef,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CertificateAwaitingVerificationConnectionType> {
    const listable = listableMunicipalities(context, [municipality.id]);
    return CertificateAwaitingVerificationConnectionType.from(await certificatesAwaitingVerification(context.em, listable, { first, after }));
  }

  @FieldResolver(() => [CertificateRenewalType], {
    nullable: true,
    description:
      'Volunteers whose certificate expires within two months of `at` (default now) or has expired, soonest first. Its coordinators only; for anyone else null, with FORBIDDEN on this field only.',
  })
  certificateRenewalsDue(
    @Root() municipality: MunicipalityRef,
    @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CertificateRenewalType[]> {
    return renewalList(context, [municipality.id], at ?? new Date());
  }

  @FieldResolver(() => [CertificateLapseForecastType], {
    description:
      'How many of today’s alertable volunteers become non-alertable within each horizon (default 1, 3, 6 and 12 months) unless they renew. Counts public; the volunteers behind them for coordinators.',
  })
  certificateLapseForecast(
    @Root() municipality: MunicipalityRef,
    @Arg('months', () => [Int], { nullable: true }) months: number[] | null | undefined,
    @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CertificateLapseForecastType[]> {
    return lapseForecast(context, [municipality.id], at ?? new Date(), months);
  }
}

/** Renewals due, asked for directly. */
@Resolver()
export class CertificateRenewalResolver {
  @Query(() => [CertificateRenewalType], {
    description:
      'Volunteers of a municipality whose certificate expires within two months of `at` (default now) or has expired, soonest first: whom to remind, and for whom to plan a refresher course. Its coordinators only.',
  })
  certificateRenewalsDue(
    @Arg('municipalityId', () => ID) municipalityId: string,
    @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CertificateRenewalType[]> {
    requireAuthenticated(context.principal);
    return renewalList(context, [parseId(municipalityId, 'Municipality')], at ?? new Date());
  }
}
