/**
 * Which of a volunteer's positions put them near a patient: one word for it in
 * the volunteers' search table (`volunteers.candidate_position.kind`), the
 * dispatch plan, the alert (`incidents.alert.position_kind`) and the public
 * `PositionKind` enum, shared by the volunteers subgraph that finds the
 * position and the incidents subgraph that alerts from it.
 *
 * CURRENT is a kind of its own, not a stale HOME or WORK: the phone's position
 * the volunteer chose to share (`updateMyLocation`), used only for 72 hours
 * after its last report.
 *
 * Domain modules import the type only (`import type`), so they stay free of
 * GraphQL; the resolvers import the value, registered here once.
 */
import { registerEnumType } from 'type-graphql';

export const PositionKind = {
  HOME: 'HOME',
  WORK: 'WORK',
  CURRENT: 'CURRENT',
} as const;

export type PositionKind = (typeof PositionKind)[keyof typeof PositionKind];

registerEnumType(PositionKind, {
  name: 'PositionKind',
  description: 'Which of a volunteer’s positions put them near a patient.',
  valuesConfig: {
    HOME: { description: 'Their home address.' },
    WORK: { description: 'Their work address, during the weekly hours they gave for it.' },
    CURRENT: { description: 'The position their phone last shared, reported in the last 72 hours.' },
  },
});
