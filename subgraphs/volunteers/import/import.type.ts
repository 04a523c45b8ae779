import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { VolunteerType } from '../registration/volunteer.type.ts';
import type { RejectedRow } from './csv.ts';
import type { CreatedRow, MergedRow, VolunteerImportReport } from './import.service.ts';

@InputType('ImportVolunteersInput')
export class ImportVolunteersInput {
  @Field(() => ID, { description: 'The municipality the volunteers join.' })
  municipalityId!: string;

  @Field(() => ID, { description: 'The association whose list it is: every imported volunteer becomes its member.' })
  partnerAssociationId!: string;

  @Field(() => String, {
    description:
      'The list as CSV (UTF-8; `,` or `;`; header line with name, phone, date_of_birth, home_lat, home_lon, certificate_type, course_date and optionally email, home_street, home_house_number, home_postal_code, home_city, certificate_valid_until, certificate_verified). Up to 2 MB; larger lists with `npm run import:volunteers`.',
  })
  csv!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Report what would happen and write nothing.' })
  dryRun!: boolean;
}

@ObjectType('ImportedVolunteerRow', { description: 'A row of the list that became a new volunteer.' })
export class ImportedVolunteerRowType {
  @Field(() => Int, { description: 'Line in the file (the header is line 1).' })
  line!: number;

  @Field(() => VolunteerType, { nullable: true, description: 'Null in a dry run.' })
  volunteer!: VolunteerType | null;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'What the working group should know (an expired or unverified certificate, a verification it could not take).' })
  warnings!: string[];
}

@ObjectType('MergedVolunteerRow', { description: 'A row of the list that is the same person as an existing volunteer.' })
export class MergedVolunteerRowType {
  @Field(() => Int)
  line!: number;

  @Field(() => VolunteerType)
  volunteer!: VolunteerType;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'The columns that matched: phone and date_of_birth, or email, date_of_birth and name (or more).' })
  matchedBy!: string[];

  @Field(() => Boolean, { description: 'Whether the row’s certificate was new for the volunteer.' })
  certificateAdded!: boolean;

  @Field(() => [String])
  warnings!: string[];
}

@ObjectType('ImportField', { description: 'One field of a rejected row, as read.' })
export class ImportFieldType {
  @Field(() => String)
  column!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType('RejectedVolunteerRow', { description: 'A row of the list that was not imported, and why.' })
export class RejectedVolunteerRowType {
  @Field(() => Int)
  line!: number;

  @Field(() => [String], { description: 'One per problem found.' })
  reasons!: string[];

  @Field(() => [ImportFieldType], { description: 'The row as read, to correct it.' })
  fields!: ImportFieldType[];

  static from(row: RejectedRow): RejectedVolunteerRowType {
    return Object.assign(new RejectedVolunteerRowType(), {
      line: row.line,
      reasons: row.reasons,
      fields: Object.entries(row.fields).map(([column, value]) => Object.assign(new ImportFieldType(), { column, value })),
    });
  }
}

@ObjectType('VolunteerImportReport', { description: 'What an import did (or would do, in a dry run): all rows written in one transaction, or none.' })
export class VolunteerImportReportType {
  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => [RejectedVolunteerRowType])
  rejected!: RejectedVolunteerRowType[];

  @Field(() => [String], { description: 'Header names that are not columns of the format (not imported).' })
  ignoredColumns!: string[];

  /** Not fields: the rows as the service reported them; the `created` and `merged` resolvers add their volunteers. */
  createdRows!: CreatedRow[];
  mergedRows!: MergedRow[];

  static from(report: VolunteerImportReport): VolunteerImportReportType {
    return Object.assign(new VolunteerImportReportType(), {
      dryRun: report.dryRun,
      rejected: report.rejected.map(RejectedVolunteerRowType.from),
      ignoredColumns: report.ignoredColumns,
      createdRows: report.created,
      mergedRows: report.merged,
    });
  }
}
