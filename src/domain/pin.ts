/** What a PIN may be made of: its lengths and characters (the lock after wrong tries is data served as it is). */
export interface PinRule {
  minLength: number;
  maxLength: number;
  /** Every character a PIN may contain, e.g. '0123456789'. */
  allowedCharacters: string;
  requiresLetter: boolean;
  requiresDigit: boolean;
}

// Letters and digits in the JPKI sense: ASCII only. A full-width '１' is neither, and is not allowed.
export function isLetter(character: string): boolean {
  return /^[A-Za-z]$/.test(character);
}

export function isDigit(character: string): boolean {
  return /^[0-9]$/.test(character);
}

export interface CharacterClasses {
  letters: string;
  digits: string;
  others: string;
}

/** Splits allowed characters (deduplicated, in code-unit order) into letters, digits and the rest. */
export function classifyCharacters(allowedCharacters: string): CharacterClasses {
  const characters = [...new Set(allowedCharacters)].sort();
  return {
    letters: characters.filter(isLetter).join(''),
    digits: characters.filter(isDigit).join(''),
    others: characters.filter((c) => !isLetter(c) && !isDigit(c)).join(''),
  };
}

// Everything but ASCII letters and digits is written as \uXXXX: that is a literal in a character
// class with no flag, with `u`, and with `v` (which HTML's pattern attribute uses), where `v`
// would reject many punctuation characters unescaped.
function classMember(codeUnit: number): string {
  const character = String.fromCharCode(codeUnit);
  return isLetter(character) || isDigit(character) ? character : `\\u${codeUnit.toString(16).toUpperCase().padStart(4, '0')}`;
}

function characterClass(characters: string): string {
  const codeUnits = [...new Set(characters)].map((c) => c.charCodeAt(0)).sort((a, b) => a - b);
  let body = '';
  for (let start = 0; start < codeUnits.length; ) {
    let end = start;
    while (end + 1 < codeUnits.length && codeUnits[end + 1] === (codeUnits[end] ?? 0) + 1) end += 1;
    const first = codeUnits[start] ?? 0;
    const last = codeUnits[end] ?? 0;
    if (last - first >= 2) body += `${classMember(first)}-${classMember(last)}`;
    else for (let unit = first; unit <= last; unit += 1) body += classMember(unit);
    start = end + 1;
  }
  return `[${body}]`;
}

function without(characters: string, removed: string): string {
  return [...characters].filter((c) => !removed.includes(c)).join('');
}

/**
 * An anchored ECMAScript regular expression source, valid with no flags (and with `u` or `v`),
 * that accepts exactly the PINs `rule` allows, e.g. '^[0-9]{4}$' or
 * '^(?=[0-9]*[A-Z])(?=[A-Z]*[0-9])[0-9A-Z]{6,16}$'. Throws RangeError for rule data no PIN satisfies.
 */
export function pinPattern(rule: PinRule): string {
  const { minLength, maxLength, allowedCharacters } = rule;
  if (!Number.isInteger(minLength) || !Number.isInteger(maxLength) || minLength < 1 || minLength > maxLength) {
    throw new RangeError(`PIN lengths must satisfy 1 <= minLength <= maxLength, got ${minLength}..${maxLength}`);
  }
  if (allowedCharacters.length === 0) throw new RangeError('A PIN rule must allow at least one character');
  // Without the `u` flag a class matches UTF-16 code units, so an astral character could not be matched as one.
  if (/[\uD800-\uDFFF]/.test(allowedCharacters)) {
    throw new RangeError('PIN characters must be in the Basic Multilingual Plane');
  }
  const { letters, digits } = classifyCharacters(allowedCharacters);
  const required: string[] = [];
  if (rule.requiresLetter) required.push(letters);
  if (rule.requiresDigit) required.push(digits);
  if (required.some((set) => set.length === 0) || required.length > maxLength) {
    throw new RangeError('The PIN rule requires a character class it does not allow, or more than maxLength characters');
  }

  let lookaheads = '';
  for (const set of required) {
    const rest = without(allowedCharacters, set);
    // When every allowed character is of the required kind, the length alone guarantees one.
    if (rest.length > 0) lookaheads += `(?=${characterClass(rest)}*${characterClass(set)})`;
  }
  const quantifier = minLength === maxLength ? `{${minLength}}` : `{${minLength},${maxLength}}`;
  return `^${lookaheads}${characterClass(allowedCharacters)}${quantifier}$`;
}
