/** Rules for partner associations, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { parseId } from '../../../common/ids.ts';
import { requireLocalDate, todayIn } from '../../../common/zoned-time.ts';
import { getMunicipality } from '../municipalities/municipality.service.ts';
import { PartnerAssociation, PartnerMunicipality } from './partner-association.entity.ts';

export async function createPartnerAssociation(em: EntityManager, input: { name: string }): Promise<PartnerAssociation> {
  const name = input.name.trim();
  if (!name) throw badInput('A partner association needs a name.');
  if (await em.count(PartnerAssociation, { name: { $ilike: name.replace(/[\\%_]/g, '\\$&') } })) {
    throw conflict(`A partner association called ${name} already exists.`);
  }
  const association = em.create(PartnerAssociation, { name });
  await em.flush();
  return association;
}

export async function getPartnerAssociation(em: EntityManager, id: string): Promise<PartnerAssociation> {
  const association = await em.findOne(PartnerAssociation, { id: parseId(id, 'PartnerAssociation') });
  if (!association) throw notFound('PartnerAssociation', id);
  return association;
}

/** A partner association joins a municipality (from `joinedOn`, default today). */
export async function joinMunicipality(em: EntityManager, partnerAssociationId: string, municipalityId: string, joinedOn?: string | null): Promise<PartnerAssociation> {
  const association = await getPartnerAssociation(em, partnerAssociationId);
  const municipality = await getMunicipality(em, municipalityId);
  const since = joinedOn == null ? todayIn(municipality.timeZone) : requireLocalDate(joinedOn, 'joinedOn');
  const earlier = await em.findOne(PartnerMunicipality, { partnerAssociationId: association.id, municipalityId: municipality.id });
  if (earlier && earlier.leftOn == null) throw conflict(`${association.name} has already joined ${municipality.name}.`);
  // Joining again after leaving starts a new membership in the same row.
  if (earlier) em.assign(earlier, { joinedOn: since, leftOn: null });
  else em.create(PartnerMunicipality, { partnerAssociationId: association.id, municipalityId: municipality.id, joinedOn: since });
  await em.flush();
  return association;
}

/**
 * Ends a partner association's membership of a municipality on `leftOn`
 * (default today there, not in the future): from then on it grants the association nothing
 * there, and it leaves the municipality's and the association's lists.
 * Throws NOT_FOUND when it is not a member, BAD_USER_INPUT for a day before it joined.
 */
export async function leaveMunicipality(em: EntityManager, partnerAssociationId: string, municipalityId: string, leftOn?: string | null): Promise<PartnerAssociation> {
  const association = await getPartnerAssociation(em, partnerAssociationId);
  const municipality = await getMunicipality(em, municipalityId);
  const membership = await em.findOne(PartnerMunicipality, { partnerAssociationId: association.id, municipalityId: municipality.id, leftOn: null });
  if (!membership) throw notFound(`Membership of ${association.name} in municipality`, municipality.id);
  const today = todayIn(municipality.timeZone);
  const day = leftOn == null ? today : requireLocalDate(leftOn, 'leftOn');
  // An ended membership grants nothing from the moment it is recorded, so it cannot be recorded ahead.
  if (day > today) throw badInput(`leftOn ${day} is in the future; record the end when it comes.`, { field: 'leftOn' });
  if (day < membership.joinedOn) throw badInput(`leftOn ${day} is before ${association.name} joined on ${membership.joinedOn}.`, { field: 'leftOn' });
  em.assign(membership, { leftOn: day });
  await em.flush();
  return association;
}
