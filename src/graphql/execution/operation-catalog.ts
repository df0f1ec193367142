import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { cacheKey } from '../../cache-key.ts';
import { operationFacts, type OperationFacts } from './operation-facts.ts';

/** A parsed document with what the pipeline decides from it, and its compiled operations. */
export interface CatalogEntry {
  document: DocumentNode;
  /** Length of the document's text. */
  length: number;
  facts: OperationFacts;
  /** Clean Yoga answers seen per operation name; an operation is compiled on its second. */
  cleanAnswers: Map<string, number>;
  compiled: Map<string, CompiledOperation>;
}

export interface CompiledOperation {
  query: CompiledQuery;
  /** The operation's own name, for the log line. */
  name: string | null;
  /** Its cost, once measured without reading a variable: the same for every request. */
  fixedCost?: number;
}

/**
 * What an entry holds, for the byte budget, as measured on the heap: about 10 KB for a small
 * parsed document with its facts (20,000 distinct small queries kept 16,708 entries in 160 MB when
 * this was guessed at 1 KB), plus the syntax tree's share per character of text, plus the
 * generated code and closures of each compiled operation.
 */
const ENTRY_BYTES = 10 * 1024;
const DOCUMENT_BYTES_PER_CHARACTER = 24;
const COMPILED_OPERATION_BYTES = 64 * 1024;

export interface CatalogOptions {
  /** Memory the parsed and compiled operations may take, in bytes; 0 keeps nothing. */
  maxBytes: number;
  /** Whether operations are compiled with graphql-jit at all. */
  compile: boolean;
  /**
   * The token limit. A document over it is not parsed here, so Yoga parses it and graphql-armor
   * refuses it with its code; a document under it may then skip Yoga's parser.
   */
  maxTokens: number;
}

/**
 * Parsed documents keyed by their text (a digest of a long one) and bounded by bytes, shared by the HTTP front
 * (which decides caching from the facts), Yoga's parser (through `yogaDocumentCache`) and the
 * graphql-jit fast path. A document that carries personal data in its text is never kept.
 */
export class OperationCatalog {
  private readonly entries: LRUCache<string, CatalogEntry> | null;
  private readonly schema: GraphQLSchema;
  private readonly compile: boolean;
  private readonly maxTokens: number;

  constructor(schema: GraphQLSchema, options: CatalogOptions) {
    this.schema = schema;
    this.compile = options.compile;
    this.maxTokens = options.maxTokens;
    this.entries =
      options.maxBytes > 0
        ? new LRUCache({
            maxSize: options.maxBytes,
            sizeCalculation: (entry, key) => key.length + entryBytes(entry),
          })
        : null;
  }

  /** The entry of a document, parsed now if unseen; null when the text does not parse. */
  entry(source: string): CatalogEntry | null {
    const key = cacheKey(source);
    const known = this.entries?.get(key);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: this.maxTokens });
    } catch {
      return null;
    }
    return this.remember(key, document, source.length);
  }

  /**
   * Yoga's document cache over the same entries. Parse errors are not kept: their message and
   * source quote the client's text.
   */
  yogaCaches() {
    return {
      documentCache: {
        get: (source: string) => this.entries?.get(cacheKey(source))?.document,
        set: (source: string, document: DocumentNode) => void this.remember(cacheKey(source), document, source.length),
      },
      errorCache: { get: () => undefined, set: () => undefined },
    };
  }

  /**
   * Notes a clean Yoga answer for an operation; on the second one it is compiled, so a stream of
   * one-off documents never pays (or keeps) a compilation.
   */
  learn(source: string, operationName: string | null): void {
    const entry = this.entries?.get(cacheKey(source));
    if (!entry || !this.compile) return;
    const name = operationName ?? '';
    const seen = (entry.cleanAnswers.get(name) ?? 0) + 1;
    entry.cleanAnswers.set(name, seen);
    if (seen < 2 || entry.compiled.has(name)) return;
    const query = compileQuery(this.schema, entry.document, operationName ?? undefined);
    if (!isCompiledQuery(query)) return;
    entry.compiled.set(name, { query, name: getOperationAST(entry.document, operationName)?.name?.value ?? null });
    // Re-set so the byte budget counts the compiled code.
    this.entries?.set(cacheKey(source), entry);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  private remember(key: string, document: DocumentNode, length: number): CatalogEntry {
    const entry: CatalogEntry = { document, length, facts: operationFacts(this.schema, document), cleanAnswers: new Map(), compiled: new Map() };
    if (!entry.facts.carriesPersonalData) this.entries?.set(key, entry);
    return entry;
  }
}

function entryBytes(entry: CatalogEntry): number {
  return ENTRY_BYTES + entry.length * DOCUMENT_BYTES_PER_CHARACTER + entry.compiled.size * COMPILED_OPERATION_BYTES;
}
