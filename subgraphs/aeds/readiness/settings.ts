/** The AED rules a deployment tunes, read from the environment (common/config.ts). */
import { loadConfig, type AedSettings } from '../../../common/config.ts';
import type { ReadinessPolicy } from './readiness.ts';

/** `AED_CHECK_INTERVAL_DAYS` and `AED_REMINDER_DAYS`, read on each call so a test may change them. */
export function aedSettings(): AedSettings {
  return loadConfig().aeds;
}

/** The readiness policy: a guardian check stays valid for `AED_CHECK_INTERVAL_DAYS` days. */
export function readinessPolicy(settings: AedSettings = aedSettings()): ReadinessPolicy {
  return { maxCheckAgeDays: settings.checkIntervalDays };
}
