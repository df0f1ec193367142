import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Each layer rule of docs/architecture.md, proven to fire: planted source text, linted as if it
// were a file in the folder the rule guards, must be reported by that rule, and the same import
// where the rule allows it must not.
const eslint = new ESLint({ cwd: process.cwd() });

async function reported(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => `${message.ruleId ?? 'parser'}: ${message.message}`);
}

/** Some module of a folder, whichever exists: the rule is about the folder, not one file. */
const moduleIn = (folder: string) => readdirSync(folder).find((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))!;

const ruleIds = async (filePath: string, code: string) => (await reported(filePath, code)).map((message) => message.split(':')[0]);

describe('npm run lint', () => {
  it('passes a module that keeps to its layer', async () => {
    expect(await reported('src/graphql/planted.ts', "import { GraphQLError } from 'graphql';\nimport { ErrorCode } from './errors.ts';\n")).toEqual([]);
  });

  describe('src/domain imports nothing outside src/domain', () => {
    it.each([
      ["import { schema } from '../graphql/schema/schema.ts';", 'import-x/no-restricted-paths'],
      ["import Database from 'better-sqlite3';", 'import-x/no-restricted-paths'],
      ["import { readFileSync } from 'node:fs';", 'import-x/no-nodejs-modules'],
    ])('%s → %s', async (code, rule) => {
      expect(await ruleIds('src/domain/planted.ts', code)).toContain(rule);
    });

    it('but may import the domain', async () => {
      expect(await reported('src/domain/planted.ts', "import { addDays } from './calendar.ts';\n")).toEqual([]);
    });
  });

  it('src/graphql imports nothing from src/http', async () => {
    expect(await reported('src/graphql/planted.ts', `import * as http from '../http/${moduleIn('src/http')}';\n`)).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/graphql may not import src\/http/),
    ]);
  });

  it('src/http imports nothing from src/db', async () => {
    expect(await reported('src/http/planted.ts', `import * as db from '../db/${moduleIn('src/db')}';\n`)).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/http may not import src\/db/),
    ]);
  });

  describe('only src/db reads seed/', () => {
    it.each(['src/graphql/planted.ts', 'src/opendata/planted.ts', 'src/planted.ts', 'bench/planted.ts', 'schema/planted.ts'])('%s may not', async (filePath) => {
      const depth = filePath.split('/').length - 1;
      const code = `import { dataset } from '${'../'.repeat(depth)}seed/dataset.ts';\n`;
      expect(await reported(filePath, code)).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*Only src\/db reads seed\//)]);
    });

    it.each(['src/db/planted.ts', 'test/planted.test.ts', 'seed/planted.ts'])('%s may', async (filePath) => {
      const depth = filePath.split('/').length - 1;
      expect(await reported(filePath, `import { dataset } from '${'../'.repeat(depth)}seed/dataset.ts';\n`)).toEqual([]);
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

  describe('no test-only module under src/', () => {
    it('a service module may not import test code', async () => {
      expect(await reported('src/graphql/planted.ts', "import { withRows } from '../../test/support/seed.ts';\n")).toEqual([
        expect.stringMatching(/^import-x\/no-restricted-paths: .*The service never imports test code/),
      ]);
    });

    it('a service module may not import a test library (a devDependency)', async () => {
      expect(await ruleIds('src/graphql/planted.ts', "import fc from 'fast-check';\n")).toEqual(['import-x/no-extraneous-dependencies']);
    });

    it('but a test beside the code may', async () => {
      expect(await reported('src/graphql/planted.test.ts', "import fc from 'fast-check';\nimport { withRows } from '../../test/support/seed.ts';\n")).toEqual([]);
    });
  });

  it('keeps one import order: packages first, then the project\'s modules', async () => {
    expect(await ruleIds('src/graphql/planted.ts', "import { ErrorCode } from './errors.ts';\nimport { GraphQLError } from 'graphql';\n")).toEqual(['import-x/order']);
  });
});
