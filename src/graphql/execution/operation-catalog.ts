import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { BREAK, Kind, visit, type ASTNode, type DocumentNode, type GraphQLSchema, type Token } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { cacheKey } from '../../cache-key.ts';
import type { Context } from '../schema/builder.ts';
import { operationFacts, type OperationFacts } from './operation-facts.ts';

/** A parsed document that validation passed, with what the pipeline decides from it, and its compiled operations. */
export interface CatalogEntry {
  /** The key the entry is held under: the text, or a digest of a long one. */
  key: string;
  document: DocumentNode;
  /** Length of the document's text. */
  length: number;
  /** Bytes V8 holds the text's characters in (`textBytes`). */
  textBytes: number;
  /** Tokens of the document's text, as the parser read them. */
  tokens: number;
  facts: OperationFacts;
  /** Clean answers seen per operation name; an operation is compiled on its second. */
  cleanAnswers: Map<string, number>;
  compiled: Map<string, CompiledQuery>;
  /** Whether graphql-jit may run its operations (holdsUncheckedVariable). */
  compilable: boolean;
  /** Per operation name, its cost once measured without reading a variable: the same for every request. */
  fixedCosts: Map<string, number>;
}

/**
 * What an entry holds, for the byte budget, as measured on the heap (test/operation-cache-budget.test.ts):
 * a few KB for the entry and the facts read from the document, plus its syntax tree by the token
 * (the token, its node, the node's location: the same whatever the token's length), plus its text
 * twice, plus the generated code and closures of each compiled operation. A small query holds
 * about 5 KB. The text is held once by the document's source, and up to once again by the names
 * and string values answering copies out of it (V8 internalizes a property key, and the
 * document's string then points to the copy): a 9,900-kana `__type(name:)` argument held 45 KB,
 * a 9,900-letter alias 23.5 KB, when counting tokens alone gave 10.1 KB and 7.3 KB, and a cache
 * full of them held four times its budget (docs/performance.md, "What the operation cache holds").
 * Counted per character before that (10 KB plus 24 bytes a character), documents of many short
 * tokens held up to three times their count: deep inline fragments, 740 KB each for 243 KB counted.
 */
const ENTRY_BYTES = 4 * 1024;
const DOCUMENT_BYTES_PER_TOKEN = 480;
/** The source's characters, and at most as many copied out of it by names and string values. */
const TEXT_COPIES = 2;
const COMPILED_OPERATION_BYTES = 64 * 1024;

/**
 * Longest document compiled. graphql-jit generates and compiles code in proportion to the
 * document, on the request that brings its second clean answer; the kiosk operations are under
 * 400 characters, and a long one-off analyst document gains little from compiling.
 */
const MAX_COMPILED_DOCUMENT_LENGTH = 2_000;

/**
 * Longest document kept. Every document partners send is far shorter (the largest committed one,
 * GraphiQL's introspection query, is about 2,000 characters); a long one-off document held in the
 * old generation only makes the collector's pauses longer for every request after it (the hostile
 * load measured pauses of 60–160 ms with the cache full of 10–16 KB documents).
 */
const MAX_KEPT_DOCUMENT_LENGTH = 10_000;

export interface CatalogOptions {
  /** Memory the parsed and compiled operations may take, in bytes; 0 keeps nothing. */
  maxBytes: number;
  /** Whether operations are compiled with graphql-jit at all. */
  compile: boolean;
}

/**
 * Documents that passed validation, keyed by their text (a digest of a long one) and bounded by
 * bytes: the engine's document cache (Yoga's parser reads it; every rule of validation is a
 * function of the document alone, so a document found here is not validated again), the facts the
 * front decides caching and logs from, and the compiled form of operations answered cleanly twice.
 * A document validation refuses, and one that carries personal data in its text, is never kept.
 */
export class OperationCatalog {
  private readonly entries: LRUCache<string, CatalogEntry> | null;
  /** The entry of a document object, for the steps that hold the parsed document rather than its text. */
  private readonly byDocument = new WeakMap<DocumentNode, CatalogEntry>();
  private readonly schema: GraphQLSchema;
  private readonly compile: boolean;

  constructor(schema: GraphQLSchema, options: CatalogOptions) {
    this.schema = schema;
    this.compile = options.compile;
    this.entries =
      options.maxBytes > 0
        ? new LRUCache({
            maxSize: options.maxBytes,
            sizeCalculation: (entry, key) => textBytes(key) + entryBytes(entry),
          })
        : null;
  }

  /**
   * Yoga's parser cache over the same entries. Yoga offers each document it parses; it is kept
   * only once validation has passed it (`admit`). Parse errors are not kept: their message and
   * source quote the client's text. Yoga's validation cache is off: an entry is a validated document.
   */
  yogaCaches() {
    return {
      documentCache: {
        get: (source: string) => this.entries?.get(cacheKey(source))?.document,
        set: () => undefined,
      },
      errorCache: { get: () => undefined, set: () => undefined },
      validationCache: false,
    };
  }

  entryOf(document: DocumentNode): CatalogEntry | undefined {
    return this.byDocument.get(document);
  }

  /**
   * Notes a clean answer of an operation; on the second one it is compiled, so a stream of
   * one-off documents never pays (or keeps) a compilation.
   */
  learn(document: DocumentNode, operationName: string | null): void {
    const entry = this.byDocument.get(document);
    if (!entry || !this.compile || !entry.compilable || entry.length > MAX_COMPILED_DOCUMENT_LENGTH) return;
    const name = operationName ?? '';
    const seen = (entry.cleanAnswers.get(name) ?? 0) + 1;
    entry.cleanAnswers.set(name, seen);
    if (seen < 2 || entry.compiled.has(name)) return;
    const query = compileQuery(this.schema, document, operationName ?? undefined);
    if (!isCompiledQuery(query)) return;
    entry.compiled.set(name, query);
    // Re-set so the byte budget counts the compiled code.
    this.entries?.set(entry.key, entry);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** What the entries are estimated to hold, against the byte budget. */
  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  /**
   * A document validation has just passed, parsed from `source`: its facts, read once, and the
   * document kept with them unless it is too long or carries personal data in its text. A refused
   * document is never read for facts nor kept: its refusal is cheap to find again.
   */
  admit(document: DocumentNode, source: string): OperationFacts {
    const facts = operationFacts(this.schema, document);
    if (this.entries === null || source.length > MAX_KEPT_DOCUMENT_LENGTH || facts.carriesPersonalData) return facts;
    const entry: CatalogEntry = { key: cacheKey(source), document, length: source.length, textBytes: textBytes(source), tokens: tokenCount(document, source), facts, cleanAnswers: new Map(), compiled: new Map(), compilable: !holdsUncheckedVariable(document), fixedCosts: new Map() };
    this.entries.set(entry.key, entry);
    this.byDocument.set(document, entry);
    return facts;
  }
}

/**
 * A variable graphql-jit hands on as it comes, a null where a value is required included, where
 * graphql-js refuses it: one written inside a list or an object in the document (`ids: ["…", $v]`,
 * argument-errors.ts), and a nullable one with a default, which validation lets stand where a
 * non-null type is asked (`$k: CertificateKind = SIGNATURE` for `kind: CertificateKind!`, or
 * `@skip(if: $s)`): sent null, graphql-jit answered INTERNAL_SERVER_ERROR, or skipped the field (a
 * semantics probe). An operation of such a document stays interpreted.
 */
function holdsUncheckedVariable(document: DocumentNode): boolean {
  let unchecked = false;
  visit(document, {
    VariableDefinition(node) {
      if (node.defaultValue === undefined || node.type.kind === Kind.NON_NULL_TYPE) return false;
      unchecked = true;
      return BREAK;
    },
    // A list's items are visited with the array as their parent; an object's fields with the field.
    Variable(_node, _key, parent) {
      if (parent === undefined || (!Array.isArray(parent) && (parent as ASTNode).kind !== Kind.OBJECT_FIELD)) return undefined;
      unchecked = true;
      return BREAK;
    },
  });
  return unchecked;
}

/** The tokens the parser linked from the document's location; a token is at least a character, so without one, the length. */
function tokenCount(document: DocumentNode, source: string): number {
  if (document.loc === undefined) return source.length;
  let count = 0;
  for (let token: Token | null = document.loc.startToken; token !== null; token = token.next) count++;
  return count;
}

/**
 * The bytes V8 keeps a string's characters in: one a character while every one is Latin-1, two
 * once any is not (its one-byte and two-byte strings). One linear scan, at most once an entry.
 */
function textBytes(text: string): number {
  return /[\u0100-\uffff]/.test(text) ? 2 * text.length : text.length;
}

function entryBytes(entry: CatalogEntry): number {
  return ENTRY_BYTES + TEXT_COPIES * entry.textBytes + entry.tokens * DOCUMENT_BYTES_PER_TOKEN + entry.compiled.size * COMPILED_OPERATION_BYTES;
}

/**
 * An operation answered cleanly twice runs compiled (graphql-jit) instead of interpreted: the same
 * step of the same pipeline, so the checks before it, the masking and the answer's bytes are the
 * same (test/compiled-operations.test.ts compares them over every test operation).
 */
export function useCompiledOperations(catalog: OperationCatalog): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const compiled = catalog.entryOf(args.document)?.compiled.get(args.operationName ?? '');
      if (!compiled) return;
      (args.contextValue as unknown as Context).record.compiled = true;
      setExecuteFn((run) => compiled.query(run.rootValue, run.contextValue, run.variableValues));
    },
  };
}
