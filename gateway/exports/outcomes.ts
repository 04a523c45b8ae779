/**
 * Outcome statistics as CSV (docs/results.md, "CSV export"):
 *
 * - `outcomes`: one row for the whole period, then one per month (`by=month`,
 *   the default) or per hour of the week (`by=hourOfWeek`);
 * - `alert-burden`: how many volunteers were alerted how many times.
 *
 * Both take `kind` (MUNICIPALITY, WORKING_GROUP, SECURITY_REGION,
 * PARTNER_ASSOCIATION), `id`, `from` and `to` (YYYY-MM-DD). A withheld figure
 * is an empty cell, and the `withheld` column says which and why.
 */
import { badInput } from '../../common/errors.ts';
import type { CsvValue } from './csv.ts';
import type { NamedExport } from './index.ts';

const KINDS = ['MUNICIPALITY', 'WORKING_GROUP', 'SECURITY_REGION', 'PARTNER_ASSOCIATION'];
const EXCLUSIONS = ['CHILD_UNDER_8', 'TRAUMA', 'UNSAFE_SCENE', 'CARE_FACILITY'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const PARAMETERS = {
  kind: KINDS.join(' | '),
  id: 'the id of the municipality, working group, security region or partner association',
  from: 'YYYY-MM-DD, first day',
  to: 'YYYY-MM-DD, last day (included)',
};

/** `kind`, `id`, `from`, `to` from the URL, as the query's variables. */
function scopeVariables(parameters: URLSearchParams): Record<string, unknown> {
  const required = (name: string) => {
    const value = parameters.get(name);
    if (!value) throw badInput(`The parameter ${name} is missing (${PARAMETERS[name as keyof typeof PARAMETERS]}).`, { field: name });
    return value;
  };
  const kind = required('kind').toUpperCase();
  if (!KINDS.includes(kind)) throw badInput(`kind must be one of ${KINDS.join(', ')}.`, { field: 'kind' });
  return { scope: { kind, id: required('id') }, from: required('from'), to: required('to') };
}

function fileName(prefix: string, variables: Record<string, unknown>): string {
  const { scope, from, to } = variables as { scope: { kind: string }; from: string; to: string };
  return `${prefix}-${scope.kind.toLowerCase()}-${from}-${to}`;
}

const COUNT = '{ value withheld }';
const SHARE = '{ value incidents withheld }';
const DURATION = '{ medianSeconds p90Seconds incidents withheld }';
const CELL = `month hourOfWeek withheld
  incidentsReported ${COUNT} incidentsExcluded ${COUNT} incidentsExcludedByReason { reason count ${COUNT} } incidentsCancelled ${COUNT}
  volunteersAlerted ${COUNT} volunteersAccepted ${COUNT} volunteersDeclined ${COUNT} volunteersStoodDown ${COUNT}
  acceptanceRate ${SHARE}
  timeToFirstAcceptance ${DURATION} timeToFirstVolunteerOnScene ${DURATION} timeToFirstAedOnScene ${DURATION}
  volunteerBeforeAmbulanceWithinSixMinutes ${SHARE} aedBeforeAmbulanceWithinSixMinutes ${SHARE}`;

interface Figure {
  value?: number | null;
  medianSeconds?: number | null;
  p90Seconds?: number | null;
  withheld: string | null;
}

type Cell = Record<string, unknown> & {
  month: string | null;
  hourOfWeek: number | null;
  withheld: string | null;
  incidentsExcludedByReason: { reason: string; count: Figure }[];
};

/** What the operations answer, as far as the tables read it. */
interface OutcomesAnswer {
  outcomeStatistics: {
    scopeKind: string;
    scopeId: string;
    from: string;
    to: string;
    total: Cell;
    byMonth?: Cell[];
    byHourOfWeek?: Cell[];
    alertsPerVolunteer?: { withheld: string | null; distribution: { alerts: number; volunteers: number }[] };
  };
}

/** The figures of a cell, in column order: [column, figure, which value]. */
const FIGURE_COLUMNS: [string, string, 'value' | 'medianSeconds' | 'p90Seconds'][] = [
  ['incidents_reported', 'incidentsReported', 'value'],
  ['incidents_excluded', 'incidentsExcluded', 'value'],
  ['incidents_cancelled', 'incidentsCancelled', 'value'],
  ['volunteers_alerted', 'volunteersAlerted', 'value'],
  ['volunteers_accepted', 'volunteersAccepted', 'value'],
  ['volunteers_declined', 'volunteersDeclined', 'value'],
  ['volunteers_stood_down', 'volunteersStoodDown', 'value'],
  ['acceptance_rate', 'acceptanceRate', 'value'],
  ['first_acceptance_median_s', 'timeToFirstAcceptance', 'medianSeconds'],
  ['first_acceptance_p90_s', 'timeToFirstAcceptance', 'p90Seconds'],
  ['first_volunteer_on_scene_median_s', 'timeToFirstVolunteerOnScene', 'medianSeconds'],
  ['first_volunteer_on_scene_p90_s', 'timeToFirstVolunteerOnScene', 'p90Seconds'],
  ['first_aed_on_scene_median_s', 'timeToFirstAedOnScene', 'medianSeconds'],
  ['first_aed_on_scene_p90_s', 'timeToFirstAedOnScene', 'p90Seconds'],
  ['volunteer_before_ambulance_6min_share', 'volunteerBeforeAmbulanceWithinSixMinutes', 'value'],
  ['aed_before_ambulance_6min_share', 'aedBeforeAmbulanceWithinSixMinutes', 'value'],
];

const FIGURES = [...new Set(FIGURE_COLUMNS.map(([, figure]) => figure))];

function label(cell: Cell): string {
  if (cell.month) return cell.month;
  if (cell.hourOfWeek !== null) return `${DAYS[Math.floor(cell.hourOfWeek / 24)]} ${String(cell.hourOfWeek % 24).padStart(2, '0')}:00`;
  return 'total';
}

/** Which figures of the cell are withheld and why, e.g. `incidentsExcluded SMALL_CELL; timeToFirstAedOnScene SMALL_CELL`. */
function withheldOf(cell: Cell): string {
  if (cell.withheld) return `cell ${cell.withheld}`;
  const figures = FIGURES.filter((figure) => (cell[figure] as Figure).withheld).map((figure) => `${figure} ${(cell[figure] as Figure).withheld}`);
  const reasons = cell.incidentsExcludedByReason.filter(({ count }) => count.withheld).map(({ reason, count }) => `excluded ${reason} ${count.withheld}`);
  return [...figures, ...reasons].join('; ');
}

function row(scope: { scopeKind: string; scopeId: string; from: string; to: string }, cell: Cell): CsvValue[] {
  const byReason = new Map(cell.incidentsExcludedByReason.map(({ reason, count }) => [reason, count]));
  const values = FIGURE_COLUMNS.map(([, figure, which]) => (cell[figure] as Figure)[which] ?? null);
  // A reason that did not occur is 0, unless the whole cell is withheld.
  const reasons = EXCLUSIONS.map((reason) => (byReason.has(reason) ? (byReason.get(reason)!.value ?? null) : cell.withheld ? null : 0));
  return [scope.scopeKind, scope.scopeId, scope.from, scope.to, label(cell), ...values.slice(0, 2), ...reasons, ...values.slice(2), withheldOf(cell)];
}

const OUTCOME_COLUMNS = [
  'scope_kind',
  'scope_id',
  'from',
  'to',
  'cell',
  ...FIGURE_COLUMNS.slice(0, 2).map(([column]) => column),
  ...EXCLUSIONS.map((reason) => `excluded_${reason.toLowerCase()}`),
  ...FIGURE_COLUMNS.slice(2).map(([column]) => column),
  'withheld',
];

/** `outcomes.csv`: the whole period, then per month or per hour of the week. */
export const outcomesExport: NamedExport = {
  description: 'Outcome statistics of a scope over a period: one row for the whole period, then one per month (by=month) or per hour of the week (by=hourOfWeek).',
  parameters: { ...PARAMETERS, by: 'month (default) | hourOfWeek' },
  query: `query OutcomesExport($scope: OutcomeScopeInput!, $from: LocalDate!, $to: LocalDate!, $byMonth: Boolean!) {
    outcomeStatistics(scope: $scope, from: $from, to: $to) {
      scopeKind scopeId from to
      total { ${CELL} }
      byMonth @include(if: $byMonth) { ${CELL} }
      byHourOfWeek @skip(if: $byMonth) { ${CELL} }
    }
  }`,
  variables(parameters) {
    const by = parameters.get('by') ?? 'month';
    if (by !== 'month' && by !== 'hourOfWeek') throw badInput('by must be month or hourOfWeek.', { field: 'by' });
    return { ...scopeVariables(parameters), byMonth: by === 'month' };
  },
  fileName: (variables) => fileName('outcomes', variables),
  table(data) {
    const statistics = (data as OutcomesAnswer).outcomeStatistics;
    const cells: Cell[] = [statistics.total, ...(statistics.byMonth ?? statistics.byHourOfWeek ?? [])];
    return { columns: OUTCOME_COLUMNS, rows: cells.map((cell) => row(statistics, cell)) };
  },
};

/** `alert-burden.csv`: volunteers per number of alerts in the period. */
export const alertBurdenExport: NamedExport = {
  description: 'Alerts per volunteer over a period: how many volunteers were alerted how many times (no identities).',
  parameters: PARAMETERS,
  query: `query AlertBurdenExport($scope: OutcomeScopeInput!, $from: LocalDate!, $to: LocalDate!) {
    outcomeStatistics(scope: $scope, from: $from, to: $to) {
      scopeKind scopeId from to days
      alertsPerVolunteer { withheld distribution { alerts volunteers } }
    }
  }`,
  variables: scopeVariables,
  fileName: (variables) => fileName('alert-burden', variables),
  table(data) {
    const statistics = (data as OutcomesAnswer).outcomeStatistics;
    const burden = statistics.alertsPerVolunteer!;
    const scope = [statistics.scopeKind, statistics.scopeId, statistics.from, statistics.to];
    const rows: CsvValue[][] = burden.withheld
      ? [[...scope, null, null, burden.withheld]]
      : burden.distribution.map(({ alerts, volunteers }) => [...scope, alerts, volunteers, null]);
    return { columns: ['scope_kind', 'scope_id', 'from', 'to', 'alerts_in_period', 'volunteers', 'withheld'], rows };
  },
};
