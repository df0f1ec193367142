import { describe, expect, it } from 'vitest';
import { DIGIT, variableMayHoldDate } from './free-text.ts';

describe('variableMayHoldDate', () => {
  it.each([
    ['a number of 8 digits', 19900101],
    ['a number of 6 digits', 770717],
    ['a negative number of 6 digits', -770717],
    ['a fraction of 8 digits', 1990.0101],
    ['a number of 8 digits in a list', [1, [19900101]]],
    ['a number of 8 digits in an object', { first: 1, inner: { value: 19900101 } }],
  ])('is true of %s, for a variable of no free-text type', (_what, value) => {
    expect(variableMayHoldDate(value, false)).toBe(true);
  });

  it.each([
    ['a number of 5 digits', 12345],
    ['a page size', 20],
    ['a string holding a digit', '1990-01-01'],
    ['a list of small numbers', [1, 2, 99999]],
    ['null', null],
  ])('is false of %s, for a variable of no free-text type', (_what, value) => {
    expect(variableMayHoldDate(value, false)).toBe(false);
  });

  it('is true of any number and of text holding a digit, false of text without one, for a free-text variable', () => {
    expect([variableMayHoldDate(7, true), variableMayHoldDate(['Office', 'dob 1990'], true), variableMayHoldDate('Office', true)]).toEqual([true, true, false]);
  });
});

describe('DIGIT', () => {
  it.each([
    ['ASCII, full-width and Arabic-Indic digits (Nd)', '0９١'],
    ['circled and superscript digits (No)', '①⑨⓪¹⁹⁰'],
    ['Roman and Suzhou numerals (Nl)', 'ⅦⅩ〡〩〧'],
    ['the kanji numerals an input method types', '〇一二三四五六七八九十百千'],
    ['the formal kanji numerals (大字), 零, 廿 and 卅', '壱弐参肆伍陸漆捌玖拾佰阡萬零廿卅'],
  ])('matches each of %s', (_what, characters) => {
    expect([...characters].filter((character) => !DIGIT.test(character))).toEqual([]);
  });

  it('matches none of the letters, kana, kanji and signs of a date around its numerals', () => {
    expect([...'Office年月日令和平成へいせい-/.'].filter((character) => DIGIT.test(character))).toEqual([]);
  });
});
