/**
 * Day and night in coverage figures. Night is 23:00 to 07:00 on the local
 * clock, the hours in which some regions silence alerts (DOMAIN.md) and in
 * which AEDs locked inside offices, shops and schools are out of reach: the
 * hours a council asks about ("covered at night versus by day"). Coverage
 * (incidents), alertable volunteers (volunteers) and dispatchable AEDs (aeds)
 * all split their figures here, so "night" means the same hours everywhere.
 */
import { weekMaskOf } from './week.ts';

/** The first hour of the night and the first hour of the day, on the local clock. */
export const NIGHT = { from: 23, until: 7 } as const;

/** Whether hour `hourOfWeek` (0 = Monday 00:00; any hour of a day works as well) starts at night. */
export function isNightHour(hourOfWeek: number): boolean {
  const hour = hourOfWeek % 24;
  return hour >= NIGHT.from || hour < NIGHT.until;
}

/** The night hours of the week: 56 of them. */
export const NIGHT_HOURS = weekMaskOf(isNightHour);

/** The day hours of the week: 112 of them. */
export const DAY_HOURS = weekMaskOf((hour) => !isNightHour(hour));
