import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { requireAuthenticated } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { parseId } from '../../../common/ids.ts';
import { canVerifyCertificatesOf, requireManageVolunteersOf } from '../access.ts';
import { volunteersById } from '../loaders.ts';
import { distancesOutsideMunicipality, municipalitySettings, requirePartnerAssociation } from '../peers.ts';
import { Volunteer } from '../registration/volunteer.entity.ts';
import { VolunteerType } from '../registration/volunteer.type.ts';
import { importVolunteers } from './import.service.ts';
import { ImportVolunteersInput, ImportedVolunteerRowType, MergedVolunteerRowType, VolunteerImportReportType } from './import.type.ts';

async function volunteerTypes(context: RequestContext, ids: (string | null)[]): Promise<(VolunteerType | null)[]> {
  const rows = await volunteersById(context).loadMany(ids.filter((id): id is string => id !== null));
  const byId = new Map(rows.filter((row): row is Volunteer => row instanceof Volunteer).map((row) => [row.id, VolunteerType.from(row)]));
  return ids.map((id) => (id === null ? null : (byId.get(id) ?? null)));
}

@Resolver(() => VolunteerImportReportType)
export class VolunteerImportResolver {
  @Mutation(() => VolunteerImportReportType, {
    description:
      'Imports an association’s volunteer list (CSV): new volunteers are created; a row merges into a known volunteer only when it is the same person (same phone and date of birth, or same e-mail, date of birth and name), any other shared phone or e-mail is rejected naming the fields that matched and those that did not; bad rows rejected with their reasons; all in one transaction. Every imported volunteer becomes a member of the association. ADMIN, or the working group of the municipality (typically its administrative support); `certificate_verified` counts only for who may verify certificates (administrative support, ADMIN).',
  })
  async importVolunteers(@Arg('input', () => ImportVolunteersInput) input: ImportVolunteersInput, @Ctx() context: RequestContext): Promise<VolunteerImportReportType> {
    const { em, peers, principal } = context;
    requireAuthenticated(principal);
    const municipalityId = parseId(input.municipalityId, 'Municipality');
    requireManageVolunteersOf(principal, municipalityId);
    const municipality = await municipalitySettings(peers, municipalityId);
    const partnerAssociationId = await requirePartnerAssociation(peers, input.partnerAssociationId);
    const report = await importVolunteers(
      em,
      input.csv,
      { municipality, partnerAssociationId, importedBy: principal.subject, at: new Date(), mayVerify: canVerifyCertificatesOf(principal, municipalityId) },
      { dryRun: input.dryRun, distancesOutside: (positions) => distancesOutsideMunicipality(peers, municipalityId, positions) },
    );
    return VolunteerImportReportType.from(report);
  }

  @FieldResolver(() => [ImportedVolunteerRowType])
  async created(@Root() report: VolunteerImportReportType, @Ctx() context: RequestContext): Promise<ImportedVolunteerRowType[]> {
    const volunteers = await volunteerTypes(
      context,
      report.createdRows.map((row) => row.volunteerId),
    );
    return report.createdRows.map((row, index) =>
      Object.assign(new ImportedVolunteerRowType(), { line: row.line, volunteer: volunteers[index], name: row.name, warnings: row.warnings }),
    );
  }

  @FieldResolver(() => [MergedVolunteerRowType])
  async merged(@Root() report: VolunteerImportReportType, @Ctx() context: RequestContext): Promise<MergedVolunteerRowType[]> {
    const volunteers = await volunteerTypes(
      context,
      report.mergedRows.map((row) => row.volunteerId),
    );
    return report.mergedRows.map((row, index) => Object.assign(new MergedVolunteerRowType(), { ...row, volunteer: volunteers[index] }));
  }
}
