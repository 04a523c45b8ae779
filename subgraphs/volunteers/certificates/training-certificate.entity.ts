import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What a training certificate attests. Every type counts for alerting once verified. */
export enum CertificateType {
  /** Cardiopulmonary resuscitation only. */
  CPR = 'CPR',
  /** CPR with the use of an AED (e.g. the Dutch NRR "Reanimatie/AED" certificate). */
  CPR_AED = 'CPR_AED',
  /** Basic life support, as taught to first responders. */
  BLS = 'BLS',
  /** A healthcare professional's qualification (ALS, nurse, physician). */
  PROFESSIONAL = 'PROFESSIONAL',
}

/** A volunteer's CPR/AED training certificate (table `volunteers.training_certificate`). */
@Entity({ tableName: 'training_certificate' })
export class TrainingCertificate {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  volunteerId!: string;

  @Enum({ items: () => CertificateType, type: 'text' })
  type!: CertificateType;

  /** The certificate's name as written on it, e.g. `NRR Reanimatie/AED`. */
  @Property({ type: 'text', nullable: true })
  name?: string | null;

  /** Who gave the course; unknown for some imported certificates. */
  @Property({ type: 'text', nullable: true })
  provider?: string | null;

  /** `YYYY-MM-DD`; never in the future. */
  @Property({ type: 'date' })
  courseDate!: string;

  /** The explicit end date when the certificate has one; otherwise it runs until course date + 1 year. */
  @Property({ type: 'date', nullable: true })
  validUntil?: string | null;

  /** When the working group's administrative support verified it; null until then. */
  @Property({ type: 'timestamptz', nullable: true })
  verifiedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  verifiedBy?: string | null;

  /** Subject of who recorded it (the volunteer, a coordinator, or `import:<association id>`). */
  @Property({ type: 'text' })
  recordedBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
