/**
 * What to generate: the seed, the sizes and the day the data is relative to.
 * The same options give the same rows, on any machine.
 */

/** What the generator makes. */
export interface GenerateOptions {
  seed: number;
  volunteers: number;
  aeds: number;
  /** Past incidents (closed or cancelled), spread over {@link GenerateOptions.historyDays}. */
  incidents: number;
  /** How far back the incident history goes. */
  historyDays: number;
  /**
   * The day everything is relative to (`YYYY-MM-DD`): certificate dates,
   * expiry dates and checks are days before or after it, so a data set
   * generated today is in the state the product will see today.
   */
  today: string;
}

/** Bump when the generator writes different rows for the same options, so stored data sets are regenerated. */
export const GENERATOR_VERSION = 2;

/** The national scale of issue 8: the Netherlands has over 300,000 responders and tens of thousands of AEDs. */
export const NATIONAL: Omit<GenerateOptions, 'today'> = {
  seed: 2026,
  volunteers: 500_000,
  aeds: 50_000,
  // A year of Dutch resuscitation calls (over 12,000 a year): outcome statistics are read over a year.
  incidents: 12_500,
  historyDays: 365,
};

/** Today's date in UTC (`YYYY-MM-DD`). */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number ≥ 0, got ${value}`);
  return parsed;
}

/**
 * Reads `--seed`, `--volunteers`, `--aeds`, `--incidents`, `--history-days`
 * and `--today` from command-line arguments, over the national defaults.
 */
export function parseGenerateArguments(argv: readonly string[], now = new Date()): GenerateOptions & { force: boolean } {
  const options = { ...NATIONAL, today: utcToday(now), force: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    switch (argument) {
      case '--seed':
        options.seed = positiveInteger('seed', value());
        break;
      case '--volunteers':
        options.volunteers = positiveInteger('volunteers', value());
        break;
      case '--aeds':
        options.aeds = positiveInteger('aeds', value());
        break;
      case '--incidents':
        options.incidents = positiveInteger('incidents', value());
        break;
      case '--history-days':
        options.historyDays = Math.max(1, positiveInteger('history-days', value()));
        break;
      case '--today': {
        const today = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new Error(`--today must be YYYY-MM-DD, got ${today}`);
        options.today = today;
        break;
      }
      case '--force':
        options.force = true;
        break;
      default:
        throw new Error(`Unknown argument ${argument}; see bench/generate/cli.ts`);
    }
  }
  return options;
}
