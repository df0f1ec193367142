/** What a client writes freely (strings for String and ID, names it chooses), and whether a date may hide in it. */
import { splitGlobalId } from '../schema/global-id.ts';

/**
 * A digit: how a date is written. ASCII, full-width and the kanji numerals a Japanese input method
 * types (平成二年一月二日), and the decimal digits of any other script. No name of the schema holds
 * one (a schema test says so), so a name that does was chosen by the client.
 */
export const DIGIT = /[\p{Nd}〇一二三四五六七八九十百千]/u;

/** A type's name as the API writes it in the ids and cursors it issues, and a key without spaces. */
const ISSUED_TYPENAME = /^[A-Z][A-Za-z]*$/;
const SPACE = /\s/;

/** An opaque id or cursor as the API issues them (global-id.ts): base64 of `Type:key`. */
function issuedToken(value: string): boolean {
  const split = splitGlobalId(value);
  return split !== null && ISSUED_TYPENAME.test(split.typename) && !SPACE.test(split.id);
}

/** A free-text value (a string, or lists of them) holding a digit, unless an id or cursor the API issued; a number (an ID takes one) is all digits. */
export function freeTextWithDigit(value: unknown): boolean {
  // Read before coercion: lists walked without recursion, as a client's list 5,000 deep overflowed the stack.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) for (const item of next) pending.push(item);
    else if (typeof next === 'number' || (typeof next === 'string' && DIGIT.test(next) && !issuedToken(next))) return true;
  }
  return false;
}
