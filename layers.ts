// The one declaration of the layers: which part of the repository holds what, and what it may
// import. eslint.config.js generates its import rules from it, and `npm run docs:layers` renders
// it as the table of docs/architecture.md (test/lint.test.ts fails when either drifts).
import { matchesGlob } from 'node:path';

/** One part of the repository and what it may import. */
export interface Part {
  /** Its name in lint messages and in the table. */
  name: string;
  /**
   * Folders, files or globs, relative to the root. A file belongs to the part with the most
   * specific path that holds it (`src/db/cli.ts` is a process, the rest of `src/db/` storage);
   * a glob wins over a folder.
   */
  paths: readonly string[];
  holds: string;
  /** The other parts it may import, or every part but some (the tools and the tests). */
  mayImport: readonly string[] | { anythingBut: readonly string[] };
  /** Why it may import only those, quoted by every lint message about it. */
  rule: string;
  /** Runs in the service: imports no devDependency (and, by `mayImport`, no test code). */
  service: boolean;
  /** false: no package at all (nothing from node_modules). */
  packages?: false;
  /** false: no `node:` module. */
  nodeModules?: false;
}

export const PARTS: readonly Part[] = [
  {
    name: 'domain',
    paths: ['src/domain'],
    holds: 'the rules of [the domain](domain-rules.md) as pure functions, and the one vocabulary (`vocabulary.ts`: wards, office, procedure and certificate kinds)',
    mayImport: [],
    rule: 'the domain is pure (no clock, no database, no package, no node: module)',
    service: true,
    packages: false,
    nodeModules: false,
  },
  {
    name: 'shared',
    paths: ['src/clock.ts', 'src/cache-key.ts', 'src/observability'],
    holds: '"today" in Asia/Tokyo from an injectable clock; the key every cache uses; the logger (its fixed log-line schema) and the prom-client metrics',
    mayImport: ['domain'],
    rule: 'every layer may use these tools, so they know no layer but the domain',
    service: true,
  },
  {
    name: 'settings',
    paths: ['src/config.ts'],
    holds: 'the settings, read from the environment',
    mayImport: [],
    rule: 'the settings know no layer; each layer declares the options it takes, and src/app.ts maps the settings into them',
    service: true,
  },
  {
    name: 'storage',
    paths: ['src/db'],
    holds: 'storage: the database file, prepared statements, DataLoaders, the rule values',
    mayImport: ['domain', 'shared', 'tables', 'seed'],
    rule: 'storage knows nothing of the API or the settings; it alone reads seed/ and the tables',
    service: true,
  },
  {
    name: 'API',
    paths: ['src/graphql'],
    holds: 'the GraphQL schema, one module per type (`schema/`), and how an operation is executed (`execution/`: limits, cost, masking, the operation catalog)',
    mayImport: ['domain', 'shared', 'storage'],
    rule: 'the API knows nothing of HTTP or settings (src/app.ts hands it EngineOptions and ExecutionLimits)',
    service: true,
  },
  {
    name: 'open data',
    paths: ['src/opendata'],
    holds: 'the open-data CSV, from database rows',
    mayImport: ['domain', 'shared', 'storage'],
    rule: 'the open data is written from database rows, never from seed/',
    service: true,
  },
  {
    name: 'front',
    paths: ['src/http'],
    holds: 'the HTTP front: routes, admission, the response cache, compression, the Node adapter',
    mayImport: ['domain', 'shared', 'API'],
    rule: 'the front knows nothing of storage or settings (src/app.ts hands it FrontOptions)',
    service: true,
  },
  {
    name: 'composition',
    paths: ['src/app.ts', 'src/schema-version.ts'],
    holds: 'composes the layers, mapping the settings into the options each declares; reads the schema\'s version from CHANGELOG.md',
    mayImport: ['domain', 'shared', 'settings', 'storage', 'API', 'open data', 'front'],
    rule: 'the composition builds the service from its layers; storage alone reads the tables and the seed',
    service: true,
  },
  {
    name: 'processes',
    paths: ['src/server.ts', 'src/cluster.ts', 'src/listening.ts', 'src/restart-backoff.ts', 'src/db/cli.ts'],
    holds: 'start the processes: the service (its primary and workers) and the database command (`npm run db:migrate`, `db:seed`)',
    mayImport: ['shared', 'settings', 'storage', 'front', 'composition'],
    rule: 'a process starts the composition, or prepares the database through storage',
    service: true,
  },
  {
    name: 'tables',
    paths: ['schema'],
    holds: "storage's tables (Drizzle) and the committed SDL (`schema.graphql`)",
    mayImport: ['domain'],
    rule: 'the tables describe storage in the words of the domain',
    service: false,
  },
  {
    name: 'seed',
    paths: ['seed'],
    holds: 'the facts the database is loaded with, and their loader',
    mayImport: ['domain', 'tables'],
    rule: 'the seed is data and its loader, in the words of the domain and the tables',
    service: false,
  },
  {
    name: 'tests',
    paths: ['test', '**/*.test.ts'],
    holds: 'tests through the API and real processes (helpers in `test/support/`), and unit tests beside the code',
    mayImport: { anythingBut: [] },
    rule: 'tests may reach anything',
    service: false,
  },
  {
    name: 'scripts',
    paths: ['scripts'],
    holds: 'tools CI runs: the schema printer and the breaking-change gate (devDependencies allowed)',
    mayImport: { anythingBut: [] },
    rule: 'CI tools may reach anything',
    service: false,
  },
  {
    name: 'bench',
    paths: ['bench'],
    holds: 'benchmarks, the soak and the hostile load (`npm run bench`, `soak`, `hostile`)',
    mayImport: { anythingBut: ['seed'] },
    rule: 'benchmarks prepare the database as the service does, never from seed/ directly',
    service: false,
  },
  {
    name: 'examples',
    paths: ['examples'],
    holds: 'clients a partner can copy: the typed TypeScript kiosk client (its types generated by `codegen.ts`) and the Python flows',
    mayImport: [],
    rule: 'an example stands on its own, as it will in a partner\'s code: it knows the API only through HTTP and the committed schema',
    service: false,
  },
  {
    name: 'tool settings',
    paths: ['*.ts', '*.js'],
    holds: 'settings of the tools (ESLint, Vitest, drizzle-kit) and this declaration, `layers.ts`',
    mayImport: { anythingBut: ['seed'] },
    rule: 'tool settings name the files they need, never the seed',
    service: false,
  },
];

export const isGlob = (path: string) => /[*?{[]/.test(path);
/** A folder of a part, as opposed to one file or a glob. */
export const isFolder = (path: string) => !isGlob(path) && !/\.\w+$/.test(path);
/** A part's path as the docs and the lint messages show it: a folder with its trailing slash. */
export const shownPath = (path: string) => (isFolder(path) ? `${path}/` : path);

/** Whether `path` (a folder, file or glob of a part) holds the file. */
export function holds(path: string, file: string): boolean {
  return isGlob(path) ? matchesGlob(file, path) : file === path || file.startsWith(`${path}/`);
}

/** How specific a part's path is: a glob beats any folder, a deeper folder a shallower one. */
const specificity = (path: string) => (isGlob(path) ? Infinity : path.split('/').length);

/** The part a file (relative to the root) belongs to, or undefined when none holds it. */
export function partOf(file: string): Part | undefined {
  let best: { part: Part; specificity: number } | undefined;
  for (const part of PARTS) {
    for (const path of part.paths.filter((candidate) => holds(candidate, file))) {
      if (!best || specificity(path) > best.specificity) best = { part, specificity: specificity(path) };
    }
  }
  return best?.part;
}

/** The parts a part may not import. */
export function forbiddenTo(part: Part): Part[] {
  const allowed = part.mayImport;
  const forbidden = 'anythingBut' in allowed ? (other: Part) => allowed.anythingBut.includes(other.name) : (other: Part) => !allowed.includes(other.name);
  return PARTS.filter((other) => other !== part && forbidden(other));
}

const pathsOf = (part: Part) => part.paths.map((path) => `\`${shownPath(path)}\``).join(', ');

function mayImport(part: Part): string {
  const allowed = part.mayImport;
  if ('anythingBut' in allowed) return allowed.anythingBut.length ? `anything but ${allowed.anythingBut.join(', ')}` : 'anything';
  const limits = [part.packages === false ? 'no package' : '', part.nodeModules === false ? 'no `node:` module' : ''].filter(Boolean);
  return [allowed.length ? allowed.join(', ') : 'nothing outside itself', ...limits].join('; ');
}

const MARKERS = ['<!-- layers: rendered from layers.ts by `npm run docs:layers`; edit layers.ts -->', '<!-- /layers -->'] as const;

/** The layer table of docs/architecture.md, from PARTS. */
export function layerTable(): string {
  const rows = PARTS.map((part) => `| ${part.name} | ${pathsOf(part)} | ${part.holds} | ${mayImport(part)} | ${part.rule} |`);
  const service = PARTS.filter((part) => part.service).map((part) => part.name);
  return [
    '| part | files | holds | may import | because |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Service code (${service.join(', ')}) imports no devDependency and no test code.`,
  ].join('\n');
}

/** `markdown` with the text between the layer markers replaced by the table. */
export function withLayerTable(markdown: string): string {
  const [begin, end] = MARKERS;
  const start = markdown.indexOf(begin);
  const stop = markdown.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`the layer markers are missing: ${begin} … ${end}`);
  return `${markdown.slice(0, start + begin.length)}\n${layerTable()}\n${markdown.slice(stop)}`;
}
