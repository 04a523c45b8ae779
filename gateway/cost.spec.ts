import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, specifiedRules } from 'graphql';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../common/config.ts';
import { DEFAULT_LIST_SIZE, FIELD_WEIGHTS, LIST_SIZES, costLimitRule, operationCost } from './cost.ts';
import { DEFAULT_LIMITS } from './limits.ts';

const schema = buildSchema(fs.readFileSync(path.join(projectRoot, 'schema', 'api.graphql'), 'utf8'));
const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), undefined, variables);

/** The query of issue 15: twenty aliases of every municipality's hourly counts. */
const FLOOD = `{ ${Array.from({ length: 20 }, (_, index) => `m${index}: municipalities { alertableVolunteerCountsByHour { hourOfWeek count } dispatchableAedCountsByHour { hourOfWeek count } }`).join(' ')} }`;

describe('operation cost', () => {
  it('names only fields of the API in its tables', () => {
    for (const coordinate of [...Object.keys(FIELD_WEIGHTS), ...Object.keys(LIST_SIZES)]) {
      const [type, field] = coordinate.split('.');
      const named = schema.getType(type!) as { getFields?: () => Record<string, unknown> } | undefined;
      expect(named?.getFields?.()[field!], coordinate).toBeDefined();
    }
  });

  it('weighs the work behind a field and multiplies lists by their expected size', () => {
    // 1 for the municipality, 400 for the counts' work, 168 hours of 1 each; leaves cost nothing.
    expect(cost(`{ municipality(id: "x") { name alertableVolunteerCountsByHour { hourOfWeek count } } }`)).toBe(1 + 400 + 168);
    expect(cost(`{ municipalities { alertableVolunteerCount } }`)).toBe(400 * (1 + 20));
    expect(cost(`{ municipalities { name } }`)).toBe(LIST_SIZES['Query.municipalities']);
    expect(cost(`{ partnerAssociation(id: "x") { apiClients { id } } }`)).toBe(1 + DEFAULT_LIST_SIZE);
  });

  it('takes a list at the length the caller bounds it to, literal or variable', () => {
    expect(cost(`{ incidents(first: 3) { id } }`)).toBe(3);
    expect(cost(`query ($n: Int!) { incidents(first: $n) { id } }`, { n: 7 })).toBe(7);
    // The argument's default when not given.
    expect(cost(`{ incidents { id } }`)).toBe(50);
  });

  it('counts fragments and aliases as often as they are used', () => {
    const once = cost(`{ municipality(id: "x") { dispatchableAedCount } }`);
    expect(cost(`{ a: municipality(id: "x") { ...F } b: municipality(id: "y") { ...F } } fragment F on Municipality { dispatchableAedCount }`)).toBe(2 * once);
    expect(cost(`{ municipality(id: "x") { ... on Municipality { dispatchableAedCount } } }`)).toBe(once);
  });

  it('refuses the flood of issue 15 and lets one municipality’s hourly counts and all municipalities’ AEDs through', () => {
    const rule = costLimitRule(DEFAULT_LIMITS.maxCost);
    const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, rule]);
    const [refused] = errors(FLOOD);
    expect(refused?.message).toMatch(/would cost about \d+ \(the limit is 50000\)/);
    expect(refused?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: DEFAULT_LIMITS.maxCost });
    expect(errors(`{ municipalities { alertableVolunteerCountsByHour { count } } }`)).toHaveLength(1);
    expect(errors(`{ municipality(id: "x") { alertableVolunteerCountsByHour { count } dispatchableAedCountsByHour { count } } }`)).toEqual([]);
    expect(errors(`{ municipalities { name volunteerCount dispatchableAedCount aeds { id } } }`)).toEqual([]);
  });
});
