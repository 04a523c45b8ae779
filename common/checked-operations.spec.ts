import { buildSchema, Kind, type ValidationRule, specifiedRules } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type CheckedOperation, KEPT_OPERATIONS, operationChecker } from './checked-operations.ts';

const schema = buildSchema(`
  type Query { ping: String }
  type Subscription { alerts(volunteerId: ID!): String }
`);

/** The standard rules, counting how many times a document is validated. */
function countingRules(): { rules: ValidationRule[]; validations: () => number } {
  let validations = 0;
  const counting: ValidationRule = () => ({
    enter: (node) => {
      if (node.kind === Kind.DOCUMENT) validations++;
    },
  });
  return { rules: [...specifiedRules, counting], validations: () => validations };
}

describe('operationChecker', () => {
  it('validates a valid text once and answers later subscribes with the same document', () => {
    const { rules, validations } = countingRules();
    const check = operationChecker(schema, { rules });
    const text = 'subscription ($v: ID!) { alerts(volunteerId: $v) }';
    const first = check(text);
    const second = check(text);
    expect('document' in first && 'document' in second).toBe(true);
    expect(second).toEqual(first);
    expect((second as { document: unknown }).document).toBe((first as { document: unknown }).document);
    expect(validations()).toBe(1);
  });

  it('checks an invalid text every time, with the same errors', () => {
    const { rules, validations } = countingRules();
    const check = operationChecker(schema, { rules });
    const text = 'subscription { alerts(volunteerId: "1") { nothing } }';
    const first = check(text);
    const second = check(text);
    const messages = (checked: CheckedOperation) => ('validationErrors' in checked ? checked.validationErrors.map((error) => error.message) : []);
    expect(messages(first).length).toBeGreaterThan(0);
    expect(messages(second)).toEqual(messages(first));
    expect(validations()).toBe(2);
  });

  it('reports a syntax error, and a text over the token limit, without validating', () => {
    const { rules, validations } = countingRules();
    const check = operationChecker(schema, { rules, parseOptions: { maxTokens: 10 } });
    expect('syntaxError' in check('subscription {')).toBe(true);
    const long = check('subscription ($v: ID!) { alerts(volunteerId: $v) a: alerts(volunteerId: $v) }');
    expect('syntaxError' in long && long.syntaxError.message).toMatch(/tokens/);
    expect(validations()).toBe(0);
  });

  it('keeps a bounded number of texts: one sent after many others is validated again', () => {
    const { rules, validations } = countingRules();
    const check = operationChecker(schema, { rules });
    const text = (index: number) => `query Q${index} { ping }`;
    check(text(0));
    for (let index = 1; index <= KEPT_OPERATIONS; index++) check(text(index));
    expect(validations()).toBe(KEPT_OPERATIONS + 1);
    check(text(KEPT_OPERATIONS));
    expect(validations()).toBe(KEPT_OPERATIONS + 1);
    check(text(0));
    expect(validations()).toBe(KEPT_OPERATIONS + 2);
  });
});
