import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from '@babel/core';
import { describe, expect, it } from 'vitest';

// A clone of the repository alone must be enough to follow every citation in the code: each
// document, path, link and numbered section it points to is one the clone holds (public
// standards and web pages, cited by RFC number or full URL, are anyone's to follow).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['src', 'test', 'seed', 'schema', 'scripts', 'bench'];
const TOP_LEVEL = readdirSync(ROOT).filter((name) => !name.startsWith('.') && name !== 'node_modules');
const THIS_FILE = 'test/citations.test.ts';

function files(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : /\.(ts|js|mjs)$/.test(path) ? [path] : [];
  });
}

interface Source {
  path: string;
  /** The text of every comment. */
  comments: string[];
  /** The text of every string and template literal. */
  literals: string[];
}

/** Comments and literals as the parser sees them, so a `//` inside a string is no comment. */
function read(path: string): Source {
  const ast = parseSync(readFileSync(join(ROOT, path), 'utf8'), {
    filename: path,
    babelrc: false,
    configFile: false,
    parserOpts: { plugins: ['typescript'], tokens: true },
  }) as unknown as { comments: { value: string }[]; tokens: { type: { label?: string } | string; value?: unknown }[] };
  const literals = ast.tokens
    .filter((token) => typeof token.type === 'object' && (token.type.label === 'string' || token.type.label?.startsWith('...')))
    .map((token) => String(token.value));
  return { path, comments: ast.comments.map((comment) => comment.value), literals };
}

const sources = [...FOLDERS.flatMap(files), ...TOP_LEVEL.filter((name) => /\.(ts|js)$/.test(name))].filter((path) => path !== THIS_FILE).map(read);

/** The text without web addresses (anyone can follow them); `file:` URLs stay, to be refused. */
const withoutUrls = (text: string) => text.replace(/\b(?!file:)[a-z][a-z0-9+.-]*:\/\/[^\s'"`)<>]*/gi, ' ');

/** Whether a cited path exists: beside the citing file, from the root, or (a bare document name) in docs/. */
function exists(citing: string, cited: string): boolean {
  const path = cited.replace(/[#?].*$/, '');
  return [resolve(ROOT, dirname(citing), path), resolve(ROOT, path), resolve(ROOT, 'docs', path)].some(
    (candidate) => !relative(ROOT, candidate).startsWith('..') && existsSync(candidate),
  );
}

/** Whether a path the working tree no longer holds is in the repository's history (bench/library-costs.ts reads old files from git). */
const inHistory = (cited: string) => execFileSync('git', ['log', '-1', '--format=%H', '--', cited], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';

/** Every match of `pattern` in the given texts of every source, as `file: match` where `keep` says so. */
function found(texts: (source: Source) => string[], pattern: RegExp, keep: (path: string, match: string) => boolean): string[] {
  return sources.flatMap((source) =>
    texts(source).flatMap((text) => [...withoutUrls(text).matchAll(pattern)].map((match) => match[1] ?? match[0]).filter((match) => keep(source.path, match)).map((match) => `${source.path}: ${match}`)),
  );
}
const everywhere = (source: Source) => [...source.comments, ...source.literals];
const comments = (source: Source) => source.comments;

describe('citations in the code', () => {
  it('finds code, comments and literals to check', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.flatMap(comments).length).toBeGreaterThan(500);
  });

  describe('cite no document outside the repository', () => {
    it('name only documents the repository holds (a .md, .pdf, .html or .txt, by path or by bare name)', () => {
      const documents = found(everywhere, /(?<![\w/.-])((?:\.{0,2}\/)?(?:[\w.-]+\/)*[\w-]+\.(?:md|pdf|html?|txt))\b/g, (path, cited) => !exists(path, cited));
      expect(documents).toEqual([]);
    });

    it('point to no folder beside or above it: no home or work folder, no file: URL, no ../ out of the root', () => {
      const absolute = found(everywhere, /(?<![\w.])(\/(?:work|home|root|Users|mnt)\/\S*|~\/\S*|file:\/\S*)/g, () => true);
      const escaping = found(comments, /(?<![\w.])((?:\.\.\/)+[\w.-]*)/g, (path, cited) => relative(ROOT, resolve(ROOT, dirname(path), cited)).startsWith('..'));
      expect([...absolute, ...escaping]).toEqual([]);
    });

    it('name in comments only paths that exist (or existed, in the history), from the root or beside the file', () => {
      const top = TOP_LEVEL.filter((name) => statSync(join(ROOT, name)).isDirectory()).join('|');
      const rooted = found(comments, new RegExp(`(?<![\\w./-])((?:${top})\\/[\\w./-]*[\\w-])`, 'g'), (path, cited) => !exists(path, cited) && !inHistory(cited));
      const relativePaths = found(comments, /(?<![\w.])(\.\.?\/[\w./-]*[\w-])/g, (path, cited) => !exists(path, cited));
      const links = found(comments, /\]\(([^)\s]+)\)/g, (path, cited) => !exists(path, cited));
      expect([...rooted, ...relativePaths, ...links]).toEqual([]);
    });

    it('give every § a document: a docs/*.md, or an RFC by number', () => {
      // A document, then one or more sections: `docs/domain-rules.md §2–3, §9`, `RFC 9110 §12.5.3`.
      const cited = /(?:docs\/[\w-]+\.md|RFC \d+)[\s*]*§[\d.]+(?:[\s*,–-]+(?:and\s+)?§?[\d.]+)*/g;
      const orphans = sources.flatMap(({ path, comments: texts, literals }) =>
        [...texts, ...literals].flatMap((text) => [...text.replace(cited, '').matchAll(/.{0,30}§.{0,10}/gs)].map(([context]) => `${path}: ${context}`)),
      );
      expect(orphans).toEqual([]);
    });
  });

  it('each resolve to a document and a numbered section that exist', () => {
    const cited = sources.flatMap(({ path, comments: texts, literals }) =>
      [...texts, ...literals].flatMap((text) => [...text.matchAll(/\b(docs\/[\w-]+\.md)\s+§(\d+)/g)].map(([, doc, section]) => ({ path, doc: doc!, section: section! }))),
    );
    expect(cited.length).toBeGreaterThan(5);
    for (const { path, doc, section } of cited) {
      const headings = readFileSync(join(ROOT, doc), 'utf8').split('\n').filter((line) => line.startsWith('## '));
      expect(headings.some((heading) => heading.startsWith(`## ${section}. `)), `${path} cites ${doc} §${section}`).toBe(true);
    }
  });
});
