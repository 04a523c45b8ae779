/**
 * A small organisation for the organisation tests, created through the
 * gateway as an administrator would: two regions each with a municipality and
 * its working group, an ambulance service for the first region, members, and
 * a partner association that joined the first municipality.
 */
import { randomBytes } from 'node:crypto';
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
  const call = <T = any>(query: string, variables: Record<string, unknown> = {}) => stack.data<T>(query, variables, admin);

  const region = async (name: string, code: string) =>
    (await call(`mutation ($input: CreateSecurityRegionInput!) { createSecurityRegion(input: $input) { id } }`, { input: { name, code } }))
      .createSecurityRegion.id as string;
  const regionId = await region('Hart voor Brabant', `VR20-${tag}`);
  const otherRegionId = await region('Groningen', `VR01-${tag}`);

  const municipality = async (name: string, code: string, regionId: string, boundary: unknown) =>
    (
      await call(`mutation ($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { id } }`, {
        input: { name, code, regionId, boundary, population: 26_500 },
      })
    ).createMunicipality.id as string;
  const municipalityId = await municipality('Oisterwijk', `GM0824-${tag}`, regionId, { type: 'Polygon', coordinates: [square(5.1, 51.5, 0.2)] });
  const otherMunicipalityId = await municipality('Groningen', `GM0014-${tag}`, otherRegionId, {
    type: 'Polygon',
    coordinates: [square(6.5, 53.2, 0.1)],
  });

  const serviceId = (
    await call(`mutation ($input: CreateAmbulanceServiceInput!) { createAmbulanceService(input: $input) { id } }`, {
      input: { name: 'RAV Brabant Midden-West-Noord', code: `RAV-${tag}`, dispatchCentre: 'Meldkamer Brabant', regionIds: [regionId] },
    })
  ).createAmbulanceService.id as string;

  const group = async (name: string, municipalityIds: string[]) =>
    (await call(`mutation ($input: CreateWorkingGroupInput!) { createWorkingGroup(input: $input) { id } }`, { input: { name, municipalityIds } }))
      .createWorkingGroup.id as string;
  const workingGroupId = await group('Hartveilig Oisterwijk', [municipalityId]);
  const otherWorkingGroupId = await group('Hartveilig Groningen', [otherMunicipalityId]);

  const member = async (userSubject: string, name: string, role: string, organisation: string) =>
    (
      await call(`mutation ($input: AddWorkingGroupMemberInput!) { addWorkingGroupMember(input: $input) { id } }`, {
        input: { workingGroupId, userSubject, name, role, organisation },
      })
    ).addWorkingGroupMember.id as string;
  const chairSubject = `chair-${tag}`;
  const memberSubject = `member-${tag}`;
  const chairMemberId = await member(chairSubject, 'Carla Chair', 'CHAIR', 'Gemeente Oisterwijk');
  const memberId = await member(memberSubject, 'Vera Volunteer', 'VOLUNTEER', 'EHBO Oisterwijk');

  const partnerId = (
    await call(`mutation ($input: CreatePartnerAssociationInput!) { createPartnerAssociation(input: $input) { id } }`, {
      input: { name: `EHBO Oisterwijk ${tag}` },
    })
  ).createPartnerAssociation.id as string;
  await call(`mutation ($p: ID!, $m: ID!) { joinMunicipality(partnerAssociationId: $p, municipalityId: $m) { id } }`, {
    p: partnerId,
    m: municipalityId,
  });

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
export async function createApiClient(stack: TestStack, admin: string, partnerId: string, permissions = ['STATISTICS', 'ALERTS']) {
  const { createApiClient } = await stack.data(
    `mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { credential apiClient { id } } }`,
    { input: { partnerAssociationId: partnerId, name: 'Partner app', permissions } },
    admin,
  );
  return { id: createApiClient.apiClient.id as string, credential: createApiClient.credential as string };
}
