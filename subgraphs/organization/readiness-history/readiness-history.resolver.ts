/**
 * Where a municipality's (and a region's) readiness history is asked for.
 * This subgraph keeps none of the figures: it checks the period on the
 * municipality's clock (common/readiness-history.ts) and hands out the
 * dates as ReadinessDay and ReadinessChange entities, whose figures the
 * volunteers, aeds and incidents subgraphs each add from their own daily
 * snapshots. A refused period (reversed, in the future, beyond the kept
 * history) is refused here, before any of them is asked anything.
 *
 * Public, like the counts the snapshots are made of (docs/access.md,
 * "anonymous statistics"); the per-cell coverage change is for the
 * municipality's coordinators (incidents subgraph).
 */
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { checkReadinessPeriod } from '../../../common/readiness-history.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { localDateOf } from '../../../common/zoned-time.ts';
import { Municipality } from '../municipalities/municipality.entity.ts';
import { MunicipalityType } from '../municipalities/municipality.type.ts';
import { SecurityRegionType } from '../regions/security-region.type.ts';
import { ReadinessChangeType, ReadinessHistoryType } from './readiness-day.type.ts';

const HISTORY_ARGUMENTS =
  '`from`, `to`: dates on the municipality’s clock, both included; `to` no later than today, `from` no earlier than the kept history (three years), `from` not after `to` (BAD_USER_INPUT otherwise).';

@Resolver(() => MunicipalityType)
export class MunicipalityReadinessHistoryResolver {
  @FieldResolver(() => ReadinessHistoryType, {
    description: `Its readiness on every date from \`from\` to \`to\`, from the daily snapshots, as columns (one entry per date) or as days: a date without a snapshot has null figures (a gap). ${HISTORY_ARGUMENTS} Public.`,
  })
  readinessHistory(@Root() municipality: MunicipalityType, @Arg('from', () => LocalDate) from: string, @Arg('to', () => LocalDate) to: string): ReadinessHistoryType {
    const period = checkReadinessPeriod(from, to, localDateOf(new Date(), municipality.timeZone));
    return ReadinessHistoryType.of(municipality.id, period.from, period.to);
  }

  @FieldResolver(() => ReadinessChangeType, {
    description:
      'What changed since `since` (e.g. the same date last quarter) until `until` (default today, whose snapshot is taken in its first hour): the figures on both dates and their differences, in one query. Dates on the municipality’s clock, within the kept history, `since` not after `until`. Public, but for the per-cell coverage change.',
  })
  readinessChange(
    @Root() municipality: MunicipalityType,
    @Arg('since', () => LocalDate) since: string,
    @Arg('until', () => LocalDate, { nullable: true }) until: string | null | undefined,
  ): ReadinessChangeType {
    const today = localDateOf(new Date(), municipality.timeZone);
    const period = checkReadinessPeriod(since, until ?? today, today, { from: 'since', to: 'until' });
    return ReadinessChangeType.of(municipality.id, period.from, period.to);
  }
}

/** The region's municipalities, by name, and the latest date today among their clocks. */
async function regionToday(em: RequestContext['em'], regionId: string): Promise<{ municipalities: Municipality[]; today: string }> {
  const municipalities = await em.find(Municipality, { regionId }, { orderBy: { name: 'asc' } });
  const now = new Date();
  const today = [localDateOf(now, 'UTC'), ...municipalities.map((municipality) => localDateOf(now, municipality.timeZone))].sort().at(-1)!;
  return { municipalities, today };
}

@Resolver(() => SecurityRegionType)
export class SecurityRegionReadinessHistoryResolver {
  @FieldResolver(() => [ReadinessHistoryType], {
    description:
      'The readiness history of each of its municipalities, by name, as Municipality.readinessHistory gives it (columns per date). Not summed over the region: a municipality missing a snapshot would make a total that never was. Dates as Municipality.readinessHistory (today: the latest among its municipalities’ clocks). Public.',
  })
  async readinessHistory(
    @Root() region: SecurityRegionType,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() { em }: RequestContext,
  ): Promise<ReadinessHistoryType[]> {
    const { municipalities, today } = await regionToday(em, region.id);
    const period = checkReadinessPeriod(from, to, today);
    return municipalities.map((municipality) => ReadinessHistoryType.of(municipality.id, period.from, period.to));
  }

  @FieldResolver(() => [ReadinessChangeType], {
    description:
      'What changed since `since` until `until` (default today) in each of its municipalities, by name: where readiness grew and where it shrank. Not summed over the region: a municipality missing a snapshot would make a total that never was. Dates as Municipality.readinessChange (today: the latest among its municipalities’ clocks). Public.',
  })
  async readinessChange(
    @Root() region: SecurityRegionType,
    @Arg('since', () => LocalDate) since: string,
    @Arg('until', () => LocalDate, { nullable: true }) until: string | null | undefined,
    @Ctx() { em }: RequestContext,
  ): Promise<ReadinessChangeType[]> {
    const { municipalities, today } = await regionToday(em, region.id);
    const period = checkReadinessPeriod(since, until ?? today, today, { from: 'since', to: 'until' });
    return municipalities.map((municipality) => ReadinessChangeType.of(municipality.id, period.from, period.to));
  }
}
