/**
 * When a row of an imported list is the same person as a volunteer already
 * registered. A shared phone number or e-mail address alone is not enough:
 * families share an e-mail address, numbers are handed on, and a wrong merge
 * gives one person another's certificate and alerts. A row merges only when
 *
 * - the mobile number and the date of birth are the same, or
 * - the e-mail address, the date of birth and the name are the same.
 *
 * Any other partial match is the list owner's to resolve, so the row is
 * rejected with the fields that matched and those that did not.
 */

/** The fields compared, named as the columns of the file. */
export type IdentityField = 'phone' | 'email' | 'date_of_birth' | 'name';

/** What identifies a person, normalised (E.164 phone, lower-case e-mail, YYYY-MM-DD date). */
export interface Identity {
  phone: string | null;
  email: string | null;
  dateOfBirth: string | null;
  name: string | null;
}

/** How a row compares with an existing volunteer. */
export interface IdentityComparison {
  /** Fields with the same value on both, in the order phone, email, date_of_birth, name. */
  matched: IdentityField[];
  /** Fields the row gives that differ from (or are missing on) the volunteer. */
  unmatched: IdentityField[];
  /** Whether the rule above calls them the same person. */
  samePerson: boolean;
}

/**
 * A name as people write it in different lists: case, accents, punctuation
 * and word order do not count (`"Jansen, Bram"` is `Bram Jansen`).
 */
export function comparableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .sort()
    .join(' ');
}

/** Compares a row with an existing volunteer field by field and applies the rule. */
export function compareIdentity(row: Identity, existing: Identity): IdentityComparison {
  const same: Record<IdentityField, boolean> = {
    phone: row.phone !== null && row.phone === existing.phone,
    email: row.email !== null && row.email === existing.email?.trim().toLowerCase(),
    date_of_birth: row.dateOfBirth !== null && row.dateOfBirth === existing.dateOfBirth,
    name: row.name !== null && existing.name != null && comparableName(row.name) === comparableName(existing.name),
  };
  const given: Record<IdentityField, boolean> = {
    phone: row.phone !== null,
    email: row.email !== null,
    date_of_birth: row.dateOfBirth !== null,
    name: row.name !== null,
  };
  const fields: IdentityField[] = ['phone', 'email', 'date_of_birth', 'name'];
  return {
    matched: fields.filter((field) => same[field]),
    unmatched: fields.filter((field) => given[field] && !same[field]),
    samePerson: (same.phone && same.date_of_birth) || (same.email && same.date_of_birth && same.name),
  };
}

/** The reason a row that shares a phone or e-mail with `volunteerId` is not merged into them. */
export function partialMatchReason(volunteerId: string, comparison: IdentityComparison): string {
  return (
    `matches existing volunteer ${volunteerId} on ${comparison.matched.join(', ')} but not on ${comparison.unmatched.join(', ')}; ` +
    'not merged, since a merge needs the same phone and date_of_birth, or the same email, date_of_birth and name: correct the row or the volunteer'
  );
}
