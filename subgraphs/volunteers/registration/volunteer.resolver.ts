import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAuthenticated } from '../../../common/auth.ts';
import type { RequestContext } from '../../../common/context.ts';
import { PlaceOverrideType } from '../../../common/place.type.ts';
import { conflict, notFound } from '../../../common/errors.ts';
import { GeoPoint, GeoPointInput } from '../../../common/geo.type.ts';
import { parseId } from '../../../common/ids.ts';
import { resolveLanguage } from '../../../common/language.ts';
import { LocalDate } from '../../../common/scalars.ts';
import { findMyVolunteer, isSelf, myVolunteer, requireManageVolunteersOf, requirePerson, requireSignedIn, requireVolunteerAccess } from '../access.ts';
import { alertabilityOf } from '../candidates/alertability.ts';
import { forgetVolunteerDevices } from '../peers.ts';
import { reportCurrentPosition, setLocationSharing } from './current-position.service.ts';
import { certificatesOfVolunteer, consentsOfVolunteer, currentPositionOfVolunteer, gracePeriodOfRegion, membershipsOfVolunteer } from '../loaders.ts';
import { PartnerAssociationRef } from '../references.ts';
import { TrainingCertificateType } from '../certificates/training-certificate.type.ts';
import { Volunteer, VolunteerStatus } from './volunteer.entity.ts';
import { deleteVolunteerAccount, registerVolunteer, setAvailability, setStatus, updateVolunteer } from './volunteer.service.ts';
import {
  AddressType,
  AlertabilityType,
  AvailabilityInput,
  ConsentType,
  CurrentPositionType,
  QuietHoursType,
  VolunteerErasureType,
  RegisterVolunteerInput,
  UpdateVolunteerInput,
  VolunteerType,
  WorkAddressType,
} from './volunteer.type.ts';

/** A volunteer who has not deleted their account, or NOT_FOUND. */
export async function findVolunteer(context: RequestContext, id: string): Promise<Volunteer> {
  const volunteer = await context.em.findOne(Volunteer, { id: parseId(id, 'Volunteer'), status: { $ne: VolunteerStatus.DELETED } });
  if (!volunteer) throw notFound('Volunteer', id);
  return volunteer;
}

/** The row behind a Volunteer, once the caller may see its personal data. */
function personal(context: RequestContext, volunteer: VolunteerType): Volunteer {
  requireVolunteerAccess(context.principal, volunteer.entity);
  return volunteer.entity;
}

@Resolver(() => VolunteerType)
export class VolunteerResolver {
  @Query(() => VolunteerType, { description: 'A volunteer: themselves, or a coordinator of their municipality.' })
  async volunteer(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<VolunteerType> {
    requireSignedIn(context.principal);
    const volunteer = await findVolunteer(context, id);
    requireVolunteerAccess(context.principal, volunteer);
    return VolunteerType.from(volunteer);
  }

  @Query(() => VolunteerType, {
    nullable: true,
    description: 'The caller’s own volunteer record (by their VOLUNTEER grant, or the account they signed up with), or null.',
  })
  async myVolunteer(@Ctx() { em, principal }: RequestContext): Promise<VolunteerType | null> {
    const volunteer = await findMyVolunteer(em, principal);
    return volunteer ? VolunteerType.from(volunteer) : null;
  }

  @Mutation(() => VolunteerType, {
    description:
      'Signs the caller up as a volunteer (self-service): the record is tied to the subject of their token. The identity provider then issues tokens with role VOLUNTEER scoped to the returned id; until then the caller is recognised by their subject. Any signed-in person without a volunteer record.',
  })
  async registerMe(@Arg('input', () => RegisterVolunteerInput) input: RegisterVolunteerInput, @Ctx() { em, peers, principal }: RequestContext): Promise<VolunteerType> {
    requirePerson(principal);
    if (await findMyVolunteer(em, principal)) {
      throw conflict('You are already registered as a volunteer.', { reason: 'DUPLICATE_REGISTRATION' });
    }
    const volunteer = await registerVolunteer(em, peers, input, { subject: principal.subject, accountSubject: principal.subject, at: new Date() });
    return VolunteerType.from(volunteer);
  }

  @Mutation(() => VolunteerType, {
    description:
      'Registers a volunteer on their behalf (a paper form, a phone call). ADMIN, or the chair, group leader or administrative support of the working group covering the municipality.',
  })
  async registerVolunteer(@Arg('input', () => RegisterVolunteerInput) input: RegisterVolunteerInput, @Ctx() { em, peers, principal }: RequestContext): Promise<VolunteerType> {
    requireAuthenticated(principal);
    parseId(input.municipalityId, 'Municipality');
    requireManageVolunteersOf(principal, input.municipalityId.toLowerCase());
    const volunteer = await registerVolunteer(em, peers, input, { subject: principal.subject, accountSubject: null, at: new Date() });
    return VolunteerType.from(volunteer);
  }

  @Mutation(() => VolunteerType, {
    description: 'Corrects a volunteer’s name, contact details and addresses: the volunteer, or the working group of their municipality.',
  })
  async updateVolunteer(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateVolunteerInput) input: UpdateVolunteerInput,
    @Ctx() context: RequestContext,
  ): Promise<VolunteerType> {
    requireSignedIn(context.principal);
    const volunteer = await findVolunteer(context, id);
    if (!isSelf(context.principal, volunteer)) requireManageVolunteersOf(context.principal, volunteer.municipalityId);
    return VolunteerType.from(await updateVolunteer(context.em, context.peers, volunteer, input, context.principal.subject, new Date()));
  }

  @Mutation(() => VolunteerType, {
    description: 'Suspends a volunteer (no alerts) or reinstates them (ACTIVE). The working group of their municipality, or ADMIN.',
  })
  async setVolunteerStatus(@Arg('id', () => ID) id: string, @Arg('status', () => VolunteerStatus) status: VolunteerStatus, @Ctx() context: RequestContext): Promise<VolunteerType> {
    requireAuthenticated(context.principal);
    const volunteer = await findVolunteer(context, id);
    requireManageVolunteersOf(context.principal, volunteer.municipalityId);
    return VolunteerType.from(await setStatus(context.em, volunteer, status, new Date()));
  }

  @Mutation(() => VolunteerType, { description: 'Switches the caller on or off duty and sets or clears their quiet hours. The volunteer themselves.' })
  async setMyAvailability(@Arg('input', () => AvailabilityInput) input: AvailabilityInput, @Ctx() { em, principal }: RequestContext): Promise<VolunteerType> {
    const volunteer = await myVolunteer(em, principal);
    return VolunteerType.from(await setAvailability(em, volunteer, input, new Date()));
  }

  @Mutation(() => VolunteerType, {
    description: 'Opts in to (or out of) being alerted at the phone’s position, recording the consent. Opting out deletes the current position. The volunteer themselves.',
  })
  async setMyLocationSharing(@Arg('enabled', () => Boolean) enabled: boolean, @Ctx() { em, principal }: RequestContext): Promise<VolunteerType> {
    const volunteer = await myVolunteer(em, principal);
    return VolunteerType.from(await setLocationSharing(em, volunteer, enabled, principal.subject, new Date()));
  }

  @Mutation(() => CurrentPositionType, {
    description:
      'Reports the phone’s position (opt-in: setMyLocationSharing). Only the latest is kept, with no history; it is ignored and deleted 72 hours after the last report. The volunteer themselves.',
  })
  async updateMyLocation(@Arg('position', () => GeoPointInput) position: GeoPointInput, @Ctx() { em, principal }: RequestContext): Promise<CurrentPositionType> {
    const volunteer = await myVolunteer(em, principal);
    return CurrentPositionType.of(await reportCurrentPosition(em, volunteer, position, new Date()));
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes the caller’s volunteer account: name, contact details, addresses, positions, consents, memberships and the devices of their app are erased at once; only anonymous statistics remain. The volunteer themselves.',
  })
  async deleteMyAccount(@Ctx() { em, principal, peers }: RequestContext): Promise<boolean> {
    const volunteer = await myVolunteer(em, principal);
    await forgetVolunteerDevices(peers, volunteer.id);
    await deleteVolunteerAccount(em, volunteer, new Date(), principal.subject);
    return true;
  }

  @Mutation(() => VolunteerErasureType, {
    description:
      'Erases a volunteer on their request (a letter, a phone call), as deleteMyAccount does: personal data, positions, consents and memberships gone at once; anonymous statistics kept; who erased it and when recorded. The working group of their municipality, or ADMIN.',
  })
  async eraseVolunteer(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<VolunteerErasureType> {
    requireAuthenticated(context.principal);
    const volunteer = await findVolunteer(context, id);
    requireManageVolunteersOf(context.principal, volunteer.municipalityId);
    const at = new Date();
    await deleteVolunteerAccount(context.em, volunteer, at, context.principal.subject);
    return Object.assign(new VolunteerErasureType(), { volunteerId: volunteer.id, erasedAt: at, erasedBy: context.principal.subject });
  }

  @FieldResolver(() => VolunteerStatus, { nullable: true })
  status(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): VolunteerStatus {
    return personal(context, volunteer).status;
  }

  @FieldResolver(() => String, { nullable: true })
  name(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): string | null {
    return personal(context, volunteer).name ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'E.164.' })
  phone(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): string | null {
    return personal(context, volunteer).phone ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The language of their alerts and SMS: their own choice, else the language of their municipality’s country.',
  })
  language(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): string {
    const row = personal(context, volunteer);
    return resolveLanguage(row.language, row.countryCode);
  }

  @FieldResolver(() => String, { nullable: true })
  email(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): string | null {
    return personal(context, volunteer).email ?? null;
  }

  @FieldResolver(() => LocalDate, { nullable: true })
  dateOfBirth(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): string | null {
    return personal(context, volunteer).dateOfBirth ?? null;
  }

  @FieldResolver(() => AddressType, { nullable: true })
  homeAddress(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): AddressType | null {
    const row = personal(context, volunteer);
    if (row.homeLatitude == null || row.homeLongitude == null) return null;
    return Object.assign(new AddressType(), {
      street: row.homeStreet ?? null,
      houseNumber: row.homeHouseNumber ?? null,
      postalCode: row.homePostalCode ?? null,
      city: row.homeCity ?? null,
      position: GeoPoint.of(row.homeLatitude, row.homeLongitude),
    });
  }

  @FieldResolver(() => WorkAddressType, { nullable: true })
  workAddress(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): WorkAddressType | null {
    const row = personal(context, volunteer);
    if (row.workLatitude == null || row.workLongitude == null || !row.workHours) return null;
    return Object.assign(new WorkAddressType(), {
      street: row.workStreet ?? null,
      houseNumber: row.workHouseNumber ?? null,
      postalCode: row.workPostalCode ?? null,
      city: row.workCity ?? null,
      position: GeoPoint.of(row.workLatitude, row.workLongitude),
      weeklyHours: row.workHours.map((interval) => ({ ...interval })),
    });
  }

  @FieldResolver(() => CurrentPositionType, { nullable: true, description: 'The phone’s last reported position, if reported in the last 72 hours.' })
  async currentPosition(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): Promise<CurrentPositionType | null> {
    const row = personal(context, volunteer);
    const current = await currentPositionOfVolunteer(context).load(row.id);
    return current ? CurrentPositionType.of(current) : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Opted in to being alerted at the phone’s position.' })
  locationSharing(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): boolean {
    return personal(context, volunteer).locationSharing;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'The volunteer’s own on/off switch.' })
  onDuty(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): boolean {
    return personal(context, volunteer).onDuty;
  }

  @FieldResolver(() => QuietHoursType, { nullable: true })
  quietHours(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): QuietHoursType | null {
    const row = personal(context, volunteer);
    if (!row.quietHoursStart || !row.quietHoursEnd) return null;
    return Object.assign(new QuietHoursType(), { start: row.quietHoursStart, end: row.quietHoursEnd });
  }

  @FieldResolver(() => [ConsentType], { nullable: true, description: 'Consents given and withdrawn, oldest first.' })
  async consents(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): Promise<ConsentType[]> {
    const row = personal(context, volunteer);
    return (await consentsOfVolunteer(context).load(row.id)).map(ConsentType.from);
  }

  @FieldResolver(() => [TrainingCertificateType], { nullable: true, description: 'By course date, oldest first.' })
  async certificates(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): Promise<TrainingCertificateType[]> {
    const row = personal(context, volunteer);
    return (await certificatesOfVolunteer(context).load(row.id)).map(TrainingCertificateType.from);
  }

  @FieldResolver(() => [PartnerAssociationRef], { nullable: true, description: 'Partner associations the volunteer is a member of.' })
  async associations(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): Promise<PartnerAssociationRef[]> {
    const row = personal(context, volunteer);
    return (await membershipsOfVolunteer(context).load(row.id)).map((membership) => PartnerAssociationRef.of(membership.partnerAssociationId));
  }

  @FieldResolver(() => AlertabilityType, {
    nullable: true,
    description:
      'Whether the volunteer may be alerted at `at` (default now), by the one eligibility rule dispatch uses: 18+, active, on duty, outside quiet hours, a valid verified certificate (the region’s grace period included), all in the municipality’s local time.',
  })
  async alertableAt(
    @Root() volunteer: VolunteerType,
    @Arg('at', () => Date, { nullable: true }) at: Date | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<AlertabilityType> {
    const row = personal(context, volunteer);
    const instant = at ?? new Date();
    const [certificates, grace] = await Promise.all([
      certificatesOfVolunteer(context).load(row.id),
      row.securityRegionId ? gracePeriodOfRegion(context).load(row.securityRegionId) : Promise.resolve(0),
    ]);
    return AlertabilityType.of(instant, alertabilityOf(row, certificates, grace, instant));
  }

  @FieldResolver(() => PlaceOverrideType, { nullable: true, description: 'Set when the home address was accepted outside the municipality’s boundary.' })
  homeOutsideMunicipality(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): PlaceOverrideType | null {
    const row = personal(context, volunteer);
    return PlaceOverrideType.of(row.homeOutsideReason, row.homeOutsideBy, row.homeOutsideAt, row.homeOutsideMeters);
  }

  @FieldResolver(() => Date, { nullable: true })
  registeredAt(@Root() volunteer: VolunteerType, @Ctx() context: RequestContext): Date {
    return personal(context, volunteer).createdAt;
  }
}
