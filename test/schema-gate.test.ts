import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSchemaChange, removalDate } from '../scripts/schema-gate.ts';

const TODAY = '2026-11-25';

/** A small contract: `fields` go into Office, `values` into OfficeKind. */
function sdl({ fields = '', values = '', args = '' } = {}): string {
  return `
    type Query { offices${args}: [Office!]! }
    type Office { name: String! ${fields} }
    enum OfficeKind { WARD_OFFICE ${values} }
    input Filter { kind: OfficeKind }
  `;
}

const deprecated = (date: string) => `@deprecated(reason: "Use \`name\`. Removal on ${date}")`;

describe('checkSchemaChange', () => {
  it('fails on a removed field', async () => {
    const report = await checkSchemaChange(sdl({ fields: 'phone: String' }), sdl(), TODAY);
    expect(report.passed).toBe(false);
    expect(report.violations).toEqual(["BREAKING Field 'phone' was removed from object type 'Office' (Office.phone)"]);
  });

  it('passes a removed field deprecated with a removal date that has come', async () => {
    for (const date of ['2026-08-01', TODAY]) {
      const report = await checkSchemaChange(sdl({ fields: `phone: String ${deprecated(date)}` }), sdl(), TODAY);
      expect(report).toEqual({
        passed: true,
        violations: [],
        allowedRemovals: [`Field 'phone' (deprecated) was removed from object type 'Office' (Office.phone): deprecated for removal on ${date}`],
        otherChanges: [],
      });
    }
  });

  it('fails a removed field whose removal date is still ahead', async () => {
    const report = await checkSchemaChange(sdl({ fields: `phone: String ${deprecated('2026-11-26')}` }), sdl(), TODAY);
    expect(report.passed).toBe(false);
    expect(report.violations).toEqual([
      "BREAKING Field 'phone' (deprecated) was removed from object type 'Office' (Office.phone): its removal is announced for 2026-11-26, not yet",
    ]);
  });

  it('fails a removed field deprecated without a removal date', async () => {
    const report = await checkSchemaChange(sdl({ fields: 'phone: String @deprecated(reason: "Use `name`.")' }), sdl(), TODAY);
    expect(report.passed).toBe(false);
    expect(report.violations).toHaveLength(1);
  });

  it('applies the same rule to enum values and arguments', async () => {
    const base = sdl({ values: `CARD_CENTER ${deprecated('2026-01-31')}`, args: `(first: Int ${deprecated('2026-01-31')}, kind: OfficeKind)` });
    const allowed = await checkSchemaChange(base, sdl({ args: '(kind: OfficeKind)' }), TODAY);
    expect(allowed.passed).toBe(true);
    expect(allowed.allowedRemovals).toHaveLength(2);
    const refused = await checkSchemaChange(base, sdl({ values: `CARD_CENTER ${deprecated('2026-01-31')}` }), TODAY);
    expect(refused.passed).toBe(false);
    expect(refused.violations).toEqual(["BREAKING Argument 'kind: OfficeKind' was removed from field 'Query.offices' (Query.offices.kind)"]);
  });

  it('passes an added field', async () => {
    const report = await checkSchemaChange(sdl(), sdl({ fields: 'phone: String' }), TODAY);
    expect(report).toMatchObject({ passed: true, violations: [], allowedRemovals: [] });
    expect(report.otherChanges).toEqual(["Field 'phone' was added to object type 'Office' (Office.phone)"]);
  });

  it('fails a type change', async () => {
    const report = await checkSchemaChange(sdl({ fields: 'phone: String' }), sdl({ fields: 'phone: Int' }), TODAY);
    expect(report.passed).toBe(false);
    expect(report.violations).toEqual(["BREAKING Field 'Office.phone' changed type from 'String' to 'Int' (Office.phone)"]);
  });

  it('requires a new deprecation to announce its removal at least 3 months ahead', async () => {
    const base = sdl({ fields: 'phone: String' });
    const early = await checkSchemaChange(base, sdl({ fields: `phone: String ${deprecated('2027-02-24')}` }), TODAY);
    expect(early.violations).toEqual([
      'DEPRECATION Office.phone: the reason must announce "Removal on YYYY-MM-DD" at least 3 months after 2026-11-25; got "Use `name`. Removal on 2027-02-24"',
    ]);
    const undated = await checkSchemaChange(base, sdl({ fields: 'phone: String @deprecated' }), TODAY);
    expect(undated.passed).toBe(false);
    const announced = await checkSchemaChange(base, sdl({ fields: `phone: String ${deprecated('2027-02-25')}` }), TODAY);
    expect(announced.passed).toBe(true);
    // Already announced in the base: no new notice is needed as the date comes closer.
    const kept = await checkSchemaChange(sdl({ fields: `phone: String ${deprecated('2026-12-01')}` }), sdl({ fields: `phone: String ${deprecated('2026-12-01')}` }), TODAY);
    expect(kept).toMatchObject({ passed: true, violations: [] });
  });
});

describe('removalDate', () => {
  it.each([
    ['Use `name`. Removal on 2027-03-01', '2027-03-01'],
    ['Removal on 2027-02-30', null],
    ['Removal on 2027-3-1', null],
    ['No longer supported', null],
    [null, null],
  ])('%j → %j', (reason, date) => {
    expect(removalDate(reason)).toBe(date);
  });
});

// Each case starts Node on the script, which builds the schema: seconds, not milliseconds.
describe('scripts/schema-breaking-check.ts', { timeout: 30_000 }, () => {
  const script = fileURLToPath(new URL('../scripts/schema-breaking-check.ts', import.meta.url));
  const committed = readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8');

  /** Runs the gate against a base commit, in a git repository of its own, whose contract is `baseSdl`. */
  function gateAgainst(baseSdl: string) {
    const repository = mkdtempSync(join(tmpdir(), 'schema-base-'));
    try {
      mkdirSync(join(repository, 'schema'));
      writeFileSync(join(repository, 'schema', 'schema.graphql'), baseSdl);
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repository, stdio: 'pipe' });
      git('init', '--quiet', '--initial-branch=base');
      git('add', 'schema/schema.graphql');
      git('commit', '--quiet', '-m', 'base contract');
      // GIT_DIR points the script's `git show` at that repository.
      const env = { ...process.env, SCHEMA_BASE_REF: 'base', GIT_DIR: join(repository, '.git') };
      return spawnSync(process.execPath, [script], { env, encoding: 'utf8' });
    } finally {
      rmSync(repository, { recursive: true, force: true });
    }
  }

  it('passes, saying so, when the base ref has no schema', () => {
    const run = spawnSync(process.execPath, [script], { env: { ...process.env, SCHEMA_BASE_REF: 'no-such-ref-for-this-test' }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('schema breaking-change check: no base schema at no-such-ref-for-this-test:schema/schema.graphql; passing.\n');
  });

  it('passes against a base holding the same contract', () => {
    const run = gateAgainst(committed);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^schema breaking-change check passed against base \(today \d{4}-\d{2}-\d{2}, Asia\/Tokyo\)\.\n$/);
  });

  it('fails, naming the field, against a base whose contract had a field the code no longer has', () => {
    const withExtraField = committed.replace('type Query {\n', 'type Query {\n  """Removed without notice."""\n  retiredField: String\n');
    expect(withExtraField).not.toBe(committed);
    const run = gateAgainst(withExtraField);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('retiredField');
    expect(run.stderr).toMatch(/schema breaking-change check failed against base/);
  });
});
