import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SecurityRegionRef } from '../references.ts';
import { DispatchPolicyPreset } from './policies.ts';
import { SimulationIncidents, type SimulationResult } from './simulation.service.ts';

registerEnumType(DispatchPolicyPreset, {
  name: 'DispatchPolicyPreset',
  description: 'Dispatch rules to simulate (docs/dispatch-simulation.md).',
  valuesConfig: {
    PREVIOUS_DEFAULT: { description: 'The default before the simulator: 5% detour, one carrier per AED, the next on each decline.' },
    HARTSLAGNU: { description: 'HartslagNu (NL): 30 nearest within 1,000 m, ⅔ via an AED within 500 m.' },
    HEARTRUNNER: { description: 'SMSlivräddare/Heartrunner (SE): 30 within 1.3 km.' },
    HJERTELOBER: { description: 'Hjerteløber (DK): 20 within 5 km, the first 4 acceptors fetch AEDs.' },
    GOODSAM: { description: 'GoodSAM (UK): the 3 nearest within 1 km, the next on each decline.' },
    LEBENSRETTER: { description: 'Region der Lebensretter (DE): the 4 fastest before the ambulance; 2 CPR, 1 AED.' },
    SIMULATED_DEFAULT: { description: 'The default the simulator chose; the default of every region that sets nothing else.' },
  },
});

registerEnumType(SimulationIncidents, {
  name: 'SimulationIncidents',
  description: 'Which incidents a simulation runs on.',
  valuesConfig: {
    PAST: { description: 'The region’s latest reported incidents, each at its own place and instant.' },
    SAMPLED: { description: 'Incidents drawn in proportion to the municipalities’ population, at instants spread evenly over the hours of the last week.' },
  },
});

@ObjectType('DispatchSimulation', {
  description:
    'What a dispatch policy achieves in a region by Monte Carlo simulation: probabilities per incident (0–1), times in seconds after the 112 call. Aggregates only. Assumptions and their sources: docs/dispatch-simulation.md.',
})
export class DispatchSimulationType {
  @Field(() => SecurityRegionRef)
  securityRegion!: SecurityRegionRef;

  @Field({ description: 'The policy simulated.' })
  policy!: string;

  @Field(() => SimulationIncidents)
  source!: SimulationIncidents;

  @Field(() => Int, { description: 'Incidents simulated.' })
  incidents!: number;

  @Field(() => Int)
  trialsPerIncident!: number;

  @Field(() => Int, { description: 'The seed: the same request with the same data gives the same figures.' })
  seed!: number;

  @Field(() => Float, { description: 'A volunteer starts CPR before the ambulance arrives.' })
  cprBeforeAmbulance!: number;

  @Field(() => Float, { description: 'A volunteer starts CPR within 4 minutes of the call.' })
  cprWithin4Minutes!: number;

  @Field(() => Float, { description: 'A volunteer starts CPR within 6 minutes of the call.' })
  cprWithin6Minutes!: number;

  @Field(() => Float, { description: 'A volunteer brings an AED within 6 minutes of the call and before the ambulance.' })
  aedWithin6MinutesBeforeAmbulance!: number;

  @Field(() => Float, { description: 'A volunteer brings an AED before the ambulance.' })
  aedBeforeAmbulance!: number;

  @Field(() => Int, { nullable: true, description: 'Median seconds to the first CPR, among trials in which a volunteer arrived; null when none did.' })
  medianSecondsToFirstCpr!: number | null;

  @Field(() => Int, { nullable: true, description: 'Median seconds to the first AED, among trials in which one arrived; null when none did.' })
  medianSecondsToFirstAed!: number | null;

  @Field(() => Float, { description: 'More than 5 volunteers arrive before the ambulance (crowding).' })
  moreThanFiveArrive!: number;

  @Field(() => Float, { description: 'Alerts sent per incident, replacements after declines included.' })
  alertsPerIncident!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Alerts per registered volunteer per year (67 incidents a year per 100,000 inhabitants); null without population or volunteers.',
  })
  alertsPerVolunteerPerYear!: number | null;

  static from(result: SimulationResult): DispatchSimulationType {
    return Object.assign(new DispatchSimulationType(), { ...result, securityRegion: SecurityRegionRef.of(result.securityRegionId) });
  }
}
