/**
 * An incident as the simulator sees it: where the patient is, who and which
 * AEDs the real searches found there at the incident's instant, and how
 * built-up the place is. Searched once per incident, for every policy
 * compared at once, so each trial only draws what happens next.
 */
import { distanceMeters, type LatLon } from '../../../common/earth.ts';
import type { AlertCandidate, DispatchableAed } from '../dispatch/selection.ts';
import type { SimulationParameters, Setting } from './parameters.ts';
import type { SimulatedPolicy } from './policies.ts';

/** One incident, searched. */
export interface Scene {
  /** Stable key (the incident's id, or the sample's number): seeds its trials, so a scene draws the same whatever else is simulated. */
  readonly key: string;
  readonly securityRegionId: string;
  readonly patient: LatLon;
  /** The alertable volunteers found, nearest first (the candidate search's answer). */
  readonly candidates: readonly AlertCandidate[];
  /** The dispatchable AEDs found (the AED search's answer). */
  readonly aeds: readonly DispatchableAed[];
  readonly setting: Setting;
}

/** What to ask the candidate and AED searches once, so that every policy compared finds in it what it would have found itself. */
export interface SceneSearch {
  radiusMeters: number;
  /** Enough for the largest policy, the volunteers alerted after declines, and to judge the setting. */
  candidateLimit: number;
  /** 0 when no policy fetches an AED. */
  aedSearchRadiusMeters: number;
}

/** The most volunteers one scene holds (the volunteers subgraph gives at most 1,000 per search). */
const MAX_SCENE_CANDIDATES = 200;
/** Volunteers within this distance judge the setting. */
const SETTING_RADIUS_METERS = 1000;

/**
 * The one search that serves all `policies`: the widest radius, and the
 * nearest volunteers in it up to three times the largest alert count when a
 * policy alerts the next on decline (about 2 in 3 decline or never answer),
 * at least enough to judge the setting.
 */
export function sceneSearchOf(policies: readonly SimulatedPolicy[], parameters: SimulationParameters): SceneSearch {
  const wanted = policies.map(({ dispatch }) => dispatch.maxAlerted * (dispatch.alertNextOnDecline ? 3 : 1));
  const forSetting = Math.ceil(parameters.urbanVolunteersPerKm2 * Math.PI * (SETTING_RADIUS_METERS / 1000) ** 2) + 1;
  const fetches = policies.filter(({ dispatch, acceptanceTasks }) => dispatch.aedShare > 0 || acceptanceTasks.includes('FETCH_AED'));
  return {
    radiusMeters: Math.max(SETTING_RADIUS_METERS, ...policies.map(({ dispatch }) => dispatch.radiusMeters)),
    candidateLimit: Math.min(MAX_SCENE_CANDIDATES, Math.max(forSetting, ...wanted)),
    aedSearchRadiusMeters: Math.max(0, ...fetches.map(({ dispatch }) => dispatch.aedSearchRadiusMeters)),
  };
}

/**
 * URBAN when the volunteers found within 1 km are at least
 * {@link SimulationParameters.urbanVolunteersPerKm2} per km², else RURAL:
 * the speed figures are urban and rural ones, and the volunteers found are
 * what the simulator knows of the place.
 */
export function settingOf(patient: LatLon, candidates: readonly AlertCandidate[], parameters: SimulationParameters): Setting {
  const near = candidates.filter(
    (candidate) => (Number.isFinite(candidate.distanceMeters) ? candidate.distanceMeters : distanceMeters(patient, candidate)) <= SETTING_RADIUS_METERS,
  ).length;
  return near / (Math.PI * (SETTING_RADIUS_METERS / 1000) ** 2) >= parameters.urbanVolunteersPerKm2 ? 'URBAN' : 'RURAL';
}
