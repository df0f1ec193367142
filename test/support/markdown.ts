/** Fenced code blocks of a Markdown file, and the examples among them that test/docs.test.ts runs. */

export interface FencedBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** First word of the info string, e.g. `sh`. */
  lang: string;
  /** Further words of the info string, e.g. `kiosk-mode` in ```` ```sh kiosk-mode ````. */
  tags: string[];
  code: string;
  /** The Markdown between the previous block (or the file's start) and this one. */
  before: string;
}

export interface Example {
  block: FencedBlock;
  kind: 'sh' | 'js';
  /** The server settings the example is written for: the first tag, else `default`. */
  profile: string;
  /** A ```json or ```text block right after the example (only blank lines between): its output. */
  expected: FencedBlock | null;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*(.*)$/;

export function fencedBlocks(file: string, markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  let prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      prose.push(lines[i]!);
      continue;
    }
    const [, indent = '', fence = '', info = ''] = open;
    const [lang = '', ...tags] = info.trim().split(/\s+/);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim().startsWith(fence) && line.trim().replaceAll(fence[0]!, '') === '') break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    if (j === lines.length) throw new Error(`${file}:${i + 1}: unclosed code fence`);
    blocks.push({ file, line: i + 1, lang, tags, code: body.join('\n'), before: prose.join('\n') });
    prose = [];
    i = j;
  }
  return blocks;
}

/** Shell blocks that call the server (curl) or compute ids (sha256sum); JS blocks that call fetch. */
export function examples(blocks: readonly FencedBlock[]): Example[] {
  const found: Example[] = [];
  blocks.forEach((block, index) => {
    const kind = ['sh', 'bash', 'shell'].includes(block.lang) && /\b(curl|sha256sum)\b/.test(block.code)
      ? 'sh'
      : ['js', 'javascript', 'mjs'].includes(block.lang) && block.code.includes('fetch(')
        ? 'js'
        : null;
    if (kind === null) return;
    const next = blocks[index + 1];
    const expected = next && ['json', 'text'].includes(next.lang) && next.before.trim() === '' ? next : null;
    found.push({ block, kind, profile: block.tags[0] ?? 'default', expected });
  });
  return found;
}

/**
 * The expected lines that the output lacks: each non-blank expected line must equal an output
 * line, in order, where `...` stands for any text. Carriage returns and trailing spaces are ignored.
 */
export function missingLines(output: string, expected: string): string[] {
  const outputLines = output.replaceAll('\r', '').split('\n').map((line) => line.trimEnd());
  const missing: string[] = [];
  let from = 0;
  for (const line of expected.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '')) {
    const pattern = new RegExp(`^${line.split('...').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const at = outputLines.findIndex((candidate, index) => index >= from && pattern.test(candidate));
    if (at === -1) missing.push(line);
    else from = at + 1;
  }
  return missing;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      anchors.add(
        heading[1]!
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s_-]/gu, '')
          .replace(/\s/g, '-'),
      );
    }
  }
  return anchors;
}
