import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/db/database.ts';

describe('committed migrations', () => {
  const copy = mkdtempSync(join(tmpdir(), 'jpki-migrations-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('match the tables: generating again yields nothing new', () => {
    cpSync(MIGRATIONS_FOLDER, copy, { recursive: true });
    const before = readdirSync(copy).sort();
    const output = execFileSync(
      process.execPath,
      ['node_modules/drizzle-kit/bin.cjs', 'generate', '--dialect', 'sqlite', '--schema', './schema/tables.ts', '--out', relative(process.cwd(), copy)],
      { encoding: 'utf8' },
    );
    expect(output).toContain('No schema changes');
    expect(readdirSync(copy).sort()).toEqual(before);
  }, 60_000);
});
