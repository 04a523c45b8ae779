/**
 * Dutch-looking names, streets and places for synthetic records, so that
 * lists sort, search and print like real ones (and nobody mistakes them for
 * real people: every e-mail address is at example.org).
 */
import type { Random } from '../../common/random.ts';

const FIRST_NAMES = [
  'Anna',
  'Daan',
  'Emma',
  'Sem',
  'Julia',
  'Lucas',
  'Sophie',
  'Finn',
  'Tess',
  'Levi',
  'Sara',
  'Milan',
  'Lotte',
  'Noah',
  'Eva',
  'Jesse',
  'Fleur',
  'Thijs',
  'Lisa',
  'Bram',
  'Anouk',
  'Ruben',
  'Iris',
  'Stijn',
  'Femke',
  'Jeroen',
  'Marieke',
  'Pieter',
  'Sanne',
  'Gijs',
  'Carla',
  'Willem',
  'Ingrid',
  'Henk',
  'Petra',
  'Kees',
  'Yvonne',
  'Ahmed',
  'Fatima',
  'Mohamed',
  'Aylin',
  'Mehmet',
  'Priya',
  'Rajesh',
  'Mei',
  'Jan',
  'Annelies',
  'Hans',
  'Joke',
  'Wim',
  'Nadia',
  'Youssef',
  'Dewi',
  'Kevin',
];

const FAMILY_NAMES = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
  'van der Linden',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'van den Heuvel',
  'van der Veen',
  'van den Broek',
  'de Bruijn',
  'de Bruin',
  'van der Heijden',
  'Schouten',
  'van Beek',
  'Willems',
  'van Vliet',
  'van de Ven',
  'Hoekstra',
  'Maas',
  'Verhoeven',
  'Koster',
  'van Dam',
  'Yilmaz',
  'El Amrani',
  'Kaya',
  'Tan',
];

const STREETS = [
  'Dorpsstraat',
  'Kerkstraat',
  'Schoolstraat',
  'Molenweg',
  'Stationsweg',
  'Julianastraat',
  'Beatrixlaan',
  'Wilhelminastraat',
  'Nieuwstraat',
  'Markt',
  'Kerkplein',
  'Parallelweg',
  'Eikenlaan',
  'Beukenlaan',
  'Lindelaan',
  'Irisstraat',
  'Rozenstraat',
  'Sportlaan',
  'Industrieweg',
  'Havenstraat',
  'Emmalaan',
  'Oranjestraat',
  'Prins Bernhardstraat',
  'Hoofdstraat',
  'Burgemeester de Withstraat',
];

/** A person's full name. */
export function personName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(FAMILY_NAMES)}`;
}

/** A street with a house number. */
export function streetAddress(random: Random): { street: string; houseNumber: string } {
  const number = String(random.integer(1, 240));
  return { street: random.pick(STREETS), houseNumber: random.chance(0.1) ? `${number}${random.pick(['a', 'b', 'c'])}` : number };
}

/** A Dutch postal code (`1234 AB`), plausible for the municipality's index. */
export function postalCode(random: Random, municipalityIndex: number): string {
  const digits = 1000 + ((municipalityIndex * 26 + random.integer(0, 25)) % 9000);
  const letter = () => String.fromCharCode(65 + random.integer(0, 25));
  return `${digits} ${letter()}${letter()}`;
}
