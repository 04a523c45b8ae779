/**
 * The organisation subgraph: security regions, municipalities, ambulance
 * services, working groups with their members, implementation plans and
 * problem reports, partner associations and their API clients; and what each
 * caller's grants cover, which the gateway signs into every request (the
 * access model of the whole graph, docs/access.md). Owns the PostgreSQL schema `organization`.
 */
import { buildFederatedSchema } from '../../common/federation.ts';
import type { SubgraphDefinition } from '../../common/subgraph-server.ts';
import { AmbulanceService, AmbulanceServiceRegion } from './regions/ambulance-service.entity.ts';
import { resolveAmbulanceServiceReference } from './regions/ambulance-service.reference.ts';
import { AmbulanceServiceResolver } from './regions/ambulance-service.resolver.ts';
import { ApiClient } from './partners/api-client.entity.ts';
import { ApiClientResolver } from './partners/api-client.resolver.ts';
import { CallerAccessResolver } from './caller-access.resolver.ts';
import { Migration0001Municipality } from './migrations/Migration0001Municipality.ts';
import { Migration0002SecurityRegion } from './migrations/Migration0002SecurityRegion.ts';
import { Migration0003AmbulanceService } from './migrations/Migration0003AmbulanceService.ts';
import { Migration0004WorkingGroup } from './migrations/Migration0004WorkingGroup.ts';
import { Migration0005PlanTask } from './migrations/Migration0005PlanTask.ts';
import { Migration0006ProblemReport } from './migrations/Migration0006ProblemReport.ts';
import { Migration0007PartnerAssociation } from './migrations/Migration0007PartnerAssociation.ts';
import { Migration0008PartnerLeaving } from './migrations/Migration0008PartnerLeaving.ts';
import { Migration0009WorkingGroupClosing } from './migrations/Migration0009WorkingGroupClosing.ts';
import { Municipality } from './municipalities/municipality.entity.ts';
import { resolveMunicipalityReference } from './municipalities/municipality.reference.ts';
import { MunicipalityResolver } from './municipalities/municipality.resolver.ts';
import { PartnerAssociation, PartnerMunicipality } from './partners/partner-association.entity.ts';
import { resolvePartnerAssociationReference } from './partners/partner-association.reference.ts';
import { PartnerAssociationResolver, PartnerMunicipalityResolver } from './partners/partner-association.resolver.ts';
import { PlanTask } from './planning/plan-task.entity.ts';
import { PlanTaskResolver } from './planning/plan-task.resolver.ts';
import { ProblemReport, ProblemReportEvent } from './planning/problem-report.entity.ts';
import { ProblemReportEventResolver, ProblemReportResolver } from './planning/problem-report.resolver.ts';
import { SecurityRegion } from './regions/security-region.entity.ts';
import { resolveSecurityRegionReference } from './regions/security-region.reference.ts';
import { SecurityRegionResolver } from './regions/security-region.resolver.ts';
import { WorkingGroup, WorkingGroupMunicipality } from './working-groups/working-group.entity.ts';
import { WorkingGroupMember } from './working-groups/working-group-member.entity.ts';
import { WorkingGroupMemberResolver } from './working-groups/working-group-member.resolver.ts';
import { resolveWorkingGroupReference } from './working-groups/working-group.reference.ts';
import { WorkingGroupResolver } from './working-groups/working-group.resolver.ts';
import { MunicipalityReadinessHistoryResolver, SecurityRegionReadinessHistoryResolver } from './readiness-history/readiness-history.resolver.ts';
import { warmPlaceAt } from './municipalities/municipality.service.ts';

export const organizationSubgraph: SubgraphDefinition = {
  name: 'organization',
  warmDispatchLane: warmPlaceAt,
  storage: {
    schema: 'organization',
    entities: [
      SecurityRegion,
      Municipality,
      AmbulanceService,
      AmbulanceServiceRegion,
      WorkingGroup,
      WorkingGroupMunicipality,
      WorkingGroupMember,
      PlanTask,
      ProblemReport,
      ProblemReportEvent,
      PartnerAssociation,
      PartnerMunicipality,
      ApiClient,
    ],
    migrations: [
      Migration0001Municipality,
      Migration0002SecurityRegion,
      Migration0003AmbulanceService,
      Migration0004WorkingGroup,
      Migration0005PlanTask,
      Migration0006ProblemReport,
      Migration0007PartnerAssociation,
      Migration0008PartnerLeaving,
      Migration0009WorkingGroupClosing,
    ],
  },
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        SecurityRegionResolver,
        MunicipalityResolver,
        AmbulanceServiceResolver,
        WorkingGroupResolver,
        WorkingGroupMemberResolver,
        PlanTaskResolver,
        ProblemReportResolver,
        ProblemReportEventResolver,
        PartnerAssociationResolver,
        PartnerMunicipalityResolver,
        ApiClientResolver,
        CallerAccessResolver,
        MunicipalityReadinessHistoryResolver,
        SecurityRegionReadinessHistoryResolver,
      ],
      referenceResolvers: {
        Municipality: { __resolveReference: resolveMunicipalityReference },
        SecurityRegion: { __resolveReference: resolveSecurityRegionReference },
        AmbulanceService: { __resolveReference: resolveAmbulanceServiceReference },
        WorkingGroup: { __resolveReference: resolveWorkingGroupReference },
        PartnerAssociation: { __resolveReference: resolvePartnerAssociationReference },
      },
    }),
};
