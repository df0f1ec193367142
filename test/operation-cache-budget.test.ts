import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getNamedType, isLeafType, parse, visit, type DocumentNode, type GraphQLObjectType } from 'graphql';
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

/**
 * What answering a document copies out of its text and leaves with it: execution uses its names
 * (an alias names a field of the answer) and string values (`__type(name:)` looks a type up) as
 * property keys, which V8 internalizes, a copy of the characters that the document's own string
 * then points to. Measured apart, a 9,900-kana argument held 23 KB parsed and 45 KB once executed.
 */
function useAsKeysAsExecutionDoes(document: DocumentNode): void {
  const keys: Record<string, boolean> = {};
  visit(document, {
    Name(node) {
      keys[node.value] = true;
    },
    StringValue(node) {
      keys[node.value] = true;
    },
  });
}

const officeLeaves = Object.values((schema.getType('Office') as GraphQLObjectType).getFields())
  .filter((field) => isLeafType(getNamedType(field.type)) && field.args.length === 0)
  .map((field) => field.name);

/** `i` in letters (0 → a … 9 → j): a name holding a digit may hold a date, and is never kept (operation-facts.ts). */
const letters = (i: number) => String(i).replace(/[0-9]/g, (digit) => 'abcdefghij'[Number(digit)]!);

/** `i` in eight katakana, for the same reason: text outside Latin-1, which V8 keeps two bytes a character. */
const kana = (i: number) => String(i).padStart(8, '0').replace(/[0-9]/g, (digit) => 'アイウエオカキクケコ'[Number(digit)]!);

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
  // Long documents of few tokens: what they hold is their text (and what the parser copies out of
  // it), not their tokens. The hostile load found a cache of these holding four times its count.
  ['a long kana string argument', 200, (i) => `{ __type(name: "${kana(i)}${'あ'.repeat(9_900)}") { name } }`],
  ['a long ASCII alias', 200, (i) => `{ ${letters(i)}${'a'.repeat(9_900)}: __typename }`],
];

/**
 * A catalog of `count` documents, and the live heap while it is there. Each text is made afresh and
 * held by nothing but the catalog, as a request's is, so what the text holds is measured. The
 * catalog is built and dropped in this function's frame: once it returns, no stale register of the
 * caller's frame (the interpreter's frames are scanned whole) can keep the catalog alive past its
 * measurement, which once left two of three measurements at a hundredth of the rest.
 */
function fillCatalog(count: number, documentText: (i: number) => string): { size: number; bytes: number; withCatalog: number } {
  const catalog = new OperationCatalog(schema, { maxBytes: 2 ** 31, compile: false });
  for (let i = 0; i < count; i++) {
    const source = documentText(i);
    const document = parse(source);
    catalog.admit(document, source);
    useAsKeysAsExecutionDoes(document);
  }
  return { size: catalog.size, bytes: catalog.bytes, withCatalog: liveHeapBytes() };
}

describe('the operation cache budget', () => {
  it.each(SHAPES)('counts at least what its entries of %s hold on the heap, and at most three times that', (_, count, documentText) => {
    for (let i = 0; i < count; i++) expect(documentText(i).length).toBeLessThanOrEqual(10_000);
    // Warm: the code parsing and admitting them, compiled on first use, is on the heap too.
    const warm = new OperationCatalog(schema, { maxBytes: 2 ** 31, compile: false });
    for (let i = 0; i < 5; i++) warm.admit(parse(documentText(i)), documentText(i));
    // What the heap gives back when a catalog goes, read in two measurements back to back: an
    // earlier test's garbage, freed whenever the runner lets it go, falls outside the difference.
    // Once in a full run some other garbage was freed between the two anyway; the median of three
    // catalogs, each built afresh, is not moved by one such measurement.
    const measurements = Array.from({ length: 3 }, () => {
      const { size, bytes, withCatalog } = fillCatalog(count, documentText);
      return { size, bytes, held: withCatalog - liveHeapBytes() };
    });
    const { size, bytes, held } = measurements.sort((a, b) => a.held - b.held)[1]!;

    expect(size).toBe(count);
    expect(bytes).toBeGreaterThanOrEqual(held);
    expect(bytes).toBeLessThanOrEqual(3 * held);
  });
});
