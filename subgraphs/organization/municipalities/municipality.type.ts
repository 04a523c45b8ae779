import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Page } from '../../../common/connection.ts';
import { PageInfoType } from '../../../common/connection.type.ts';
import type { Boundary } from './boundary.ts';
import type { MunicipalityFilter } from './municipality-page.ts';
import type { Municipality as MunicipalityEntity } from './municipality.entity.ts';
import { GeoJSON } from './geojson.scalar.ts';

const BOUNDARY_DESCRIPTION = 'GeoJSON Polygon or MultiPolygon in WGS 84 ([longitude, latitude]); rings closed, not self-intersecting, holes inside their shell.';

@Directive('@key(fields: "id")')
@ObjectType('Municipality', { description: 'A municipality taking part in the programme.' })
export class MunicipalityType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Official municipality code, e.g. GM0363.' })
  code!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code, used for public holidays.' })
  countryCode!: string;

  @Field(() => String, { description: 'IANA time zone, used for local time.' })
  timeZone!: string;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => GeoJSON, { nullable: true, description: BOUNDARY_DESCRIPTION })
  boundary?: Boundary | null;

  /** Not a field: read by the `region` resolver. */
  regionId!: string | null;

  static from(entity: MunicipalityEntity): MunicipalityType {
    return Object.assign(new MunicipalityType(), {
      id: entity.id,
      name: entity.name,
      code: entity.code,
      countryCode: entity.countryCode,
      timeZone: entity.timeZone,
      population: entity.population ?? null,
      boundary: entity.boundary ?? null,
      regionId: entity.regionId ?? null,
    });
  }
}

@InputType()
export class CreateMunicipalityInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String, { defaultValue: 'NL', description: 'ISO 3166-1 alpha-2, officially assigned (GB, not UK).' })
  countryCode!: string;

  @Field(() => String, { defaultValue: 'Europe/Amsterdam' })
  timeZone!: string;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => ID, { nullable: true, description: 'The security region it belongs to.' })
  regionId?: string | null;

  @Field(() => GeoJSON, { nullable: true, description: BOUNDARY_DESCRIPTION })
  boundary?: unknown;
}

@InputType({ description: 'Changes to a municipality: an absent field stays as it is; null clears population, region or boundary.' })
export class UpdateMunicipalityInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true, description: 'A correction of its official code (unique). ADMIN only.' })
  code?: string;

  @Field(() => String, {
    nullable: true,
    description: 'A correction of its country (ISO 3166-1 alpha-2). ADMIN only. Its volunteers and AEDs follow within the hour (phone numbers, public holidays).',
  })
  countryCode?: string;

  @Field(() => String, { nullable: true })
  timeZone?: string;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => ID, { nullable: true, description: 'ADMIN only: the region decides which dispatchers report incidents here.' })
  regionId?: string | null;

  @Field(() => GeoJSON, { nullable: true, description: BOUNDARY_DESCRIPTION })
  boundary?: unknown;
}

@InputType('MunicipalityFilter', { description: 'Narrows the list of municipalities; every filter given must hold.' })
export class MunicipalityFilterInput implements MunicipalityFilter {
  @Field(() => ID, { nullable: true, description: 'Only those of this security region.' })
  securityRegionId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only those of this country (ISO 3166-1 alpha-2).' })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or the code (any case).' })
  search?: string | null;
}

@ObjectType('MunicipalityConnection', { description: 'A page of municipalities, by name (then id).' })
export class MunicipalityConnectionType {
  @Field(() => [MunicipalityType])
  nodes!: MunicipalityType[];

  @Field(() => Int, { description: 'All municipalities matching the filter, on every page.' })
  totalCount!: number;

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: Page<MunicipalityEntity>): MunicipalityConnectionType {
    return Object.assign(new MunicipalityConnectionType(), { nodes: page.nodes.map(MunicipalityType.from), totalCount: page.totalCount, pageInfo: PageInfoType.of(page) });
  }
}
