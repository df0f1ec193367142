// The shape issue 11 asks of src/: small files, and no module that nothing runs. A module is
// reached when a chain of static imports (or `await import('…')` of a string literal) leads to it
// from src/server.ts or from a file a package.json script runs with `node <file>`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const MAX_LINES = 250;

const IMPORT_FROM = /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(directory, name))
    .sort();
}

function lineCount(file: string): number {
  const text = readFileSync(file, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The files a `node <file>` script runs; scripts that run a tool (vitest, tsc, eslint …) name no repo file. */
function scriptEntryPoints(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return Object.values(scripts)
    .map((command) => /^node\s+(?:--\S+\s+)*(\S+)/.exec(command)?.[1])
    .filter((file): file is string => file !== undefined)
    .map((file) => resolve(ROOT, file))
    .filter((file) => existsSync(file));
}

/** A relative specifier as the file it names; package specifiers are none of ours. */
function resolveSpecifier(importer: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = resolve(dirname(importer), specifier);
  const candidates = [base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

function importedFiles(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(IMPORT_FROM), ...text.matchAll(DYNAMIC_IMPORT)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => resolveSpecifier(file, specifier)).filter((target): target is string => target !== null);
}

function reachableFrom(entryPoints: string[]): Set<string> {
  const reached = new Set<string>();
  const pending = [...entryPoints];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    pending.push(...importedFiles(file));
  }
  return reached;
}

describe('the shape of src/', () => {
  it(`has no .ts file over ${MAX_LINES} lines`, () => {
    const tooLong = sourceFiles(SRC)
      .map((file) => ({ file: relative(ROOT, file), lines: lineCount(file) }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(tooLong).toEqual([]);
  });

  it('reaches every non-test module from src/server.ts or a package.json script', () => {
    const reached = reachableFrom([join(SRC, 'server.ts'), ...scriptEntryPoints()]);
    const unreached = sourceFiles(SRC)
      .filter((file) => !file.endsWith('.test.ts') && !reached.has(file))
      .map((file) => relative(ROOT, file));
    expect(unreached).toEqual([]);
  });
});
