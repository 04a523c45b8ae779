/**
 * Countries as ISO 3166-1 alpha-2 codes. A municipality's country picks the
 * public holidays of AED schedules (`PH off`) and the numbering plan of phone
 * numbers written without a country code, so only an officially assigned
 * code will do: `XX` or `UK` would make every registration fail later with a
 * misleading phone error.
 */

/** The 249 officially assigned ISO 3166-1 alpha-2 codes. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** Codes people write that ISO 3166-1 reserves for something else, with the code they mean. */
const MEANT: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR', EU: 'a member state’s code' };

/**
 * Why `code` is not an officially assigned ISO 3166-1 alpha-2 code (a
 * message fit for a person, e.g. "UK is not an ISO 3166-1 code; use GB"), or
 * null when it is one.
 */
export function countryCodeRefusal(code: string): string | null {
  if (COUNTRY_CODES.has(code)) return null;
  const meant = MEANT[code.toUpperCase()];
  if (meant) return `${code} is not an ISO 3166-1 code; use ${meant}`;
  if (COUNTRY_CODES.has(code.toUpperCase())) return `country codes are written in capitals: ${code.toUpperCase()}`;
  return `${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 country code (an officially assigned one such as NL, SE or DK)`;
}
