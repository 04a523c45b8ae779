/**
 * Registering volunteers and keeping their record: registration (by the
 * volunteer or a coordinator), corrections, availability, suspension and
 * erasure. Every check runs before the transaction, so bad input writes
 * nothing; every change that affects eligibility or positions updates the
 * search table in the same transaction (candidate-sync.ts).
 */
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../../common/errors.ts';
import type { PeerClient } from '../../../common/peers.ts';
import { checkPlace } from '../../../common/place.ts';
import { AssociationMembership } from './association-membership.entity.ts';
import { syncCandidatePositions } from '../candidates/candidate-sync.ts';
import { Consent, ConsentKind } from './consent.entity.ts';
import type { QuietHours } from '../candidates/eligibility.ts';
import type { WorkHoursInterval } from '../candidates/candidate-positions.ts';
import { localDateOf } from '../../../common/zoned-time.ts';
import { distanceOutsideMunicipality, municipalitySettings } from '../peers.ts';
import type { PhoneCountry } from './phone.ts';
import { sql } from '../../../common/sql.ts';
import {
  checkAddress,
  checkDateOfBirth,
  checkEmail,
  checkLanguage,
  checkPhone,
  checkReachable,
  checkQuietHours,
  checkText,
  checkWeeklyHours,
  type AddressInput,
  type CheckedAddress,
} from './volunteer-input.ts';
import { Volunteer, VolunteerStatus } from './volunteer.entity.ts';

/** A work address and the weekly hours it applies. */
export interface WorkAddressInput extends AddressInput {
  weeklyHours: WorkHoursInterval[];
}

/** A consent as given at registration. */
export interface ConsentInput {
  kind: ConsentKind;
  /** When it was given (on paper, in the app); default: now. Not in the future. */
  givenAt?: Date | null;
}

/** What registration needs. */
export interface RegistrationInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  dateOfBirth: string;
  municipalityId: string;
  homeAddress: AddressInput;
  workAddress?: WorkAddressInput | null;
  quietHours?: QuietHours | null;
  /** The language of their alerts; default: their municipality's country's. */
  language?: string | null;
  /** Default: PERSONAL_DATA given at registration. */
  consents?: ConsentInput[] | null;
  /** Why the home may lie farther outside the municipality than the tolerance (common/place.ts). */
  outsideMunicipalityReason?: string | null;
}

/** Who registers, and when. */
export interface Registrar {
  /** Subject of the caller. */
  subject: string;
  /** Set when the volunteer signs up themselves: their identity-provider subject. */
  accountSubject: string | null;
  at: Date;
}

/** Corrections to a volunteer's record: an absent field stays; a null work address removes it. */
export interface VolunteerUpdate {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  homeAddress?: AddressInput | null;
  workAddress?: WorkAddressInput | null;
  /** The language of their alerts; null: back to their municipality's country's. */
  language?: string | null;
  /** Why a new home may lie farther outside the municipality than the tolerance. */
  outsideMunicipalityReason?: string | null;
}

/** The volunteer's own switches: an absent field stays; null quiet hours clears them. */
export interface AvailabilityUpdate {
  onDuty?: boolean | null;
  quietHours?: QuietHours | null;
}

/** A little slack for clocks: a consent "given" a minute from now was given now. */
const CLOCK_SKEW_MS = 60_000;

/**
 * The consents to record. Registering is consenting to the processing of
 * personal data: PERSONAL_DATA is recorded as given now unless listed with
 * an earlier time (a paper form). LOCATION_SHARING is never assumed.
 */
function checkConsents(consents: readonly ConsentInput[], at: Date): { kind: ConsentKind; at: Date }[] {
  const seen = new Set<ConsentKind>();
  const checked = consents.map((consent) => {
    if (seen.has(consent.kind)) throw badInput(`Consent ${consent.kind} is given twice.`, { field: 'consents' });
    seen.add(consent.kind);
    const givenAt = consent.givenAt ?? at;
    if (Number.isNaN(givenAt.getTime()) || givenAt.getTime() > at.getTime() + CLOCK_SKEW_MS) {
      throw badInput(`Consent ${consent.kind} cannot be given in the future.`, { field: 'consents' });
    }
    return { kind: consent.kind, at: givenAt };
  });
  if (!seen.has(ConsentKind.PERSONAL_DATA)) checked.unshift({ kind: ConsentKind.PERSONAL_DATA, at });
  return checked;
}

function homeOf(address: CheckedAddress): Partial<Volunteer> {
  return {
    homeStreet: address.street,
    homeHouseNumber: address.houseNumber,
    homePostalCode: address.postalCode,
    homeCity: address.city,
    homeLatitude: address.latitude,
    homeLongitude: address.longitude,
  };
}

function workOf(input: WorkAddressInput | null): Partial<Volunteer> {
  if (!input) {
    return { workStreet: null, workHouseNumber: null, workPostalCode: null, workCity: null, workLatitude: null, workLongitude: null, workHours: null };
  }
  const address = checkAddress(input, 'workAddress', 'work address');
  return {
    workStreet: address.street,
    workHouseNumber: address.houseNumber,
    workPostalCode: address.postalCode,
    workCity: address.city,
    workLatitude: address.latitude,
    workLongitude: address.longitude,
    workHours: checkWeeklyHours(input.weeklyHours),
  };
}

/** Throws CONFLICT when another account has the phone number, e-mail address or sign-up subject. */
async function refuseDuplicates(em: EntityManager, candidate: { phone?: string | null; email?: string | null; accountSubject?: string | null }, exceptId?: string): Promise<void> {
  const checks: [keyof typeof candidate, string, string][] = [
    ['phone', 'phone number', 'phone'],
    ['email', 'e-mail address', 'email'],
    ['accountSubject', 'account', 'accountSubject'],
  ];
  for (const [key, what, field] of checks) {
    const value = candidate[key];
    if (!value) continue;
    const other = await em.findOne(Volunteer, { [key]: value, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
    if (other) {
      throw conflict(key === 'accountSubject' ? 'You are already registered as a volunteer.' : `A volunteer with this ${what} is already registered (${value}).`, {
        field,
        reason: 'DUPLICATE_REGISTRATION',
      });
    }
  }
}

/** Runs `work` in a transaction, turning a lost race on a unique phone, e-mail or account into CONFLICT. */
async function writing<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict('A volunteer with this phone number or e-mail address is already registered.', { reason: 'DUPLICATE_REGISTRATION' });
    }
    throw error;
  }
}

/**
 * Registers a volunteer in their municipality (which must exist: its clock,
 * country and region are copied onto the volunteer), with their consents.
 */
export async function registerVolunteer(em: EntityManager, peers: PeerClient, input: RegistrationInput, registrar: Registrar): Promise<Volunteer> {
  const name = checkText(input.name, 'name', 'The name');
  const municipality = await municipalitySettings(peers, input.municipalityId);
  const today = localDateOf(registrar.at, municipality.timeZone);
  const phone = input.phone == null ? null : checkPhone(input.phone, municipality.countryCode as PhoneCountry);
  const email = input.email == null || input.email.trim() === '' ? null : checkEmail(input.email);
  checkReachable(phone, email);
  const dateOfBirth = checkDateOfBirth(input.dateOfBirth, today);
  const home = checkAddress(input.homeAddress, 'homeAddress', 'home address');
  const homeOutside = await checkHomePlace(peers, municipality.id, home, input.outsideMunicipalityReason, registrar.subject, registrar.at);
  const work = workOf(input.workAddress ?? null);
  const quietHours = input.quietHours ? checkQuietHours(input.quietHours) : null;
  const language = input.language == null ? null : checkLanguage(input.language);
  const consents = checkConsents(input.consents ?? [], registrar.at);
  await refuseDuplicates(em, { phone, email, accountSubject: registrar.accountSubject });

  return writing(em, async (tx) => {
    const volunteer = tx.create(Volunteer, {
      name,
      phone,
      email,
      dateOfBirth,
      ...homeOf(home),
      ...homeOutside,
      ...work,
      municipalityId: municipality.id,
      timeZone: municipality.timeZone,
      countryCode: municipality.countryCode,
      securityRegionId: municipality.securityRegionId,
      quietHoursStart: quietHours?.start ?? null,
      quietHoursEnd: quietHours?.end ?? null,
      language,
      locationSharing: consents.some((consent) => consent.kind === ConsentKind.LOCATION_SHARING),
      accountSubject: registrar.accountSubject,
      registeredBy: registrar.subject,
      createdAt: registrar.at,
      updatedAt: registrar.at,
    });
    for (const consent of consents) {
      tx.create(Consent, { volunteerId: volunteer.id, kind: consent.kind, given: true, at: consent.at, recordedBy: registrar.subject });
    }
    await tx.flush();
    await syncCandidatePositions(tx, volunteer);
    return volunteer;
  });
}

/** The home's place against the municipality's boundary: the override columns to write (all null inside). */
async function checkHomePlace(
  peers: PeerClient,
  municipalityId: string,
  home: CheckedAddress,
  overrideReason: string | null | undefined,
  by: string,
  at: Date,
): Promise<Pick<Volunteer, 'homeOutsideReason' | 'homeOutsideBy' | 'homeOutsideAt' | 'homeOutsideMeters'>> {
  const override = checkPlace({
    distanceOutside: await distanceOutsideMunicipality(peers, municipalityId, home),
    what: 'The home address',
    field: 'homeAddress.position',
    overrideReason,
    by,
    at,
  });
  return {
    homeOutsideReason: override?.reason ?? null,
    homeOutsideBy: override?.by ?? null,
    homeOutsideAt: override?.at ?? null,
    homeOutsideMeters: override?.distanceMeters ?? null,
  };
}

/** Corrects a volunteer's contact details and addresses; `by` is the caller's subject, recorded with a home accepted outside. */
export async function updateVolunteer(em: EntityManager, peers: PeerClient, volunteer: Volunteer, update: VolunteerUpdate, by: string, at: Date): Promise<Volunteer> {
  const changes: Partial<Volunteer> = {};
  if (update.name != null) changes.name = checkText(update.name, 'name', 'The name');
  if (update.phone != null) changes.phone = checkPhone(update.phone, volunteer.countryCode as PhoneCountry);
  if (update.email != null) changes.email = checkEmail(update.email);
  if (update.homeAddress != null) {
    const home = checkAddress(update.homeAddress, 'homeAddress', 'home address');
    Object.assign(changes, homeOf(home), await checkHomePlace(peers, volunteer.municipalityId, home, update.outsideMunicipalityReason, by, at));
  }
  if (update.workAddress !== undefined) Object.assign(changes, workOf(update.workAddress));
  if (update.language !== undefined) changes.language = update.language === null ? null : checkLanguage(update.language);
  await refuseDuplicates(em, { phone: changes.phone, email: changes.email }, volunteer.id);
  return writing(em, async (tx) => {
    const row = await tx.findOneOrFail(Volunteer, { id: volunteer.id });
    tx.assign(row, { ...changes, updatedAt: at });
    await tx.flush();
    await syncCandidatePositions(tx, row);
    return row;
  });
}

/** Switches the volunteer on or off duty and sets or clears their quiet hours. */
export async function setAvailability(em: EntityManager, volunteer: Volunteer, update: AvailabilityUpdate, at: Date): Promise<Volunteer> {
  const changes: Partial<Volunteer> = {};
  if (update.onDuty != null) changes.onDuty = update.onDuty;
  if (update.quietHours === null) Object.assign(changes, { quietHoursStart: null, quietHoursEnd: null });
  else if (update.quietHours !== undefined) {
    const quiet = checkQuietHours(update.quietHours);
    Object.assign(changes, { quietHoursStart: quiet.start, quietHoursEnd: quiet.end });
  }
  return em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(Volunteer, { id: volunteer.id });
    tx.assign(row, { ...changes, updatedAt: at });
    await tx.flush();
    await syncCandidatePositions(tx, row);
    return row;
  });
}

/** Suspends a volunteer (no alerts) or reinstates them. */
export async function setStatus(em: EntityManager, volunteer: Volunteer, status: VolunteerStatus, at: Date): Promise<Volunteer> {
  if (status === VolunteerStatus.DELETED) throw badInput('An account is deleted by its volunteer (deleteMyAccount), not by a status.', { field: 'status' });
  return em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(Volunteer, { id: volunteer.id });
    tx.assign(row, { status, updatedAt: at });
    await tx.flush();
    await syncCandidatePositions(tx, row);
    return row;
  });
}

/**
 * Erases a volunteer's personal data: name, contact details, addresses,
 * positions, consents, memberships and notifications. What stays is
 * anonymous: the id (referenced by past alerts), the municipality, the
 * registration and deletion dates and the certificates' types and dates,
 * for the statistics of the programme.
 */
export async function deleteVolunteerAccount(em: EntityManager, volunteer: Volunteer, at: Date, by: string): Promise<void> {
  await em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(Volunteer, { id: volunteer.id });
    tx.assign(row, {
      status: VolunteerStatus.DELETED,
      accountSubject: null,
      name: null,
      phone: null,
      email: null,
      dateOfBirth: null,
      homeStreet: null,
      homeHouseNumber: null,
      homePostalCode: null,
      homeCity: null,
      homeLatitude: null,
      homeLongitude: null,
      homeOutsideReason: null,
      homeOutsideBy: null,
      homeOutsideAt: null,
      homeOutsideMeters: null,
      ...workOf(null),
      quietHoursStart: null,
      quietHoursEnd: null,
      locationSharing: false,
      updatedAt: at,
      deletedAt: at,
      // The audit record of the erasure: who (the volunteer, or a coordinator on their request) and when.
      deletedBy: by,
    });
    await tx.nativeDelete(Consent, { volunteerId: row.id });
    await tx.nativeDelete(AssociationMembership, { volunteerId: row.id });
    await sql(tx, 'delete from volunteers.volunteer_notification where volunteer_id = $1', [row.id]);
    await tx.flush();
    await syncCandidatePositions(tx, row);
  });
}
