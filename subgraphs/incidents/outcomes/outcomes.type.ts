import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../common/scalars.ts';
import { IncidentExclusion } from '../incidents/incident.entity.ts';
import { OutcomeScopeKind } from './outcome-scope.ts';
import { Withheld, type AlertBurden, type Count, type Duration, type OutcomeFigures, type Share } from './outcomes.ts';
import type { OutcomeStatistics } from './outcomes.service.ts';

registerEnumType(OutcomeScopeKind, {
  name: 'OutcomeScopeKind',
  valuesConfig: {
    MUNICIPALITY: { description: 'The incidents in one municipality.' },
    WORKING_GROUP: { description: 'The incidents in the municipalities a working group covers.' },
    SECURITY_REGION: { description: 'The incidents in a security region.' },
    PARTNER_ASSOCIATION: { description: 'The alerts of a partner association’s members, and the incidents they were alerted for.' },
  },
});

registerEnumType(Withheld, {
  name: 'OutcomeWithheld',
  description: 'Why a figure is null.',
  valuesConfig: {
    SMALL_CELL: { description: 'It is computed over 1 to 4 incidents: withheld outside the coordinators so that no incident can be recognised.' },
    COMPLEMENTARY: { description: 'Withheld with a small cell of the same breakdown, which could otherwise be worked out from the total.' },
    NO_DATA: { description: 'There is nothing to compute it over (a median of no arrivals).' },
  },
});

@InputType('OutcomeScopeInput', { description: 'Whose outcomes: a municipality, working group, security region or partner association, by id.' })
export class OutcomeScopeInput {
  @Field(() => OutcomeScopeKind)
  kind!: OutcomeScopeKind;

  @Field(() => ID)
  id!: string;
}

@ObjectType('OutcomeCount', { description: 'A count; null with `withheld` when it may not be shown.' })
export class OutcomeCountType {
  @Field(() => Int, { nullable: true })
  value!: number | null;

  @Field(() => Withheld, { nullable: true })
  withheld!: Withheld | null;

  static from(count: Count): OutcomeCountType {
    return Object.assign(new OutcomeCountType(), count);
  }
}

@ObjectType('OutcomeShare', { description: 'A share, 0–1, of `incidents` incidents; null with `withheld` when it may not be shown.' })
export class OutcomeShareType {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: 'The incidents it is a share of (null when withheld).' })
  incidents!: number | null;

  @Field(() => Withheld, { nullable: true })
  withheld!: Withheld | null;

  static from(share: Share): OutcomeShareType {
    return Object.assign(new OutcomeShareType(), share);
  }
}

@ObjectType('OutcomeDuration', {
  description: 'Seconds from the 112 call, over the incidents where it happened: median and 90th percentile (interpolated, as percentile_cont).',
})
export class OutcomeDurationType {
  @Field(() => Float, { nullable: true })
  medianSeconds!: number | null;

  @Field(() => Float, { nullable: true })
  p90Seconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'The incidents it is computed over (null when withheld).' })
  incidents!: number | null;

  @Field(() => Withheld, { nullable: true })
  withheld!: Withheld | null;

  static from(duration: Duration): OutcomeDurationType {
    return Object.assign(new OutcomeDurationType(), duration);
  }
}

@ObjectType('OutcomeExclusionCount', { description: 'Incidents excluded for one reason (an incident may have several).' })
export class OutcomeExclusionCountType {
  @Field(() => IncidentExclusion)
  reason!: IncidentExclusion;

  @Field(() => OutcomeCountType)
  count!: OutcomeCountType;
}

@ObjectType('OutcomeCell', {
  description:
    'The outcomes of the incidents of one cell: the whole period (`month` and `hourOfWeek` null), one month, or one hour of the week. Times count from the 112 call. Cancelled incidents count for the volunteers alerted, not for times and shares; excluded incidents alert nobody.',
})
export class OutcomeCellType {
  @Field(() => String, { nullable: true, description: 'YYYY-MM, on the municipalities’ clock (in byMonth).' })
  month!: string | null;

  @Field(() => Int, { nullable: true, description: '0–167, hour 0 starting Monday 00:00 on the municipalities’ clock (in byHourOfWeek).' })
  hourOfWeek!: number | null;

  @Field(() => Withheld, { nullable: true, description: 'Set when the whole cell is withheld; every figure is then null.' })
  withheld!: Withheld | null;

  @Field(() => OutcomeCountType, { description: 'Incidents reported in the cell (for a partner: those that alerted a member).' })
  incidentsReported!: OutcomeCountType;

  @Field(() => OutcomeCountType, { description: 'Incidents to which nobody was sent, for a reason the dispatch centre gave.' })
  incidentsExcluded!: OutcomeCountType;

  @Field(() => [OutcomeExclusionCountType], { description: 'Per reason that occurred.' })
  incidentsExcludedByReason!: OutcomeExclusionCountType[];

  @Field(() => OutcomeCountType, { description: 'Incidents the dispatch centre cancelled (e.g. not a cardiac arrest).' })
  incidentsCancelled!: OutcomeCountType;

  @Field(() => OutcomeCountType, { description: 'Alerts sent (each a volunteer alerted for one incident).' })
  volunteersAlerted!: OutcomeCountType;

  @Field(() => OutcomeCountType, { description: 'Of those, accepted (also those who later dropped out or were stood down).' })
  volunteersAccepted!: OutcomeCountType;

  @Field(() => OutcomeCountType, { description: 'Declined (also those who accepted, then dropped out).' })
  volunteersDeclined!: OutcomeCountType;

  @Field(() => OutcomeCountType, { description: 'Stood down: enough others were coming, or the incident ended.' })
  volunteersStoodDown!: OutcomeCountType;

  @Field(() => OutcomeShareType, { description: 'Accepted / alerted; `incidents` are those that alerted anyone.' })
  acceptanceRate!: OutcomeShareType;

  @Field(() => OutcomeDurationType, { description: 'To the first volunteer who accepted.' })
  timeToFirstAcceptance!: OutcomeDurationType;

  @Field(() => OutcomeDurationType, { description: 'To the first volunteer with the patient.' })
  timeToFirstVolunteerOnScene!: OutcomeDurationType;

  @Field(() => OutcomeDurationType, { description: 'To the first AED with the patient (its fetcher on scene).' })
  timeToFirstAedOnScene!: OutcomeDurationType;

  @Field(() => OutcomeShareType, {
    description:
      'Of the incidents volunteers were sent to whose ambulance arrival was recorded (recordAmbulanceArrival): a volunteer with the patient within 6 minutes of the call and before the ambulance.',
  })
  volunteerBeforeAmbulanceWithinSixMinutes!: OutcomeShareType;

  @Field(() => OutcomeShareType, { description: 'The same for an AED.' })
  aedBeforeAmbulanceWithinSixMinutes!: OutcomeShareType;

  static from(figures: OutcomeFigures, key: { month?: string; hourOfWeek?: number } = {}): OutcomeCellType {
    return Object.assign(new OutcomeCellType(), {
      month: key.month ?? null,
      hourOfWeek: key.hourOfWeek ?? null,
      withheld: figures.withheld,
      incidentsReported: OutcomeCountType.from(figures.incidentsReported),
      incidentsExcluded: OutcomeCountType.from(figures.incidentsExcluded),
      incidentsExcludedByReason: figures.incidentsExcludedByReason.map(({ reason, count }) =>
        Object.assign(new OutcomeExclusionCountType(), { reason, count: OutcomeCountType.from(count) }),
      ),
      incidentsCancelled: OutcomeCountType.from(figures.incidentsCancelled),
      volunteersAlerted: OutcomeCountType.from(figures.volunteersAlerted),
      volunteersAccepted: OutcomeCountType.from(figures.volunteersAccepted),
      volunteersDeclined: OutcomeCountType.from(figures.volunteersDeclined),
      volunteersStoodDown: OutcomeCountType.from(figures.volunteersStoodDown),
      acceptanceRate: OutcomeShareType.from(figures.acceptanceRate),
      timeToFirstAcceptance: OutcomeDurationType.from(figures.timeToFirstAcceptance),
      timeToFirstVolunteerOnScene: OutcomeDurationType.from(figures.timeToFirstVolunteerOnScene),
      timeToFirstAedOnScene: OutcomeDurationType.from(figures.timeToFirstAedOnScene),
      volunteerBeforeAmbulanceWithinSixMinutes: OutcomeShareType.from(figures.volunteerBeforeAmbulanceWithinSixMinutes),
      aedBeforeAmbulanceWithinSixMinutes: OutcomeShareType.from(figures.aedBeforeAmbulanceWithinSixMinutes),
    });
  }
}

@ObjectType('AlertBurdenBucket', { description: 'How many volunteers were alerted this many times in the period.' })
export class AlertBurdenBucketType {
  @Field(() => Int)
  alerts!: number;

  @Field(() => Int)
  volunteers!: number;
}

@ObjectType('AlertBurden', {
  description: 'Alerts per volunteer, among the volunteers alerted at least once in the period: how the alerts are spread, so that over-alerted volunteers show. No identities.',
})
export class AlertBurdenType {
  @Field(() => Withheld, { nullable: true, description: 'Set when withheld (the period’s incidents that alerted anyone are 1 to 4) or there were no alerts.' })
  withheld!: Withheld | null;

  @Field(() => Int, { nullable: true, description: 'Volunteers alerted at least once.' })
  volunteers!: number | null;

  @Field(() => Int, { nullable: true })
  alerts!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean alerts per volunteer alerted, per year (365 days).' })
  meanPerYear!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median alerts per volunteer in the period.' })
  median!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of alerts per volunteer in the period.' })
  p90!: number | null;

  @Field(() => Int, { nullable: true, description: 'The most alerts any one volunteer had in the period.' })
  max!: number | null;

  @Field(() => [AlertBurdenBucketType], { description: 'Volunteers per number of alerts in the period, fewest alerts first.' })
  distribution!: AlertBurdenBucketType[];

  static from(burden: AlertBurden): AlertBurdenType {
    return Object.assign(new AlertBurdenType(), burden, {
      distribution: burden.distribution.map((row) => Object.assign(new AlertBurdenBucketType(), row)),
    });
  }
}

@ObjectType('OutcomeStatistics', {
  description:
    'What the alerts achieved in a scope over a period: aggregates only. Outside the coordinators of every municipality of the scope (and ADMIN), figures over 1 to 4 incidents are withheld (null with `withheld`), never shown as zero.',
})
export class OutcomeStatisticsType {
  @Field(() => OutcomeScopeKind)
  scopeKind!: OutcomeScopeKind;

  @Field(() => ID)
  scopeId!: string;

  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate)
  to!: string;

  @Field(() => Int, { description: 'Days in the period, both ends included.' })
  days!: number;

  @Field(() => Boolean, { description: 'Whether figures over 1 to 4 incidents are withheld for you.' })
  smallCellsWithheld!: boolean;

  /** What the figures are worked out from, when a field asks for them. */
  statistics!: OutcomeStatistics;

  static from(statistics: OutcomeStatistics): OutcomeStatisticsType {
    return Object.assign(new OutcomeStatisticsType(), {
      scopeKind: statistics.scope.kind,
      scopeId: statistics.scope.id,
      from: statistics.period.from,
      to: statistics.period.to,
      days: statistics.period.days,
      smallCellsWithheld: statistics.disclosure.withholdSmallCells,
      statistics,
    });
  }
}
