/**
 * Readiness over time as CSV and GeoJSON (docs/results.md, "Readiness over time"):
 *
 * - `readiness-history.csv?municipality=<id>&from=&to=`: one row per date, every figure
 *   (an empty cell: no snapshot that date, a gap);
 * - `readiness-change.csv?municipality=<id>&since=[&until=]` (or `region=<id>` for each of its
 *   municipalities): each figure on both dates and its change;
 * - `coverage-change.geojson?municipality=<id>&since=[&until=]`: where six-minute coverage grew
 *   or shrank, a hexagon per grid cell (the municipality's coordinators only, as in the graph).
 */
import { badInput } from '../../common/errors.ts';
import type { CsvValue } from './csv.ts';
import type { NamedExport } from './index.ts';

/** The figures of a day, in the order of the columns. */
const FIGURES = [
  'volunteerCount',
  'alertableVolunteerCountByDay',
  'alertableVolunteerCountAtNight',
  'volunteersLapsingWithinThreeMonths',
  'aedCount',
  'dispatchableAedCountByDay',
  'dispatchableAedCountAtNight',
  'twentyFourSevenAedCount',
  'twentyFourSevenAedShare',
  'dayCoveredPopulationShare',
  'nightCoveredPopulationShare',
] as const;

function required(parameters: URLSearchParams, name: string, what: string): string {
  const value = parameters.get(name);
  if (!value) throw badInput(`The parameter ${name} is missing (${what}).`, { field: name });
  return value;
}

const HISTORY = `query ReadinessHistoryExport($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  municipality(id: $id) { code readinessHistory(from: $from, to: $to) { dates ${FIGURES.join(' ')} } }
}`;

interface HistoryAnswer {
  municipality: { code: string; readinessHistory: Record<(typeof FIGURES)[number], (number | null)[]> & { dates: string[] } };
}

export const readinessHistoryExport: NamedExport = {
  description: 'A municipality’s daily readiness snapshots, one row per date (empty cells: no snapshot that date).',
  parameters: { municipality: 'the municipality’s id', from: 'YYYY-MM-DD, first date', to: 'YYYY-MM-DD, last date (included)' },
  query: HISTORY,
  variables: (parameters) => ({
    id: required(parameters, 'municipality', 'the municipality’s id'),
    from: required(parameters, 'from', 'YYYY-MM-DD'),
    to: required(parameters, 'to', 'YYYY-MM-DD'),
  }),
  fileName: (variables) => `readiness-history-${variables.from}-${variables.to}`,
  table: (data) => {
    const history = (data as HistoryAnswer).municipality.readinessHistory;
    return {
      columns: ['date', ...FIGURES],
      rows: history.dates.map((date, index): CsvValue[] => [date, ...FIGURES.map((figure) => history[figure][index])]),
    };
  },
};

const DAY = `date ${FIGURES.join(' ')}`;
const CHANGE_FIELDS = `municipalityId sinceDate untilDate since { ${DAY} } until { ${DAY} } ${FIGURES.join(' ')}`;

type Day = Record<(typeof FIGURES)[number], number | null> & { date: string };
type Change = Record<(typeof FIGURES)[number], number | null> & { municipalityId: string; sinceDate: string; untilDate: string; since: Day; until: Day };

function changeVariables(parameters: URLSearchParams): Record<string, unknown> {
  const municipality = parameters.get('municipality');
  const region = parameters.get('region');
  if (!municipality === !region) throw badInput('Give either municipality or region (an id), not both.', { field: municipality ? 'region' : 'municipality' });
  return { id: municipality ?? region, region: region !== null, since: required(parameters, 'since', 'YYYY-MM-DD'), until: parameters.get('until') };
}

export const readinessChangeExport: NamedExport = {
  description: 'What changed since a date (default until today): each figure on both dates and the change; for a municipality, or each of a region’s.',
  parameters: { municipality: 'a municipality’s id (or region)', region: 'a security region’s id (or municipality)', since: 'YYYY-MM-DD', until: 'YYYY-MM-DD, default today' },
  query: `query ReadinessChangeExport($id: ID!, $region: Boolean!, $since: LocalDate!, $until: LocalDate) {
    municipality(id: $id) @skip(if: $region) { readinessChange(since: $since, until: $until) { ${CHANGE_FIELDS} } }
    securityRegion(id: $id) @include(if: $region) { readinessChange(since: $since, until: $until) { ${CHANGE_FIELDS} } }
  }`,
  variables: changeVariables,
  fileName: (variables) => `readiness-change-${variables.since}-${variables.until ?? 'today'}`,
  table: (data) => {
    const answer = data as { municipality?: { readinessChange: Change }; securityRegion?: { readinessChange: Change[] } };
    const changes = answer.securityRegion?.readinessChange ?? (answer.municipality ? [answer.municipality.readinessChange] : []);
    return {
      columns: ['municipalityId', 'sinceDate', 'untilDate', ...FIGURES.flatMap((figure) => [`${figure}Since`, `${figure}Until`, `${figure}Change`])],
      rows: changes.map((change): CsvValue[] => [
        change.municipalityId,
        change.sinceDate,
        change.untilDate,
        ...FIGURES.flatMap((figure) => [change.since[figure], change.until[figure], change[figure]]),
      ]),
    };
  },
};

export const coverageChangeExport: NamedExport = {
  description: 'Where six-minute coverage grew or shrank since a date: a hexagon per grid cell (the municipality’s coordinators).',
  parameters: { municipality: 'the municipality’s id', since: 'YYYY-MM-DD', until: 'YYYY-MM-DD, default today' },
  query: `query CoverageChangeExport($id: ID!, $since: LocalDate!, $until: LocalDate) {
    municipality(id: $id) { readinessChange(since: $since, until: $until) { coverageChangeGeoJson } }
  }`,
  variables: (parameters) => ({
    id: required(parameters, 'municipality', 'the municipality’s id'),
    since: required(parameters, 'since', 'YYYY-MM-DD'),
    until: parameters.get('until'),
  }),
  fileName: (variables) => `coverage-change-${variables.since}-${variables.until ?? 'today'}`,
  featureCollection: (data) => (data as { municipality: { readinessChange: { coverageChangeGeoJson: unknown } } }).municipality.readinessChange.coverageChangeGeoJson,
};
