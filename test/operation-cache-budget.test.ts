import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getNamedType, isLeafType, parse, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OperationCatalog } from '../src/graphql/execution/operation-catalog.ts';
import { schema } from '../src/graphql/schema/schema.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap in use once everything unreachable is collected. */
function liveHeapBytes(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const officeLeaves = Object.values((schema.getType('Office') as GraphQLObjectType).getFields())
  .filter((field) => isLeafType(getNamedType(field.type)) && field.args.length === 0)
  .map((field) => field.name);

/** `i` in letters (0 → a … 9 → j): a name holding a digit may hold a date, and is never kept (operation-facts.ts). */
const letters = (i: number) => String(i).replace(/[0-9]/g, (digit) => 'abcdefghij'[Number(digit)]!);

/**
 * Documents of the sizes a client may send and the catalog may keep (at most 10,000 characters),
 * each one distinct; of each, as many as make megabytes, so what the heap measures is theirs.
 */
const SHAPES: [string, number, (i: number) => string][] = [
  ['a small query', 1_000, (i) => `{ n${letters(i)}: notices { key } }`],
  ['a kiosk-sized operation', 1_000, (i) => `query Kiosk${letters(i)} { certificateTypes { key name { ja } } notices { key } }`],
  ['twenty aliases', 300, (i) => `{ ${Array.from({ length: 20 }, (_, k) => `n${letters(k)}_${letters(i)}: notices { key }`).join(' ')} }`],
  ['wide selections', 300, (i) => `{ o${letters(i)}: offices(first: 5) { nodes { ${Array.from({ length: 12 }, () => officeLeaves.join(' ')).join(' ').slice(0, 9_900).replace(/ \w*$/, '')} } } }`],
  // As deep as the nesting limit (100 at the default MAX_DEPTH, limits.ts) lets a document go, its own braces counted.
  ['deep inline fragments', 100, (i) => `${'{ ... on Query '.repeat(97)}{ n${letters(i)}: notices { key } }${' }'.repeat(97)}`],
];

describe('the operation cache budget', () => {
  it.each(SHAPES)('counts at least what its entries of %s hold on the heap, and at most three times that', (_, count, documentText) => {
    const sources = Array.from({ length: count }, (_, i) => documentText(i));
    for (const source of sources) expect(source.length).toBeLessThanOrEqual(10_000);
    // Warm: the code parsing and admitting them, compiled on first use, is on the heap too.
    const warm = new OperationCatalog(schema, { maxBytes: 2 ** 31, compile: false });
    for (const source of sources.slice(0, 5)) warm.admit(parse(source), source);
    // What the heap gives back when a catalog goes, read in two measurements back to back: an
    // earlier test's garbage, freed whenever the runner lets it go, falls outside the difference.
    // Once in a full run some other garbage was freed between the two anyway; the median of three
    // catalogs, each built afresh, is not moved by one such measurement.
    const measurements = Array.from({ length: 3 }, () => {
      let catalog: OperationCatalog | null = new OperationCatalog(schema, { maxBytes: 2 ** 31, compile: false });
      for (const source of sources) catalog.admit(parse(source), source);
      const { size, bytes } = catalog;
      const withCatalog = liveHeapBytes();
      catalog = null;
      return { size, bytes, held: withCatalog - liveHeapBytes() };
    });
    const { size, bytes, held } = measurements.sort((a, b) => a.held - b.held)[1]!;

    expect(size).toBe(sources.length);
    expect(bytes).toBeGreaterThanOrEqual(held);
    expect(bytes).toBeLessThanOrEqual(3 * held);
  });
});
