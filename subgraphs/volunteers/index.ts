/**
 * The volunteers subgraph: citizen responders, their consents and training
 * certificates, the one eligibility rule, renewal reminders and forecasts,
 * current positions, imports of associations' lists, and the candidate
 * search dispatch alerts from. Owns the PostgreSQL schema `volunteers`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { AlertCandidateResolver } from './candidates/alert-candidate.resolver.ts';
import { AssociationMembership } from './registration/association-membership.entity.ts';
import { Consent } from './registration/consent.entity.ts';
import { VolunteerImportResolver } from './import/import.resolver.ts';
import { Migration0001Volunteer } from './migrations/Migration0001Volunteer.ts';
import { Migration0002CandidatePosition } from './migrations/Migration0002CandidatePosition.ts';
import { Migration0003VolunteerNotification } from './migrations/Migration0003VolunteerNotification.ts';
import { Migration0004VolunteerLanguage } from './migrations/Migration0004VolunteerLanguage.ts';
import { Migration0005VolunteerPlaceAndErasure } from './migrations/Migration0005VolunteerPlaceAndErasure.ts';
import { Migration0006PublicAggregates } from './migrations/Migration0006PublicAggregates.ts';
import { Migration0007PositionTileDigest } from './migrations/Migration0007PositionTileDigest.ts';
import { Migration0008VolunteerSettingsIndex } from './migrations/Migration0008VolunteerSettingsIndex.ts';
import { Migration0009UnremindedRenewals } from './migrations/Migration0009UnremindedRenewals.ts';
import { Migration0010LatestVerifiedCertificate } from './migrations/Migration0010LatestVerifiedCertificate.ts';
import { CertificateRenewalResolver, MunicipalityVolunteersResolver } from './organization/municipality.resolver.ts';
import { PartnerAssociationVolunteersResolver } from './organization/partner-association.resolver.ts';
import { RegionPolicy } from './candidates/region-policy.entity.ts';
import { CertificateLapseForecastResolver, VolunteerNotificationResolver } from './renewal/renewal.resolver.ts';
import { SecurityRegionVolunteersResolver } from './organization/security-region.resolver.ts';
import { TrainingCertificate } from './certificates/training-certificate.entity.ts';
import { TrainingCertificateResolver } from './certificates/training-certificate.resolver.ts';
import { Volunteer } from './registration/volunteer.entity.ts';
import { resolveVolunteerReference } from './registration/volunteer.reference.ts';
import { VolunteerResolver } from './registration/volunteer.resolver.ts';
import { MunicipalityWeeklyAlertabilityResolver, WeeklyAlertablePositionsResolver, WorkingGroupWeeklyAlertabilityResolver } from './candidates/weekly-alertability.resolver.ts';
import { startVolunteerWorkers, VOLUNTEERS_JOBS_SCHEMA } from './workers.ts';
import { readinessReferenceResolvers } from '../../common/readiness-references.ts';
import { MigrationReadinessHistory0001Day } from './readiness-history/migrations/MigrationReadinessHistory0001Day.ts';
import { VOLUNTEER_READINESS_DAYS } from './readiness-history/readiness-day.ts';
import { VolunteerReadinessChangeType, VolunteerReadinessDayType, VolunteerReadinessHistoryType } from './readiness-history/readiness-day.type.ts';
import { WorkingGroupRef } from './references.ts';
import { WorkingGroupVolunteersResolver } from './organization/working-group.resolver.ts';
import { warmAlertCandidates } from './candidates/alert-candidates.ts';

export const volunteersSubgraph: SubgraphDefinition = {
  name: 'volunteers',
  warmDispatchLane: warmAlertCandidates,
  storage: {
    schema: 'volunteers',
    entities: [Volunteer, Consent, TrainingCertificate, AssociationMembership, RegionPolicy],
    migrations: [
      Migration0001Volunteer,
      Migration0002CandidatePosition,
      Migration0003VolunteerNotification,
      Migration0004VolunteerLanguage,
      Migration0005VolunteerPlaceAndErasure,
      MigrationReadinessHistory0001Day,
      Migration0006PublicAggregates,
      Migration0007PositionTileDigest,
      Migration0008VolunteerSettingsIndex,
      Migration0009UnremindedRenewals,
      Migration0010LatestVerifiedCertificate,
    ],
  },
  // Its counts per municipality are public aggregates the gateway keeps (common/public-aggregates.ts).
  publicAggregates: true,
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        VolunteerResolver,
        TrainingCertificateResolver,
        MunicipalityVolunteersResolver,
        CertificateRenewalResolver,
        CertificateLapseForecastResolver,
        VolunteerNotificationResolver,
        WorkingGroupVolunteersResolver,
        SecurityRegionVolunteersResolver,
        PartnerAssociationVolunteersResolver,
        VolunteerImportResolver,
        AlertCandidateResolver,
        WeeklyAlertablePositionsResolver,
        MunicipalityWeeklyAlertabilityResolver,
        WorkingGroupWeeklyAlertabilityResolver,
      ],
      // Reached by no field of this subgraph: only extended by it.
      orphanedTypes: [WorkingGroupRef, VolunteerReadinessDayType, VolunteerReadinessChangeType, VolunteerReadinessHistoryType],
      referenceResolvers: {
        Volunteer: { __resolveReference: resolveVolunteerReference },
        // Each date's volunteer figures, from this subgraph's own snapshots.
        ...readinessReferenceResolvers(VOLUNTEER_READINESS_DAYS, VolunteerReadinessDayType.from, VolunteerReadinessChangeType.from, VolunteerReadinessHistoryType.from),
      },
    }),
  startWorkers: startVolunteerWorkers,
  jobQueues: [VOLUNTEERS_JOBS_SCHEMA],
};
