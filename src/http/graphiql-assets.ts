import type { GraphiQLOptions } from 'graphql-yoga';
import type { CompressibleAnswer, CompressionLevels, CompressionRequest } from './compression.ts';
import { TAB_BAR_STYLE } from './graphiql-settings.ts';
import { etagOf, ifNoneMatchIncludes } from './etag.ts';
import { loadBundle, type Bundle } from './graphiql-bundle.ts';
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
    // A failure is not kept: the next visit tries again.
    this.bundle ??= loadBundle(this.levels).catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }

  /** The page for these options, as Yoga's `renderGraphiQL` would make it, naming the files instead of inlining them. */
  readonly render = async (options: GraphiQLOptions): Promise<string> => page(await this.loaded(), options);

  /** The answer for a path under GRAPHIQL_ASSET_PREFIX; null when no such file exists. */
  async answer(path: string, request: CompressionRequest): Promise<CompressibleAnswer | null> {
    const file = (await this.loaded()).files.get(path.slice(GRAPHIQL_ASSET_PREFIX.length));
    if (file === undefined) return null;
    if (ifNoneMatchIncludes(request.headers['if-none-match'], file.etag)) return { status: 304, headers: { etag: file.etag, 'cache-control': IMMUTABLE }, body: '' };
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
