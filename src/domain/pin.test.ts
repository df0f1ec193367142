import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIN_EXAMPLES } from '../../test/support/pin-examples.ts';
import { domainPinRules } from '../../test/support/rules.ts';
import { classifyCharacters, isDigit, isLetter, pinPattern, type PinRule } from './pin.ts';

const RUNS = { numRuns: 2000 };
const userRule = domainPinRules.USER_AUTHENTICATION;
const signatureRule = domainPinRules.SIGNATURE;

// The plain reading of the rule, character by character, to hold the generated regex against.
function referenceAccepts(rule: PinRule, pin: string): boolean {
  const characters = [...pin];
  return (
    characters.length >= rule.minLength &&
    characters.length <= rule.maxLength &&
    characters.every((c) => rule.allowedCharacters.includes(c)) &&
    (!rule.requiresLetter || characters.some((c) => /^[A-Za-z]$/.test(c))) &&
    (!rule.requiresDigit || characters.some((c) => /^[0-9]$/.test(c)))
  );
}

// HTML's pattern attribute compiles with `v`; clients may also use no flag or `u`.
const FLAGS = ['', 'u', 'v'] as const;

function accepts(rule: PinRule, pin: string): boolean[] {
  return FLAGS.map((flags) => new RegExp(pinPattern(rule), flags).test(pin));
}

describe('pinPattern for the rules of docs/domain-rules.md §1', () => {
  it('builds compact anchored patterns', () => {
    expect(pinPattern(userRule)).toBe('^[0-9]{4}$');
    expect(pinPattern(signatureRule)).toBe('^(?=[0-9]*[A-Z])(?=[A-Z]*[0-9])[0-9A-Z]{6,16}$');
  });

  it.each(PIN_EXAMPLES.USER_AUTHENTICATION)('user authentication PIN %j: %s', (pin, ok) => {
    expect(accepts(userRule, pin)).toEqual([ok, ok, ok]);
  });

  it.each(PIN_EXAMPLES.SIGNATURE)('signature PIN %j: %s', (pin, ok) => {
    expect(accepts(signatureRule, pin)).toEqual([ok, ok, ok]);
  });

  const mixedAlphabet = [
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
    ...'０１２３４５６７８９ＡＢＣａｂｃ',
    ...' -_!@#$%^&*()[]{}\\/.|?+\n\t',
  ];

  it.each([
    ['user authentication', userRule],
    ['signature', signatureRule],
  ])('accepts exactly what the reference accepts (%s)', (_name, rule) => {
    const pins = fc.oneof(
      fc.string({ unit: fc.constantFrom(...mixedAlphabet), maxLength: 20 }),
      fc.string({ unit: fc.constantFrom(...rule.allowedCharacters), maxLength: 20 }),
    );
    fc.assert(
      fc.property(pins, (pin) => {
        const expected = referenceAccepts(rule, pin);
        expect(accepts(rule, pin)).toEqual([expected, expected, expected]);
      }),
      RUNS,
    );
  });
});

describe('pinPattern for any rule data', () => {
  const awkward = [...'ABCXYZabcz0129-]^[\\.$|(){}/*+?,:!#&~ \n', 'é', 'あ', '０', '\u0000', '\uFFFF'];

  const rules: fc.Arbitrary<PinRule> = fc
    .record({
      minLength: fc.integer({ min: 1, max: 6 }),
      extra: fc.integer({ min: 0, max: 6 }),
      allowed: fc.uniqueArray(fc.constantFrom(...awkward), { minLength: 1, maxLength: 12 }),
      requiresLetter: fc.boolean(),
      requiresDigit: fc.boolean(),
    })
    .map(({ minLength, extra, allowed, requiresLetter, requiresDigit }) => ({
      minLength,
      maxLength: minLength + extra,
      allowedCharacters: allowed.join(''),
      requiresLetter,
      requiresDigit,
    }))
    .filter((rule) => {
      const { letters, digits } = classifyCharacters(rule.allowedCharacters);
      const required = Number(rule.requiresLetter) + Number(rule.requiresDigit);
      return (!rule.requiresLetter || letters !== '') && (!rule.requiresDigit || digits !== '') && required <= rule.maxLength;
    });

  it('accepts exactly what the reference accepts, with every flag', () => {
    fc.assert(
      fc.property(rules, fc.string({ unit: fc.constantFrom(...awkward), maxLength: 14 }), (rule, pin) => {
        const expected = referenceAccepts(rule, pin);
        expect(accepts(rule, pin)).toEqual([expected, expected, expected]);
      }),
      RUNS,
    );
  });

  it('accepts a PIN built from the rule', () => {
    fc.assert(
      fc.property(rules, fc.nat(), (rule, seed) => {
        const { letters, digits } = classifyCharacters(rule.allowedCharacters);
        const allowed = [...rule.allowedCharacters];
        let pin = (rule.requiresLetter ? letters.charAt(0) : '') + (rule.requiresDigit ? digits.charAt(0) : '');
        for (let i = 0; pin.length < rule.minLength; i += 1) pin += allowed[(seed + i) % allowed.length] ?? '';
        expect(accepts(rule, pin)).toEqual([true, true, true]);
      }),
      RUNS,
    );
  });

  it('refuses rule data no PIN satisfies', () => {
    const base = { ...signatureRule };
    expect(() => pinPattern({ ...base, minLength: 0 })).toThrow(RangeError);
    expect(() => pinPattern({ ...base, minLength: 8, maxLength: 6 })).toThrow(RangeError);
    expect(() => pinPattern({ ...base, allowedCharacters: '' })).toThrow(RangeError);
    expect(() => pinPattern({ ...base, allowedCharacters: '0123456789' })).toThrow(RangeError);
    expect(() => pinPattern({ ...base, minLength: 1, maxLength: 1 })).toThrow(RangeError);
    expect(() => pinPattern({ ...base, allowedCharacters: 'A1😀' })).toThrow(RangeError);
  });
});

describe('isLetter, isDigit, classifyCharacters', () => {
  it.each([
    ['A', true, false],
    ['z', true, false],
    ['0', false, true],
    ['9', false, true],
    ['０', false, false],
    ['Ａ', false, false],
    ['é', false, false],
    ['-', false, false],
    ['AB', false, false],
    ['', false, false],
  ])('%j: letter %s, digit %s', (character, letter, digit) => {
    expect(isLetter(character)).toBe(letter);
    expect(isDigit(character)).toBe(digit);
  });

  it('splits the allowed characters', () => {
    expect(classifyCharacters(signatureRule.allowedCharacters)).toEqual({
      letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      digits: '0123456789',
      others: '',
    });
    expect(classifyCharacters('b-a1１1')).toEqual({ letters: 'ab', digits: '1', others: '-１' });
  });
});
