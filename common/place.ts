/**
 * Places checked against the map: a volunteer's home and an AED lie inside
 * their municipality's boundary, or within a tolerance of it (a home across
 * the street from the border, a geocoder's rounding). Farther out is refused
 * unless the caller states why (an explicit override), and the override is
 * recorded with who gave it and when: a home 900 km away or an AED in another
 * country would otherwise count in the municipality's coverage.
 */
import { badInput } from './errors.ts';

/** How far outside its municipality's boundary a place may lie without an override. */
export const PLACE_TOLERANCE_METERS = 1_000;

/** Longest reason accepted for an override. */
const MAXIMUM_REASON_LENGTH = 500;

/** A place accepted outside its municipality: why, who said so, when. */
export interface PlaceOverride {
  reason: string;
  by: string;
  at: Date;
  /** How far outside, in metres, when it was accepted. */
  distanceMeters: number;
}

/** What is checked. */
export interface PlaceCheck {
  /** Metres outside the boundary (0 inside); null when the municipality has no boundary, so nothing can be checked. */
  distanceOutside: number | null;
  /** e.g. "The home address", "The AED". */
  what: string;
  /** The input field of the position, for `extensions.field`. */
  field: string;
  /** The caller's reason to accept it outside, if given. */
  overrideReason?: string | null;
  /** Subject of the caller. */
  by: string;
  at: Date;
}

function kilometres(meters: number): string {
  return meters < 10_000 ? `${(meters / 1000).toFixed(1)} km` : `${Math.round(meters / 1000)} km`;
}

/**
 * The override to record (null when the place is inside or within the
 * tolerance). Throws BAD_USER_INPUT (reason OUTSIDE_MUNICIPALITY) when it
 * lies farther out and no reason is given.
 */
export function checkPlace(check: PlaceCheck): PlaceOverride | null {
  const { distanceOutside } = check;
  if (distanceOutside === null || distanceOutside <= PLACE_TOLERANCE_METERS) return null;
  const reason = check.overrideReason?.replace(/\s+/g, ' ').trim() ?? '';
  if (reason === '') {
    throw badInput(
      `${check.what} lies ${kilometres(distanceOutside)} outside its municipality's boundary (${kilometres(PLACE_TOLERANCE_METERS)} is allowed); ` +
        'check the position, or give outsideMunicipalityReason to accept it there.',
      { field: check.field, reason: 'OUTSIDE_MUNICIPALITY', distanceMeters: Math.round(distanceOutside) },
    );
  }
  if (reason.length > MAXIMUM_REASON_LENGTH) {
    throw badInput(`outsideMunicipalityReason is longer than ${MAXIMUM_REASON_LENGTH} characters.`, { field: 'outsideMunicipalityReason' });
  }
  return { reason, by: check.by, at: check.at, distanceMeters: Math.round(distanceOutside) };
}
