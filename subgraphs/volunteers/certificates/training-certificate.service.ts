/**
 * Training certificates: recorded by the volunteer or a coordinator,
 * verified by the working group's administrative support. Only verified
 * certificates make a volunteer alertable, so verification updates the
 * search table in the same transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../../common/errors.ts';
import { syncCandidatePositions } from '../candidates/candidate-sync.ts';
import { localDateOf } from '../../../common/zoned-time.ts';
import { CertificateType, TrainingCertificate } from './training-certificate.entity.ts';
import { checkCourseDate, checkLocalDate, checkOptionalText } from '../registration/volunteer-input.ts';
import { Volunteer } from '../registration/volunteer.entity.ts';

/** A certificate as recorded. */
export interface CertificateInput {
  type: CertificateType;
  name?: string | null;
  provider?: string | null;
  courseDate: string;
  /** Only when the certificate states an end date; otherwise it runs until course date + 1 year. */
  validUntil?: string | null;
}

/**
 * Records a certificate of `volunteer`, verified at once when `verifiedBy`
 * is given (the caller may verify and has seen it). The course date may not
 * lie in the future.
 */
export async function addCertificate(
  em: EntityManager,
  volunteer: Volunteer,
  input: CertificateInput,
  recordedBy: string,
  verifiedBy: string | null,
  at: Date,
): Promise<TrainingCertificate> {
  const today = localDateOf(at, volunteer.timeZone);
  const courseDate = checkCourseDate(input.courseDate, today);
  const validUntil = input.validUntil == null ? null : checkLocalDate(input.validUntil, 'validUntil');
  if (validUntil !== null && validUntil < courseDate) {
    throw badInput(`validUntil ${validUntil} is before the course date ${courseDate}.`, { field: 'validUntil' });
  }
  const name = checkOptionalText(input.name, 'name', 'The certificate name');
  const provider = checkOptionalText(input.provider, 'provider', 'The course provider');
  return em.transactional(async (tx) => {
    const certificate = tx.create(TrainingCertificate, {
      volunteerId: volunteer.id,
      type: input.type,
      name,
      provider,
      courseDate,
      validUntil,
      verifiedAt: verifiedBy ? at : null,
      verifiedBy,
      recordedBy,
      createdAt: at,
    });
    await tx.flush();
    await syncCandidatePositions(tx, await tx.findOneOrFail(Volunteer, { id: volunteer.id }));
    return certificate;
  });
}

/** Marks a certificate verified; CONFLICT when it already is. */
export async function verifyCertificate(em: EntityManager, certificateId: string, verifiedBy: string, at: Date): Promise<TrainingCertificate> {
  return em.transactional(async (tx) => {
    const certificate = await tx.findOneOrFail(TrainingCertificate, { id: certificateId });
    if (certificate.verifiedAt) throw conflict('This certificate is already verified.', { reason: 'ALREADY_VERIFIED' });
    tx.assign(certificate, { verifiedAt: at, verifiedBy });
    await tx.flush();
    await syncCandidatePositions(tx, await tx.findOneOrFail(Volunteer, { id: certificate.volunteerId }));
    return certificate;
  });
}
