import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// CI's closing step (scripts/test-report.ts) on real vitest JSON reports of planted test files.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(ROOT, 'node_modules/.bin/vitest');
// Inside the repository (test-results/ is ignored by git) so that the planted files resolve vitest.
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const folder = mkdtempSync(join(ROOT, 'test-results/planted-'));

function reportOf(name: string, source: string): string {
  const root = join(folder, name);
  mkdirSync(root);
  writeFileSync(join(root, 'planted.test.ts'), `import { describe, it, expect } from 'vitest';\n${source}`);
  writeFileSync(join(root, 'vitest.config.ts'), 'export default {};\n');
  const report = join(root, 'vitest.json');
  spawnSync(VITEST, ['run', '--root', root, '--reporter=json', `--outputFile.json=${report}`], { encoding: 'utf8' });
  return report;
}

const closing = (report: string) => spawnSync(process.execPath, [join(ROOT, 'scripts/test-report.ts'), report], { encoding: 'utf8' });

describe('scripts/test-report.ts', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints the closing line and passes when every test ran', () => {
    const run = closing(reportOf('all-run', "it('one', () => expect(1).toBe(1));\nit('two', () => expect(2).toBe(2));"));
    expect(run.stdout).toBe('2 passed, 0 failed, 0 skipped\n');
    expect(run.status).toBe(0);
  }, 60_000);

  it('fails naming each test skipped, whether by skip, skipIf or todo', () => {
    const run = closing(
      reportOf('some-skipped', "it('ran', () => expect(1).toBe(1));\nit.skip('needs redis', () => {});\ndescribe.skipIf(true)('browser', () => { it('opens', () => {}); });\nit.todo('later');"),
    );
    expect(run.stdout).toBe('1 passed, 0 failed, 3 skipped\n');
    expect(run.stderr).toMatch(/^CI: 3 test\(s\) skipped; every test must run here/);
    expect(run.stderr).toContain('planted.test.ts: needs redis');
    expect(run.stderr).toContain('planted.test.ts: browser opens');
    expect(run.stderr).toContain('planted.test.ts: later');
    expect(run.status).toBe(1);
  }, 60_000);
});
