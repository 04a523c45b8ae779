/**
 * The period outcome statistics are asked for: calendar dates, both days
 * included, read on the clock of each incident's municipality. Checked before
 * anything is computed: a reversed period, one reaching past today, or one
 * starting before the incidents history kept begins is BAD_USER_INPUT
 * (a month before the first incident was recorded would otherwise read as a
 * month without cardiac arrests).
 */
import { badInput } from '../../../common/errors.ts';
import { addDays, daysBetween, parseLocalDate, type LocalDate } from '../../../common/zoned-time.ts';

/** A checked period. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
  /** Days in it, both ends included. */
  days: number;
}

/**
 * Checks `from` and `to` against `today` (the latest calendar date anywhere the product serves).
 * @throws BAD_USER_INPUT naming the field.
 */
export function checkPeriod(from: string, to: string, today: LocalDate): Period {
  const start = parseLocalDate(from);
  if (!start) throw badInput(`from must be a calendar date written YYYY-MM-DD, got "${from}".`, { field: 'from' });
  const end = parseLocalDate(to);
  if (!end) throw badInput(`to must be a calendar date written YYYY-MM-DD, got "${to}".`, { field: 'to' });
  if (end < start) throw badInput(`The period is reversed: to (${end}) lies before from (${start}).`, { field: 'to', from: start, to: end });
  if (end > today) throw badInput(`to (${end}) lies in the future; the latest day with a history is ${today}.`, { field: 'to', latest: today });
  return { from: start, to: end, days: daysBetween(start, end) + 1 };
}

/**
 * Refuses a period that starts before `keptSince`, the first day of the
 * kept history (the earliest incident's call); with no incidents yet, today.
 * @throws BAD_USER_INPUT with `keptSince`.
 */
export function checkKeptHistory(period: Period, keptSince: LocalDate): void {
  if (period.from < keptSince) {
    throw badInput(
      `The period starts on ${period.from}, before the incidents history kept begins (${keptSince}): figures before then would count incidents that were never recorded.`,
      { field: 'from', keptSince },
    );
  }
}

/** The months (`YYYY-MM`) the period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7); ) {
    months.push(month);
    const [year, number] = month.split('-').map(Number) as [number, number];
    month = number === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${String(year).padStart(4, '0')}-${String(number + 1).padStart(2, '0')}`;
  }
  return months;
}

/** The day after the period, the exclusive end of its last day. */
export function dayAfter(period: Period): LocalDate {
  return addDays(period.to, 1);
}
