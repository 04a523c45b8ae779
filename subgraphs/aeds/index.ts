/**
 * The AEDs subgraph: the AED registry, availability schedules, readiness,
 * guardians and their notifications, and the nearest-dispatchable search.
 * Owns the PostgreSQL schema `aeds`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { AedGuardian } from './aed-guardian.entity.ts';
import { AedNotification } from './aed-notification.entity.ts';
import { Aed } from './aed.entity.ts';
import { resolveAedReference } from './aed.reference.ts';
import { AedResolver } from './aed.resolver.ts';
import { AedBulkResolver } from './aed-bulk.resolver.ts';
import { AedAvailabilityChangeResolver, AedAvailabilityResolver } from './availability.resolver.ts';
import { DispatchResolver } from './dispatch.resolver.ts';
import { Migration0001Aed } from './migrations/Migration0001Aed.ts';
import { Migration0002AedRegistry } from './migrations/Migration0002AedRegistry.ts';
import { Migration0003AedPlaceAndDecommission } from './migrations/Migration0003AedPlaceAndDecommission.ts';
import { MunicipalityAedsResolver } from './municipality.resolver.ts';
import { AedNotificationResolver } from './notification.resolver.ts';
import { AedReadinessResolver } from './readiness.resolver.ts';
import { MunicipalityWeeklyAvailabilityResolver, WeeklyDispatchableAedsResolver } from './weekly-availability.resolver.ts';
import { startAedWorkers } from './workers.ts';

export const aedsSubgraph: SubgraphDefinition = {
  name: 'aeds',
  storage: {
    schema: 'aeds',
    entities: [Aed, AedGuardian, AedNotification],
    migrations: [Migration0001Aed, Migration0002AedRegistry, Migration0003AedPlaceAndDecommission],
  },
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
      referenceResolvers: {
        Aed: { __resolveReference: resolveAedReference },
      },
    }),
  // Days pass without anyone touching an AED: hourly tasks send the reminders that fall due and follow corrected municipalities.
  startWorkers: startAedWorkers,
};
