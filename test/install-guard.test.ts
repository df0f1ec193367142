import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm install` in a shell that has not run `. scripts/node24.sh`: the machine's own Node.js (20
// here and on CI), found on PATH as a person's shell would find it.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REQUIRED = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const MINIMUM = /^>=(\d+)\.(\d+)$/.exec(REQUIRED)!.slice(1).map(Number) as [number, number];

function olderNode(): { path: string; version: string } | null {
  const candidates = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const path of candidates) {
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = version.slice(1).split('.').map(Number);
    if (major < MINIMUM[0] || (major === MINIMUM[0] && minor < MINIMUM[1])) return { path, version };
  }
  return null;
}

const old = olderNode();

// Locally a machine with only a new Node.js skips; CI's machine has Node 20 and must run this.
describe.skipIf(old === null && !process.env.CI)(`npm install on a Node.js older than ${REQUIRED}`, () => {
  const project = mkdtempSync(join(tmpdir(), 'jpki-install-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('stops before installing anything, saying which Node.js it needs and which it found', () => {
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(ROOT, file), join(project, file));
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
      // The old node first, as in a shell without node24.sh; npm's cache kept out of the home folder.
      env: { ...process.env, PATH: [dirname(old!.path), '/usr/bin', '/bin'].join(delimiter), npm_config_cache: join(project, '.npm-cache') },
    });
    const output = `${npm.stdout}${npm.stderr}`;
    expect(npm.status, output).toBe(1);
    expect(existsSync(join(project, 'node_modules'))).toBe(false);
    // npm's one error block, not a warning per package or a compiler's stack.
    expect(output).not.toMatch(/npm warn|gyp|EBADENGINE Unsupported engine \{/);
    expect(output).toContain('npm error code EBADENGINE');
    expect(output).toContain(`npm error notsup Required: {"node":"${REQUIRED}"}`);
    expect(output).toContain(`"node":"${old!.version}"`);
    expect(output.trim().split('\n').length).toBeLessThanOrEqual(7);
  }, 150_000);
});
