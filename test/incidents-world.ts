/**
 * A small hand-made world for the incidents tests and the dispatch benchmark,
 * built through the gateway with the public API as an administrator would:
 * a security region with one municipality around the patient, an ambulance
 * service serving it, volunteers and AEDs placed at known distances (metres
 * north and east of the patient), and the tokens of everyone involved.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Client } from 'graphql-ws';
import { Role, type Grant } from '../common/auth.ts';
import { offsetMeters, type LatLon } from '../common/earth.ts';
import {
  AddAssociationMembershipDocument,
  AddTrainingCertificateDocument,
  CreateAmbulanceServiceDocument,
  CreateMunicipalityDocument,
  CreatePartnerAssociationDocument,
  CreateSecurityRegionDocument,
  RegisterAedDocument,
  RegisterVolunteerDocument,
  type ReportIncidentInput,
} from './operations/generated.ts';
import { sourceOf, type Operation } from './operations/source.ts';
import { unique } from './organization-fixture.ts';
import { registration } from './volunteers-fixture.ts';

/** What the builder needs from a running product. */
export interface WorldApi {
  /** Runs an operation through the gateway and fails on any GraphQL error. */
  data<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  token(grants: Grant[] | Grant, subject?: string): Promise<string>;
  adminToken(): Promise<string>;
}

/** Runs a typed document through `api`, which takes operation text as the benchmarks' clients do. */
function send<TResult, TVariables>(api: WorldApi, document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, token: string): Promise<TResult> {
  return api.data<TResult>(sourceOf(document), variables as Record<string, unknown>, token);
}

export interface VolunteerSpec {
  name: string;
  /** Home address, metres north (negative: south) of the patient. */
  north: number;
  /** Home address, metres east (negative: west) of the patient. */
  east: number;
  /** Mobile number for SMS alerts (default: a unique one). */
  phone?: string;
  /** Member of the world's partner association. */
  partnerMember?: boolean;
  /** The language of their texts (default: the municipality's country's). */
  language?: string;
}

export interface AedSpec {
  name: string;
  north: number;
  east: number;
  cabinetCode?: string;
  /** `opening_hours`; default `24/7`. */
  schedule?: string;
  /** Default: two years from now. */
  padsExpireOn?: string;
  /** Street address (default: none). */
  address?: string;
  /** Default: `AED <name>`. */
  locationDescription?: string;
}

export interface WorldSpec {
  /** Where the patient is; the municipality is a square of about 10 km around it. */
  patient: LatLon;
  volunteers: VolunteerSpec[];
  aeds: AedSpec[];
  /** The municipality's country and clock (default NL, Europe/Amsterdam). */
  countryCode?: string;
  timeZone?: string;
}

export interface WorldVolunteer {
  id: string;
  name: string;
  token: string;
}

export interface World {
  patient: LatLon;
  regionId: string;
  municipalityId: string;
  ambulanceServiceId: string;
  partnerAssociationId: string;
  dispatcherToken: string;
  /** POLICY_OFFICER of the municipality: an aftercare contact. */
  coordinatorToken: string;
  /** A PARTNER of the association with the ALERTS permission. */
  partnerToken: string;
  volunteers: Record<string, WorldVolunteer>;
  aeds: Record<string, string>;
  /** The name of the volunteer or AED with this id. */
  nameOf(id: string): string;
}

/** `YYYY-MM-DD`, `days` from today (UTC). */
export function isoDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * An `opening_hours` schedule that is closed now and for the next hour in
 * `timeZone`: open only two to three hours from now, every day.
 */
export function closedNowSchedule(timeZone = 'Europe/Amsterdam'): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(new Date()));
  const pad = (value: number) => String(value).padStart(2, '0');
  const from = (hour + 2) % 24;
  return `Mo-Su ${pad(from)}:00-${pad(from + 1)}:00`;
}

/** A square polygon of about ±5 km around `centre`, as GeoJSON. */
function squareAround(centre: LatLon) {
  const corner = (north: number, east: number) => {
    const point = offsetMeters(centre, north, east);
    return [point.lon, point.lat];
  };
  const ring = [corner(-5000, -5000), corner(-5000, 5000), corner(5000, 5000), corner(5000, -5000), corner(-5000, -5000)];
  return { type: 'Polygon', coordinates: [ring] };
}

/** Registers a volunteer who can be alerted at once at their home address (adult, certified, on duty). */
async function registerAlertableVolunteer(
  api: WorldApi,
  admin: string,
  municipalityId: string,
  patient: LatLon,
  spec: VolunteerSpec,
  partnerAssociationId: string,
): Promise<string> {
  const home = offsetMeters(patient, spec.north, spec.east);
  const input = registration(municipalityId, {
    name: spec.name,
    ...(spec.phone ? { phone: spec.phone } : {}),
    ...(spec.language ? { language: spec.language } : {}),
    homeAddress: { street: 'Dorpsstraat', houseNumber: '12', postalCode: '5061 HK', city: 'Oisterwijk', position: { latitude: home.lat, longitude: home.lon } },
  });
  const { registerVolunteer } = await send(api, RegisterVolunteerDocument, { input }, admin);
  const volunteerId = registerVolunteer.id;
  await send(api, AddTrainingCertificateDocument, { v: volunteerId, input: { type: 'CPR_AED', provider: 'EHBO Oisterwijk', courseDate: isoDate(-30), verified: true } }, admin);
  if (spec.partnerMember) {
    await send(api, AddAssociationMembershipDocument, { v: volunteerId, a: partnerAssociationId }, admin);
  }
  return volunteerId;
}

/** Builds the world through the gateway. */
export async function buildWorld(api: WorldApi, spec: WorldSpec): Promise<World> {
  const admin = await api.adminToken();
  const tag = unique();
  const { createSecurityRegion: region } = await send(api, CreateSecurityRegionDocument, { input: { name: `Region ${tag}`, code: `VR${tag}` } }, admin);
  const { createMunicipality: municipality } = await send(
    api,
    CreateMunicipalityDocument,
    {
      input: {
        name: `Municipality ${tag}`,
        code: `GM${String(parseInt(tag, 16) % 10000).padStart(4, '0')}`,
        regionId: region.id,
        boundary: squareAround(spec.patient),
        population: 26000,
        ...(spec.countryCode ? { countryCode: spec.countryCode } : {}),
        ...(spec.timeZone ? { timeZone: spec.timeZone } : {}),
      },
    },
    admin,
  );
  const { createAmbulanceService: service } = await send(
    api,
    CreateAmbulanceServiceDocument,
    { input: { name: `RAV ${tag}`, code: `RAV-${tag}`, dispatchCentre: `Meldkamer ${tag}`, regionIds: [region.id] } },
    admin,
  );
  const { createPartnerAssociation: association } = await send(api, CreatePartnerAssociationDocument, { input: { name: `EHBO ${tag}` } }, admin);

  const names = new Map<string, string>();
  const volunteers: Record<string, WorldVolunteer> = {};
  for (const volunteer of spec.volunteers) {
    const id = await registerAlertableVolunteer(api, admin, municipality.id, spec.patient, volunteer, association.id);
    volunteers[volunteer.name] = { id, name: volunteer.name, token: await api.token({ role: Role.VOLUNTEER, scope: id }, `volunteer-${volunteer.name}`) };
    names.set(id, volunteer.name);
  }
  const aeds: Record<string, string> = {};
  for (const aed of spec.aeds) {
    const position = offsetMeters(spec.patient, aed.north, aed.east);
    const { registerAed } = await send(
      api,
      RegisterAedDocument,
      {
        input: {
          municipalityId: municipality.id,
          location: { latitude: position.lat, longitude: position.lon },
          locationDescription: aed.locationDescription ?? `AED ${aed.name}`,
          ...(aed.address ? { address: aed.address } : {}),
          access: 'PUBLIC',
          cabinetLocked: aed.cabinetCode !== undefined,
          cabinetCode: aed.cabinetCode ?? null,
          availabilitySchedule: aed.schedule ?? '24/7',
          batteryExpiresOn: isoDate(700),
          padsExpireOn: aed.padsExpireOn ?? isoDate(700),
          lastCheckedOn: isoDate(-1),
        },
      },
      admin,
    );
    aeds[aed.name] = registerAed.id;
    names.set(registerAed.id, aed.name);
  }
  return {
    patient: spec.patient,
    regionId: region.id,
    municipalityId: municipality.id,
    ambulanceServiceId: service.id,
    partnerAssociationId: association.id,
    dispatcherToken: await api.token({ role: Role.DISPATCHER, scope: service.id }, `dispatcher-${tag}`),
    coordinatorToken: await api.token({ role: Role.POLICY_OFFICER, scope: municipality.id }, `coordinator-${tag}`),
    partnerToken: await api.token({ role: Role.PARTNER, scope: association.id }, `partner-${tag}`),
    volunteers,
    aeds,
    nameOf: (id) => names.get(id) ?? id,
  };
}

/**
 * The reportIncident input for a patient at `world.patient` (or `north`/`east` metres from it).
 * `overrides` may be deliberately bad (the tests of the edge), hence their loose type.
 */
export function reportInput(world: World, overrides: Record<string, unknown> = {}, north = 0, east = 0): ReportIncidentInput {
  const position = offsetMeters(world.patient, north, east);
  return {
    dispatchReference: `CAD-${unique()}`,
    location: { latitude: position.lat, longitude: position.lon },
    address: 'Dorpsstraat 12, 5061 HK Oisterwijk',
    callReceivedAt: new Date().toISOString(),
    ...overrides,
  } as ReportIncidentInput;
}

/** Every frame of a subscription, with a way to wait for the ones a test expects. */
export interface Frames<T> {
  readonly frames: T[];
  readonly errors: unknown[];
  /** Resolves with the frames once `done(frames)` holds; rejects after `timeoutMs`. */
  until(done: (frames: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

/** Subscribes and keeps every frame's `data`. */
export function subscribeFrames<T = any, TVariables = Record<string, unknown>>(client: Client, query: Operation<T, TVariables>, variables: TVariables): Frames<T> {
  const frames: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  const stop = client.subscribe<T>(
    { query: sourceOf(query), variables: variables as Record<string, unknown> },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) frames.push(value.data as T);
        wake();
      },
      error: (error) => {
        errors.push(error);
        wake();
      },
      complete: wake,
    },
  );
  return {
    frames,
    errors,
    stop,
    until(done, timeoutMs = 10_000) {
      return new Promise<T[]>((resolve, reject) => {
        const check = () => {
          if (done(frames)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(frames);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out after ${timeoutMs} ms with ${frames.length} frames: ${JSON.stringify(frames).slice(0, 2000)}; errors: ${JSON.stringify(errors)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Waits `ms` milliseconds (to let a subscription register before the event it waits for). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
