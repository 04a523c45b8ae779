/** Rules for partner associations, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../common/errors.ts';
import { parseId } from '../../common/ids.ts';
import { parseLocalDate, todayIn } from './local-date.ts';
import { getMunicipality } from './municipality.service.ts';
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
export async function joinMunicipality(
  em: EntityManager,
  partnerAssociationId: string,
  municipalityId: string,
  joinedOn?: string | null,
): Promise<PartnerAssociation> {
  const association = await getPartnerAssociation(em, partnerAssociationId);
  const municipality = await getMunicipality(em, municipalityId);
  const since = joinedOn == null ? todayIn(municipality.timeZone) : parseLocalDate(joinedOn, 'joinedOn');
  if (await em.count(PartnerMunicipality, { partnerAssociationId: association.id, municipalityId: municipality.id })) {
    throw conflict(`${association.name} has already joined ${municipality.name}.`);
  }
  em.create(PartnerMunicipality, {
    partnerAssociationId: association.id,
    municipalityId: municipality.id,
    joinedOn: since,
  });
  await em.flush();
  return association;
}
