import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { EncodedBody, type CompressionLevels } from './compression.ts';

/**
 * GraphiQL's files, read from @graphql-yoga/render-graphiql's module as bytes, never imported.
 * The module is six lines, `export const <part> = "<string literal>";`, 9 MB in all. Importing it
 * made V8 parse it and hold its strings: 400–480 ms of CPU and some 80 MB at the peak, so on a
 * server that had answered 20,000 distinct queries the first visit took the process to 317 MB,
 * past the 256 MB budget (docs/deployment.md, "Compression and GraphiQL's files", has the numbers).
 * Here the file is read off the event loop, each literal's escapes are decoded byte by byte where
 * they are, a few hundred KB a turn, and hashed on libuv's thread pool: the file's 9 MB become the
 * files, and nothing of that size is made beside them. The files are made on the first visit, so a
 * process that never serves GraphiQL never pays for them.
 */

export interface BundleFile {
  contentType: string;
  etag: string;
  body: EncodedBody;
}

export interface Bundle {
  files: Map<string, BundleFile>;
  /** Names of the files the page refers to, relative to the folder. */
  css: string;
  js: string;
  favicon: string;
  workers: { editorWorkerService: string; json: string; graphql: string };
}

/** The module whose string literals are the files; resolved at each attempt, as an import would. */
export const BUNDLE_MODULE = '@graphql-yoga/render-graphiql/graphiql';

/**
 * Every name `loadBundle` gives a file: its part, 16 hex digits of its content's SHA-256, its type. A
 * request for anything else under /graphiql/ is not ours without reading the bundle.
 */
export const FILE_NAME = /^(?:graphiql\.[0-9a-f]{16}\.(?:js|css)|(?:editor|json|graphql)\.worker\.[0-9a-f]{16}\.js|favicon\.[0-9a-f]{16}\.ico|font\.[0-9a-f]{16}\.(?:ttf|woff2?))$/;

/** A font inlined in the bundle's styles: `url(data:font/woff2;base64,...)`. */
const INLINE_FONT = /url\(data:font\/(ttf|woff2?);base64,([A-Za-z0-9+/=]+)\)/g;
/** One line of the module: a part's name, and its literal between the quotes. */
const DECLARATION = /^export const (\w+) = "$/;
const PARTS = ['js', 'css', 'favicon', 'editorWorkerService', 'jsonWorker', 'graphqlWorker'] as const;
type Part = (typeof PARTS)[number];

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const LETTER_U = 0x75;
/** The one-character escapes a JSON-style literal may hold, by the byte after the backslash. */
const SINGLE_ESCAPES = new Map([[QUOTE, QUOTE], [BACKSLASH, BACKSLASH], [0x2f, 0x2f], [0x6e, LINE_FEED], [0x74, 0x09], [0x72, 0x0d], [0x62, 0x08], [0x66, 0x0c]]);
/** Bytes of a literal decoded between two turns of the event loop: about a millisecond's work. */
const BYTES_PER_TURN = 256 * 1024;

/** The module is not of the shape read here; the message is a fixed phrase, quoting nothing of the file, so it may be logged. */
export class BundleShapeError extends Error {
  override readonly name = 'BundleShapeError';
}

/**
 * Decodes a string literal in place, `\uXXXX` runs (surrogate pairs among them) written as UTF-8,
 * as `Buffer.from` writes the string the import would make; an escape outside JSON's is refused
 * rather than guessed. In place, because every escape is longer than what it stands for (2 bytes
 * for 1; 6 for at most 3, 12 for a pair's 4): what is written never passes what has been read, and
 * the file's buffer becomes the files, with no copy of 9 MB beside it. The decoded bytes are
 * `bytes[start, the returned end)`.
 */
async function decodeInPlace(bytes: Buffer, start: number, end: number): Promise<number> {
  let written = start;
  let at = start;
  let pause = start + BYTES_PER_TURN;
  while (at < end) {
    if (at >= pause) {
      await nextTurn();
      pause = at + BYTES_PER_TURN;
    }
    const byte = bytes[at]!;
    if (byte !== BACKSLASH) {
      bytes[written++] = byte;
      at++;
      continue;
    }
    // A backslash right before the closing quote would escape it: the literal never ended.
    if (at + 1 >= end) throw new BundleShapeError('a literal that does not end');
    const single = SINGLE_ESCAPES.get(bytes[at + 1]!);
    if (single !== undefined) {
      bytes[written++] = single;
      at += 2;
      continue;
    }
    let units = '';
    while (at < end && bytes[at] === BACKSLASH && bytes[at + 1] === LETTER_U) {
      const hex = bytes.toString('latin1', at + 2, at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new BundleShapeError('a \\u escape without four hex digits');
      units += String.fromCharCode(Number.parseInt(hex, 16));
      at += 6;
    }
    if (units === '') throw new BundleShapeError('an escape JSON has not');
    written += bytes.write(units, written);
  }
  return written;
}

/**
 * Each part's bytes, decoded within the module's source (which it overwrites); a source of another
 * shape is refused, never guessed at.
 */
export async function bundleParts(source: Buffer<ArrayBuffer>): Promise<Record<Part, Buffer<ArrayBuffer>>> {
  const found = new Map<string, Buffer<ArrayBuffer>>();
  for (let start = 0; start < source.length; ) {
    const newline = source.indexOf(LINE_FEED, start);
    const lineEnd = newline === -1 ? source.length : newline;
    const open = source.indexOf('"', start);
    const name = open !== -1 && open < lineEnd ? DECLARATION.exec(source.toString('latin1', start, open + 1))?.[1] : undefined;
    if (name === undefined || source.toString('latin1', lineEnd - 2, lineEnd) !== '";') throw new BundleShapeError('a line that declares no string');
    found.set(name, source.subarray(open + 1, await decodeInPlace(source, open + 1, lineEnd - 2)));
    start = lineEnd + 1;
  }
  const missing = PARTS.filter((part) => !found.has(part));
  if (missing.length > 0) throw new BundleShapeError(`no ${missing.join(', ')}`);
  return Object.fromEntries(PARTS.map((part) => [part, found.get(part)!])) as Record<Part, Buffer<ArrayBuffer>>;
}

/** Hashed on libuv's thread pool (WebCrypto), not on the event loop. */
const sha256 = async (bytes: Buffer<ArrayBuffer>): Promise<Buffer> => Buffer.from(await crypto.subtle.digest('SHA-256', bytes));

/** The files, named by their hashes, with their compressed forms made when first asked for. */
export async function loadBundle(levels: CompressionLevels): Promise<Bundle> {
  const part = await bundleParts(await readFile(new URL(import.meta.resolve(BUNDLE_MODULE))));
  const files = new Map<string, BundleFile>();
  const add = async (name: string, extension: string, contentType: string, body: Buffer<ArrayBuffer>): Promise<string> => {
    const digest = await sha256(body);
    const file = `${name}.${digest.toString('hex').slice(0, 16)}.${extension}`;
    // The content's hash: a strong validator, as the name is.
    files.set(file, { contentType, etag: `"${digest.toString('base64url')}"`, body: new EncodedBody(body, levels) });
    return file;
  };
  const javascript = (name: string, body: Buffer<ArrayBuffer>) => add(name, 'js', 'text/javascript; charset=utf-8', body);
  // Each font becomes a file of its own, named relative to the stylesheet, which is in the same folder.
  const styles = part.css.toString();
  const fonts = new Map<string, string>();
  for (const [inline, type, base64] of styles.matchAll(INLINE_FONT)) {
    if (!fonts.has(inline)) fonts.set(inline, await add('font', type!, `font/${type}`, Buffer.from(base64!, 'base64')));
  }
  const css = styles.replace(INLINE_FONT, (inline) => `url(${fonts.get(inline)})`);
  const favicon = part.favicon.toString('latin1');
  return {
    files,
    css: await add('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(css)),
    js: await javascript('graphiql', part.js),
    favicon: await add('favicon', 'ico', 'image/x-icon', Buffer.from(favicon.slice(favicon.indexOf(',') + 1), 'base64')),
    workers: {
      editorWorkerService: await javascript('editor.worker', part.editorWorkerService),
      json: await javascript('json.worker', part.jsonWorker),
      graphql: await javascript('graphql.worker', part.graphqlWorker),
    },
  };
}
