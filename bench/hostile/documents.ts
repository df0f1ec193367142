/**
 * The documents `npm run hostile` attacks with: those that broke an earlier version, and a generator of varied
 * worst cases within the limits the server enforces (read from src/config.ts defaults and
 * src/graphql/execution/selection-limits.ts, so they follow any change of a limit). Every document
 * is made distinct by its index, so no cache of the server answers it for free.
 */
import {
  getIntrospectionQuery,
  getNamedType,
  GraphQLError,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Lexer,
  parse,
  Source,
  TokenKind,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config.ts';
import { checkOperationCost } from '../../src/graphql/execution/cost.ts';
import { schema } from '../../src/graphql/schema/schema.ts';
import { validityInput } from '../operations.ts';

/** The limits of a server started with the defaults, as the hostile server is. */
export const LIMITS = loadConfig({}).limits;
/** Kept below MAX_TOKENS: graphql-armor and this lexer may count the last token differently. */
const TOKEN_BUDGET = LIMITS.maxTokens - 50;

const body = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });

export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** The cost the server computes for `document` (no variables). */
function costOf(document: string): number {
  const checked = checkOperationCost(schema, parse(document), undefined, {}, Number.MAX_SAFE_INTEGER);
  if (checked instanceof GraphQLError) throw checked;
  return checked.cost;
}

/**
 * The largest page size (at most 100, the largest page) that keeps `document(first)` within
 * MAX_COST. The cost grows linearly with the page size, so two costs give the line.
 */
function largestPageWithinCost(document: (first: number) => string): number {
  const one = costOf(document(1));
  const perItem = costOf(document(2)) - one;
  return Math.max(1, Math.min(100, Math.floor((LIMITS.maxCost - one) / perItem) + 1));
}

/** A small deterministic generator (mulberry32): the same run sends the same documents. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const objectType = (name: string) => schema.getType(name) as GraphQLObjectType;

/** A literal for a required argument, or null when there is no obvious one (the field is then left out). */
function literalFor(type: GraphQLInputType): string | null {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isEnumType(named)) return named.getValues()[0]!.name;
  const literals: Record<string, string> = { Date: '"2020-01-01"', Int: '1', String: '"x"', ID: '"x"', Boolean: 'true' };
  return literals[named.name] ?? null;
}

/** `name(required: literal …)`, or null when a required argument has no literal. */
function fieldCall(field: GraphQLField<unknown, unknown>): string | null {
  const required = field.args.filter((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined);
  const values = required.map((argument) => [argument.name, literalFor(argument.type)] as const);
  if (values.some(([, value]) => value === null)) return null;
  return values.length === 0 ? field.name : `${field.name}(${values.map(([name, value]) => `${name}: ${value}`).join(', ')})`;
}

/**
 * Every field of `type` as selection text: leaves as they are, objects with every leaf of theirs
 * (one level down), fields whose required arguments have no literal left out.
 */
export function everyField(type: GraphQLObjectType, depth = 1): string[] {
  return Object.values(type.getFields()).flatMap((field) => {
    const call = fieldCall(field);
    if (call === null) return [];
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [call];
    if (depth <= 0 || !isObjectType(named)) return [];
    const below = everyField(named, depth - 1);
    return below.length === 0 ? [] : [`${call} { ${below.join(' ')} }`];
  });
}

// ---------------------------------------------------------------------------------------------
// What broke an earlier version

/** Each fragment spreads the next one twice: 2^levels fields once expanded, in a few KB of text. */
export function fanOut(levels: number, i: number): string {
  const fragments = Array.from({ length: levels }, (_, level) => `fragment F${level} on Query{notices{key}...F${level + 1} ...F${level + 1}}`);
  return body(`{...F0} ${fragments.join(' ')} fragment F${levels} on Query{notices{key}}\n# ${i}`);
}

/** 22 aliases × `nodes(ids:)` with 100 ids × every field of `IdDocumentList.documents`. */
export function aliasFlood(ids: string[], i: number): string {
  const documents = everyField(objectType('IdDocument')).join(' ');
  const aliases = Array.from({ length: 22 }, (_, n) => `a${n}: nodes(ids: $ids) { ... on IdDocumentList { documents { ${documents} } } }`);
  return body(`query Flood${i} ($ids: [ID!]!) { ${aliases.join(' ')} }`, { variables: { ids } });
}

/** The invalid ~7.6 KB document: one field repeated 590 times. */
export function repeatedFields(i: number): string {
  return body(`{ ${'notices{key} '.repeat(590)}}\n# ${i}`);
}

// ---------------------------------------------------------------------------------------------
// The generator of worst cases

export interface Shape {
  id: string;
  /** What the documents of this shape are, for the report. */
  description: string;
  /** The request body of the i-th document of this shape. */
  body: (i: number) => string;
}

const OFFICE_FIELDS = everyField(objectType('Office'));
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const word = (random: () => number, length: number) => Array.from({ length }, () => LETTERS[Math.floor(random() * LETTERS.length)]).join('');
const pick = <T>(random: () => number, items: readonly T[]) => items[Math.floor(random() * items.length)]!;

/**
 * Office fields, each repeated up to the same-name limit, in a random order, `count` in all (at
 * most the width limit): the widest selection set the width check lets through.
 */
function wideOfficeFields(random: () => number, count: number): string[] {
  const perName = LIMITS.maxSameResponseName;
  const pool = OFFICE_FIELDS.flatMap((field) => Array<string>(perName).fill(field));
  for (let k = pool.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [pool[k], pool[j]] = [pool[j]!, pool[k]!];
  }
  return pool.slice(0, Math.min(count, LIMITS.maxFieldsPerSelection));
}

/**
 * `copies` identical `offices(first: n) { nodes { <wide> } }` under one response name: the
 * field-merging check compares every pair of copies, field by field. `first` is the largest page
 * that keeps the whole document within MAX_COST.
 */
function duplicatedWideSelections(random: () => number, i: number, conflicting: boolean): string {
  const copies = 2 + Math.floor(random() * (LIMITS.maxSameResponseName - 1));
  const perCopy = Math.min(LIMITS.maxFieldsPerSelection, Math.floor(TOKEN_BUDGET / copies) - 20);
  const fitting = wideOfficeFields(random, perCopy);
  const document = (first: number) => {
    const copy = `offices(first: ${first}) { nodes { ${fitting.join(' ')} } }`;
    // Invalid: the last copy selects `key` with an argument-free alias onto another field, deep down.
    const last = conflicting ? `offices(first: ${first}) { nodes { ${fitting.slice(1).join(' ')} key: phone } }` : copy;
    return `query Wide${i} { ${[...Array<string>(copies - 1).fill(copy), last].join(' ')} }`;
  };
  while (tokenCount(document(1)) > TOKEN_BUDGET) fitting.splice(-Math.ceil(fitting.length / 50));
  return body(document(largestPageWithinCost(document)));
}

function manyFragments(random: () => number, i: number): string {
  // As many one-field fragments as the widths allow, each spread once in two copies of the page.
  const count = Math.min(LIMITS.maxFieldsPerSelection, OFFICE_FIELDS.length * LIMITS.maxSameResponseName, Math.floor(TOKEN_BUDGET / 12));
  const fields = wideOfficeFields(random, count);
  const fragments = fields.map((field, n) => `fragment F${i}x${n} on Office { ${field} }`);
  const spreads = fields.map((_, n) => `...F${i}x${n}`).join(' ');
  let document = `{ offices(first: 5) { nodes { ${spreads} } } offices(first: 5) { nodes { ${spreads} } } } ${fragments.join(' ')}`;
  while (tokenCount(document) > TOKEN_BUDGET) document = document.slice(0, document.lastIndexOf(' fragment'));
  // Fragments cut off above are unknown where spread: invalid, as is one on the wrong type.
  if (random() < 0.5) document += ` fragment Wrong${i} on Notice { key }`;
  return body(document);
}

function deepInlineFragments(random: () => number, i: number): string {
  const typed = random() < 0.5;
  const open = typed ? '... on Query { ' : '... { ';
  const levels = Math.floor((TOKEN_BUDGET - 10) / (typed ? 5 : 3));
  const innermost = random() < 0.5 ? 'notices { key }' : '... on Office { key }';
  return body(`{ ${open.repeat(levels)}${innermost}${' }'.repeat(levels)} }\n# ${i}`);
}

function unknownFields(random: () => number, i: number): string {
  const count = LIMITS.maxFieldsPerSelection - 1;
  // Long names fill the body: a suggestion computed for each would cost its length squared.
  const length = Math.floor((LIMITS.maxBodyBytes - 200) / count) - 1;
  return body(`{ ${Array.from({ length: count }, (_, n) => `${word(random, length - String(n).length)}${n}`).join(' ')} }\n# ${i}`);
}

function badArguments(random: () => number, i: number): string {
  const variant = i % 5;
  if (variant === 0) {
    // The same wrong arguments on every copy: mergeable, each one checked.
    const args = `first: "${word(random, 40)}", ward: NOWHERE, kind: 3.5, after: 12, last: [1, 2]`;
    return body(`{ ${Array<string>(LIMITS.maxSameResponseName).fill(`offices(${args}) { totalCount }`).join(' ')} }\n# ${i}`);
  }
  if (variant === 1) {
    const levels = Math.floor((TOKEN_BUDGET - 20) / 4);
    return body(`{ certificateValidity(input: { birthDate: ${'{ a: '.repeat(levels)}1${' }'.repeat(levels)} }) { asOf } }\n# ${i}`);
  }
  if (variant === 2) {
    const ids = Array.from({ length: Math.floor((TOKEN_BUDGET - 20) / 1) }, (_, n) => n).join(' ');
    return body(`{ nodes(ids: [${ids}]) { id } }\n# ${i}`);
  }
  if (variant === 3) {
    const inputs = Array.from({ length: Math.floor((TOKEN_BUDGET - 20) / 10) }, () => `{ birthDate: "${pick(random, ['1990-02-30', 'x', '1990-01-01'])}", issuedOn: 7 }`);
    return body(`{ certificateValidities(inputs: [${inputs.join(', ')}]) { __typename } }\n# ${i}`);
  }
  return body(`{ offices(after: "${word(random, LIMITS.maxBodyBytes - 200)}") { totalCount } }\n# ${i}`);
}

/** The most inputs a batch takes (docs/analysts.md): each wrong in every way a variable can be. */
const WRONG_VARIABLE_INPUTS = 1_000;

/**
 * A batch's variable of WRONG_VARIABLE_INPUTS objects, each with a dozen unknown keys and none of
 * the required ones: an earlier version coerced all of it (~14,000 errors built) to report 20.
 */
function wrongVariables(random: () => number, i: number): string {
  // One-letter keys and zeros, so that a thousand objects fit in MAX_BODY_BYTES.
  const keys = [...LETTERS].sort(() => random() - 0.5).slice(0, 12);
  const inputs = Array.from({ length: WRONG_VARIABLE_INPUTS }, () => Object.fromEntries(keys.map((key) => [key, 0])));
  return body(`query Wrong${i}($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf } }`, { variables: { inputs } });
}

/**
 * One input object of unknown keys filling MAX_BODY_BYTES: graphql-js' coercion quoted the whole
 * object at each of the 50 unknown keys it reported, ~170 ms a request.
 */
function wideVariable(i: number): string {
  // About 10 bytes a key ("2ohr":1,), within the limit whatever the index.
  const keys = Math.floor((LIMITS.maxBodyBytes - 300) / 10);
  const input = Object.fromEntries(Array.from({ length: keys }, (_, k) => [(i * keys + k).toString(36), 1]));
  return body(`query Wide${i}($i: CertificateValidityInput!) { certificateValidity(input: $i) { asOf } }`, { variables: { i: input } });
}

const OPERATION_TOKENS = tokenCount('query Q1 { notices { key } }');

/** As many small operations as MAX_TOKENS allows: refused by MAX_OPERATIONS before graphql-js validates them all. */
const OPERATIONS_WITHIN_TOKENS = Math.floor(TOKEN_BUDGET / OPERATION_TOKENS);

/** In turn: MAX_OPERATIONS operations (the most a document may hold, all validated), then as many as MAX_TOKENS allows. */
function manyOperations(random: () => number, i: number): string {
  const count = i % 2 === 0 ? LIMITS.maxOperations : OPERATIONS_WITHIN_TOKENS;
  const operations = Array.from({ length: count }, (_, n) => `query Q${n} { notices { key } }`);
  return body(`${operations.join(' ')}\n# ${i}`, { operationName: `Q${Math.floor(random() * count)}` });
}

const OFFICE_KINDS = (schema.getType('OfficeKind') as GraphQLEnumType).getValues().map((value) => value.name);

function aliasesAtTheCostLimit(random: () => number, i: number): string {
  const fields = OFFICE_FIELDS.join(' ');
  const kinds = Array.from({ length: LIMITS.maxAliases }, () => pick(random, OFFICE_KINDS));
  const document = (first: number) => `query Aliases${i} { ${kinds.map((kind, n) => `a${n}: offices(first: ${first}, kind: ${kind}) { nodes { ${fields} } }`).join(' ')} }`;
  return body(document(largestPageWithinCost(document)));
}

/** The analysts' batch as docs/analysts.md gives it (operations/examples/analyst-batch.graphql). */
const ANALYST_BATCH = readFileSync(new URL('../../operations/examples/analyst-batch.graphql', import.meta.url), 'utf8');
/** The most inputs `certificateValidities` takes: the full batch analysts.md says fits within MAX_COST. */
export const FULL_BATCH_INPUTS = 1_000;
/** Its cost as docs/analysts.md gives it: 1 + 24 per input (18 fields, 6 for the input's computation). */
export const FULL_BATCH_COST = 24_001;

/** The i-th full analysts' batch, with a distinct comment and the inputs `inputOf` makes of distinct birth dates. */
function analystBatch(i: number, inputOf: (n: number) => ReturnType<typeof validityInput>): string {
  const inputs = Array.from({ length: FULL_BATCH_INPUTS }, (_, k) => inputOf(i * FULL_BATCH_INPUTS + k));
  return body(`${ANALYST_BATCH}\n# ${i}`, { variables: { inputs } });
}

/** The full analysts' batch, a distinct comment and distinct birth dates each time; valid, executed. */
export function fullAnalystBatch(i: number): string {
  return analystBatch(i, validityInput);
}

/**
 * The analysts' batch at its full size, every input refused at run time (born after the card was
 * issued), distinct dates each time: 1,000 errors, each with its path, at the batch's cost.
 */
function failingBatch(i: number): string {
  return analystBatch(i, (n) => {
    const valid = validityInput(n);
    return { ...valid, issuedOn: valid.birthDate, birthDate: valid.issuedOn };
  });
}

const INTROSPECTION = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });

/** The varied worst cases, each shape with its own seed so a run sends the same documents. */
export const SHAPES: readonly Shape[] = [
  {
    id: 'wide selections, duplicated',
    description: `2–${LIMITS.maxSameResponseName} copies of \`offices(first: n) { nodes { … } }\`, each selecting up to ${LIMITS.maxFieldsPerSelection} Office fields (each at most ${LIMITS.maxSameResponseName} times), up to ~${TOKEN_BUDGET} tokens, n the largest page within MAX_COST; valid`,
    body: (i) => duplicatedWideSelections(randomSource(1_000 + i), i, false),
  },
  {
    id: 'wide selections, conflicting',
    description: 'the same, the last copy aliasing `key: phone` deep down: a field-merging conflict found after comparing everything else; invalid',
    body: (i) => duplicatedWideSelections(randomSource(2_000 + i), i, true),
  },
  {
    id: 'many fragments',
    description: `up to ${LIMITS.maxFieldsPerSelection} one-field fragments on Office spread in two copies of a page (every pair of fragments compared), cut at the token limit (the cut ones unknown), sometimes one on the wrong type`,
    body: (i) => manyFragments(randomSource(3_000 + i), i),
  },
  {
    id: 'deep inline fragments',
    description: '`... on Query {` or `... {` nested to the token limit (~600–1,000 levels), around a valid field or one of the wrong type; refused past 100 levels (the nesting limit, limits.ts) before it is parsed',
    body: (i) => deepInlineFragments(randomSource(4_000 + i), i),
  },
  {
    id: 'unknown fields',
    description: `${LIMITS.maxFieldsPerSelection - 1} unknown fields with names of ~${Math.floor(LIMITS.maxBodyBytes / LIMITS.maxFieldsPerSelection)} letters, filling MAX_BODY_BYTES; invalid`,
    body: (i) => unknownFields(randomSource(5_000 + i), i),
  },
  {
    id: 'bad arguments',
    description: `in turn: ${LIMITS.maxSameResponseName} copies of a field with five wrong arguments; an input object nested ~700 deep (refused past 100 levels, the nesting limit); a list of ~3,000 ids; ~300 malformed inputs to \`certificateValidities\`; a cursor string filling MAX_BODY_BYTES`,
    body: (i) => badArguments(randomSource(6_000 + i), i),
  },
  {
    id: 'wrong variables',
    description: `${WRONG_VARIABLE_INPUTS.toLocaleString('en')} \`CertificateValidityInput\` objects in a variable, each with 12 unknown keys and no required field (~75 KB); refused`,
    body: (i) => wrongVariables(randomSource(9_000 + i), i),
  },
  {
    id: 'wide variable object',
    description: `one \`CertificateValidityInput\` variable of ~${Math.floor((LIMITS.maxBodyBytes - 300) / 10).toLocaleString('en')} unknown keys, filling MAX_BODY_BYTES (graphql-js quoted the whole object at each of 50 unknown keys: ~170 ms); refused before execution`,
    body: wideVariable,
  },
  {
    id: 'failing inputs',
    description: `the full analysts' batch (${FULL_BATCH_INPUTS.toLocaleString('en')} inputs, cost ${FULL_BATCH_COST.toLocaleString('en')}), every input born after its issue date: each answered null with its own BAD_USER_INPUT error`,
    body: failingBatch,
  },
  {
    id: 'many operations',
    description: `in turn: ${LIMITS.maxOperations} named operations (MAX_OPERATIONS; all validated), one of them chosen by \`operationName\`, valid; and ~${OPERATIONS_WITHIN_TOKENS}, as many as MAX_TOKENS allows (refused)`,
    body: (i) => manyOperations(randomSource(7_000 + i), i),
  },
  {
    id: 'nested list literal',
    description: 'a list literal nested 1,000–2,000 deep as `nodes(ids:)`, alone or behind a valid field (a stack overflow, a 500, on a process just started before the nesting limit); refused before parsing',
    body: (i) => {
      const depth = 1_000 + ((i * 37) % 1_001);
      return body(`{ ${i % 2 === 0 ? '' : 'notices { key } '}nodes(ids: ${'['.repeat(depth)}${']'.repeat(depth)}) { id } }`);
    },
  },
  {
    id: 'computations selecting little',
    description: `${LIMITS.maxAliases - 6}–${LIMITS.maxAliases} aliases of \`certificateValidities\` over the same ${FULL_BATCH_INPUTS.toLocaleString('en')} inputs, each selecting \`asOf\` (24,000 computations within MAX_COST before each input counted its computation); refused by its cost`,
    body: (i) => {
      const aliases = LIMITS.maxAliases - 6 + (i % 7);
      const inputs = Array.from({ length: FULL_BATCH_INPUTS }, (_, k) => validityInput(i * FULL_BATCH_INPUTS + k));
      const selections = Array.from({ length: aliases }, (_, n) => `a${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}: certificateValidities(inputs: $x) { asOf }`).join(' ');
      return body(`query ($x: [CertificateValidityInput!]!) { ${selections} }`, { variables: { x: inputs } });
    },
  },
  {
    id: 'aliases at the cost limit',
    description: `${LIMITS.maxAliases} aliases (MAX_ALIASES) of \`offices(first: n, kind: …) { nodes { every field } }\`, n the largest page within MAX_COST; valid, executed`,
    body: (i) => aliasesAtTheCostLimit(randomSource(8_000 + i), i),
  },
  {
    id: 'full introspection',
    description: "GraphiQL's introspection query (descriptions, deprecated input values), a distinct comment each time; valid, executed",
    body: (i) => body(`${INTROSPECTION}\n# ${i}`),
  },
];

/** Throws when a generated body would be refused for its size rather than for what it holds. */
export function checkedSize(requestBody: string): string {
  if (Buffer.byteLength(requestBody) > LIMITS.maxBodyBytes) throw new Error(`a generated body of ${Buffer.byteLength(requestBody)} bytes exceeds MAX_BODY_BYTES (${LIMITS.maxBodyBytes})`);
  return requestBody;
}
