import fs from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readOwnership, soleSubgraph } from './subscription-passthrough.ts';

// The product's own supergraph and API schema, as the gateway reads them.
const supergraph = fs.readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8');
const schema = buildSchema(fs.readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const ownership = readOwnership(supergraph);
const sole = (operation: string, operationName?: string) => soleSubgraph(schema, ownership, parse(operation), operationName);

describe('which subgraph serves a subscription alone', () => {
  it('is the incidents subgraph for what a volunteer’s app asks, the AED’s position included (incidents provides it)', () => {
    expect(
      sole(`subscription ($v: ID!) {
        myAlerts(volunteerId: $v) { cursor kind alert { id task etaSeconds patientAddress cabinetCode aed { id location { latitude longitude } } } }
      }`),
    ).toBe('incidents');
  });

  it('is none when one field needs another subgraph: the AED’s location description, a volunteer’s name', () => {
    expect(sole('subscription ($v: ID!) { myAlerts(volunteerId: $v) { cursor alert { aed { id locationDescription } } } }')).toBeUndefined();
    expect(sole('subscription ($v: ID!) { myAlerts(volunteerId: $v) { cursor alert { volunteer { id name } } } }')).toBeUndefined();
  });

  it('follows fragments, and the operation named among several', () => {
    const document = `
      fragment Where on Aed { id location { latitude } }
      subscription Mine($v: ID!) { myAlerts(volunteerId: $v) { cursor alert { ... on Alert { task } aed { ...Where } } } }
      subscription Other($v: ID!) { myAlerts(volunteerId: $v) { cursor alert { aed { locationDescription } } } }`;
    expect(sole(document, 'Mine')).toBe('incidents');
    expect(sole(document, 'Other')).toBeUndefined();
    expect(sole(document)).toBeUndefined();
  });

  it('is the AEDs subgraph for an AED’s own notifications', () => {
    expect(sole('subscription ($a: ID!) { aedNotifications(aedId: $a) { cursor kind } }')).toBe('aeds');
  });
});
