import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { CertificateLapseForecastType, CertificateRenewalType } from '../renewal/renewal.type.ts';
import { alertableCount, lapseForecast, registeredCount, renewalList, volunteerList } from '../registration/volunteer-lists.ts';
import { VolunteerType } from '../registration/volunteer.type.ts';
import { WorkingGroupRef } from '../references.ts';

/** The gateway fetches these from the organization subgraph for every field below. */
const MUNICIPALITIES = '@requires(fields: "municipalities { id }")';

const idsOf = (group: WorkingGroupRef) => (group.municipalities ?? []).map((municipality) => municipality.id);

/** Volunteer fields of the organization subgraph's WorkingGroup, over the municipalities it covers. */
@Resolver(() => WorkingGroupRef)
export class WorkingGroupVolunteersResolver {
  @Directive(MUNICIPALITIES)
  @FieldResolver(() => Int, { description: 'Registered volunteers in its municipalities. Public: a count.' })
  volunteerCount(@Root() group: WorkingGroupRef, @Ctx() context: RequestContext): Promise<number> {
    return registeredCount(context, idsOf(group));
  }

  @Directive(MUNICIPALITIES)
  @FieldResolver(() => Int, { description: 'Volunteers alertable at `at` (default now) in its municipalities. Public: a count.' })
  alertableVolunteerCount(@Root() group: WorkingGroupRef, @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined, @Ctx() context: RequestContext): Promise<number> {
    return alertableCount(context, idsOf(group), at ?? new Date());
  }

  @Directive(MUNICIPALITIES)
  @FieldResolver(() => [VolunteerType], {
    nullable: true,
    description: 'Volunteers of its municipalities, by name: those of the municipalities the caller coordinates; null, with FORBIDDEN on this field only, when none.',
  })
  volunteers(@Root() group: WorkingGroupRef, @Ctx() context: RequestContext): Promise<VolunteerType[]> {
    return volunteerList(context, idsOf(group));
  }

  @Directive(MUNICIPALITIES)
  @FieldResolver(() => [CertificateRenewalType], {
    nullable: true,
    description:
      'Volunteers whose certificate expires within two months of `at` (default now) or has expired, soonest first. Its coordinators only; for anyone else null, with FORBIDDEN on this field only.',
  })
  certificateRenewalsDue(
    @Root() group: WorkingGroupRef,
    @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CertificateRenewalType[]> {
    return renewalList(context, idsOf(group), at ?? new Date());
  }

  @Directive(MUNICIPALITIES)
  @FieldResolver(() => [CertificateLapseForecastType], {
    description: 'How many of today’s alertable volunteers become non-alertable within each horizon (default 1, 3, 6, 12 months). Counts public.',
  })
  certificateLapseForecast(
    @Root() group: WorkingGroupRef,
    @Arg('months', () => [Int], { nullable: true }) months: number[] | null | undefined,
    @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CertificateLapseForecastType[]> {
    return lapseForecast(context, idsOf(group), at ?? new Date(), months);
  }
}
