import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { changedCoordinates, checkChangelog, coordinateOf, type SchemaStep } from '../scripts/changelog-gate.ts';
import { nextVersion, parseChangelog, readSchemaVersion, schemaVersion } from '../src/schema-version.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHECK = join(ROOT, 'scripts/changelog-check.ts');

/** A changelog from its sections, written as a person would. */
const changelog = (...sections: string[]) => `# Changelog\n\nIntro naming \`Office.phone\` outside any section.\n\n${sections.join('\n')}`;
const RELEASE_1 = '## [1.0.0] - 2026-01-10\n\n### Added\n\n- The first release: `Query.offices`.\n';

/** A small contract: `fields` go into Office. */
const sdl = (fields = '', extra = '') => `type Query { offices(kind: String): [Office!]! }\ntype Office { name: String! ${fields} }\n${extra}`;

describe('the schema version from CHANGELOG.md', () => {
  it('is the latest release when [Unreleased] is empty', () => {
    const text = changelog('## [Unreleased]\n', '## [1.1.0] - 2026-02-01\n\n### Added\n\n- `Office.phone`.\n', RELEASE_1);
    expect(schemaVersion(parseChangelog(text))).toBe('1.1.0');
  });

  it('is the version [Unreleased] will be released as, tagged -unreleased, when it has entries', () => {
    const withKinds = (...kinds: string[]) => changelog(`## [Unreleased]\n\n${kinds.map((kind) => `### ${kind}\n\n- \`Office.phone\`.\n`).join('\n')}`, '## [1.2.3] - 2026-02-01\n\n### Fixed\n\n- `Office.name`.\n');
    expect(schemaVersion(parseChangelog(withKinds('Fixed')))).toBe('1.2.4-unreleased');
    expect(schemaVersion(parseChangelog(withKinds('Added')))).toBe('1.3.0-unreleased');
    expect(schemaVersion(parseChangelog(withKinds('Fixed', 'Deprecated')))).toBe('1.3.0-unreleased');
    expect(schemaVersion(parseChangelog(withKinds('Added', 'Removed')))).toBe('2.0.0-unreleased');
  });

  it('raises the part of the version Semantic Versioning names for each kind of change', () => {
    expect(nextVersion('1.9.9', ['Security'])).toBe('1.9.10');
    expect(nextVersion('1.9.9', ['Changed'])).toBe('1.10.0');
    expect(nextVersion('1.9.9', ['Removed', 'Fixed'])).toBe('2.0.0');
  });

  it('reports headings, kinds and versions that break the format', () => {
    const text = changelog(
      '## [1.2.0] - 2026-03-01\n\n### Added\n\n- `Office.phone`.\n',
      '## [Unreleased]\n',
      '## [1.1.0] - 2026-02-30\n',
      '## [1.0.1] - 2026-01-20\n\n### Improved\n\n- `Office.name`.\n',
      RELEASE_1,
    );
    const { problems } = parseChangelog(text);
    expect(problems).toEqual([
      expect.stringMatching(/:13: a section heading is .*"## \[1\.1\.0\] - 2026-02-30"/),
      expect.stringMatching(/:17: "### Improved" is not one of Added, Changed/),
      expect.stringMatching(/:19: an entry must stand under/),
      expect.stringMatching(/:11: \[Unreleased\] must be the first section/),
      expect.stringMatching(/:5: after 1\.0\.1, a release with Added is 1\.1\.0, not 1\.2\.0/),
    ]);
    expect(() => schemaVersion(parseChangelog(text))).toThrow(/CHANGELOG\.md is malformed/);
  });

  it('is 1.x for the committed CHANGELOG.md, read at start-up', () => {
    expect(readSchemaVersion()).toMatch(/^1\.\d+\.\d+(-unreleased)?$/);
  });
});

describe('changedCoordinates', () => {
  it('names each changed element once, as a schema coordinate', async () => {
    const before = sdl('phone: String', 'enum Kind { A }');
    const after = sdl('phone: Int @deprecated(reason: "no")', 'enum Kind { A B }\ntype Extra { a: String b: Int }').replace('offices(kind: String)', 'offices(kind: String, first: Int)');
    expect(await changedCoordinates(before, after)).toEqual(['Extra', 'Kind.B', 'Office.phone', 'Query.offices(first:)']);
  });

  it("names a change of the schema's own description `schema`", async () => {
    expect(await changedCoordinates(sdl(), `"""The offices."""\nschema { query: Query }\n${sdl()}`)).toEqual(['schema']);
  });

  it('turns GraphQL Inspector paths into coordinates', () => {
    expect(['Type', 'Type.field', 'Type.field.arg', 'Type.field.@deprecated.reason', '@auth', '@auth.role'].map(coordinateOf)).toEqual([
      'Type',
      'Type.field',
      'Type.field(arg:)',
      'Type.field',
      '@auth',
      '@auth(role:)',
    ]);
  });
});

describe('checkChangelog', () => {
  const step = (coordinates: string[], day = '2026-03-05', label = 'commit c0ffee'): SchemaStep => ({ label, day, coordinates });

  it('fails a schema change that no entry names, naming what is missing', () => {
    const report = checkChangelog(changelog('## [Unreleased]\n', RELEASE_1), [step(['Office.phone'])]);
    expect(report.passed).toBe(false);
    expect(report.problems).toEqual([expect.stringContaining('commit c0ffee (2026-03-05) changed what CHANGELOG.md names nowhere: `Office.phone`')]);
  });

  it('passes a change named under [Unreleased]', () => {
    const report = checkChangelog(changelog('## [Unreleased]\n\n### Added\n\n- `Office.phone`: the number.\n', RELEASE_1), [step(['Office.phone'])]);
    expect(report).toEqual({ passed: true, problems: [], listed: [{ step: 'commit c0ffee', section: '[Unreleased]' }] });
  });

  it('fails a change named only in a release dated before the change', () => {
    const text = changelog('## [Unreleased]\n', '## [1.1.0] - 2026-03-04\n\n### Added\n\n- `Office.phone`.\n', RELEASE_1);
    expect(checkChangelog(text, [step(['Office.phone'], '2026-03-05')]).passed).toBe(false);
    expect(checkChangelog(text, [step(['Office.phone'], '2026-03-04')]).passed).toBe(true);
  });

  it('lists the steps in the sections in their order', () => {
    const text = changelog('## [1.2.0] - 2026-04-01\n\n### Added\n\n- `Office.phone`.\n', '## [1.1.0] - 2026-04-01\n\n### Added\n\n- `Office.email`.\n', RELEASE_1);
    const inOrder = checkChangelog(text, [step(['Office.email'], '2026-03-01', 'a'), step(['Office.phone'], '2026-03-02', 'b')]);
    expect(inOrder.listed).toEqual([
      { step: 'a', section: '[1.1.0] - 2026-04-01' },
      { step: 'b', section: '[1.2.0] - 2026-04-01' },
    ]);
    const swapped = checkChangelog(text, [step(['Office.phone'], '2026-03-01', 'a'), step(['Office.email'], '2026-03-02', 'b')]);
    expect(swapped.problems).toEqual([expect.stringMatching(/^b \(2026-03-02\) changed `Office\.email`: name them all in one section, .*not before \[1\.2\.0\]/)]);
  });

  it('does not count a coordinate written outside an entry', () => {
    // The intro names `Office.phone` too, and so does prose before the first entry of a kind.
    const text = changelog('## [Unreleased]\n\n### Added\n\nWe added `Office.phone` (see below).\n\n- `Office.email`.\n', RELEASE_1);
    expect(checkChangelog(text, [step(['Office.phone'])]).passed).toBe(false);
  });
});

describe('npm run changelog:check, on a repository with a planted history', () => {
  const repo = mkdtempSync(join(tmpdir(), 'jpki-changelog-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo, encoding: 'utf8' });
  const write = (schema: string, text: string) => {
    mkdirSync(join(repo, 'schema'), { recursive: true });
    writeFileSync(join(repo, 'schema/schema.graphql'), schema);
    writeFileSync(join(repo, 'CHANGELOG.md'), text);
  };
  const commit = (date: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', 'change', '--date', date);
  };
  const check = () => spawnSync(process.execPath, [CHECK], { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_COMMITTER_DATE: '' } });

  it('fails a committed schema change without an entry, then passes once it has one', () => {
    git('init', '-q');
    write(sdl(), changelog('## [Unreleased]\n', RELEASE_1));
    commit('2026-01-10T10:00:00+09:00');
    // A new field, committed without an entry.
    write(sdl('phone: String'), changelog('## [Unreleased]\n', RELEASE_1));
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-am', 'phone'], {
      cwd: repo,
      env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-05T10:00:00+09:00' },
    });
    const failed = check();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('(2026-03-05) changed what CHANGELOG.md names nowhere: `Office.phone`');

    writeFileSync(join(repo, 'CHANGELOG.md'), changelog('## [Unreleased]\n\n### Added\n\n- `Office.phone`.\n', RELEASE_1));
    const passed = check();
    expect(passed.stderr).toBe('');
    expect(passed.stdout).toContain('listed in [Unreleased]');
    expect(passed.stdout).toContain('schema version 1.1.0-unreleased');
  });

  it('fails an uncommitted schema change without an entry', () => {
    writeFileSync(join(repo, 'schema/schema.graphql'), sdl('phone: String email: String'));
    const failed = check();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('the working tree (');
    expect(failed.stderr).toContain('`Office.email`');
  });
});

describe('the committed CHANGELOG.md', () => {
  it('names every change in the history of schema/schema.graphql', () => {
    const run = spawnSync(process.execPath, [CHECK], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`changelog check passed: schema version ${readSchemaVersion()}.`);
  });

  it('keeps [Unreleased] as its first section, for the next entries', () => {
    expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(/\n## \[Unreleased\]\n(?:[^#]|###)*?\n## \[\d+\.\d+\.\d+\] - /);
  });
});
