import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { RegionPolicy } from './dispatch-policy.service.ts';
import { SecurityRegionRef } from '../references.ts';

@ObjectType('DispatchPolicySettings', { description: 'How a region alerts volunteers (see dispatch-policy.ts for each rule).' })
export class DispatchPolicySettingsType {
  @Field(() => Float, { description: 'Volunteers are alerted within this straight-line distance of the patient, in metres.' })
  radiusMeters!: number;

  @Field(() => Int, { description: 'At most this many volunteers are alerted, nearest first.' })
  maxAlerted!: number;

  @Field(() => Float, { description: 'Share of alerted volunteers sent via an AED (a fraction, e.g. 0.667).' })
  aedShare!: number;

  @Field(() => Float, { description: 'Only AEDs within this distance of the patient are fetched, in metres.' })
  aedSearchRadiusMeters!: number;

  @Field(() => Float, { description: 'How much longer the route via an AED may be than going straight (0.05: 5%).' })
  aedDetourTolerance!: number;

  @Field(() => Float, { description: 'Assumed speed of a volunteer in m/s, for ETAs.' })
  speedMetersPerSecond!: number;

  @Field(() => Float, { description: 'Real route length ÷ straight-line distance, for ETAs.' })
  detourFactor!: number;

  @Field(() => Int, { description: 'Once this many accepted, the rest are stood down.' })
  enoughAcceptances!: number;

  @Field(() => Boolean, { description: 'Whether a decline alerts the next nearest volunteer.' })
  alertNextOnDecline!: boolean;

  @Field(() => Int, { description: 'Volunteers sent to the same AED.' })
  maxFetchersPerAed!: number;

  @Field(() => Int, { description: 'Seconds an alert pushed to the app waits for the app’s confirmation before the SMS goes out too.' })
  smsFallbackSeconds!: number;

  @Field(() => Int, {
    description: 'Seconds an unanswered alert for another open incident keeps a volunteer from being alerted again (one who accepted there never is); 0: only an acceptance does.',
  })
  busyPendingSeconds!: number;

  @Field(() => Int, {
    description:
      'Only volunteers estimated to reach the patient within this many seconds are alerted (Region der Lebensretter: those who arrive before the ambulance); 0: no limit.',
  })
  maxEtaSeconds!: number;
}

@ObjectType('AftercarePolicySettings', { description: 'When volunteers who went hear from the aftercare team.' })
export class AftercarePolicySettingsType {
  @Field(() => Int, { description: 'Seconds after the incident ends until the check-in.' })
  checkInDelaySeconds!: number;

  @Field(() => Int, { description: 'Seconds after the incident ends until the questionnaire.' })
  questionnaireDelaySeconds!: number;

  @Field(() => Int, { description: 'Seconds after the incident ends until the offer of a debriefing talk.' })
  debriefingOfferDelaySeconds!: number;

  @Field(() => Int, { description: 'Seconds a follow-up may stay unanswered before the aftercare contacts are asked to step in.' })
  escalateUnansweredAfterSeconds!: number;

  @Field(() => Int, { description: 'A questionnaire stress level (1–5) at or above this escalates at once.' })
  distressStressLevel!: number;
}

@InputType('DispatchPolicyInput', { description: 'The settings a region changes; those left out keep their defaults.' })
export class DispatchPolicyInput {
  @Field(() => Float, { nullable: true })
  radiusMeters?: number;

  @Field(() => Int, { nullable: true })
  maxAlerted?: number;

  @Field(() => Float, { nullable: true })
  aedShare?: number;

  @Field(() => Float, { nullable: true })
  aedSearchRadiusMeters?: number;

  @Field(() => Float, { nullable: true })
  aedDetourTolerance?: number;

  @Field(() => Float, { nullable: true })
  speedMetersPerSecond?: number;

  @Field(() => Float, { nullable: true })
  detourFactor?: number;

  @Field(() => Int, { nullable: true })
  enoughAcceptances?: number;

  @Field(() => Boolean, { nullable: true })
  alertNextOnDecline?: boolean;

  @Field(() => Int, { nullable: true })
  maxFetchersPerAed?: number;

  @Field(() => Int, { nullable: true })
  smsFallbackSeconds?: number;

  @Field(() => Int, { nullable: true })
  busyPendingSeconds?: number;

  @Field(() => Int, { nullable: true })
  maxEtaSeconds?: number;
}

@InputType('AftercarePolicyInput', { description: 'The aftercare settings a region changes; those left out keep their defaults.' })
export class AftercarePolicyInput {
  @Field(() => Int, { nullable: true })
  checkInDelaySeconds?: number;

  @Field(() => Int, { nullable: true })
  questionnaireDelaySeconds?: number;

  @Field(() => Int, { nullable: true })
  debriefingOfferDelaySeconds?: number;

  @Field(() => Int, { nullable: true })
  escalateUnansweredAfterSeconds?: number;

  @Field(() => Int, { nullable: true })
  distressStressLevel?: number;
}

@InputType('SetDispatchPolicyInput')
export class SetDispatchPolicyInput {
  @Field(() => ID)
  securityRegionId!: string;

  @Field(() => DispatchPolicyInput, { nullable: true })
  dispatch?: DispatchPolicyInput | null;

  @Field(() => AftercarePolicyInput, { nullable: true })
  aftercare?: AftercarePolicyInput | null;
}

@ObjectType('DispatchPolicyVersion', {
  description: 'One version of a security region’s dispatch and aftercare policy. Version 0 is the defaults; every incident records its version.',
})
export class DispatchPolicyVersionType {
  @Field(() => SecurityRegionRef)
  securityRegion!: SecurityRegionRef;

  @Field(() => Int)
  version!: number;

  @Field(() => DispatchPolicySettingsType, { description: 'All settings in force, the defaults included.' })
  dispatch!: DispatchPolicySettingsType;

  @Field(() => AftercarePolicySettingsType)
  aftercare!: AftercarePolicySettingsType;

  @Field(() => [String], { description: 'The names of the settings this version changed from the defaults.' })
  changedSettings!: string[];

  @Field(() => Date, { nullable: true, description: 'When this version was set (null for the defaults).' })
  setAt?: Date | null;

  static from(policy: RegionPolicy): DispatchPolicyVersionType {
    return Object.assign(new DispatchPolicyVersionType(), {
      securityRegion: SecurityRegionRef.of(policy.securityRegionId),
      version: policy.version,
      dispatch: Object.assign(new DispatchPolicySettingsType(), policy.dispatch),
      aftercare: Object.assign(new AftercarePolicySettingsType(), policy.aftercare),
      changedSettings: [...Object.keys(policy.dispatchOverrides), ...Object.keys(policy.aftercareOverrides)],
      setAt: policy.setAt,
    });
  }
}
