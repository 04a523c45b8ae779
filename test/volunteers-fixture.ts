/**
 * Volunteers for end-to-end tests, registered through the gateway as a
 * coordinator or the volunteer would: a valid registration with a unique
 * phone number and e-mail address, and a verified certificate.
 */
import { randomInt } from 'node:crypto';
import {
  AddTrainingCertificateDocument,
  RegisterVolunteerDocument,
  VerifyTrainingCertificateDocument,
  type RegisterVolunteerInput,
  type CertificateType,
} from './operations/generated.ts';
import { sourceOf } from './operations/source.ts';
import type { TestStack } from './stack.ts';

/** A Dutch mobile number nobody else in the run has (in E.164). */
export function uniquePhone(): string {
  return `+3161${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

/** Oisterwijk town centre. */
export const OISTERWIJK = { latitude: 51.5794, longitude: 5.1893 };

/**
 * A valid `RegisterVolunteerInput` for the municipality; `overrides` replace its fields
 * (and may be deliberately bad, for the tests of the edge: hence their loose type).
 */
export function registration(municipalityId: string, overrides: Record<string, unknown> = {}): RegisterVolunteerInput {
  const phone = uniquePhone();
  return {
    name: 'Anna de Vries',
    phone,
    email: `volunteer${phone.slice(1)}@example.nl`,
    dateOfBirth: '1985-04-12',
    municipalityId,
    homeAddress: { street: 'Dorpsstraat', houseNumber: '12', postalCode: '5061 HK', city: 'Oisterwijk', position: OISTERWIJK },
    ...overrides,
  } as RegisterVolunteerInput;
}

/** The operations' text (test/operations/volunteers.graphql), for tests that send it as it is, bad input included. */
export const REGISTER = sourceOf(RegisterVolunteerDocument);
export const ADD_CERTIFICATE = sourceOf(AddTrainingCertificateDocument);

/** Registers a volunteer with `token` (ADMIN or a coordinator) and returns their id. */
export async function registerVolunteer(stack: TestStack, token: string, input: RegisterVolunteerInput): Promise<string> {
  const { registerVolunteer } = await stack.data(RegisterVolunteerDocument, { input }, token);
  return registerVolunteer.id;
}

/** Records a CPR/AED certificate for the volunteer and (by default) verifies it in a second step; returns its id. */
export async function certify(
  stack: TestStack,
  token: string,
  volunteerId: string,
  certificate: { courseDate: string; validUntil?: string; type?: CertificateType; verify?: boolean },
): Promise<string> {
  const { addTrainingCertificate } = await stack.data(
    AddTrainingCertificateDocument,
    {
      v: volunteerId,
      input: {
        type: certificate.type ?? 'CPR_AED',
        name: 'NRR Reanimatie/AED',
        provider: 'EHBO Oisterwijk',
        courseDate: certificate.courseDate,
        validUntil: certificate.validUntil ?? null,
      },
    },
    token,
  );
  if (certificate.verify !== false) await stack.data(VerifyTrainingCertificateDocument, { id: addTrainingCertificate.id }, token);
  return addTrainingCertificate.id;
}
