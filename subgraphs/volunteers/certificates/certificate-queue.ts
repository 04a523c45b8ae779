/**
 * The certificates awaiting verification in municipalities, oldest first, a
 * page at a time (common/connection.ts): administrative support's work list.
 * Only verified certificates make a volunteer alertable, so a certificate
 * left here keeps a trained volunteer from being alerted.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkFirst, decodeCursor, pageOf, type Page } from '../../../common/connection.ts';
import { sql } from '../../../common/sql.ts';
import { TrainingCertificate } from './training-certificate.entity.ts';
import { Volunteer } from '../registration/volunteer.entity.ts';

/** A certificate with its volunteer. */
export interface CertificateAwaitingVerification {
  certificate: TrainingCertificate;
  volunteer: Volunteer;
}

/** The page of unverified certificates of the (not deleted) volunteers of `municipalityIds`, by when they were recorded, then id. */
export async function certificatesAwaitingVerification(
  em: EntityManager,
  municipalityIds: readonly string[],
  options: { first?: number | null; after?: string | null },
): Promise<Page<CertificateAwaitingVerification>> {
  const first = checkFirst(options.first);
  const cursor = decodeCursor(options.after, 2) as [string, string] | null;
  const where = `v.municipality_id = any($1::uuid[]) and v.status <> 'DELETED' and c.verified_at is null`;
  const [rows, [count]] = await Promise.all([
    sql<{ id: string; volunteer_id: string; recorded: string }>(
      em,
      `select c.id::text as id, c.volunteer_id::text as volunteer_id, c.created_at::text as recorded
       from volunteers.training_certificate c join volunteers.volunteer v on v.id = c.volunteer_id
       where ${where} and ($2::timestamptz is null or (c.created_at, c.id) > ($2::timestamptz, $3::uuid))
       order by c.created_at, c.id limit $4`,
      [municipalityIds, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1],
    ),
    sql<{ n: number }>(em, `select count(*)::int as n from volunteers.training_certificate c join volunteers.volunteer v on v.id = c.volunteer_id where ${where}`, [
      municipalityIds,
    ]),
  ]);
  const page = pageOf(rows, first, count?.n ?? 0, (row) => [row.recorded, row.id]);
  const certificates = new Map((await em.find(TrainingCertificate, { id: { $in: page.nodes.map((row) => row.id) } })).map((row) => [row.id, row]));
  const volunteers = new Map((await em.find(Volunteer, { id: { $in: page.nodes.map((row) => row.volunteer_id) } })).map((row) => [row.id, row]));
  return { ...page, nodes: page.nodes.map((row) => ({ certificate: certificates.get(row.id)!, volunteer: volunteers.get(row.volunteer_id)! })) };
}
