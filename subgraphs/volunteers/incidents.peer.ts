/**
 * What the volunteers subgraph asks the incidents subgraph, with its own
 * service principal: to forget the devices (push tokens) and alert delivery
 * choice of a volunteer whose account is being deleted.
 */
import { servicePrincipal } from '../../common/auth.ts';
import { serviceUnavailable } from '../../common/errors.ts';
import type { PeerClient } from '../../common/peers.ts';

const SERVICE = servicePrincipal('volunteers');

const FORGET_DEVICES = `mutation ForgetVolunteerDevices($volunteerId: ID!) { forgetVolunteerDevices(volunteerId: $volunteerId) }`;

/**
 * Has the incidents subgraph delete the volunteer's devices. Asked before the
 * account is erased, so a deletion that succeeds never leaves push tokens behind.
 *
 * @throws SERVICE_UNAVAILABLE when the incidents subgraph cannot answer: the deletion is then retried by the volunteer.
 */
export async function forgetVolunteerDevices(peers: PeerClient, volunteerId: string): Promise<void> {
  try {
    await peers.request<{ forgetVolunteerDevices: number }>('incidents', FORGET_DEVICES, { volunteerId }, SERVICE);
  } catch {
    throw serviceUnavailable('Your devices could not be removed from the alerting service just now; nothing was deleted. Please try again.');
  }
}
