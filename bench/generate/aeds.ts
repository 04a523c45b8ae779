/**
 * AEDs of the synthetic country, as rows of the aeds subgraph's tables
 * (`aeds.aed`, `aeds.aed_guardian`). Placed where people are, in proportion
 * to population, with the mix the field reports (DOMAIN.md): outdoor
 * cabinets open around the clock (most locked with a code), offices,
 * shops and sports clubs with their hours and public holidays off, schools
 * closed in the holidays, and the ones that fail: expired pads or battery,
 * overdue or missing guardian checks, out of service, private, locked
 * without a known code, no schedule at all.
 *
 * Schedules are stored as the subgraph stores them: validated and written
 * back by its own `validateSchedule`.
 */
import { validateSchedule } from '../../subgraphs/aeds/availability/availability.ts';
import { addDays } from '../../common/zoned-time.ts';
import { municipalitySampler, placeInMunicipality } from './country.ts';
import type { Row } from './bulk.ts';
import { personName, postalCode, streetAddress } from './names.ts';
import { COUNTRY_CODE, TIME_ZONE, type SyntheticOrganisation } from './organization.ts';
import { Random } from '../../common/random.ts';

/** An AED as the incident history needs it: where, and whether a volunteer could have fetched it. */
export interface GeneratedAedPlace {
  id: string;
  lat: number;
  lon: number;
  locationDescription: string;
  cabinetCode: string | null;
}

/** Everything written for one AED. */
export interface GeneratedAed {
  aed: Row;
  guardians: Row[];
  /** Set when it could be sent to fetch (has a schedule, operational, not private, code known if locked). */
  fetchable: GeneratedAedPlace | undefined;
}

interface Kind {
  share: number;
  description: string;
  schedule: string | null;
  indoor: boolean;
  access: 'PUBLIC' | 'RESTRICTED' | 'PRIVATE';
  /** Share of these AEDs in a locked cabinet. */
  locked: number;
  owner: string;
}

// Dutch school holidays of a middle region, as explicit date ranges: opening_hours knows no SH for NL.
const SCHOOL = 'Mo-Fr 07:30-17:00; Feb 14-Feb 22 off; Apr 25-May 03 off; Jul 11-Aug 23 off; Oct 17-Oct 25 off; Dec 19-Jan 03 off; PH off';

const KINDS: Kind[] = [
  { share: 0.4, description: 'Outdoor cabinet on the front of the building', schedule: '24/7', indoor: false, access: 'PUBLIC', locked: 0.75, owner: 'Stichting AED' },
  { share: 0.2, description: 'In the reception of the office building', schedule: 'Mo-Fr 08:00-18:00; PH off', indoor: true, access: 'RESTRICTED', locked: 0, owner: 'Kantoor' },
  {
    share: 0.1,
    description: 'Next to the tills of the supermarket',
    schedule: 'Mo-Sa 07:00-22:00; Su 10:00-18:00; PH off',
    indoor: true,
    access: 'PUBLIC',
    locked: 0,
    owner: 'Supermarkt',
  },
  { share: 0.1, description: 'In the gym of the school', schedule: SCHOOL, indoor: true, access: 'RESTRICTED', locked: 0, owner: 'Basisschool' },
  {
    share: 0.08,
    description: 'In the canteen of the sports club',
    schedule: 'Mo-Fr 18:00-23:00; Sa 09:00-18:00; Su 09:00-14:00',
    indoor: true,
    access: 'PUBLIC',
    locked: 0,
    owner: 'Sportvereniging',
  },
  { share: 0.05, description: 'At the pharmacy counter', schedule: 'Mo-Fr 08:30-17:30; Sa 10:00-16:00; PH off', indoor: true, access: 'PUBLIC', locked: 0, owner: 'Apotheek' },
  { share: 0.04, description: 'In the hall of the care home', schedule: '24/7', indoor: true, access: 'PRIVATE', locked: 0, owner: 'Zorgcentrum' },
  { share: 0.03, description: 'In the community centre', schedule: null, indoor: true, access: 'PUBLIC', locked: 0, owner: 'Buurthuis' },
];

const BRANDS: [string, string][] = [
  ['Philips', 'HeartStart FRx'],
  ['Philips', 'HeartStart HS1'],
  ['ZOLL', 'AED Plus'],
  ['ZOLL', 'AED 3'],
  ['Cardiac Science', 'Powerheart G5'],
  ['Physio-Control', 'LIFEPAK CR2'],
  ['Mindray', 'BeneHeart C2'],
  ['Schiller', 'FRED PA-1'],
];

function pickKind(random: Random): Kind {
  let draw = random.next();
  for (const kind of KINDS) {
    draw -= kind.share;
    if (draw <= 0) return kind;
  }
  return KINDS[0]!;
}

const storedSchedules = new Map<string, string>();

/** The schedule as the subgraph stores it (validated and written back by its parser). */
function storedSchedule(schedule: string): string {
  let stored = storedSchedules.get(schedule);
  if (stored === undefined) {
    const validation = validateSchedule(schedule, { countryCode: COUNTRY_CODE });
    if (!validation.valid) throw new Error(`The generator's schedule "${schedule}" is refused by the aeds subgraph: ${validation.message}`);
    stored = validation.schedule;
    storedSchedules.set(schedule, stored);
  }
  return stored;
}

/** Generates `count` AEDs, one at a time; the same seed, count and day give the same AEDs. */
export function* generateAeds(organisation: SyntheticOrganisation, options: { seed: number; count: number; today: string }): Generator<GeneratedAed> {
  const random = Random.stream(options.seed, 'aeds');
  const { country } = organisation;
  const sample = municipalitySampler(country);
  const municipalityIndex = new Map(country.municipalities.map((municipality, index) => [municipality.id, index]));
  const { today } = options;
  for (let index = 0; index < options.count; index++) {
    const id = random.uuid();
    const municipality = sample(random);
    const kind = pickKind(random);
    // Outdoor cabinets also stand in villages and along the countryside; the rest are in town.
    const [latitude, longitude] = placeInMunicipality(random, municipality, kind.indoor ? 0.05 : 0.2);
    const address = streetAddress(random);
    const locked = random.chance(kind.locked);
    // A tenth of locked cabinets have no code on record: never dispatchable.
    const cabinetCode = locked && random.chance(0.9) ? String(random.integer(0, 9999)).padStart(4, '0') : null;
    const [brand, model] = random.pick(BRANDS);
    const roll = random.next();
    // Expiry: most well ahead; a few expired (pads more often than batteries) or about to.
    const padsExpireOn = addDays(today, roll < 0.05 ? -random.integer(1, 300) : random.integer(0, 900));
    const batteryExpiresOn = addDays(today, random.chance(0.03) ? -random.integer(1, 400) : random.integer(0, 1800));
    const checkRoll = random.next();
    // Checks are valid 90 days: about one in ten is overdue, a few were never checked.
    const lastCheckedOn = checkRoll < 0.03 ? null : addDays(today, checkRoll < 0.13 ? -random.integer(91, 400) : -random.integer(0, 89));
    const operational = random.chance(0.98);
    const schedule = kind.schedule === null ? null : storedSchedule(kind.schedule);
    const ownerName = `${kind.owner} ${municipality.name.replace('Gemeente ', '')}`;
    const createdAt = new Date(Date.parse(`${today}T00:00:00Z`) - random.integer(30, 5 * 365) * 86_400_000).toISOString();
    const aed: Row = {
      id,
      latitude,
      longitude,
      location_description: kind.description,
      municipality_id: municipality.id,
      created_at: createdAt,
      address: `${address.street} ${address.houseNumber}, ${postalCode(random, municipalityIndex.get(municipality.id)!)} ${municipality.name.replace('Gemeente ', 'Plaats ')}`,
      indoor: kind.indoor,
      floor: kind.indoor ? random.pick(['0', '0', '0', '1', '-1']) : null,
      access: kind.access,
      cabinet_locked: locked,
      cabinet_code: cabinetCode,
      owner_name: ownerName,
      owner_email: `aed-${index}@example.org`,
      owner_phone: `+3130${String(index).padStart(7, '0')}`,
      brand,
      model,
      serial_number: `${brand.slice(0, 2).toUpperCase()}${String(100_000 + index)}`,
      reference: null,
      // About half came in through an OpenStreetMap import, which matches them on this id.
      external_id: random.chance(0.5) ? `osm:node/${9_000_000_000 + index}` : null,
      time_zone: TIME_ZONE,
      country_code: COUNTRY_CODE,
      availability_schedule: schedule,
      battery_expires_on: batteryExpiresOn,
      pads_expire_on: padsExpireOn,
      last_checked_on: lastCheckedOn,
      operational,
      stood_down_at: null,
      stood_down_incident_id: null,
      updated_at: createdAt,
    };
    const guardians: Row[] = [];
    const guardianCount = random.chance(0.85) ? random.integer(1, 2) : 0;
    for (let guardian = 0; guardian < guardianCount; guardian++) {
      guardians.push({
        id: random.uuid(),
        aed_id: id,
        name: personName(random),
        email: `guardian-${index}-${guardian}@example.org`,
        phone: `+3165${String(index * 2 + guardian).padStart(7, '0')}`,
        created_at: createdAt,
      });
    }
    const fetchable = operational && schedule !== null && kind.access !== 'PRIVATE' && (!locked || cabinetCode !== null);
    yield { aed, guardians, fetchable: fetchable ? { id, lat: latitude, lon: longitude, locationDescription: kind.description, cabinetCode } : undefined };
  }
}
