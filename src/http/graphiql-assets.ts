import { createHash } from 'node:crypto';
import type { GraphiQLOptions } from 'graphql-yoga';
import { EncodedBody, negotiateCoding, type CompressibleAnswer, type CompressionLevels, type CompressionRequest } from './compression.ts';
import { TAB_BAR_STYLE } from './graphiql-settings.ts';
import { etagOf, ifNoneMatchIncludes } from './etag.ts';
import type { HttpRequest } from './http-message.ts';

/**
 * GraphiQL as a small page plus separate files. @graphql-yoga/render-graphiql inlines a 9 MB
 * bundle (script, styles with 32 fonts as data: URIs, three Monaco workers, a favicon) into every
 * page, so each visit, and each reload with the editor's query in the address, cost all of it.
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
/** A font inlined in the bundle's styles: `url(data:font/woff2;base64,...)`. */
const INLINE_FONT = /url\(data:font\/(ttf|woff2?);base64,([A-Za-z0-9+/=]+)\)/g;

interface AssetFile {
  contentType: string;
  etag: string;
  body: EncodedBody;
}

interface Bundle {
  files: Map<string, AssetFile>;
  /** Names of the files the page refers to, relative to the folder. */
  css: string;
  js: string;
  favicon: string;
  workers: { editorWorkerService: string; json: string; graphql: string };
}

/**
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

async function loadBundle(levels: CompressionLevels): Promise<Bundle> {
  // Loaded on first use: 9 MB of strings a process with GraphiQL unused never holds.
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const files = new Map<string, AssetFile>();
  const add = (name: string, extension: string, contentType: string, body: Buffer): string => {
    const file = `${name}.${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${extension}`;
    files.set(file, { contentType, etag: etagOf(body), body: new EncodedBody(body, levels) });
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

/** The page: what render-graphiql's template does, with files named instead of inlined. */
function page(bundle: Bundle, options: GraphiQLOptions): string {
  const url = (file: string) => `${FOLDER}/${file}`;
  const workers = Object.fromEntries(Object.entries(bundle.workers).map(([label, file]) => [label, url(file)]));
  return `<!doctype html>
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
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
    </script>
    <script src="${url(bundle.js)}"></script>
    <script>
      ${FORGET_EARLIER_STORAGE}
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson({ ...options, storage: null })});
    </script>
  </body>
</html>
`;
}

export class GraphiQLAssets {
  private readonly levels: CompressionLevels;
  private bundle: Promise<Bundle> | undefined;

  constructor(levels: CompressionLevels) {
    this.levels = levels;
  }

  private loaded(): Promise<Bundle> {
    this.bundle ??= loadBundle(this.levels);
    return this.bundle;
  }

  /** The page for these options, as Yoga's `renderGraphiQL` would make it, naming the files instead of inlining them. */
  readonly render = async (options: GraphiQLOptions): Promise<string> => page(await this.loaded(), options);

  /** The answer for a path under GRAPHIQL_ASSET_PREFIX; null when no such file exists. */
  async answer(path: string, request: CompressionRequest): Promise<CompressibleAnswer | null> {
    const file = (await this.loaded()).files.get(path.slice(GRAPHIQL_ASSET_PREFIX.length));
    if (file === undefined) return null;
    if (ifNoneMatchIncludes(request.headers['if-none-match'], file.etag)) return { status: 304, headers: { etag: file.etag, 'cache-control': IMMUTABLE }, body: '' };
    const coding = negotiateCoding(request.headers['accept-encoding']);
    if (coding !== null) await file.body.prepare(coding);
    return { status: 200, headers: { 'content-type': file.contentType, 'cache-control': IMMUTABLE, etag: file.etag }, body: file.body.identity, encoded: file.body };
  }
}

/**
 * The page's caching. It is served at /graphql, where API clients get JSON: it varies by Accept,
 * as every answer there does (routes.ts adds the field). At the bare URL it is revalidated on each visit, since a new release names new files. GraphiQL
 * writes the editor's query into the address, so a URL with a query string may hold whatever was
 * typed there (a birth date in the variables): such a page is stored by no cache, and has no
 * validator to revalidate with.
 */
export function pageAnswer(answer: CompressibleAnswer, request: HttpRequest): CompressibleAnswer {
  if (request.url.includes('?')) return { ...answer, headers: { ...answer.headers, 'cache-control': 'no-store' } };
  const etag = etagOf(answer.body);
  const headers = { ...answer.headers, etag, 'cache-control': REVALIDATE };
  if (ifNoneMatchIncludes(request.headers['if-none-match'], etag)) return { status: 304, headers: { etag, 'cache-control': REVALIDATE }, body: '' };
  return { ...answer, headers };
}
