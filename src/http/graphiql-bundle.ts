import { createHash } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EncodedBody, type CompressionLevels } from './compression.ts';
import { etagOf } from './etag.ts';

/**
 * GraphiQL's files, made in a worker thread. Importing @graphql-yoga/render-graphiql's 9 MB module
 * (V8 parsing its string literals) took 400–480 ms of the event loop's CPU: the first browser at
 * /graphql after each start held up every other request that long. The worker imports it, names
 * each file by its hash, hands the plain bytes back and exits, so its memory (the thread, the
 * module's source and strings: some 80 MB) is freed before any file is compressed: compressing in the worker too held that heap
 * for two more seconds, beside the compressors', and the first page waited for all of it
 * (docs/deployment.md, "Compression and GraphiQL's files", has the numbers). graphiql-assets.ts
 * compresses each file when first asked for, off the event loop. The worker starts on the first
 * visit, so a process that never serves GraphiQL never pays for it.
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

/** A file as it crosses to the event loop's thread: its buffer its own, transferred, not copied. */
interface PreparedFile {
  name: string;
  contentType: string;
  etag: string;
  identity: Uint8Array;
}

type Prepared = Omit<Bundle, 'files'> & { files: PreparedFile[] };

/**
 * Every name `prepare` gives a file: its part, 16 hex digits of its content's SHA-256, its type. A
 * request for anything else under /graphiql/ is not ours without reading the bundle.
 */
export const FILE_NAME = /^(?:graphiql\.[0-9a-f]{16}\.(?:js|css)|(?:editor|json|graphql)\.worker\.[0-9a-f]{16}\.js|favicon\.[0-9a-f]{16}\.ico|font\.[0-9a-f]{16}\.(?:ttf|woff2?))$/;

/** Marks the worker this module starts, so that no other worker thread runs it as one. */
const ROLE = 'graphiql-bundle';
/** A font inlined in the bundle's styles: `url(data:font/woff2;base64,...)`. */
const INLINE_FONT = /url\(data:font\/(ttf|woff2?);base64,([A-Za-z0-9+/=]+)\)/g;

/**
 * The bytes in an ArrayBuffer of their own, to be transferred: Buffer.from hands out slices of a
 * shared pool for small bodies (copied here); a large one has its own already (not copied again).
 */
const own = (bytes: Buffer): Uint8Array =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes);

/** In the worker: every file, named by its content's hash. */
async function prepare(): Promise<Prepared> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const files: PreparedFile[] = [];
  const add = (name: string, extension: string, contentType: string, body: Buffer): string => {
    const file = `${name}.${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${extension}`;
    files.push({ name: file, contentType, etag: etagOf(body), identity: own(body) });
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
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE } });
    // A shutdown does not wait for it; the visit that asked is gone with the process.
    worker.unref();
    worker.once('message', ({ files, ...names }: Prepared) => {
      const entries = files.map((file): [string, BundleFile] => [
        file.name,
        { contentType: file.contentType, etag: file.etag, body: new EncodedBody(buffer(file.identity), levels) },
      ]);
      resolve({ ...names, files: new Map(entries) });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`GraphiQL's files were not made: the worker exited with ${code}`)));
  });
}

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === ROLE) {
  const prepared = await prepare();
  const transfer = prepared.files.map((file) => file.identity.buffer as ArrayBuffer);
  parentPort!.postMessage(prepared, transfer);
}
