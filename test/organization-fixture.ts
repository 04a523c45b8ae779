/**
 * A small organisation for the organisation tests, created through the
 * gateway as an administrator would: two regions each with a municipality and
 * its working group, an ambulance service for the first region, members, and
 * a partner association that joined the first municipality.
 */
import { randomBytes } from 'node:crypto';
import {
  AddWorkingGroupMemberDocument,
  CreateAmbulanceServiceDocument,
  CreateApiClientDocument,
  CreateMunicipalityDocument,
  CreatePartnerAssociationDocument,
  CreateSecurityRegionDocument,
  CreateWorkingGroupDocument,
  JoinMunicipalityDocument,
  type PartnerPermission,
  type WorkingGroupRole,
} from './operations/generated.ts';
import type { TestStack } from './stack.ts';

/** A closed square ring of `size` degrees with its south-west corner at (longitude, latitude). */
export function square(longitude: number, latitude: number, size: number): number[][] {
  return [
    [longitude, latitude],
    [longitude + size, latitude],
    [longitude + size, latitude + size],
    [longitude, latitude + size],
    [longitude, latitude],
  ];
}

/** A unique suffix, so fixtures of several tests in one database never collide. */
export const unique = () => randomBytes(3).toString('hex').toUpperCase();

export interface Organisation {
  admin: string;
  regionId: string;
  otherRegionId: string;
  municipalityId: string;
  otherMunicipalityId: string;
  serviceId: string;
  workingGroupId: string;
  otherWorkingGroupId: string;
  /** Subject of the working group's chair, who is CHAIR by membership only. */
  chairSubject: string;
  chairMemberId: string;
  /** Subject of a member who volunteers (no grant from the membership). */
  memberSubject: string;
  memberId: string;
  partnerId: string;
}

export async function createOrganisation(stack: TestStack): Promise<Organisation> {
  const admin = await stack.adminToken();
  const tag = unique();
  const region = async (name: string, code: string) => (await stack.data(CreateSecurityRegionDocument, { input: { name, code } }, admin)).createSecurityRegion.id;
  const regionId = await region('Hart voor Brabant', `VR20-${tag}`);
  const otherRegionId = await region('Groningen', `VR01-${tag}`);

  const municipality = async (name: string, code: string, regionId: string, boundary: unknown) =>
    (await stack.data(CreateMunicipalityDocument, { input: { name, code, regionId, boundary, population: 26_500 } }, admin)).createMunicipality.id;
  const municipalityId = await municipality('Oisterwijk', `GM0824-${tag}`, regionId, { type: 'Polygon', coordinates: [square(5.1, 51.5, 0.2)] });
  const otherMunicipalityId = await municipality('Groningen', `GM0014-${tag}`, otherRegionId, {
    type: 'Polygon',
    coordinates: [square(6.5, 53.2, 0.1)],
  });

  const serviceId = (
    await stack.data(
      CreateAmbulanceServiceDocument,
      { input: { name: 'RAV Brabant Midden-West-Noord', code: `RAV-${tag}`, dispatchCentre: 'Meldkamer Brabant', regionIds: [regionId] } },
      admin,
    )
  ).createAmbulanceService.id;

  const group = async (name: string, municipalityIds: string[]) =>
    (await stack.data(CreateWorkingGroupDocument, { input: { name, municipalityIds } }, admin)).createWorkingGroup.id;
  const workingGroupId = await group('Hartveilig Oisterwijk', [municipalityId]);
  const otherWorkingGroupId = await group('Hartveilig Groningen', [otherMunicipalityId]);

  const member = async (userSubject: string, name: string, role: WorkingGroupRole, organisation: string) =>
    (await stack.data(AddWorkingGroupMemberDocument, { input: { workingGroupId, userSubject, name, role, organisation } }, admin)).addWorkingGroupMember.id;
  const chairSubject = `chair-${tag}`;
  const memberSubject = `member-${tag}`;
  const chairMemberId = await member(chairSubject, 'Carla Chair', 'CHAIR', 'Gemeente Oisterwijk');
  const memberId = await member(memberSubject, 'Vera Volunteer', 'VOLUNTEER', 'EHBO Oisterwijk');

  const partnerId = (await stack.data(CreatePartnerAssociationDocument, { input: { name: `EHBO Oisterwijk ${tag}` } }, admin)).createPartnerAssociation.id;
  await stack.data(JoinMunicipalityDocument, { p: partnerId, m: municipalityId }, admin);

  return {
    admin,
    regionId,
    otherRegionId,
    municipalityId,
    otherMunicipalityId,
    serviceId,
    workingGroupId,
    otherWorkingGroupId,
    chairSubject,
    chairMemberId,
    memberSubject,
    memberId,
    partnerId,
  };
}

/** Creates an API client for the partner with an ADMIN token and returns its id and credential. */
export async function createApiClient(stack: TestStack, admin: string, partnerId: string, permissions: PartnerPermission[] = ['STATISTICS', 'ALERTS']) {
  const { createApiClient } = await stack.data(CreateApiClientDocument, { input: { partnerAssociationId: partnerId, name: 'Partner app', permissions } }, admin);
  return { id: createApiClient.apiClient.id, credential: createApiClient.credential };
}
