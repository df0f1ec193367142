import Negotiator from 'negotiator';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import { ifNoneMatchIncludes } from './etag.ts';
import { isRead } from './http-message.ts';
import { mediaType } from './media-types.ts';

/** negotiator 1.x breaks ties in q by the server's preference; its type package predates that option. */
interface CodingNegotiator {
  encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
}

export type ContentCoding = 'br' | 'gzip';

export interface CompressionLevels {
  /** 0..11 */
  brotliQuality: number;
  /** 1..9 */
  gzipLevel: number;
}

export interface CompressionPolicy {
  /** Bodies smaller than this go as they are: the saving would not pay for the work. */
  minBytes: number;
  /** Answers compressed on the request path (once per entry when the response cache holds them). */
  dynamic: CompressionLevels;
  /** Files compressed once per process, off the event loop, when first asked for (GraphiQL's assets). */
  static: CompressionLevels;
  /** Media types worth compressing; images and fonts other than TrueType are compressed already. */
  compressibleTypes: readonly string[];
}

/**
 * Levels chosen by measurement (docs/deployment.md, "Compression and GraphiQL's files"): brotli 5 is where brotli
 * starts to beat gzip clearly for about a millisecond on the largest answer (a 1,000-input batch);
 * 11 takes half a second there. Static files are compressed once, but their encoder's memory counts
 * against the process's budget: on GraphiQL's 5 MB script (with BROTLI_WINDOW_BITS) brotli 9 takes
 * 44 MB, brotli 7 20 MB and brotli 5 15 MB; GraphiQL's first visit, after every attack of
 * `npm run hostile`, peaked 4 MB over the 256 MB budget with brotli 7.
 */
export const COMPRESSION: CompressionPolicy = {
  minBytes: 1024,
  dynamic: { brotliQuality: 5, gzipLevel: 6 },
  static: { brotliQuality: 5, gzipLevel: 9 },
  compressibleTypes: [
    'application/json',
    'application/graphql-response+json',
    'text/csv',
    'text/html',
    'text/plain',
    'text/css',
    'text/javascript',
    'font/ttf',
    'image/x-icon',
  ],
};

/** br first when the client rates it as high as gzip; identity (null) when neither is acceptable. */
const PREFERENCE = ['br', 'gzip', 'identity'] as const;

export function negotiateCoding(acceptEncoding: string | undefined): ContentCoding | null {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as CodingNegotiator;
  const chosen = negotiator.encoding(PREFERENCE, { preferred: PREFERENCE });
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/**
 * The client refuses a body without a coding (`identity;q=0`, or `*;q=0` without identity; RFC 9110
 * §12.5.3). Only a header with a zero q can say so, which spares every other request the parse.
 */
function refusesIdentity(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined || !/q=0(?:\.0*)?(?:[,;\s]|$)/i.test(acceptEncoding)) return false;
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as CodingNegotiator;
  return negotiator.encoding(['identity'], { preferred: ['identity'] }) === undefined;
}

/**
 * Brotli's window, in bits: 1 MB instead of its default 4 MB. The encoder's memory grows with it (on
 * GraphiQL's 5 MB script, brotli 5 takes 30 MB with the default and 15 MB with this), and only a
 * body over 1 MB can use more: the size it gains there is under 1 %.
 */
const BROTLI_WINDOW_BITS = 20;

function brotliOptions(quality: number, size: number): BrotliOptions {
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  };
}

function gzipOptions(level: number): ZlibOptions {
  return { level };
}

const brotliAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliCompress);
const gzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gzip);

/** A body and its compressed forms, each made at most once: what the response cache keeps. */
export class EncodedBody {
  readonly identity: Buffer;
  private readonly levels: CompressionLevels;
  private readonly encoded = new Map<ContentCoding, Buffer>();

  constructor(identity: Buffer, levels: CompressionLevels) {
    this.identity = identity;
    this.levels = levels;
  }

  /**
   * Makes a coding on libuv's thread pool, for bodies whose compression would hold the event loop
   * for long (GraphiQL's 5 MB script: a quarter of a second at brotli 7); encode() then returns it.
   */
  async encodeOffLoop(coding: ContentCoding): Promise<Buffer> {
    const made = this.encoded.get(coding);
    if (made !== undefined) return made;
    const bytes = coding === 'br' ? await brotliAsync(this.identity, brotliOptions(this.levels.brotliQuality, this.identity.length)) : await gzipAsync(this.identity, gzipOptions(this.levels.gzipLevel));
    this.encoded.set(coding, bytes);
    return bytes;
  }

  /** Synchronous: for answers up to a few hundred KB it costs less than a hop to the thread pool. */
  encode(coding: ContentCoding): Buffer {
    let bytes = this.encoded.get(coding);
    if (bytes === undefined) {
      bytes = coding === 'br' ? brotliCompressSync(this.identity, brotliOptions(this.levels.brotliQuality, this.identity.length)) : gzipSync(this.identity, gzipOptions(this.levels.gzipLevel));
      this.encoded.set(coding, bytes);
    }
    return bytes;
  }
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface CompressibleAnswer extends Answer {
  /** The body with its compressed forms, when someone keeps them (response cache, static files). */
  encoded?: EncodedBody;
}

export interface CompressionRequest {
  method: string;
  headers: Readonly<Record<string, string | undefined>>;
}

/** Adds a field to a Vary header without dropping what is there (`Origin` from CORS). */
export function withVary(vary: string | undefined, field: string): string {
  if (vary === undefined || vary === '') return field;
  const fields = vary.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (fields.some((name) => name === '*' || name.toLowerCase() === field.toLowerCase())) return fields.join(', ');
  return [...fields, field].join(', ');
}

/** The ETag of one coding of a representation: each coding is a different sequence of bytes. */
function codingEtag(etag: string, coding: ContentCoding): string {
  return `${etag.slice(0, -1)}-${coding}"`;
}

/** Worth compressing: a compressible type, and large enough, unless the client refuses it plain. */
function isCompressible(answer: Answer, size: number, policy: CompressionPolicy, acceptEncoding: string | undefined): boolean {
  const type = answer.headers['content-type'];
  return (
    answer.status !== 304 &&
    (size >= policy.minBytes || refusesIdentity(acceptEncoding)) &&
    answer.headers['content-encoding'] === undefined &&
    type !== undefined &&
    policy.compressibleTypes.includes(mediaType(type))
  );
}

/** The coding an answer goes out in: the best one the client accepts, when the answer is worth compressing; null when plain. */
export function answerCoding(request: CompressionRequest, answer: CompressibleAnswer, policy: CompressionPolicy = COMPRESSION): ContentCoding | null {
  const size = answer.encoded?.identity.length ?? Buffer.byteLength(answer.body);
  const acceptEncoding = request.headers['accept-encoding'];
  return isCompressible(answer, size, policy, acceptEncoding) ? negotiateCoding(acceptEncoding) : null;
}

/**
 * The last stage of every answer: the body in the best coding the client accepts (RFC 9110
 * §12.5.3), a small one too when the client refuses it plain (and plain when it refuses every
 * coding the server has as well, as the RFC lets a server do rather than fail the request);
 * `Vary: Accept-Encoding` on every answer with content so shared caches keep codings apart; and a
 * 304 when the client already holds this coding's bytes.
 */
export function compressAnswer(request: CompressionRequest, answer: CompressibleAnswer, policy: CompressionPolicy = COMPRESSION): Answer {
  const { encoded, ...plain } = answer;
  // No content, nothing that could vary by coding (a CORS preflight).
  if (plain.status === 204) return plain;
  const headers: Record<string, string> = { ...plain.headers, vary: withVary(plain.headers.vary, 'Accept-Encoding') };
  const coding = answerCoding(request, answer, policy);
  if (coding === null) return { ...plain, headers };
  const etag = headers.etag === undefined ? undefined : codingEtag(headers.etag, coding);
  if (etag !== undefined && isRead(request.method) && ifNoneMatchIncludes(request.headers['if-none-match'], etag)) {
    const { 'content-type': _type, 'content-disposition': _disposition, ...kept } = headers;
    return { status: 304, headers: { ...kept, etag }, body: '' };
  }
  const body = (encoded ?? new EncodedBody(typeof plain.body === 'string' ? Buffer.from(plain.body) : plain.body, policy.dynamic)).encode(coding);
  return { status: plain.status, headers: { ...headers, 'content-encoding': coding, ...(etag === undefined ? {} : { etag }) }, body };
}
