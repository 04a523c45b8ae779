import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../common/context.ts';
import { PlaceOverrideType } from '../../../common/place.type.ts';
import { requireAedManager, requireAedRegistrar, requireGuardian } from './aed.access.ts';
import { addAedGuardian, confirmAedReady, getAed, recordAedCheck, decommissionAed, registerAed, removeAedGuardian, requireInService, updateAed } from './aed.service.ts';
import { AedCheckInput, AedContactType, AedDecommissionType, AedGuardianInput, AedGuardianType, AedType, RegisterAedInput, UpdateAedInput } from './aed.type.ts';
import { readCabinetCode } from './cabinet-code.ts';
import { guardiansByAed } from '../loaders.ts';
import { lookUpMunicipality } from '../peers.ts';
import { checkAedPlace } from './aed-place.ts';
import { aedSettings } from '../readiness/settings.ts';

@Resolver(() => AedType)
export class AedResolver {
  @Query(() => AedType, { description: 'One AED. Public: AED locations are published to save lives.' })
  async aed(@Arg('id', () => ID) id: string, @Ctx() { em }: RequestContext): Promise<AedType> {
    return AedType.from(await getAed(em, id));
  }

  @Mutation(() => AedType, {
    description:
      'Registers an AED in a municipality: its coordinators (policy officer, working group) or ADMIN. The municipality’s time zone and country are copied onto the AED for its schedule and dates.',
  })
  async registerAed(@Arg('input', () => RegisterAedInput) input: RegisterAedInput, @Ctx() { em, principal, peers }: RequestContext): Promise<AedType> {
    requireAedRegistrar(principal, input.municipalityId);
    const municipality = await lookUpMunicipality(peers, input.municipalityId);
    const outside = await checkAedPlace(peers, municipality.id, input.location, input.outsideMunicipalityReason, principal.subject);
    return AedType.from(await registerAed(em, input, municipality, outside, aedSettings()));
  }

  @Mutation(() => AedType, { description: 'Changes an AED: its guardians, the coordinators of its municipality, or ADMIN.' })
  async updateAed(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateAedInput) input: UpdateAedInput, @Ctx() { em, principal, peers }: RequestContext): Promise<AedType> {
    const aed = await getAed(em, id);
    requireAedManager(principal, aed);
    requireInService(aed);
    const outside = input.location ? await checkAedPlace(peers, aed.municipalityId, input.location, input.outsideMunicipalityReason, principal.subject) : null;
    return AedType.from(await updateAed(em, aed, input, outside, aedSettings()));
  }

  @Mutation(() => AedType, {
    description:
      'Takes an AED out of service for good, saying why: kept for its history, out of dispatch, of its municipality’s lists and counts, and of reminders; it can no longer be changed (CONFLICT). The coordinators of its municipality, or ADMIN.',
  })
  async decommissionAed(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() { em, principal }: RequestContext): Promise<AedType> {
    const aed = await getAed(em, id);
    requireAedRegistrar(principal, aed.municipalityId);
    return AedType.from(await decommissionAed(em, aed, reason, principal.subject));
  }

  @Mutation(() => AedType, { description: 'A guardian logs a check of the AED (and any battery or pads replaced). Its guardians or ADMIN.' })
  async recordAedCheck(
    @Arg('aedId', () => ID) aedId: string,
    @Arg('check', () => AedCheckInput, { nullable: true }) check: AedCheckInput | null,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AedType> {
    const aed = await getAed(em, aedId);
    requireGuardian(principal, aed.id);
    requireInService(aed);
    return AedType.from(await recordAedCheck(em, aed, check, aedSettings()));
  }

  @Mutation(() => AedType, {
    description: 'A guardian confirms the AED ready after it was used: it returns to dispatch, and the confirmation counts as a check. Its guardians or ADMIN.',
  })
  async confirmAedReady(
    @Arg('aedId', () => ID) aedId: string,
    @Arg('check', () => AedCheckInput, { nullable: true }) check: AedCheckInput | null,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AedType> {
    const aed = await getAed(em, aedId);
    requireGuardian(principal, aed.id);
    requireInService(aed);
    return AedType.from(await confirmAedReady(em, aed, check, aedSettings()));
  }

  @Mutation(() => AedGuardianType, { description: 'Adds a guardian to an AED: its guardians, the coordinators of its municipality, or ADMIN.' })
  async addAedGuardian(
    @Arg('aedId', () => ID) aedId: string,
    @Arg('guardian', () => AedGuardianInput) guardian: AedGuardianInput,
    @Ctx() { em, principal }: RequestContext,
  ): Promise<AedGuardianType> {
    const aed = await getAed(em, aedId);
    requireAedManager(principal, aed);
    requireInService(aed);
    return AedGuardianType.from(await addAedGuardian(em, aed, guardian, aedSettings()));
  }

  @Mutation(() => Boolean, { description: 'Removes a guardian from an AED: its guardians, the coordinators of its municipality, or ADMIN.' })
  async removeAedGuardian(@Arg('aedId', () => ID) aedId: string, @Arg('guardianId', () => ID) guardianId: string, @Ctx() { em, principal }: RequestContext): Promise<boolean> {
    const aed = await getAed(em, aedId);
    requireAedManager(principal, aed);
    await removeAedGuardian(em, aed, guardianId);
    return true;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The code of the locked cabinet; null when it is not locked. Only the AED’s own guardians (and dispatch, for the responder sent to fetch it) may read it: anyone else, ADMIN included, gets FORBIDDEN.',
  })
  async cabinetCode(@Root() aed: AedType, @Ctx() { em, principal }: RequestContext): Promise<string | null> {
    return readCabinetCode(em, principal, aed.id);
  }

  @FieldResolver(() => AedContactType, {
    nullable: true,
    description:
      'Its owner’s contact details; null when none are recorded. Personal data: its guardians, the coordinators of its municipality and ADMIN; FORBIDDEN for anyone else.',
  })
  owner(@Root() aed: AedType, @Ctx() { principal }: RequestContext): AedContactType | null {
    requireAedManager(principal, aed.entity);
    const { ownerName: name, ownerEmail: email, ownerPhone: phone } = aed.entity;
    if (name === null && email === null && phone === null) return null;
    return Object.assign(new AedContactType(), { name, email, phone });
  }

  @FieldResolver(() => AedDecommissionType, { nullable: true, description: 'Set once it was taken out of service for good: when, by whom, why. Public.' })
  decommissioned(@Root() aed: AedType): AedDecommissionType | null {
    const { decommissionedAt: at, decommissionedBy: by, decommissionReason: reason } = aed.entity;
    if (!at || !by || !reason) return null;
    return Object.assign(new AedDecommissionType(), { at, by, reason });
  }

  @FieldResolver(() => PlaceOverrideType, {
    nullable: true,
    description: 'Set when it was accepted outside its municipality’s boundary: why, who, when. Its guardians, the coordinators of its municipality and ADMIN.',
  })
  locationOutsideMunicipality(@Root() aed: AedType, @Ctx() { principal }: RequestContext): PlaceOverrideType | null {
    requireAedManager(principal, aed.entity);
    const row = aed.entity;
    return PlaceOverrideType.of(row.locationOutsideReason, row.locationOutsideBy, row.locationOutsideAt, row.locationOutsideMeters);
  }

  @FieldResolver(() => [AedGuardianType], {
    nullable: true,
    description:
      'The people who look after it. Personal data: its guardians, the coordinators of its municipality and ADMIN; for anyone else null, with FORBIDDEN on this field only.',
  })
  async guardians(@Root() aed: AedType, @Ctx() context: RequestContext): Promise<AedGuardianType[]> {
    requireAedManager(context.principal, aed.entity);
    return (await guardiansByAed(context).load(aed.id)).map(AedGuardianType.from);
  }
}
