import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Formula, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { AedAccess } from '../import/record.ts';
import type { LocalDate } from '../../../common/zoned-time.ts';

/**
 * An automated external defibrillator (table `aeds.aed`). The database also
 * keeps `earth_position`, generated from latitude and longitude, which the
 * nearest-dispatchable search indexes (see dispatchable-search.ts).
 */
@Entity({ tableName: 'aed' })
export class Aed {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'double precision' })
  latitude!: number;

  @Property({ type: 'double precision' })
  longitude!: number;

  /** Street address, as a person would look for it. */
  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  /** Where exactly, as OSM's `defibrillator:location` ("left of the entrance of the sports hall"). */
  @Property({ type: 'text' })
  locationDescription!: string;

  @Property({ type: 'boolean', nullable: true })
  indoor: boolean | null = null;

  /** Floor or level as written by whoever registered it (`0`, `-1`, `RDC`). */
  @Property({ type: 'text', nullable: true })
  floor: string | null = null;

  @Property({ type: 'text', nullable: true })
  access: AedAccess | null = null;

  @Property({ type: 'boolean' })
  cabinetLocked: Opt<boolean> = false;

  /**
   * The code of the locked cabinet. Lazy, so it is never loaded (or logged)
   * with the AED by accident: read it only through cabinet-code.ts.
   */
  @Property({ type: 'text', nullable: true, lazy: true })
  cabinetCode: string | null = null;

  /** Whether a cabinet code is recorded, computed in the query, so readiness never needs the code itself. */
  @Formula<Aed>((columns) => `${columns.cabinetCode} is not null`, { type: 'boolean' })
  cabinetCodeKnown: Opt<boolean> = false;

  @Property({ type: 'text', nullable: true })
  ownerName: string | null = null;

  @Property({ type: 'text', nullable: true })
  ownerEmail: string | null = null;

  @Property({ type: 'text', nullable: true })
  ownerPhone: string | null = null;

  @Property({ type: 'text', nullable: true })
  brand: string | null = null;

  @Property({ type: 'text', nullable: true })
  model: string | null = null;

  @Property({ type: 'text', nullable: true })
  serialNumber: string | null = null;

  /** A reference the owner or a register gives the AED (OSM `ref`). */
  @Property({ type: 'text', nullable: true })
  reference: string | null = null;

  /** Source and the source's own id for imported AEDs (`osm:node/123`, `geodae:FR-0001`): what a re-import matches on. */
  @Property({ type: 'text', nullable: true, unique: true })
  externalId: string | null = null;

  /** Owned by the organisation subgraph; referenced by id only. */
  @Property({ type: 'uuid' })
  municipalityId!: string;

  /** The municipality's IANA time zone, copied at registration so dispatch never waits on another subgraph. */
  @Property({ type: 'text' })
  timeZone!: string;

  /** The municipality's country (ISO 3166-1 alpha-2), for public holidays; copied like `timeZone`. */
  @Property({ type: 'text' })
  countryCode!: string;

  /** When it can be reached, in `opening_hours` syntax; null when not known. */
  @Property({ type: 'text', nullable: true })
  availabilitySchedule: string | null = null;

  @Property({ type: 'date', nullable: true })
  batteryExpiresOn: LocalDate | null = null;

  @Property({ type: 'date', nullable: true })
  padsExpireOn: LocalDate | null = null;

  /** Day of the last guardian check or maintenance, in the AED's zone. */
  @Property({ type: 'date', nullable: true })
  lastCheckedOn: LocalDate | null = null;

  /** False when reported broken, in maintenance or missing. */
  @Property({ type: 'boolean' })
  operational: Opt<boolean> = true;

  /** Set when it was used at an incident; cleared when a guardian confirms it ready. */
  @Property({ type: 'timestamptz', nullable: true })
  stoodDownAt: Date | null = null;

  /** The incident it was last used at while stood down (owned by the incidents subgraph). */
  @Property({ type: 'uuid', nullable: true })
  stoodDownIncidentId: string | null = null;

  /** Why the AED was accepted outside its municipality's boundary (common/place.ts); null inside. */
  @Property({ type: 'text', nullable: true })
  locationOutsideReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  locationOutsideBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  locationOutsideAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  locationOutsideMeters: number | null = null;

  /** Set when taken out of service for good: kept for its history, out of dispatch and counts. */
  @Property({ type: 'timestamptz', nullable: true })
  decommissionedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  decommissionedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  decommissionReason: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
