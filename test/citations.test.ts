import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A clone of the repository alone must be enough to follow every citation in the code.
const FOLDERS = ['src', 'test', 'seed', 'schema', 'scripts', 'bench'];

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = FOLDERS.flatMap(files).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const THIS_FILE = join('test', 'citations.test.ts');

describe('citations in the code', () => {
  it('finds code to check', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it('cite no document outside the repository', () => {
    const outside = sources
      .filter(({ path }) => path !== THIS_FILE)
      .flatMap(({ path, text }) => [...text.matchAll(/\b(?:DOMAIN|API)\.md\b|\.\.\/shared\//g)].map((match) => `${path}: ${match[0]}`));
    expect(outside).toEqual([]);
  });

  it('each resolve to a document and a numbered section that exist', () => {
    const cited = sources.flatMap(({ path, text }) =>
      [...text.matchAll(/\b(docs\/[\w-]+\.md) §(\d+)/g)].map(([, doc, section]) => ({ path, doc: doc!, section: section! })),
    );
    expect(cited.length).toBeGreaterThan(5);
    for (const { path, doc, section } of cited) {
      const headings = readFileSync(doc, 'utf8').split('\n').filter((line) => line.startsWith('## '));
      expect(headings.some((heading) => heading.startsWith(`## ${section}. `)), `${path} cites ${doc} §${section}`).toBe(true);
    }
  });
});
