import { createHash } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { COMPRESSION, EncodedBody, type CompressionLevels, type ContentCoding } from './compression.ts';
import { etagOf } from './etag.ts';
import { mediaType } from './media-types.ts';

/**
 * GraphiQL's files, made in a worker thread. Importing @graphql-yoga/render-graphiql's 9 MB module
 * (V8 parsing its string literals) took 400–480 ms of the event loop's CPU, then hashing and
 * compressing the files (brotli 9, gzip 9) some 300 ms more, in callbacks on the event loop: the
 * first browser at /graphql after each start held up every other request that long. The worker
 * does all of it and hands back finished bytes (docs/deployment.md has the numbers). It starts on
 * the first visit, so a process that never serves GraphiQL never pays for it, and ends when done,
 * so its heap (the module's strings) is not kept.
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

/** A file as it crosses to the event loop's thread: each buffer its own, transferred, not copied. */
interface PreparedFile {
  name: string;
  contentType: string;
  etag: string;
  identity: Uint8Array;
  codings: [ContentCoding, Uint8Array][];
}

type Prepared = Omit<Bundle, 'files'> & { files: PreparedFile[] };

/**
 * Every name `prepare` gives a file: its part, 16 hex digits of its content's SHA-256, its type. A
 * request for anything else under /graphiql/ is not ours without reading the bundle.
 */
export const FILE_NAME = /^(?:graphiql\.[0-9a-f]{16}\.(?:js|css)|(?:editor|json|graphql)\.worker\.[0-9a-f]{16}\.js|favicon\.[0-9a-f]{16}\.ico|font\.[0-9a-f]{16}\.(?:ttf|woff2?))$/;

/** Marks the worker this module starts, so that no other worker thread runs it as one. */
const ROLE = 'graphiql-bundle';
const CODINGS: readonly ContentCoding[] = ['br', 'gzip'];
/** A font inlined in the bundle's styles: `url(data:font/woff2;base64,...)`. */
const INLINE_FONT = /url\(data:font\/(ttf|woff2?);base64,([A-Za-z0-9+/=]+)\)/g;

/** A copy in an ArrayBuffer of its own: Buffer.from may hand out a slice of a shared pool, which cannot be transferred alone. */
const own = (bytes: Buffer): Uint8Array => new Uint8Array(bytes);

/** In the worker: every file, named by its content's hash, with its compressed forms. */
async function prepare(levels: CompressionLevels): Promise<Prepared> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const files: PreparedFile[] = [];
  const add = (name: string, extension: string, contentType: string, body: Buffer): string => {
    const file = `${name}.${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${extension}`;
    const encoded = new EncodedBody(body, levels);
    // woff2 fonts are compressed already: compressAnswer sends them as they are.
    const codings = COMPRESSION.compressibleTypes.includes(mediaType(contentType)) ? CODINGS : [];
    files.push({ name: file, contentType, etag: etagOf(body), identity: own(body), codings: codings.map((coding) => [coding, own(encoded.encode(coding))]) });
    return file;
  };
  const javascript = (name: string, source: string) => add(name, 'js', 'text/javascript; charset=utf-8', Buffer.from(source));
  // Relative to the stylesheet, which is in the same folder.
  const css = bundle.css.replace(INLINE_FONT, (_match, type: string, base64: string) => `url(${add('font', type, `font/${type}`, Buffer.from(base64, 'base64'))})`);
  return {
    files,
    css: add('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(css)),
    js: javascript('graphiql', bundle.js),
    favicon: add('favicon', 'ico', 'image/x-icon', Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64')),
    workers: {
      editorWorkerService: javascript('editor.worker', bundle.editorWorkerService),
      json: javascript('json.worker', bundle.jsonWorker),
      graphql: javascript('graphql.worker', bundle.graphqlWorker),
    },
  };
}

const buffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** On the event loop: the files, made by a worker thread of this module. */
export function loadBundle(levels: CompressionLevels): Promise<Bundle> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE, levels } });
    // A shutdown does not wait for it; the visit that asked is gone with the process.
    worker.unref();
    worker.once('message', ({ files, ...names }: Prepared) => {
      const entries = files.map((file): [string, BundleFile] => [
        file.name,
        { contentType: file.contentType, etag: file.etag, body: new EncodedBody(buffer(file.identity), levels, new Map(file.codings.map(([coding, bytes]) => [coding, buffer(bytes)]))) },
      ]);
      resolve({ ...names, files: new Map(entries) });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`GraphiQL's files were not made: the worker exited with ${code}`)));
  });
}

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === ROLE) {
  const prepared = await prepare((workerData as { levels: CompressionLevels }).levels);
  const transfer = prepared.files.flatMap((file) => [file.identity.buffer, ...file.codings.map(([, bytes]) => bytes.buffer)]) as ArrayBuffer[];
  parentPort!.postMessage(prepared, transfer);
}
