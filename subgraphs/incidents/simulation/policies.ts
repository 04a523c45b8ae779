/**
 * Dispatch rules to compare: the rules of the systems in service (DOMAIN.md,
 * "Alert dispatch rules in use"), the previous default, and the default the
 * simulator chose, which is now `DEFAULT_DISPATCH_POLICY`
 * (docs/dispatch-simulation.md). Each is the real dispatch policy, plus,
 * where a system gives tasks when volunteers accept rather than with the
 * alert, the tasks in order of acceptance.
 */
import { PREVIOUS_DEFAULT_OVERRIDES, resolveDispatchPolicy, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import type { Task } from '../dispatch/selection.ts';

/** A dispatch rule as the simulator runs it. */
export interface SimulatedPolicy {
  /** Short name for tables, e.g. `HartslagNu`. */
  readonly name: string;
  /** The rule in words, with where it comes from. */
  readonly description: string;
  readonly dispatch: DispatchPolicy;
  /**
   * Tasks given at acceptance, to the first acceptor, the second, … (CPR
   * after the end); empty: tasks come with the alert, as live dispatch gives them.
   */
  readonly acceptanceTasks: readonly Task[];
}

/** The names of the presets, as the schema's enum spells them. */
export enum DispatchPolicyPreset {
  PREVIOUS_DEFAULT = 'PREVIOUS_DEFAULT',
  HARTSLAGNU = 'HARTSLAGNU',
  HEARTRUNNER = 'HEARTRUNNER',
  HJERTELOBER = 'HJERTELOBER',
  GOODSAM = 'GOODSAM',
  LEBENSRETTER = 'LEBENSRETTER',
  SIMULATED_DEFAULT = 'SIMULATED_DEFAULT',
}

/** Settings a rule does not state keep the defaults (speed and detour factor, SMS fallback, busy rule). */
const preset = (name: string, description: string, overrides: Partial<DispatchPolicy>, acceptanceTasks: readonly Task[] = []): SimulatedPolicy =>
  Object.freeze({ name, description, dispatch: resolveDispatchPolicy(overrides), acceptanceTasks: Object.freeze([...acceptanceTasks]) });

export const POLICY_PRESETS: Readonly<Record<DispatchPolicyPreset, SimulatedPolicy>> = Object.freeze({
  [DispatchPolicyPreset.PREVIOUS_DEFAULT]: preset(
    'Previous default (5% detour)',
    'The default before the simulator: HartslagNu’s numbers with the 5% detour reading (a volunteer fetches only an AED at most 5% off their way), one carrier per AED, next on decline.',
    PREVIOUS_DEFAULT_OVERRIDES,
  ),
  [DispatchPolicyPreset.HARTSLAGNU]: preset(
    'HartslagNu',
    'HartslagNu (NL): up to 30 nearest within 1,000 m, ⅓ straight to the patient and ⅔ via an AED within 500 m of the patient, whatever the detour; the rest stood down once enough accept; no next on decline.',
    { radiusMeters: 1000, maxAlerted: 30, aedShare: 2 / 3, aedSearchRadiusMeters: 500, aedDetourTolerance: 1, alertNextOnDecline: false },
  ),
  [DispatchPolicyPreset.HEARTRUNNER]: preset(
    'SMSlivräddare',
    'SMSlivräddare/Heartrunner (SE): up to 30 within 1.3 km (SAMBA trial); tasks as HartslagNu (the public text gives no AED share).',
    { radiusMeters: 1300, maxAlerted: 30, aedShare: 2 / 3, aedSearchRadiusMeters: 500, aedDetourTolerance: 1, alertNextOnDecline: false },
  ),
  [DispatchPolicyPreset.HJERTELOBER]: preset(
    'Hjerteløber',
    'Hjerteløber (DK): up to 20 within 5 km; the first 4 to accept fetch AEDs, the 5th goes straight, then the rest are stood down.',
    { radiusMeters: 5000, maxAlerted: 20, aedShare: 0, aedSearchRadiusMeters: 1500, aedDetourTolerance: 1, enoughAcceptances: 5, alertNextOnDecline: false },
    ['FETCH_AED', 'FETCH_AED', 'FETCH_AED', 'FETCH_AED', 'CPR'],
  ),
  [DispatchPolicyPreset.GOODSAM]: preset('GoodSAM', 'GoodSAM (UK): the 3 nearest within 1 km, a decline alerts the next nearest; everyone goes straight to the patient.', {
    radiusMeters: 1000,
    maxAlerted: 3,
    aedShare: 0,
    enoughAcceptances: 3,
    alertNextOnDecline: true,
  }),
  [DispatchPolicyPreset.LEBENSRETTER]: preset(
    'Lebensretter',
    'Region der Lebensretter (DE): the 4 fastest who would arrive before the ambulance (estimated within 8 minutes: ambulance after 9, alert after 1); 2 CPR, then 1 fetches an AED.',
    { radiusMeters: 2000, maxAlerted: 4, aedShare: 0, aedSearchRadiusMeters: 500, aedDetourTolerance: 1, enoughAcceptances: 3, maxEtaSeconds: 480, alertNextOnDecline: false },
    ['CPR', 'CPR', 'FETCH_AED'],
  ),
  [DispatchPolicyPreset.SIMULATED_DEFAULT]: preset(
    'Simulated default',
    'The default the simulator chose, and the default of every region that sets nothing else (DEFAULT_DISPATCH_POLICY): HartslagNu’s numbers, any AED in the 500 m circle at most doubling a volunteer’s route, up to three volunteers per AED, no next on decline.',
    {},
  ),
});

/** The rules in service, in the order of the comparison table, then the previous default and the default. */
export const COMPARED_PRESETS: readonly DispatchPolicyPreset[] = [
  DispatchPolicyPreset.HARTSLAGNU,
  DispatchPolicyPreset.HEARTRUNNER,
  DispatchPolicyPreset.HJERTELOBER,
  DispatchPolicyPreset.GOODSAM,
  DispatchPolicyPreset.LEBENSRETTER,
  DispatchPolicyPreset.PREVIOUS_DEFAULT,
  DispatchPolicyPreset.SIMULATED_DEFAULT,
];

/** A region's own policy (or any settings) as a rule to simulate, tasks with the alert. */
export function simulatedPolicyOf(name: string, dispatch: DispatchPolicy, acceptanceTasks: readonly Task[] = []): SimulatedPolicy {
  return { name, description: name, dispatch, acceptanceTasks };
}
