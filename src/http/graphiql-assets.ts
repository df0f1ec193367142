import { createHash } from 'node:crypto';
import type { GraphiQLOptions } from 'graphql-yoga';
import { ErrorCode } from '../graphql/errors.ts';
import type { RequestRecord } from '../graphql/execution/request-record.ts';
import type { EventFields, Logger } from '../observability/logger.ts';
import { asksWithQueryString, refusedOutcome, type Outcome } from './cache-policy.ts';
import { answerCoding, type CompressibleAnswer, type CompressionLevels, type CompressionRequest, type ContentCoding } from './compression.ts';
import { TAB_BAR_STYLE } from './graphiql-settings.ts';
import { etagOf, ifNoneMatchIncludes } from './etag.ts';
import { BundleShapeError, FILE_NAME, loadBundle, type Bundle, type BundleFile } from './graphiql-bundle.ts';
import type { HttpRequest } from './http-message.ts';
import { httpRefusal } from './json-answers.ts';

/**
 * GraphiQL as a small page plus separate files. @graphql-yoga/render-graphiql inlines a 9 MB
 * bundle (script, styles with 32 fonts as data: URIs, three Monaco workers, a favicon) into every
 * page, so each visit and each reload cost all of it.
 * Here each part is its own file under a content-hashed name, cached by the browser for a year;
 * the page only names them, and fonts load only when a style uses them. Everything is served by
 * this process: nothing comes from a CDN.
 */

/** The folder the files are served from, beside /graphql; the page names them relative to itself. */
const FOLDER = 'graphiql';
export const GRAPHIQL_ASSET_PREFIX = `/${FOLDER}/`;
/** Content-hashed names never change meaning, so browsers need not ask again (RFC 8246). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page names the current files, so it is revalidated on each visit (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

/**
 * The page passes its own `onEditQuery`, which does nothing: render-graphiql's own (which the
 * options it is given replace) writes the query editor's text into the page's address at every
 * edit, so into the browser's history, where a birth date typed inline in a query would stay. A
 * link with `?query=` still opens with that query.
 *
 * Birth dates are typed into the variables editor, and are personal data: never kept. GraphiQL
 * keeps its tabs (every editor's text), the last query and variables and the run history in
 * localStorage by default, which outlives the tab and has no expiry, on analyst PCs many people
 * share. `storage: null` (GraphiQL's own prop, which renderYogaGraphiQL passes through) keeps them
 * in the page's memory only: a reload or a new visit opens the server's tabs again. Set here, not
 * in the settings, so no option can turn storage back on. sessionStorage is not used either:
 * browsers write it to disk to restore a session.
 *
 * Pages before this one left their `graphiql:` entries (birth dates among them) in localStorage;
 * the page erases them. Another page's entries on this origin are not GraphiQL's, and stay. A
 * browser that refuses storage throws on access, and then there is nothing to erase.
 */
const FORGET_EARLIER_STORAGE =
  "try { for (const key of Object.keys(localStorage)) if (key.startsWith('graphiql:')) localStorage.removeItem(key); } catch {}";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON inside a <script>: `<` escaped so no string in it can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** GraphiQL's page, and the headers that protect it (pageProtection). */
export interface GraphiQLPage {
  html: string;
  headers: Record<string, string>;
}

/** The page: what render-graphiql's template does, with files named instead of inlined. */
function page(bundle: Bundle, options: GraphiQLOptions): GraphiQLPage {
  const url = (file: string) => `${FOLDER}/${file}`;
  const workers = Object.fromEntries(Object.entries(bundle.workers).map(([label, file]) => [label, url(file)]));
  const inlineScripts = [
    `
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
    `,
    `
      ${FORGET_EARLIER_STORAGE}
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), { ...${scriptJson({ ...options, storage: null })}, onEditQuery: () => {} });
    `,
  ] as const;
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'Yoga GraphiQL')}</title>
    <link rel="icon" href="${url(bundle.favicon)}" />
    <link rel="stylesheet" href="${url(bundle.css)}" />
    ${TAB_BAR_STYLE}
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>${inlineScripts[0]}</script>
    <script src="${url(bundle.js)}"></script>
    <script>${inlineScripts[1]}</script>
  </body>
</html>
`;
  return { html, headers: pageProtection(inlineScripts) };
}

/**
 * After the files could not be made, how long every visit is answered 503 before one tries again.
 * A failure (a broken install, a bundle of another shape) rarely mends itself within seconds, and
 * each attempt reads and decodes 9 MB: a browser reloading, or anyone asking for /graphql with
 * `Accept: text/html`, must not start one per request.
 */
export const RETRY_AFTER_FAILURE_MS = 30_000;

/** The files cannot be served now; another attempt is made once `retryAfterSeconds` have passed. */
export class GraphiQLUnavailable {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The answer to a visit while the files cannot be made: a refusal like the others, with Retry-After. */
export function graphiqlRefusal(record: RequestRecord, unavailable: GraphiQLUnavailable, refusalExtensions: object): Outcome {
  const headers = { 'retry-after': String(unavailable.retryAfterSeconds) };
  return refusedOutcome(record, httpRefusal(503, 'GraphiQL is temporarily unavailable; retry later.', ErrorCode.SERVICE_UNAVAILABLE, refusalExtensions, headers), ErrorCode.SERVICE_UNAVAILABLE);
}

export interface GraphiQLAssetsOptions {
  levels: CompressionLevels;
  logger: Pick<Logger, 'error'>;
  /** Makes the files: read from the bundle's module (graphiql-bundle.ts); a test's stand-in otherwise. */
  load?: (levels: CompressionLevels) => Promise<Bundle>;
  now?: () => number;
}

export class GraphiQLAssets {
  private readonly options: Required<GraphiQLAssetsOptions>;
  /** The attempt in flight or the files made (null: it failed); one at a time, shared by every visit that waits. */
  private attempt: Promise<Bundle | null> | undefined;
  private retryAt = 0;
  /** The compression running, if any: one at a time, so a first visit holds one compressor's memory, not six. */
  private compressing: Promise<unknown> = Promise.resolve();

  constructor(options: GraphiQLAssetsOptions) {
    this.options = { load: loadBundle, now: Date.now, ...options };
  }

  /** Why the files cannot be served now: the seconds until the next attempt, at least one. */
  private unavailable(): GraphiQLUnavailable {
    return new GraphiQLUnavailable(Math.max(1, Math.ceil((this.retryAt - this.options.now()) / 1000)));
  }

  private async loaded(): Promise<Bundle | GraphiQLUnavailable> {
    const { now, load, levels, logger } = this.options;
    if (this.attempt === undefined && now() < this.retryAt) return this.unavailable();
    this.attempt ??= load(levels).catch((error: unknown) => {
      // One line per failed attempt, its class and code (and, for a module of another shape, its
      // fixed reason): the requests it fails are logged as 503s.
      this.attempt = undefined;
      this.retryAt = now() + RETRY_AFTER_FAILURE_MS;
      const code = (error as { code?: unknown } | null)?.code;
      const reason: EventFields = error instanceof BundleShapeError ? { reason: error.message } : {};
      logger.error("GraphiQL's files not made", { errorClass: error instanceof Error ? error.name : typeof error, code: typeof code === 'string' ? code : null, ...reason, retryInSeconds: RETRY_AFTER_FAILURE_MS / 1000 });
      return null;
    });
    return (await this.attempt) ?? this.unavailable();
  }

  /** Only the codings asked for are made (a browser over HTTPS never asks for gzip), each once. */
  private compressed(file: BundleFile, coding: ContentCoding): Promise<Buffer> {
    const made = this.compressing.then(() => file.body.encodeOffLoop(coding));
    this.compressing = made.catch(() => undefined);
    return made;
  }

  /** The page for these options, as Yoga's `renderGraphiQL` would make it, naming the files instead of inlining them. */
  readonly render = async (options: GraphiQLOptions): Promise<GraphiQLPage | GraphiQLUnavailable> => {
    const bundle = await this.loaded();
    return bundle instanceof GraphiQLUnavailable ? bundle : page(bundle, options);
  };

  /**
   * The answer for a path under GRAPHIQL_ASSET_PREFIX; null when no such file exists. A name that
   * cannot be one of ours by its shape is answered without the files. One that could be needs them:
   * the hashes are known only once the bundle is read, and a page from before a restart names them.
   */
  async answer(path: string, request: CompressionRequest): Promise<CompressibleAnswer | GraphiQLUnavailable | null> {
    const name = path.slice(GRAPHIQL_ASSET_PREFIX.length);
    if (!FILE_NAME.test(name)) return null;
    const bundle = await this.loaded();
    if (bundle instanceof GraphiQLUnavailable) return bundle;
    const file = bundle.files.get(name);
    if (file === undefined) return null;
    if (ifNoneMatchIncludes(request.headers['if-none-match'], file.etag)) return { status: 304, headers: { etag: file.etag, 'cache-control': IMMUTABLE }, body: '' };
    const answer = { status: 200, headers: { 'content-type': file.contentType, 'cache-control': IMMUTABLE, etag: file.etag }, body: file.body.identity, encoded: file.body };
    // The coding compressAnswer will choose, made now, off the event loop.
    const coding = answerCoding(request, answer);
    if (coding !== null) await this.compressed(file, coding);
    return answer;
  }
}

/**
 * The page's caching. It is served at /graphql, where API clients get JSON: it varies by Accept,
 * as every answer there does (routes.ts adds the field). At the bare URL it is revalidated on each
 * visit, since a new release names new files. A URL with a query string (a link that opens
 * GraphiQL with a query) may hold whatever its sender wrote there, a birth date too: such a page is
 * stored by no cache, and has no validator to revalidate with.
 */
export function pageAnswer(answer: CompressibleAnswer, request: HttpRequest): CompressibleAnswer {
  if (asksWithQueryString(request)) return { ...answer, headers: { ...answer.headers, 'cache-control': 'no-store' } };
  const etag = etagOf(answer.body);
  const headers = { ...answer.headers, etag, 'cache-control': REVALIDATE };
  if (ifNoneMatchIncludes(request.headers['if-none-match'], etag)) return { status: 304, headers: { etag, 'cache-control': REVALIDATE }, body: '' };
  return { ...answer, headers };
}

/**
 * The page is framed by no site (a page of any site framed it, with a query of its choosing, under
 * a decoy: a browser-facing probe), sends no referrer (its URL may hold a query a birth date is
 * written in), and is read as the HTML it says it is. It runs only this server's scripts and its
 * own two inline ones, by their hashes, and talks to this server alone: a backstop on a page where
 * birth dates and keys are typed. Styles may be inline: the editor injects its own.
 */
function pageProtection(inlineScripts: readonly string[]): Record<string, string> {
  const hashes = inlineScripts.map((source) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`);
  const policy = [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'none'",
  ].join('; ');
  return { 'content-security-policy': policy, 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' };
}
