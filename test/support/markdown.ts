/** Fenced code blocks of a Markdown file, and the examples among them that test/docs.test.ts runs. */

export interface FencedBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** First word of the info string, e.g. `sh`. */
  lang: string;
  code: string;
  /** The Markdown between the previous block (or the file's start) and this one. */
  before: string;
}

export interface Example {
  block: FencedBlock;
  kind: 'sh' | 'js';
  /**
   * The settings of the server the example calls: those of the start command shown in its section
   * (see `startCommand`), else none (the README's `npm start`).
   */
  settings: Record<string, string>;
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
    const [lang = ''] = info.trim().split(/\s+/);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim().startsWith(fence) && line.trim().replaceAll(fence[0]!, '') === '') break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    if (j === lines.length) throw new Error(`${file}:${i + 1}: unclosed code fence`);
    blocks.push({ file, line: i + 1, lang, code: body.join('\n'), before: prose.join('\n') });
    prose = [];
    i = j;
  }
  return blocks;
}

const SHELL = ['sh', 'bash', 'shell'];
const HEADING = /^(#{1,6})\s/;
/** `[. scripts/node24.sh && …] [NAME=value …] npm start` or `… node src/server.ts`, as a reader types it. */
const START = /(?:^|&& )((?:[A-Z][A-Z0-9_]*=\S+ )*)(npm start|node src\/server\.ts)\s*(?:#.*)?$/m;

export interface StartCommand {
  /** The whole line, as a reader would type it. */
  line: string;
  settings: Record<string, string>;
}

/** The server start command a shell block shows, if it shows one. */
export function startCommand(block: FencedBlock): StartCommand | null {
  if (!SHELL.includes(block.lang)) return null;
  const match = START.exec(block.code);
  if (!match) return null;
  const settings = Object.fromEntries(
    (match[1] ?? '').trim().split(/\s+/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  const line = block.code.split('\n').find((candidate) => candidate.includes(match[0].trim()))!;
  return { line, settings };
}

/**
 * Shell blocks that call the server (curl) or compute ids (sha256sum); JS blocks that call fetch.
 * A start command shown in a section holds for the rest of that section, subsections included.
 */
export function examples(blocks: readonly FencedBlock[]): Example[] {
  const found: Example[] = [];
  let headingLevel = 0;
  let started: { level: number; settings: Record<string, string> }[] = [];
  blocks.forEach((block, index) => {
    for (const line of block.before.split('\n')) {
      const heading = HEADING.exec(line);
      if (!heading) continue;
      headingLevel = heading[1]!.length;
      started = started.filter((start) => start.level < headingLevel);
    }
    const start = startCommand(block);
    if (start) started.push({ level: headingLevel, settings: start.settings });
    const kind = SHELL.includes(block.lang) && /\b(curl|sha256sum)\b/.test(block.code)
      ? 'sh'
      : ['js', 'javascript', 'mjs'].includes(block.lang) && block.code.includes('fetch(')
        ? 'js'
        : null;
    if (kind === null) return;
    const next = blocks[index + 1];
    const expected = next && ['json', 'text'].includes(next.lang) && next.before.trim() === '' ? next : null;
    found.push({ block, kind, settings: started.at(-1)?.settings ?? {}, expected });
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
