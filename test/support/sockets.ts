/** Exchanges with a real server at the level of sockets and processes, for the process tests. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';

/** What became of one request: its answer, or the error code of the connection (ECONNRESET, ECONNREFUSED …). */
export type Outcome = { status: number; text: string; connection: string | undefined } | { error: string };

export interface Exchange {
  /** Resolves once every byte of the request is handed to the kernel. */
  written: Promise<void>;
  outcome: Promise<Outcome>;
}

/** One request on a connection of its own (no agent, no retry). */
export function exchange(url: string, init: { method?: string; path?: string; body?: string; headers?: Record<string, string> } = {}): Exchange {
  const target = new URL(init.path ?? '', url);
  const headers: Record<string, string | number> = { ...init.headers };
  if (init.body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(init.body) });
  let onWritten: () => void = () => {};
  const written = new Promise<void>((resolve) => (onWritten = resolve));
  const outcome = new Promise<Outcome>((resolve) => {
    const req = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: init.method ?? 'GET', headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(init.body, onWritten);
  });
  return { written, outcome };
}

/** A connection with nothing sent on it yet, resolved once connected. */
export function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Writes each of `writes` on a fresh connection `after` ms from the start (0: at once), and resolves with everything the server sends until it closes. */
export async function exchangeOverTime(url: string, writes: { after: number; raw: string | Buffer }[]): Promise<string> {
  const socket = await openSocket(url);
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
    for (const { after, raw } of writes) {
      if (after === 0) socket.write(raw);
      else setTimeout(() => socket.write(raw), after);
    }
  });
}

/** One answer as read off the wire: its status line and status, its head lower-cased, its headers by lower-case name, its body's text. */
export function answerParts(raw: string): { statusLine: string; status: number; head: string; headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { statusLine, status: Number(statusLine.split(' ')[1]), head: head.toLowerCase(), headers, body: end === -1 ? '' : raw.slice(end + 4) };
}

/** Writes `raw` on a fresh connection and resolves with everything the server sends until it closes. */
export const rawExchange = (url: string, raw: string | Buffer): Promise<string> => exchangeOverTime(url, [{ after: 0, raw }]);

/** The processes whose parent is `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses; the fields after the last ')' are fixed.
      const [, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(parent) === pid) children.push(Number(entry));
    } catch {
      // The process ended while the directory was read.
    }
  }
  return children;
}

/** The TCP ports process `pid` listens on (its socket descriptors matched against /proc/net/tcp{,6}). */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // Closed while listed.
    }
  }
  const ports: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const row of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; field 9 is the inode.
      if (fields[3] === '0A' && inodes.has(fields[9]!)) ports.push(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports.sort((a, b) => a - b);
}

/** The inode of the server's side of the connection from `clientPort` (Linux /proc), or null when the kernel keeps none. */
function serverSideInode(serverPort: number, clientPort: number): string | null {
  for (const table of ['tcp', 'tcp6']) {
    for (const row of readFileSync(`/proc/net/${table}`, 'utf8').trim().split('\n').slice(1)) {
      // local_address and rem_address are ADDR:PORT in hex; field 9 is the inode.
      const fields = row.trim().split(/\s+/);
      const port = (address: string) => parseInt(address.split(':')[1]!, 16);
      if (port(fields[1]!) === serverPort && port(fields[2]!) === clientPort) return fields[9]!;
    }
  }
  return null;
}

/** Whether a process still holds the server's side of the connection from `clientPort`: a socket its process has closed, left to the kernel, has inode 0. */
export function serverHolds(serverPort: number, clientPort: number): boolean {
  const inode = serverSideInode(serverPort, clientPort);
  return inode !== null && inode !== '0';
}

/** Whether the kernel still keeps the server's side of the connection from `clientPort` at all, the process's or left to the kernel (closing, sending what was queued). */
export const kernelKeepsServerSide = (serverPort: number, clientPort: number): boolean => serverSideInode(serverPort, clientPort) !== null;

/** Polls until `probe` returns true; the deadline only bounds a broken run. */
export async function eventually(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The log line of each request id (an answer's `x-request-id`), once every one is written: the server writes its log once per turn. */
export async function requestLogLines(stdout: () => string, requestIds: readonly (string | null | undefined)[]): Promise<Record<string, unknown>[]> {
  const find = () => {
    const lines = logLines(stdout());
    return requestIds.map((id) => lines.find((line) => line.requestId === id));
  };
  await eventually(() => find().every((line) => line !== undefined), 'a log line for each request');
  return find() as Record<string, unknown>[];
}

/** The server's JSON log lines. */
export function logLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
