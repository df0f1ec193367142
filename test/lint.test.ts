import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { forbiddenTo, partOf, PARTS, withLayerTable, type Part } from '../layers.ts';

// Each rule of eslint.config.js, proven to fire: planted source text, linted as if it were a file
// of the part it breaks, must be reported by that rule, and the same import where the rule allows
// it must not. The layer rules are checked for every pair of parts layers.ts declares.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function reported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.map((message) => `${message.ruleId ?? 'parser'}: ${message.message}`);
}

const ruleIds = async (filePath: string, code: string) => (await reported(filePath, code)).map((message) => message.split(':')[0]);

/** Code files of the repository, as ESLint sees them (its ignored folders and dot-folders aside). */
function codeFiles(folder = ROOT): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name.startsWith('.') || ['node_modules', 'data', 'test-results', 'migrations'].includes(name)) return [];
    if (statSync(path).isDirectory()) return codeFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}
const CODE_FILES = codeFiles().sort();

/** A real module of a part (the rules resolve what they check), and a new file planted in it. */
const moduleOf = (part: Part) => CODE_FILES.find((file) => partOf(file) === part && !file.endsWith('.mjs'))!;
const plantedIn = (part: Part) => {
  const folder = part.paths.find((path) => !/[*?{]/.test(path) && !path.endsWith('.ts'));
  return folder ? `${folder}/planted.ts` : moduleOf(part);
};
const importOf = (from: string, to: string) => {
  const depth = from.split('/').length - 1;
  return `import * as planted from '${depth ? '../'.repeat(depth) : './'}${to}';\nexport { planted };\n`;
};
const restrictions = async (from: string, to: string) =>
  (await reported(from, importOf(from, to))).filter((message) => message.startsWith('import-x/no-restricted-paths'));

describe('layers.ts, the one declaration of the layers', () => {
  it('places every code file of the repository in a part', () => {
    expect(CODE_FILES.filter((file) => partOf(file) === undefined)).toEqual([]);
  });

  it('names only declared parts in what a part may import', () => {
    const names = PARTS.map((part) => part.name);
    for (const part of PARTS) {
      const named = 'anythingBut' in part.mayImport ? part.mayImport.anythingBut : part.mayImport;
      expect(named.filter((name) => !names.includes(name)), part.name).toEqual([]);
    }
  });

  it('is the layer table of docs/architecture.md', () => {
    const committed = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    expect(withLayerTable(committed), 'run `npm run docs:layers`').toBe(committed);
  });

  it('places src/db/cli.ts with the processes, the rest of src/db with storage', () => {
    expect([partOf('src/db/cli.ts')?.name, partOf('src/db/queries.ts')?.name, partOf('src/db/queries.test.ts')?.name]).toEqual(['processes', 'storage', 'tests']);
  });
});

describe('npm run lint', () => {
  it('passes a module that keeps to its layer', async () => {
    expect(await reported('src/graphql/planted.ts', "import { GraphQLError } from 'graphql';\nimport { ErrorCode } from './errors.ts';\n")).toEqual([]);
  });

  // The four imports planted by hand that `npm run lint` once let through.
  it.each([
    ['src/db/planted.ts', "import { schema } from '../graphql/schema/schema.ts';", /src\/db\/ \(storage\) may not import src\/graphql\/ \(API\)/],
    ['src/graphql/schema/planted.ts', "import { loadConfig } from '../../config.ts';", /src\/graphql\/ \(API\) may not import src\/config\.ts \(settings\)/],
    ['src/graphql/execution/planted.ts', "import { createApp } from '../../app.ts';", /src\/graphql\/ \(API\) may not import src\/app\.ts \(composition\)/],
    ['src/http/planted.ts', "import * as tables from '../../schema/tables.ts';", /src\/http\/ \(front\) may not import schema\/ \(tables\)/],
  ])('%s: %s fails', async (filePath, code, message) => {
    expect(await reported(filePath, `${code}\n`)).toEqual([expect.stringMatching(new RegExp(`^import-x/no-restricted-paths: .*${message.source}`))]);
  });

  describe.each(PARTS.map((part) => [part.name, part] as const))('%s', (_name, part) => {
    const forbidden = forbiddenTo(part);
    const allowed = PARTS.filter((other) => other !== part && !forbidden.includes(other));
    const file = plantedIn(part);

    if (forbidden.length) it(`may not import ${forbidden.map((other) => other.name).join(', ')}`, async () => {
      for (const other of forbidden) {
        expect(await restrictions(file, moduleOf(other)), `${file} → ${moduleOf(other)}`).toEqual([
          expect.stringContaining(`(${part.name}) may not import`),
        ]);
      }
    });

    if (allowed.length) it(`may import ${allowed.map((other) => other.name).join(', ')}`, async () => {
      for (const other of allowed) expect(await restrictions(file, moduleOf(other)), `${file} → ${moduleOf(other)}`).toEqual([]);
    });
  });

  describe('src/domain is pure', () => {
    it.each([
      ["import Database from 'better-sqlite3';", 'import-x/no-restricted-paths'],
      ["import { readFileSync } from 'node:fs';", 'import-x/no-nodejs-modules'],
    ])('%s → %s', async (code, rule) => {
      expect(await ruleIds('src/domain/planted.ts', `${code}\n`)).toEqual([rule]);
    });
  });

  describe('no devDependency in the service', () => {
    it.each(PARTS.filter((part) => part.service).map((part) => [part.name, plantedIn(part)]))('%s (%s) may not import fast-check', async (_name, file) => {
      expect(await ruleIds(file, "import fc from 'fast-check';\nexport { fc };\n")).toContain('import-x/no-extraneous-dependencies');
    });

    it.each(['src/graphql/planted.test.ts', 'test/planted.test.ts', 'scripts/planted.ts'])('but %s may', async (file) => {
      expect(await ruleIds(file, "import fc from 'fast-check';\nexport { fc };\n")).toEqual([]);
    });
  });

  describe('no import cycles', () => {
    // builder.ts is imported by schema.ts; builder.ts importing schema.ts back closes a cycle.
    const builder = 'src/graphql/schema/builder.ts';

    it('reports a runtime import that closes a cycle', async () => {
      expect(await ruleIds(builder, "import { schema } from './schema.ts';\nexport const planted = schema;\n")).toContain('import-x/no-cycle');
    });

    it('allows a type-only import, erased at run time', async () => {
      expect(await ruleIds(builder, "import type { schema } from './schema.ts';\nexport type Planted = typeof schema;\n")).not.toContain('import-x/no-cycle');
    });
  });

  it.each([
    ['a module importing itself', 'src/graphql/errors.ts', 'import-x/no-self-import', "import { ErrorCode } from './errors.ts';\nexport { ErrorCode };\n"],
    ['one module imported twice', 'src/graphql/planted.ts', 'import-x/no-duplicates', "import { ErrorCode } from './errors.ts';\nimport { REQUEST_REFUSED } from './errors.ts';\nexport { ErrorCode, REQUEST_REFUSED };\n"],
    ['an import after other code', 'src/graphql/planted.ts', 'import-x/first', "export const planted = 1;\nimport { ErrorCode } from './errors.ts';\nexport { ErrorCode };\n"],
    ['a package after a project module', 'src/graphql/planted.ts', 'import-x/order', "import { ErrorCode } from './errors.ts';\nimport { GraphQLError } from 'graphql';\nexport { ErrorCode, GraphQLError };\n"],
  ])('reports %s (%s) by %s', async (_what, file, rule, code) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });
});
