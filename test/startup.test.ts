import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { runServerToExit, startServer } from './support/server-process.ts';

describe('server start-up', () => {
  it('creates, migrates and seeds a missing database file, then answers', async () => {
    const databasePath = join(temporaryDatabasePath(), '..', 'nested', 'jpki.db');
    const server = await startServer({ DATABASE_PATH: databasePath });
    try {
      expect(existsSync(databasePath)).toBe(true);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ offices { totalCount } }' }),
      });
      expect(await response.json()).toEqual({ data: { offices: { totalCount: 11 } } });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  it('refuses a corrupt database file with one line naming it, and leaves it untouched', async () => {
    const databasePath = temporaryDatabasePath();
    const garbage = Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(8192)]);
    writeFileSync(databasePath, garbage);
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(databasePath);
    expect(readFileSync(databasePath).equals(garbage)).toBe(true);
    expect(existsSync(`${databasePath}-journal`) || existsSync(`${databasePath}-wal`)).toBe(false);
  }, 30_000);

  it('refuses a path it cannot open as a file with one line naming it', async () => {
    const databasePath = temporaryDatabasePath();
    mkdirSync(databasePath);
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(databasePath)]);
  }, 30_000);

  it('refuses an invalid setting with one line naming it', async () => {
    const { code, stderr } = await runServerToExit({ PORT: 'eighty', DATABASE_PATH: temporaryDatabasePath() });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('PORT must be an integer from 0 to 65535; got "eighty"');
  }, 30_000);
});

describe('the serving connection', () => {
  it('is read-only: a write through it fails', async () => {
    const { createTestApp } = await import('./support/app.ts');
    const app = createTestApp();
    const sqlite = app.database.sqlite!;
    expect(() => sqlite.prepare("UPDATE offices SET phone = '000-000-0000'").run()).toThrow(/readonly|read-only|query_only/i);
    expect(sqlite.readonly).toBe(true);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('still get a coded JSON answer: headers beyond the limit → 431, garbage → 400', async () => {
    const { connect } = await import('node:net');
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), MAX_BODY_BYTES: '1000' });
    const url = new URL(server.url);
    const send = (raw: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () => socket.end(raw));
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
      });
    try {
      const long = await send(`GET /graphql?query=${'x'.repeat(40_000)} HTTP/1.1\r\nhost: x\r\n\r\n`);
      expect(long).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4)).errors[0].extensions.code).toBe('REQUEST_HEADER_TOO_LARGE');
      const garbage = await send('NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(garbage).toContain('"code":"BAD_REQUEST"');
      const longButAllowed = await fetch(`${server.url}?query=${encodeURIComponent(`{ notices { key } } #${'x'.repeat(2_000)}`)}`, { headers: { 'x-graphql-csrf': '1' } });
      expect(longButAllowed.status).toBe(414);
      expect((await longButAllowed.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);
});
