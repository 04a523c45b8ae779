/**
 * The volunteer fields that Municipality and WorkingGroup share: public
 * counts for everyone, lists of volunteers for the coordinators of the
 * municipalities concerned only.
 */
import { ANONYMOUS, canSeePersonalDataOf } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { forbidden, unauthenticated } from '../../../common/errors.ts';
import { alertableCountOfMunicipality, volunteerCountsOfMunicipality, volunteersById } from '../loaders.ts';
import { certificateRenewalsDue, checkHorizons, forecastLapses } from '../renewal/renewal.service.ts';
import { CertificateLapseForecastType, CertificateRenewalType } from '../renewal/renewal.type.ts';
import { Volunteer, VolunteerStatus } from './volunteer.entity.ts';
import { VolunteerType } from './volunteer.type.ts';

/** The municipalities among `municipalityIds` whose volunteers the caller may list; FORBIDDEN (or UNAUTHENTICATED) when none. */
export function listableMunicipalities(context: RequestContext, municipalityIds: readonly string[]): string[] {
  const { principal } = context;
  if (principal.subject === ANONYMOUS.subject) throw unauthenticated();
  const listable = municipalityIds.filter((id) => canSeePersonalDataOf(principal, id));
  if (listable.length === 0 && municipalityIds.length > 0) {
    throw forbidden('Only the coordinators of a municipality (its policy officer, its working group, ADMIN) may list its volunteers.');
  }
  return listable;
}

async function counts(context: RequestContext, municipalityIds: readonly string[]) {
  return Promise.all(municipalityIds.map((id) => volunteerCountsOfMunicipality(context).load(id)));
}

/** Registered volunteers (not deleted accounts). Public. */
export async function registeredCount(context: RequestContext, municipalityIds: readonly string[]): Promise<number> {
  return (await counts(context, municipalityIds)).reduce((sum, count) => sum + count.registered, 0);
}

/** Deleted accounts, kept as an anonymous count. Public. */
export async function formerCount(context: RequestContext, municipalityIds: readonly string[]): Promise<number> {
  return (await counts(context, municipalityIds)).reduce((sum, count) => sum + count.former, 0);
}

/** Volunteers alertable at `at` (the eligibility rule, positions aside). Public. */
export async function alertableCount(context: RequestContext, municipalityIds: readonly string[], at: Date): Promise<number> {
  const counts = await Promise.all(municipalityIds.map((id) => alertableCountOfMunicipality(context).load(`${id} ${at.toISOString()}`)));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** The volunteers of the municipalities the caller coordinates, by name. */
export async function volunteerList(context: RequestContext, municipalityIds: readonly string[]): Promise<VolunteerType[]> {
  const listable = listableMunicipalities(context, municipalityIds);
  if (listable.length === 0) return [];
  const volunteers = await context.em.find(Volunteer, { municipalityId: { $in: listable }, status: { $ne: VolunteerStatus.DELETED } }, { orderBy: { name: 'asc', id: 'asc' } });
  return volunteers.map(VolunteerType.from);
}

/** Renewals due at `at` in the municipalities the caller coordinates, soonest expiry first. */
export async function renewalList(context: RequestContext, municipalityIds: readonly string[], at: Date): Promise<CertificateRenewalType[]> {
  const listable = listableMunicipalities(context, municipalityIds);
  return (await certificateRenewalsDue(context.em, listable, at)).map(CertificateRenewalType.from);
}

/** The lapse forecast of the municipalities (counts public; the volunteers behind them for coordinators). */
export async function lapseForecast(
  context: RequestContext,
  municipalityIds: readonly string[],
  at: Date,
  months: readonly number[] | null | undefined,
): Promise<CertificateLapseForecastType[]> {
  const horizons = checkHorizons(months);
  return (await forecastLapses(context.em, municipalityIds, at, horizons)).map((forecast) => CertificateLapseForecastType.from(forecast, [...municipalityIds]));
}

/** The volunteers behind a forecast count, for the coordinators of their municipalities. */
export async function forecastVolunteers(context: RequestContext, forecast: CertificateLapseForecastType): Promise<VolunteerType[]> {
  const listable = new Set(listableMunicipalities(context, forecast.municipalityIds));
  const volunteers = await volunteersById(context).loadMany(forecast.volunteerIds);
  return volunteers.filter((volunteer): volunteer is Volunteer => volunteer instanceof Volunteer && listable.has(volunteer.municipalityId)).map(VolunteerType.from);
}
