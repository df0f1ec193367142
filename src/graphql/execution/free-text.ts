/** What a client writes freely (strings for String and ID, names it chooses, numbers), and whether a date may hide in it. */
import { splitGlobalId } from '../schema/global-id.ts';

/**
 * A digit: how a date is written. Any Unicode number (`\p{N}`): ASCII, full-width, the decimal
 * digits of any other script, and the numerals that are none (circled ①⑨⑨⓪, superscript ¹⁹⁹⁰,
 * Roman ⅩⅦ, Suzhou 〡〩〧); the kanji numerals a Japanese input method types (平成二年一月二日) and
 * the formal ones of official documents (大字: 平成弐年壱月拾日), 零, 廿 and 卅 among them. The one
 * definition every rule reads (names, strings, numbers, variables). No name of the schema holds one
 * (a schema test says so), so a name that does was chosen by the client.
 */
export const DIGIT = /[\p{N}〇一二三四五六七八九十百千零壱弐参肆伍陸漆捌玖拾佰阡萬廿卅]/u;
const DIGITS = new RegExp(DIGIT.source, 'gu');

/**
 * A number written with 6 digits or more, a date as YYMMDD or YYYYMMDD: no argument takes one that
 * large, but one nobody reads (a skipped field's argument) is never range-checked. The one rule for
 * a number written in the document (its token) and one sent in a variable (as JavaScript writes it).
 */
export const numberMayHoldDate = (text: string): boolean => (text.match(DIGITS)?.length ?? 0) >= 6;

/** A type's name as the API writes it in the ids and cursors it issues, and a key without spaces. */
const ISSUED_TYPENAME = /^[A-Z][A-Za-z]*$/;
const SPACE = /\s/;

/** An opaque id or cursor as the API issues them (global-id.ts): base64 of `Type:key`. */
function issuedToken(value: string): boolean {
  const split = splitGlobalId(value);
  return split !== null && ISSUED_TYPENAME.test(split.typename) && !SPACE.test(split.id);
}

/** Free text (a String's or an ID's) holding a digit, unless an id or cursor the API issued. */
export const textWithDigit = (text: string): boolean => DIGIT.test(text) && !issuedToken(text);

/**
 * A variable's value in which a date may hide, as it would written in the document: anywhere in its
 * lists and objects, a number of 6 digits or more (numberMayHoldDate), whatever the variable's type
 * (an Int for a skipped field is never range-checked); for a free-text variable (String, ID), any
 * number (an ID takes one, all digits) or text holding a digit (textWithDigit).
 */
export function variableMayHoldDate(value: unknown, freeText: boolean): boolean {
  // Read before coercion: walked without recursion, as a client's list 5,000 deep overflowed the stack.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'number') {
      if (freeText || numberMayHoldDate(String(next))) return true;
    } else if (typeof next === 'string') {
      if (freeText && textWithDigit(next)) return true;
    } else if (typeof next === 'object' && next !== null) {
      for (const item of Array.isArray(next) ? next : Object.values(next)) pending.push(item);
    }
  }
  return false;
}
