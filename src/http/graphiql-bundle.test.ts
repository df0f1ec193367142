import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLE_MODULE, bundleParts, loadBundle } from './graphiql-bundle.ts';

const PART_NAMES = ['js', 'css', 'favicon', 'editorWorkerService', 'jsonWorker', 'graphqlWorker'];
const LEVELS = { brotliQuality: 1, gzipLevel: 1 };

/** A file's bytes, as readFile gives them (a Buffer of its own memory, never shared). */
const fileOf = (text: string) => Buffer.from(text) as Buffer<ArrayBuffer>;

/** A module of the bundle's shape: one `export const` line per part, each literal as JSON writes it. */
function moduleSource(values: Record<string, string>): Buffer<ArrayBuffer> {
  return fileOf(Object.entries(values).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`).join('\n'));
}

const withEvery = (value: string) => Object.fromEntries(PART_NAMES.map((name) => [name, value]));

describe('bundleParts', () => {
  it('gives every part the UTF-8 bytes of the string its literal denotes, JSON.parse being the reference', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.tuple(text, text, text, text, text, text), async (values) => {
        const source = Object.fromEntries(PART_NAMES.map((name, index) => [name, values[index]!]));
        const parts = await bundleParts(moduleSource(source));
        for (const name of PART_NAMES) expect(parts[name as keyof typeof parts].equals(Buffer.from(JSON.parse(JSON.stringify(source[name])) as string))).toBe(true);
      }),
    );
  });

  it('decodes escapes written in the uppercase, surrogate pairs, and lone surrogates as Buffer.from writes them', async () => {
    const literal = String.raw`a\u00E9\uD83D\uDE00\uD800b\"\\\/\n\t\r\b\f`;
    const parts = await bundleParts(fileOf(PART_NAMES.map((name) => `export const ${name} = "${literal}";`).join('\n')));
    expect(parts.js.equals(Buffer.from('aé😀\uD800b"\\/\n\t\r\b\f'))).toBe(true);
  });

  it('decodes a literal longer than one turn\'s share whole, escapes at every position included', async () => {
    const long = 'x\n"é'.repeat(200_000);
    const parts = await bundleParts(moduleSource(withEvery(long)));
    expect(parts.css.equals(Buffer.from(long))).toBe(true);
  });

  it.each([
    ['an escape JSON has not', 'export const js = "\\x41";'],
    ['a \\u escape without four hex digits', 'export const js = "\\u00g1";'],
    ['a literal that does not end', 'export const js = "a\\";'],
    ['a line that declares no string', 'export const js = 1;'],
    ['a line that declares no string', 'export let js = "a";'],
  ])('refuses %s', async (reason, line) => {
    await expect(bundleParts(fileOf(line))).rejects.toThrow(reason);
  });

  it('refuses a module without every part, naming the missing ones', async () => {
    const { js: _js, favicon: _favicon, ...rest } = withEvery('a');
    await expect(bundleParts(moduleSource(rest))).rejects.toThrow('no js, favicon');
  });
});

describe('loadBundle', () => {
  it("makes files whose bytes are the installed module's strings, the fonts put back where the styles name them", async () => {
    const module = (await import(BUNDLE_MODULE)) as Record<string, string>;
    const bundle = await loadBundle(LEVELS);
    const bytes = (name: string) => bundle.files.get(name)!.body.identity;
    expect(bytes(bundle.js).equals(Buffer.from(module.js!))).toBe(true);
    expect(bytes(bundle.workers.editorWorkerService).equals(Buffer.from(module.editorWorkerService!))).toBe(true);
    expect(bytes(bundle.workers.json).equals(Buffer.from(module.jsonWorker!))).toBe(true);
    expect(bytes(bundle.workers.graphql).equals(Buffer.from(module.graphqlWorker!))).toBe(true);
    expect(`data:image/x-icon;base64,${bytes(bundle.favicon).toString('base64')}`).toBe(module.favicon);
    const styles = bytes(bundle.css).toString().replace(/url\((font\.[0-9a-f]{16}\.(ttf|woff2?))\)/g, (_match, name: string, type: string) => `url(data:font/${type};base64,${bytes(name).toString('base64')})`);
    expect(styles).toBe(module.css);
  });
});
