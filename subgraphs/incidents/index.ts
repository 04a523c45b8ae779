/**
 * The incidents subgraph: dispatch, alerts, responses and aftercare. Owns the
 * PostgreSQL schemas `incidents` (its tables) and `incidents_jobs` (its job
 * queue, graphile-worker).
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { AftercareEscalation, AftercareFollowUp } from './aftercare/aftercare.entity.ts';
import { AftercareResolver } from './aftercare/aftercare.resolver.ts';
import { Alert } from './alerts/alert.entity.ts';
import { AlertResolver } from './alerts/alert.resolver.ts';
import { DeviceResolver } from './delivery/device.resolver.ts';
import { DispatchPolicyVersion } from './dispatch/dispatch-policy.entity.ts';
import { DispatchPolicyResolver, SecurityRegionPolicyResolver } from './dispatch/dispatch-policy.resolver.ts';
import { IncidentEvent } from './incidents/incident-event.entity.ts';
import { Incident } from './incidents/incident.entity.ts';
import { IncidentEventResolver, IncidentResolver } from './incidents/incident.resolver.ts';
import { Migration0001Alert } from './migrations/Migration0001Alert.ts';
import { Migration0002Incident } from './migrations/Migration0002Incident.ts';
import { Migration0003Aftercare } from './migrations/Migration0003Aftercare.ts';
import { Migration0004AlertAedLocation } from './migrations/Migration0004AlertAedLocation.ts';
import { Migration0005Delivery } from './migrations/Migration0005Delivery.ts';
import { Migration0006AlertLanguage } from './migrations/Migration0006AlertLanguage.ts';
import { Migration0007AlertFeedPrevious } from './migrations/Migration0007AlertFeedPrevious.ts';
import { Migration0008AlertAssociationIndexAtOnce } from './migrations/Migration0008AlertAssociationIndexAtOnce.ts';
import { MigrationReadiness0001Coverage } from './coverage/migrations/MigrationReadiness0001Coverage.ts';
import { MunicipalityCoverageResolver, SixMinuteCoverageResolver } from './coverage/coverage.resolver.ts';
import { MigrationOutcomes0001Indexes } from './outcomes/migrations/MigrationOutcomes0001Indexes.ts';
import { OutcomeStatisticsResolver } from './outcomes/outcomes.resolver.ts';
import { SimulationResolver } from './simulation/simulation.resolver.ts';
import { AmbulanceServiceRef, MunicipalityRef } from './references.ts';
import { INCIDENTS_SCHEDULE_SCHEMA, startIncidentWorkers } from './workers.ts';
import { JOBS_SCHEMA } from './jobs.ts';
import { readinessReferenceResolvers } from '../../common/readiness-references.ts';
import { MigrationReadinessHistory0001Day } from './readiness-history/migrations/MigrationReadinessHistory0001Day.ts';
import { COVERAGE_READINESS_DAYS } from './readiness-history/readiness-day.ts';
import { CoverageReadinessChangeResolver } from './readiness-history/readiness-day.resolver.ts';
import { CoverageReadinessChangeType, CoverageReadinessDayType, CoverageReadinessHistoryType } from './readiness-history/readiness-day.type.ts';
import { warmClaimedElsewhere } from './incidents/dispatch.service.ts';
import { warmPolicyRead } from './dispatch/dispatch-policy.service.ts';
import { warmReportWrite } from './incidents/incident.service.ts';

export const incidentsSubgraph: SubgraphDefinition = {
  name: 'incidents',
  // A report's statements on the lane, in the order a report runs them.
  warmDispatchLane: async (query) => {
    await warmClaimedElsewhere(query);
    await warmPolicyRead(query);
    await warmReportWrite(query);
  },
  storage: {
    schema: 'incidents',
    entities: [Alert, Incident, IncidentEvent, DispatchPolicyVersion, AftercareFollowUp, AftercareEscalation],
    migrations: [
      Migration0001Alert,
      Migration0002Incident,
      Migration0003Aftercare,
      Migration0004AlertAedLocation,
      Migration0005Delivery,
      Migration0006AlertLanguage,
      Migration0007AlertFeedPrevious,
      MigrationReadiness0001Coverage,
      MigrationOutcomes0001Indexes,
      MigrationReadinessHistory0001Day,
      // After MigrationOutcomes0001Indexes, which made the index.
      Migration0008AlertAssociationIndexAtOnce,
    ],
    // Dispatch runs concurrently with dozens of subscriptions reading their feeds.
    poolSize: 20,
  },
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        AlertResolver,
        DeviceResolver,
        IncidentResolver,
        IncidentEventResolver,
        DispatchPolicyResolver,
        SecurityRegionPolicyResolver,
        AftercareResolver,
        MunicipalityCoverageResolver,
        SixMinuteCoverageResolver,
        OutcomeStatisticsResolver,
        SimulationResolver,
        CoverageReadinessChangeResolver,
      ],
      orphanedTypes: [MunicipalityRef, AmbulanceServiceRef, CoverageReadinessDayType, CoverageReadinessChangeType, CoverageReadinessHistoryType],
      referenceResolvers: {
        // Each date's coverage figures, from this subgraph's own snapshots.
        ...readinessReferenceResolvers(COVERAGE_READINESS_DAYS, CoverageReadinessDayType.from, CoverageReadinessChangeType.from, CoverageReadinessHistoryType.from),
      },
    }),
  startWorkers: startIncidentWorkers,
  jobQueues: [JOBS_SCHEMA, INCIDENTS_SCHEDULE_SCHEMA],
};
