import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { checkSelectionWidth } from './selection-limits.ts';

/** The limits a server started with the defaults applies. */
const LIMITS = loadConfig({}).limits;

const refusal = (document: string) => checkSelectionWidth(parse(document, { maxTokens: 100_000 }), LIMITS)?.message ?? null;
const repeat = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(' ');

describe('checkSelectionWidth', () => {
  it.each([
    ['GraphiQL\'s introspection query', getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true })],
    ['19 Relay-style fragments on one type, each selecting id, key and name', `{ offices { nodes { ${repeat(19, (i) => `...F${i}`)} } } } ${repeat(19, (i) => `fragment F${i} on Office { id key name { ja en } }`)}`],
    ['600 nested inline fragments', `{ ${'... on Query { '.repeat(600)}notices { key }${' }'.repeat(600)} }`],
    ['199 distinct fields', `{ ${repeat(199, (i) => `a${i}: notices { key }`)} }`],
  ])('lets %s through', (_label, document) => {
    expect(refusal(document)).toBeNull();
  });

  it.each([
    ['a field selected 590 times', `{ ${'notices { key } '.repeat(590)}}`, 'more than 20 times'],
    ['201 fields in one selection set', `{ ${repeat(201, (i) => `a${i}: notices { key }`)} }`, 'more than 200 fields'],
    ['a fragment that spreads the next one twice, 30 deep', `{ ...F0 } ${repeat(30, (i) => `fragment F${i} on Query { notices { key } ...F${i + 1} ...F${i + 1} }`)} fragment F30 on Query { notices { key } }`, 'more than 20 times'],
    ['20 copies of a 100-field selection', `{ ${repeat(20, () => `offices { nodes { ${repeat(100, (i) => `f${i}: key`)} } }`)} }`, 'comparisons'],
    ['200 one-field fragments side by side', `{ offices { nodes { ${repeat(200, (i) => `...F${i}`)} } } } ${repeat(200, (i) => `fragment F${i} on Office { f${i}: key }`)}`, 'comparisons'],
  ])('refuses %s as too complex, saying why', (_label, document, why) => {
    const refused = checkSelectionWidth(parse(document, { maxTokens: 100_000 }), LIMITS);
    expect(refused?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused?.message).toContain(why);
  });

  it('counts a pair of fields sharing a name by the fields below them', () => {
    // Two `offices { nodes { n fields } }`: (2 − 1) × 2 × (offices + nodes + n) comparisons, 2n + 4.
    const pair = (n: number) => parse(`{ offices { nodes { ${repeat(n, (i) => `f${i}: key`)} } } offices { nodes { ${repeat(n, (i) => `f${i}: key`)} } } }`, { maxTokens: 100_000 });
    const wide = { ...LIMITS, maxFieldsPerSelection: 10_000 };
    expect(checkSelectionWidth(pair(2_498), wide)).toBeNull();
    expect(checkSelectionWidth(pair(2_499), wide)?.message).toContain('more than 5000 comparisons');
  });
});
