import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { HOURS_PER_WEEK } from '../../../common/week.ts';
import { breakdown, burdenOf, figuresOf } from './outcomes.ts';
import { outcomeStatistics } from './outcomes.service.ts';
import { AlertBurdenType, OutcomeCellType, OutcomeScopeInput, OutcomeStatisticsType } from './outcomes.type.ts';
import { monthsOf } from './period.ts';

const HOURS = Array.from({ length: HOURS_PER_WEEK }, (_, hour) => hour);

@Resolver(() => OutcomeStatisticsType)
export class OutcomeStatisticsResolver {
  @Query(() => OutcomeStatisticsType, {
    description:
      'What the alerts achieved in a municipality, working group, security region or partner association (its members’ alerts) from `from` to `to` (calendar dates, both included, on each municipality’s clock), from the incidents’ timelines. Coordinators of the scope’s municipalities and ADMIN see every figure; coordinators of part of a working group or region, dispatchers serving a region, and a partner association for its own members see aggregates with figures over 1 to 4 incidents withheld; anyone else is FORBIDDEN. BAD_USER_INPUT for a reversed period, one reaching past today or starting before the kept history; NOT_FOUND for an unknown scope.',
  })
  async outcomeStatistics(
    @Arg('scope', () => OutcomeScopeInput) scope: OutcomeScopeInput,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() context: RequestContext,
  ): Promise<OutcomeStatisticsType> {
    return OutcomeStatisticsType.from(await outcomeStatistics(context, { kind: scope.kind, id: scope.id, from: String(from), to: String(to) }));
  }

  @FieldResolver(() => OutcomeCellType, { description: 'The whole period.' })
  total(@Root() root: OutcomeStatisticsType): OutcomeCellType {
    const { incidents, disclosure } = root.statistics;
    return OutcomeCellType.from(figuresOf(incidents, disclosure));
  }

  @FieldResolver(() => [OutcomeCellType], { description: 'Every month the period touches, in order (also those without incidents).' })
  byMonth(@Root() root: OutcomeStatisticsType): OutcomeCellType[] {
    const { incidents, disclosure, period } = root.statistics;
    return breakdown(incidents, monthsOf(period), (incident) => incident.month, disclosure).map((cell) => OutcomeCellType.from(cell.figures, { month: cell.key }));
  }

  @FieldResolver(() => [OutcomeCellType], { description: 'The 168 hours of the week, Monday 00:00 first: when in the week the incidents happened, and how they went.' })
  byHourOfWeek(@Root() root: OutcomeStatisticsType): OutcomeCellType[] {
    const { incidents, disclosure } = root.statistics;
    return breakdown(incidents, HOURS, (incident) => incident.hourOfWeek, disclosure).map((cell) => OutcomeCellType.from(cell.figures, { hourOfWeek: cell.key }));
  }

  @FieldResolver(() => AlertBurdenType, { description: 'Alerts per volunteer over the period (the burden), among those alerted at least once.' })
  alertsPerVolunteer(@Root() root: OutcomeStatisticsType): AlertBurdenType {
    const { incidents, disclosure, period, burden } = root.statistics;
    const alerting = incidents.filter((incident) => incident.alerted > 0).length;
    return AlertBurdenType.from(burdenOf(burden, period.days, alerting, disclosure));
  }
}
