import { readFileSync } from 'node:fs';
import { parseIsoDate } from './domain/calendar.ts';

/**
 * The schema's version, read from CHANGELOG.md: the one place it is written
 * (docs/schema-policy.md#versions). The version served with each answer, the release notes and
 * the CI check (`npm run changelog:check`) all read it through this module.
 */
const CHANGELOG_PATH = new URL('../CHANGELOG.md', import.meta.url);

/** Keep a Changelog's kinds of change, and the part of the version each one raises. */
const CHANGE_KINDS = { Added: 'minor', Changed: 'minor', Deprecated: 'minor', Removed: 'major', Fixed: 'patch', Security: 'patch' } as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

/** Semantic Versioning's pre-release tag for a schema that has changes not yet released. */
const UNRELEASED_TAG = 'unreleased';

export interface ChangelogSection {
  /** 1-based line of its `## [` heading. */
  line: number;
  /** null for `## [Unreleased]`. */
  version: string | null;
  /** The release date, YYYY-MM-DD; null for `[Unreleased]`. */
  date: string | null;
  /** Each `### Kind` of the section that has entries, with the schema coordinates they name in backticks. */
  kinds: Map<ChangeKind, Set<string>>;
  /** Every coordinate the section names, whatever the kind. */
  coordinates: Set<string>;
  /** Whether the section has at least one entry (a list item). */
  hasEntries: boolean;
}

export interface Changelog {
  /** Newest first, as the file lists them; `[Unreleased]`, if present, first. */
  sections: ChangelogSection[];
  /** What does not follow the format; empty when the file is well formed. */
  problems: string[];
}

const SECTION_HEADING = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$/;
const KIND_HEADING = /^### (.+?)\s*$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const LIST_ITEM = /^\s*[-*] /;
/** A schema coordinate: `Type`, `Type.member`, `Type.field(argument:)`, `@directive`, `@directive(argument:)`. */
const COORDINATE = /^(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*(?:\([A-Za-z_]\w*:\))?)?|@[A-Za-z_]\w*(?:\([A-Za-z_]\w*:\))?)$/;

const isChangeKind = (name: string): name is ChangeKind => Object.hasOwn(CHANGE_KINDS, name);

/** Reads the sections of a Keep a Changelog file, and what in it breaks the format. */
export function parseChangelog(text: string): Changelog {
  const sections: ChangelogSection[] = [];
  const problems: string[] = [];
  let section: ChangelogSection | null = null;
  let kind: ChangeKind | null = null;
  let inFence = false;
  text.split('\n').forEach((line, index) => {
    const at = `CHANGELOG.md:${index + 1}`;
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) return;
    if (line.startsWith('## ')) {
      const heading = SECTION_HEADING.exec(line);
      kind = null;
      section = null;
      if (!heading) return void problems.push(`${at}: a section heading is "## [Unreleased]" or "## [MAJOR.MINOR.PATCH] - YYYY-MM-DD"; got ${JSON.stringify(line)}`);
      const [, name = '', date = null] = heading;
      const unreleased = name === 'Unreleased';
      if (unreleased ? date !== null : !SEMVER.test(name) || date === null || parseIsoDate(date) === null) {
        return void problems.push(`${at}: a section heading is "## [Unreleased]" or "## [MAJOR.MINOR.PATCH] - YYYY-MM-DD"; got ${JSON.stringify(line)}`);
      }
      section = { line: index + 1, version: unreleased ? null : name, date, kinds: new Map(), coordinates: new Set(), hasEntries: false };
      sections.push(section);
      return;
    }
    if (section === null) return;
    const current: ChangelogSection = section;
    if (line.startsWith('### ')) {
      const name = KIND_HEADING.exec(line)?.[1] ?? '';
      if (!isChangeKind(name)) return void problems.push(`${at}: "### ${name}" is not one of ${Object.keys(CHANGE_KINDS).join(', ')}`);
      kind = name;
      return;
    }
    if (LIST_ITEM.test(line)) {
      if (kind === null) return void problems.push(`${at}: an entry must stand under a "### Added", "### Changed", … heading`);
      current.hasEntries = true;
      if (!current.kinds.has(kind)) current.kinds.set(kind, new Set());
    }
    // Prose between a kind's heading and its first entry names nothing.
    if (kind === null || !current.kinds.has(kind)) return;
    for (const [, span = ''] of line.matchAll(/`([^`]+)`/g)) {
      if (!COORDINATE.test(span)) continue;
      current.kinds.get(kind)!.add(span);
      current.coordinates.add(span);
    }
  });
  problems.push(...orderProblems(sections));
  return { sections, problems };
}

const parts = (version: string) => version.split('.').map(Number) as [number, number, number];

/** The version a release with these kinds of change gets after `previous` (Semantic Versioning). */
export function nextVersion(previous: string, kinds: Iterable<ChangeKind>): string {
  const raised = new Set([...kinds].map((kind) => CHANGE_KINDS[kind]));
  const [major, minor, patch] = parts(previous);
  if (raised.has('major')) return `${major + 1}.0.0`;
  if (raised.has('minor')) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** `[Unreleased]` first if present, releases newest first, each version the one its changes call for. */
function orderProblems(sections: ChangelogSection[]): string[] {
  const problems: string[] = [];
  sections.forEach((section, index) => {
    if (section.version === null && index > 0) problems.push(`CHANGELOG.md:${section.line}: [Unreleased] must be the first section`);
  });
  const releases = sections.filter((section) => section.version !== null);
  for (let i = 0; i + 1 < releases.length; i++) {
    const newer = releases[i]!;
    const older = releases[i + 1]!;
    const expected = nextVersion(older.version!, newer.kinds.keys());
    if (newer.version !== expected) {
      problems.push(`CHANGELOG.md:${newer.line}: after ${older.version}, a release with ${[...newer.kinds.keys()].join(', ') || 'no kind of change'} is ${expected}, not ${newer.version}`);
    }
    if (newer.date! < older.date!) problems.push(`CHANGELOG.md:${newer.line}: ${newer.version} is dated ${newer.date}, before ${older.version} (${older.date})`);
  }
  return problems;
}

/**
 * The version of the schema the changelog describes: the latest release, or, when
 * `[Unreleased]` has entries, the version they will be released as with the pre-release tag
 * `-unreleased` (e.g. `1.4.0-unreleased`), so that no two schemas are served under one version.
 */
export function schemaVersion(changelog: Changelog): string {
  if (changelog.problems.length > 0) throw new Error(`CHANGELOG.md is malformed: ${changelog.problems[0]}`);
  const latest = changelog.sections.find((section) => section.version !== null);
  if (latest === undefined) throw new Error('CHANGELOG.md has no release');
  const unreleased = changelog.sections.find((section) => section.version === null);
  if (unreleased === undefined || !unreleased.hasEntries) return latest.version!;
  return `${nextVersion(latest.version!, unreleased.kinds.keys())}-${UNRELEASED_TAG}`;
}

/** The current schema version, from the CHANGELOG.md beside the code (read once, at start-up). */
export function readSchemaVersion(path: URL | string = CHANGELOG_PATH): string {
  return schemaVersion(parseChangelog(readFileSync(path, 'utf8')));
}
