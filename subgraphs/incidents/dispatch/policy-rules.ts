/**
 * Checking a region's policy settings (dispatch and aftercare alike): each
 * setting is a number within bounds, and a violation names the setting, the
 * allowed range and what was given, so a form can show it next to the field.
 */

/** One thing wrong with a policy, named by its setting. */
export interface PolicyViolation {
  /** The setting's name, e.g. `radiusMeters` (or the unknown name that was given). */
  readonly field: string;
  readonly message: string;
}

/** The allowed values of one numeric setting. */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** What the setting means and a typical value, so the message helps whoever typed it. */
  readonly explain: string;
}

/** A given value as the person who typed it would recognise it (NaN stays NaN, strings keep their quotes). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** The violation of `rule` by `value`, or undefined when the value is allowed. Checks the runtime type too (stored JSON). */
export function checkNumber(field: string, value: unknown, rule: NumberRule): PolicyViolation | undefined {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const ok = typeof value === 'number' && Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) && value >= rule.min && value <= rule.max;
  if (ok) return undefined;
  return { field, message: `${field} must be ${kind} from ${rule.min} to ${rule.max} (${rule.explain}); got ${describeValue(value)}.` };
}

/** Violations for settings that `known` does not have: a misspelt setting silently doing nothing is worse than an error. */
export function unknownSettings(overrides: object, known: object, what: string): PolicyViolation[] {
  return Object.keys(overrides)
    .filter((key) => !(key in known))
    .map((key) => ({ field: key, message: `${key} is not a${/^[aeiou]/.test(what) ? 'n' : ''} ${what} setting.` }));
}
