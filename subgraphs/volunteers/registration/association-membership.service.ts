/**
 * Volunteers' memberships of partner associations: recorded by imports of an
 * association's list, or one by one by the working group. Partner apps
 * forward the alerts of their members, so dispatch reads them with every
 * candidate (alert-candidates.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PeerClient } from '../../../common/peers.ts';
import { AssociationMembership } from './association-membership.entity.ts';
import { requirePartnerAssociation } from '../peers.ts';
import type { Volunteer } from './volunteer.entity.ts';

/** Makes the volunteer a member of the association (which must exist); nothing changes when they already are. */
export async function addMembership(em: EntityManager, peers: PeerClient, volunteer: Volunteer, partnerAssociationId: string, at: Date): Promise<void> {
  const associationId = await requirePartnerAssociation(peers, partnerAssociationId);
  const existing = await em.findOne(AssociationMembership, { volunteerId: volunteer.id, partnerAssociationId: associationId });
  if (existing) return;
  em.create(AssociationMembership, { volunteerId: volunteer.id, partnerAssociationId: associationId, since: at });
  await em.flush();
}

/** Ends the volunteer's membership of the association, if any. */
export async function removeMembership(em: EntityManager, volunteer: Volunteer, partnerAssociationId: string): Promise<void> {
  await em.nativeDelete(AssociationMembership, { volunteerId: volunteer.id, partnerAssociationId: partnerAssociationId.toLowerCase() });
}
