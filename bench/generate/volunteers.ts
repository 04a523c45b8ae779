/**
 * Volunteers of the synthetic country, as rows of the volunteers subgraph's
 * tables: the volunteer, their training certificates, consents, partner
 * association membership, and their rows in the candidate search table.
 *
 * The mix follows the field (DOMAIN.md): homes where people live, a work
 * address with weekly hours for about half, a current phone position for
 * about one in ten; a quarter with a lapsed certificate (the Dutch 2023
 * figures), one in ten expiring within two months, a few unverified; some
 * off duty, a quarter with quiet hours, a few suspended or deleted accounts.
 *
 * The search table's eligibility copy is derived with the subgraph's own
 * `candidateEligibilityOf`, so the generated search rows say exactly what
 * the subgraph would have written for the same volunteer.
 */
import { candidateEligibilityOf, type CandidateEligibility, type CandidatePositionInput, type WeeklyHours } from '../../subgraphs/volunteers/candidates/candidate-positions.ts';
import type { QuietHours, VolunteerAlertabilityInput } from '../../subgraphs/volunteers/candidates/eligibility.ts';
import { addDays, addYears } from '../../common/zoned-time.ts';
import { municipalitySampler, placeInMunicipality, type SyntheticMunicipality } from './country.ts';
import type { Row } from './bulk.ts';
import { personName, postalCode, streetAddress } from './names.ts';
import { COUNTRY_CODE, TIME_ZONE, type SyntheticOrganisation } from './organization.ts';
import { Random } from '../../common/random.ts';

/** Everything written for one volunteer. */
export interface GeneratedVolunteer {
  volunteer: Row;
  certificates: Row[];
  consents: Row[];
  memberships: Row[];
  /** Positions for the candidate search table, each with the volunteer's eligibility copy. */
  positions: { position: CandidatePositionInput; eligibility: CandidateEligibility }[];
}

const OFFICE: WeeklyHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:30', end: '17:00' }));
const PART_TIME: WeeklyHours = [1, 2, 4].map((day) => ({ day, start: '09:00', end: '15:30' }));
const SHOP: WeeklyHours = [2, 3, 4, 5, 6].map((day) => ({ day, start: '09:30', end: '18:00' }));
const NIGHT_SHIFTS: WeeklyHours = [1, 3, 5, 7].map((day) => ({ day, start: '22:00', end: '06:30' }));

const CERTIFICATES = [
  { share: 0.75, type: 'CPR_AED', name: 'NRR Reanimatie/AED', provider: 'EHBO-vereniging', years: null },
  { share: 0.08, type: 'CPR', name: 'NRR Basale reanimatie', provider: 'Rode Kruis', years: null },
  { share: 0.1, type: 'BLS', name: 'ERC Basic Life Support', provider: 'Ambulance Academie', years: 2 },
  { share: 0.07, type: 'PROFESSIONAL', name: 'ALS-provider', provider: 'NRR', years: 2 },
] as const;

function pickCertificate(random: Random): (typeof CERTIFICATES)[number] {
  let draw = random.next();
  for (const certificate of CERTIFICATES) {
    draw -= certificate.share;
    if (draw <= 0) return certificate;
  }
  return CERTIFICATES[0];
}

function weeklyHours(random: Random): WeeklyHours {
  const draw = random.next();
  return draw < 0.6 ? OFFICE : draw < 0.75 ? PART_TIME : draw < 0.9 ? SHOP : NIGHT_SHIFTS;
}

function quietHours(random: Random): QuietHours | null {
  const draw = random.next();
  return draw < 0.2 ? { start: '23:00', end: '07:00' } : draw < 0.25 ? { start: '00:00', end: '06:00' } : null;
}

function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** The instant `days` (fractional) after midnight UTC of `date`. */
function instant(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString();
}

/**
 * Generates `count` volunteers, one at a time (so 500,000 never sit in
 * memory at once). The same seed, count and day give the same volunteers.
 */
export function* generateVolunteers(organisation: SyntheticOrganisation, options: { seed: number; count: number; today: string }): Generator<GeneratedVolunteer> {
  const random = Random.stream(options.seed, 'volunteers');
  const { country } = organisation;
  const homeMunicipality = municipalitySampler(country);
  const byRegion = new Map<string, SyntheticMunicipality[]>();
  for (const municipality of country.municipalities) byRegion.set(municipality.regionId, [...(byRegion.get(municipality.regionId) ?? []), municipality]);
  const municipalityIndex = new Map(country.municipalities.map((municipality, index) => [municipality.id, index]));
  const { today } = options;

  for (let index = 0; index < options.count; index++) {
    const id = random.uuid();
    const municipality = homeMunicipality(random);
    const workingGroup = organisation.workingGroups.get(municipality.id)!;
    const roll = random.next();
    const status = roll < 0.005 ? 'DELETED' : roll < 0.015 ? 'SUSPENDED' : 'ACTIVE';
    const selfRegistered = random.chance(0.7);
    const registeredBy = selfRegistered ? `bench-volunteer-${index}` : workingGroup.adminSupportSubject;
    const createdAt = instant(today, -random.integer(1, 6 * 365) + random.next());

    // The latest certificate's last valid day, relative to today: lapsed, expiring within two months, or fine.
    const draw = random.next();
    const validUntil = addDays(today, draw < 0.25 ? -random.integer(1, 700) : draw < 0.35 ? random.integer(0, 60) : random.integer(61, 365));
    const kind = pickCertificate(random);
    const courseDate = kind.years === null ? addYears(validUntil, -1) : addYears(validUntil, -kind.years);
    const verified = random.chance(0.93);
    const certificateRow = (course: string, explicitEnd: string | null, isVerified: boolean): Row => ({
      id: random.uuid(),
      volunteer_id: id,
      type: kind.type,
      name: kind.name,
      provider: kind.provider,
      course_date: course,
      valid_until: explicitEnd,
      verified_at: isVerified ? instant(earlier(addDays(course, random.integer(1, 14)), today), 0.5) : null,
      verified_by: isVerified ? workingGroup.adminSupportSubject : null,
      recorded_by: registeredBy,
      created_at: instant(course, 0.6),
    });
    const certificates = [certificateRow(courseDate, kind.years === null ? null : validUntil, verified)];
    // Some renewed before: their previous certificate is still on record.
    if (random.chance(0.3)) {
      const previous = addYears(courseDate, -1);
      certificates.push(certificateRow(previous, kind.years === null ? null : addYears(previous, kind.years), true));
    }

    if (status === 'DELETED') {
      // deleteMyAccount keeps only what anonymous statistics need: the municipality, dates and certificates.
      const deletedAt = instant(today, -random.integer(1, 365));
      yield {
        volunteer: {
          id,
          status,
          account_subject: null,
          name: null,
          phone: null,
          email: null,
          date_of_birth: null,
          home_street: null,
          home_house_number: null,
          home_postal_code: null,
          home_city: null,
          home_latitude: null,
          home_longitude: null,
          work_street: null,
          work_house_number: null,
          work_postal_code: null,
          work_city: null,
          work_latitude: null,
          work_longitude: null,
          work_hours: null,
          municipality_id: municipality.id,
          time_zone: TIME_ZONE,
          country_code: COUNTRY_CODE,
          security_region_id: municipality.regionId,
          on_duty: false,
          quiet_hours_start: null,
          quiet_hours_end: null,
          location_sharing: false,
          registered_by: registeredBy,
          created_at: createdAt,
          updated_at: deletedAt,
          deleted_at: deletedAt,
        },
        certificates,
        consents: [],
        memberships: [],
        positions: [],
      };
      continue;
    }

    const name = personName(random);
    const age = 18 + Math.floor(Math.abs(random.normal()) * 22 + random.next() * 10);
    const dateOfBirth = addDays(today, -Math.round((Math.min(age, 80) + random.next()) * 365.25));
    const [homeLat, homeLon] = placeInMunicipality(random, municipality);
    const home = streetAddress(random);
    const hasWork = random.chance(0.5);
    // Most work near home; the others elsewhere in their region, in proportion to population.
    const workMunicipality = hasWork ? (random.chance(0.55) ? municipality : pickByPopulation(random, byRegion.get(municipality.regionId)!)) : undefined;
    const [workLat, workLon] = workMunicipality ? placeInMunicipality(random, workMunicipality, 0.05) : [null, null];
    const work = workMunicipality ? streetAddress(random) : undefined;
    const hours = workMunicipality ? weeklyHours(random) : null;
    const onDuty = random.chance(0.92);
    const quiet = quietHours(random);
    const locationSharing = random.chance(0.1);
    const association = organisation.associations.get(municipality.regionId)!;
    const member = random.chance(0.2);

    const volunteer: Row = {
      id,
      status,
      account_subject: selfRegistered ? registeredBy : null,
      name,
      phone: `+316${String(index).padStart(8, '0')}`,
      email: random.chance(0.85) ? `${name.toLowerCase().replaceAll(' ', '.')}.${index}@example.org` : null,
      date_of_birth: dateOfBirth,
      home_street: home.street,
      home_house_number: home.houseNumber,
      home_postal_code: postalCode(random, municipalityIndex.get(municipality.id)!),
      home_city: municipality.name.replace('Gemeente ', 'Plaats '),
      home_latitude: homeLat,
      home_longitude: homeLon,
      work_street: work?.street ?? null,
      work_house_number: work?.houseNumber ?? null,
      work_postal_code: workMunicipality ? postalCode(random, municipalityIndex.get(workMunicipality.id)!) : null,
      work_city: workMunicipality ? workMunicipality.name.replace('Gemeente ', 'Plaats ') : null,
      work_latitude: workLat,
      work_longitude: workLon,
      work_hours: hours,
      municipality_id: municipality.id,
      time_zone: TIME_ZONE,
      country_code: COUNTRY_CODE,
      security_region_id: municipality.regionId,
      on_duty: onDuty,
      quiet_hours_start: quiet?.start ?? null,
      quiet_hours_end: quiet?.end ?? null,
      location_sharing: locationSharing,
      registered_by: registeredBy,
      created_at: createdAt,
      updated_at: createdAt,
      deleted_at: null,
    };

    const consents: Row[] = [{ id: random.uuid(), volunteer_id: id, kind: 'PERSONAL_DATA', given: true, at: createdAt, recorded_by: registeredBy, recorded_at: createdAt }];
    if (locationSharing) {
      consents.push({ id: random.uuid(), volunteer_id: id, kind: 'LOCATION_SHARING', given: true, at: createdAt, recorded_by: registeredBy, recorded_at: createdAt });
    }

    const rule: VolunteerAlertabilityInput = {
      dateOfBirth,
      status: status as 'ACTIVE' | 'SUSPENDED',
      onDuty,
      quietHours: quiet,
      certificates: certificates.map((certificate) => ({
        courseDate: certificate.course_date as string,
        validUntil: certificate.valid_until as string | null,
        verified: certificate.verified_at !== null,
      })),
    };
    const eligibility = candidateEligibilityOf(rule, { timeZone: TIME_ZONE, certificateGracePeriodDays: organisation.graceDays.get(municipality.regionId) ?? 0 });
    const positions: GeneratedVolunteer['positions'] = [{ position: { volunteerId: id, kind: 'HOME', lat: homeLat, lon: homeLon }, eligibility }];
    if (workMunicipality) positions.push({ position: { volunteerId: id, kind: 'WORK', lat: workLat!, lon: workLon!, weeklyHours: hours }, eligibility });
    if (locationSharing) {
      // Reported within the 60 hours before today, a few kilometres from home at most.
      const [lat, lon] = placeInMunicipality(random, municipality, 0.3);
      positions.push({ position: { volunteerId: id, kind: 'CURRENT', lat, lon, updatedAt: new Date(instant(today, -random.next() * 2.5)) }, eligibility });
    }

    yield {
      volunteer,
      certificates,
      consents,
      memberships: member ? [{ volunteer_id: id, partner_association_id: association.id, since: createdAt }] : [],
      positions,
    };
  }
}

function pickByPopulation(random: Random, municipalities: readonly SyntheticMunicipality[]): SyntheticMunicipality {
  const total = municipalities.reduce((sum, municipality) => sum + municipality.population, 0);
  let draw = random.next() * total;
  for (const municipality of municipalities) {
    draw -= municipality.population;
    if (draw <= 0) return municipality;
  }
  return municipalities[municipalities.length - 1]!;
}
