/**
 * One Monte Carlo trial of what happens after the alert to one incident,
 * under one policy: who accepts and when, the tasks (with the alert, or at
 * acceptance), stand-downs once enough accept, the next volunteer after a
 * decline, walking times and the ambulance. The decisions are the real
 * dispatch code's (selection.ts, stand-down.ts); only the people are drawn.
 */
import { Random } from '../../../common/random.ts';
import {
  aedsInReach,
  nextToAlert,
  rankCandidates,
  selectAlerts,
  taskAtAcceptance,
  type AlertCandidate,
  type PlannedAlert,
  type SelectionInput,
  type SentAlert,
  type Task,
} from '../dispatch/selection.ts';
import { volunteersToStandDown } from '../dispatch/stand-down.ts';
import type { SimulationParameters } from './parameters.ts';
import type { SimulatedPolicy } from './policies.ts';
import type { Scene } from './scene.ts';

/** A scene made ready for one policy: the plan is the same in every trial, so it is made once. */
export interface PreparedScene {
  readonly scene: Scene;
  readonly policy: SimulatedPolicy;
  /** The selection's input with the candidates the policy may alert, nearest first. */
  readonly input: SelectionInput;
  /** The alerts sent at once. */
  readonly plan: readonly PlannedAlert[];
  /** Each candidate's place in `scene.candidates`: what seeds their draws, the same under every policy. */
  readonly drawIndex: ReadonlyMap<string, number>;
  /** Seeds the scene's draws. */
  readonly seed: number;
  readonly ambulanceMedianSeconds: number;
  /**
   * Answers of `nextToAlert` and `taskAtAcceptance` by the state they read
   * (see {@link replacementKey}, {@link acceptanceKey}): the same states come
   * back trial after trial, and the rules are pure.
   */
  readonly memo: Map<string, PlannedAlert | null>;
}

/** What one trial came to; times in seconds after the 112 call, Infinity for never. */
export interface TrialOutcome {
  firstCprSeconds: number;
  firstAedSeconds: number;
  ambulanceSeconds: number;
  /** Volunteers at the patient before the ambulance. */
  arrivedBeforeAmbulance: number;
  alertsSent: number;
}

/** What is drawn for one volunteer in one trial. */
interface Fate {
  accepts: boolean;
  /** Declines explicitly (only when not accepting); otherwise silent. */
  declines: boolean;
  reactionSeconds: number;
  speedMetersPerSecond: number;
  retrievalSeconds: number;
}

/** FNV-1a of a string: a scene's key as a seed. */
function hashOf(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** An integer mix (murmur3's finaliser) of the scene, the trial and the volunteer, so each draws from a stream of its own. */
function mix(seed: number, trial: number, index: number): number {
  let hash = (seed ^ Math.imul(trial + 1, 0x9e3779b1) ^ Math.imul(index + 0x3c6ef372, 0x85ebca77)) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** Makes `scene` ready for `policy`: ranks the candidates and plans the first alerts, once for all trials. */
export function prepareScene(scene: Scene, policy: SimulatedPolicy, parameters: SimulationParameters, seed: number): PreparedScene {
  const dispatch = policy.dispatch;
  const candidates = rankCandidates(scene.candidates, dispatch);
  // The scene holds the AEDs of the widest circle compared; the rules only ever look inside this policy's.
  const aeds = aedsInReach(scene.patient, scene.aeds, dispatch);
  const input: SelectionInput = { patient: scene.patient, candidates, aeds, policy: dispatch };
  const drawIndex = new Map(scene.candidates.map((candidate, index) => [candidate.volunteerId, index]));
  return {
    scene,
    policy,
    input,
    plan: selectAlerts(input).alerts,
    drawIndex,
    seed: hashOf(scene.key, seed),
    ambulanceMedianSeconds: parameters.ambulanceMedianSecondsByRegion[scene.securityRegionId] ?? parameters.ambulanceMedianSeconds,
    memo: new Map(),
  };
}

function fateOf(prepared: PreparedScene, trial: number, candidate: AlertCandidate, parameters: SimulationParameters): Fate {
  const random = new Random(mix(prepared.seed, trial, prepared.drawIndex.get(candidate.volunteerId) ?? 0));
  // Each volunteer draws from a stream of their own, always in this order, so a draw left out
  // (no reaction for the silent, no walk for those who decline) changes nobody else's fate.
  const acceptDraw = random.next();
  const declineDraw = random.next();
  const accepts = acceptDraw < parameters.acceptanceProbability;
  const declines = !accepts && declineDraw < parameters.explicitDeclineShare;
  return {
    accepts,
    declines,
    reactionSeconds: accepts || declines ? random.logNormal(parameters.reactionMedianSeconds, parameters.reactionSigma) : Infinity,
    speedMetersPerSecond: accepts ? random.logNormal(parameters.speedMedianMetersPerSecond[prepared.scene.setting], parameters.speedSigma) : 0,
    retrievalSeconds: accepts ? random.logNormal(parameters.aedRetrievalMedianSeconds, parameters.aedRetrievalSigma) : 0,
  };
}

/**
 * Everything `nextToAlert` reads of `sent` when the candidates are the ranked
 * ones cut after the first not yet alerted: how many were ever alerted (they
 * are the first of the ranking), how many are active and accepted, and the
 * AEDs the active fetchers carry.
 */
function replacementKey(sent: readonly SentAlert[]): string {
  let active = 0;
  let accepted = 0;
  const carried: string[] = [];
  for (const alert of sent) {
    if (alert.response !== 'PENDING' && alert.response !== 'ACCEPTED') continue;
    active++;
    if (alert.response === 'ACCEPTED') accepted++;
    if (alert.task === 'FETCH_AED' && alert.aedId) carried.push(alert.aedId);
  }
  return `next|${sent.length}|${active}|${accepted}|${carried.sort().join(',')}`;
}

/** Everything `taskAtAcceptance` reads: who accepts, and the others who accepted with the AEDs they fetch. */
function acceptanceKey(sent: readonly SentAlert[], volunteerId: string): string {
  let accepted = 0;
  const carried: string[] = [];
  for (const alert of sent) {
    if (alert.response !== 'ACCEPTED' || alert.volunteerId === volunteerId) continue;
    accepted++;
    if (alert.task === 'FETCH_AED' && alert.aedId) carried.push(alert.aedId);
  }
  return `task|${volunteerId}|${accepted}|${carried.sort().join(',')}`;
}

function remembered(prepared: PreparedScene, key: string, memoise: boolean, decide: () => PlannedAlert | null): PlannedAlert | null {
  if (!memoise) return decide();
  let answer = prepared.memo.get(key);
  if (answer === undefined) prepared.memo.set(key, (answer = decide()));
  return answer;
}

/** One alert in a trial: the SentAlert the dispatch rules read, and what the trial knows of it. */
interface TrialAlert extends SentAlert {
  task: Task;
  aedId: string | null;
  response: SentAlert['response'];
  planned: PlannedAlert;
  fate: Fate;
}

interface Answer {
  at: number;
  alert: TrialAlert;
}

/** Runs trial number `trial` of a prepared scene. `memoise: false` asks the rules afresh every time (the specs compare the two). */
export function runTrial(prepared: PreparedScene, trial: number, parameters: SimulationParameters, memoise = true): TrialOutcome {
  const { input, policy } = prepared;
  const dispatch = policy.dispatch;
  const ambulanceSeconds = new Random(mix(prepared.seed, trial, -1)).logNormal(prepared.ambulanceMedianSeconds, parameters.ambulanceSigma);
  const sent: TrialAlert[] = [];
  const byVolunteer = new Map<string, TrialAlert>();
  // Answers in time order; few enough that sorted insertion beats a heap.
  const answers: Answer[] = [];
  const send = (planned: PlannedAlert, at: number) => {
    const candidate = input.candidates[planned.rank - 1]!;
    const alert: TrialAlert = {
      volunteerId: planned.volunteerId,
      task: planned.task,
      aedId: planned.task === 'FETCH_AED' ? planned.aedId : null,
      response: 'PENDING',
      planned,
      fate: fateOf(prepared, trial, candidate, parameters),
    };
    sent.push(alert);
    byVolunteer.set(alert.volunteerId, alert);
    if (!alert.fate.accepts && !alert.fate.declines) return;
    const answer = { at: at + alert.fate.reactionSeconds, alert };
    let place = answers.length;
    while (place > 0 && answers[place - 1]!.at > answer.at) place--;
    answers.splice(place, 0, answer);
  };
  for (const planned of prepared.plan) send(planned, parameters.alertDelaySeconds);

  let firstCprSeconds = Infinity;
  let firstAedSeconds = Infinity;
  let arrivedBeforeAmbulance = 0;
  for (let next = 0; next < answers.length; next++) {
    const { at, alert } = answers[next]!;
    // Stood down before answering: they stay home.
    if (alert.response !== 'PENDING') continue;
    if (!alert.fate.accepts) {
      alert.response = 'DECLINED';
      if (!dispatch.alertNextOnDecline) continue;
      // Everyone ever alerted is a prefix of the ranked candidates, so the next one is among the first sent.length + 1.
      const replacement = remembered(prepared, replacementKey(sent), memoise, () => nextToAlert({ ...input, candidates: input.candidates.slice(0, sent.length + 1) }, sent));
      if (replacement) send(replacement, at);
      continue;
    }
    const planned =
      policy.acceptanceTasks.length > 0
        ? remembered(prepared, acceptanceKey(sent, alert.volunteerId), memoise, () =>
            taskAtAcceptance({ ...input, candidates: input.candidates.slice(0, sent.length) }, policy.acceptanceTasks, sent, alert.volunteerId),
          )!
        : alert.planned;
    alert.task = planned.task;
    alert.aedId = planned.task === 'FETCH_AED' ? planned.aedId : null;
    alert.response = 'ACCEPTED';
    const walk = (planned.distanceMeters * parameters.detourFactor) / alert.fate.speedMetersPerSecond;
    const arrival = at + walk + (planned.task === 'FETCH_AED' ? alert.fate.retrievalSeconds : 0);
    // Whoever arrives starts CPR, a fetcher too.
    firstCprSeconds = Math.min(firstCprSeconds, arrival);
    if (planned.task === 'FETCH_AED') firstAedSeconds = Math.min(firstAedSeconds, arrival);
    if (arrival < ambulanceSeconds) arrivedBeforeAmbulance++;
    for (const volunteerId of volunteersToStandDown(sent, dispatch)) byVolunteer.get(volunteerId)!.response = 'STOOD_DOWN';
  }
  return { firstCprSeconds, firstAedSeconds, ambulanceSeconds, arrivedBeforeAmbulance, alertsSent: sent.length };
}
