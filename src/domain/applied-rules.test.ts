import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLIED_RULES, inRuleOrder, type AppliedRule } from './applied-rules.ts';

/** The definition, independent of how inRuleOrder is written: APPLIED_RULES filtered by membership. */
const reference = (rules: readonly AppliedRule[]): AppliedRule[] => APPLIED_RULES.filter((rule) => rules.includes(rule));

describe('inRuleOrder', () => {
  it('gives every rule named, once each, in APPLIED_RULES order, whatever the order and repeats of its input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...APPLIED_RULES), { maxLength: 40 }), (rules) => {
        expect(inRuleOrder(rules)).toEqual(reference(rules));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the whole list back for every rule, and nothing for none', () => {
    expect(inRuleOrder([...APPLIED_RULES].reverse())).toEqual([...APPLIED_RULES]);
    expect(inRuleOrder([])).toEqual([]);
  });

  it('reads any iterable, a Set among them', () => {
    expect(inRuleOrder(new Set<AppliedRule>(['RENEWAL_FEE', 'VALIDITY_BIRTHDAYS']))).toEqual(['VALIDITY_BIRTHDAYS', 'RENEWAL_FEE']);
  });
});
