import type { RequestContext } from '../../../common/context.ts';
import { isId } from '../../../common/ids.ts';
import { byId } from '../loaders.ts';
import { PartnerAssociation } from './partner-association.entity.ts';
import { PartnerAssociationType } from './partner-association.type.ts';

/** Resolves `PartnerAssociation` entities for other subgraphs, batched per request. */
export async function resolvePartnerAssociationReference(reference: { id: string }, context: RequestContext): Promise<PartnerAssociationType | null> {
  if (!isId(reference.id)) return null;
  const association = await byId(context, PartnerAssociation).load(reference.id.toLowerCase());
  return association ? PartnerAssociationType.from(association) : null;
}
