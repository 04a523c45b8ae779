/**
 * Volunteers' e-mail addresses. Compared in lower case everywhere (imports
 * dedupe by them, registration refuses a second account with one), so they
 * are stored in lower case.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True when `value` looks like an e-mail address (one @, a dot in the domain, no spaces). */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

/** The address as stored: trimmed and in lower case. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}
