/**
 * The AEDs subgraph: the AED registry, availability schedules, readiness,
 * guardians and their notifications, and the nearest-dispatchable search.
 * Owns the PostgreSQL schema `aeds`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { AedGuardian } from './registry/aed-guardian.entity.ts';
import { AedNotification } from './readiness/aed-notification.entity.ts';
import { Aed } from './registry/aed.entity.ts';
import { resolveAedReference } from './registry/aed.reference.ts';
import { AedResolver } from './registry/aed.resolver.ts';
import { AedBulkResolver } from './registry/aed-bulk.resolver.ts';
import { AedAvailabilityChangeResolver, AedAvailabilityResolver } from './availability/availability.resolver.ts';
import { DispatchResolver } from './dispatch/dispatch.resolver.ts';
import { Migration0001Aed } from './migrations/Migration0001Aed.ts';
import { Migration0002AedRegistry } from './migrations/Migration0002AedRegistry.ts';
import { Migration0003AedPlaceAndDecommission } from './migrations/Migration0003AedPlaceAndDecommission.ts';
import { Migration0004PublicAggregates } from './migrations/Migration0004PublicAggregates.ts';
import { Migration0005AedTileDigest } from './migrations/Migration0005AedTileDigest.ts';
import { MunicipalityAedsResolver } from './organization/municipality.resolver.ts';
import { AedNotificationResolver } from './readiness/notification.resolver.ts';
import { AedReadinessResolver } from './readiness/readiness.resolver.ts';
import { MunicipalityWeeklyAvailabilityResolver, WeeklyDispatchableAedsResolver } from './availability/weekly-availability.resolver.ts';
import { AEDS_JOBS_SCHEMA, startAedWorkers } from './workers.ts';
import { readinessReferenceResolvers } from '../../common/readiness-references.ts';
import { MigrationReadinessHistory0001Day } from './readiness-history/migrations/MigrationReadinessHistory0001Day.ts';
import { AED_READINESS_DAYS } from './readiness-history/readiness-day.ts';
import { AedReadinessChangeType, AedReadinessDayType, AedReadinessHistoryType } from './readiness-history/readiness-day.type.ts';
import { warmDispatchableAeds } from './dispatch/dispatchable-search.ts';
import { readinessPolicy } from './readiness/settings.ts';

export const aedsSubgraph: SubgraphDefinition = {
  name: 'aeds',
  warmDispatchLane: (query) => warmDispatchableAeds(query, readinessPolicy()),
  storage: {
    schema: 'aeds',
    entities: [Aed, AedGuardian, AedNotification],
    migrations: [
      Migration0001Aed,
      Migration0002AedRegistry,
      Migration0003AedPlaceAndDecommission,
      MigrationReadinessHistory0001Day,
      Migration0004PublicAggregates,
      Migration0005AedTileDigest,
    ],
  },
  // Its counts per municipality are public aggregates the gateway keeps (common/public-aggregates.ts).
  publicAggregates: true,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        AedResolver,
        AedBulkResolver,
        AedAvailabilityResolver,
        AedAvailabilityChangeResolver,
        AedReadinessResolver,
        DispatchResolver,
        AedNotificationResolver,
        MunicipalityAedsResolver,
        WeeklyDispatchableAedsResolver,
        MunicipalityWeeklyAvailabilityResolver,
      ],
      orphanedTypes: [AedReadinessDayType, AedReadinessChangeType, AedReadinessHistoryType],
      referenceResolvers: {
        Aed: { __resolveReference: resolveAedReference },
        // Each date's AED figures, from this subgraph's own snapshots.
        ...readinessReferenceResolvers(AED_READINESS_DAYS, AedReadinessDayType.from, AedReadinessChangeType.from, AedReadinessHistoryType.from),
      },
    }),
  // Days pass without anyone touching an AED: hourly tasks send the reminders that fall due and follow corrected municipalities.
  startWorkers: startAedWorkers,
  jobQueues: [AEDS_JOBS_SCHEMA],
};
