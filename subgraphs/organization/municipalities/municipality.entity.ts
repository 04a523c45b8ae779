import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Boundary } from './boundary.ts';

/** A municipality taking part in the programme (table `organization.municipality`). */
@Entity({ tableName: 'municipality' })
export class Municipality {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  /** Official code (e.g. CBS `GM0363`), unique. */
  @Property({ type: 'text', unique: true })
  code!: string;

  /** ISO 3166-1 alpha-2, for public holidays. */
  @Property({ type: 'text' })
  countryCode!: string;

  /** IANA time zone, for local time (quiet hours, schedules). */
  @Property({ type: 'text' })
  timeZone!: string;

  @Property({ type: 'integer', nullable: true })
  population?: number | null;

  /** The security region it belongs to; decides which ambulance services may report incidents here. */
  @Property({ type: 'uuid', nullable: true })
  regionId?: Opt<string> | null;

  /** GeoJSON Polygon or MultiPolygon (WGS 84), validated by `boundary.ts`. */
  @Property({ type: 'json', nullable: true })
  boundary?: Opt<Boundary> | null;

  /** The boundary's bounding box, so `municipalityAt` tests few polygons. */
  @Property({ type: 'double precision', nullable: true })
  minLatitude?: Opt<number> | null;

  @Property({ type: 'double precision', nullable: true })
  maxLatitude?: Opt<number> | null;

  @Property({ type: 'double precision', nullable: true })
  minLongitude?: Opt<number> | null;

  @Property({ type: 'double precision', nullable: true })
  maxLongitude?: Opt<number> | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
