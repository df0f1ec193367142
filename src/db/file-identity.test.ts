import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from '../../test/support/app.ts';
import { overwrite } from '../../test/support/files.ts';
import { NotARegularFile, readFileIdentity, sameFileIdentity } from './file-identity.ts';
import { prepareDatabaseFile } from './prepare-file.ts';

function seededFile(): string {
  const path = temporaryDatabasePath();
  prepareDatabaseFile(path);
  return path;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64url');

describe('file identity', () => {
  it('is null for a missing file, and holds the size and the SHA-256 of the whole file', () => {
    const path = seededFile();
    expect(readFileIdentity(`${path}.absent`)).toBeNull();
    const identity = readFileIdentity(path)!;
    expect(identity.size).toBe(readFileSync(path).length);
    expect(identity.digest).toBe(sha256(readFileSync(path)));
  });

  it('changes when bytes are rewritten in place, and when another file is renamed over it', () => {
    const path = seededFile();
    const before = readFileIdentity(path)!;
    expect(sameFileIdentity(before, readFileIdentity(path)!)).toBe(true);
    overwrite(path, Buffer.from('garbage'));
    const rewritten = readFileIdentity(path)!;
    expect(rewritten.inode).toBe(before.inode);
    expect(sameFileIdentity(before, rewritten)).toBe(false);
    copyFileSync(path, `${path}.copy`);
    renameSync(`${path}.copy`, path);
    const renamed = readFileIdentity(path)!;
    expect(renamed.inode).not.toBe(before.inode);
    expect(sameFileIdentity(rewritten, renamed)).toBe(false);
  });
});

describe('what is not a database file', () => {
  it('refuses a FIFO without waiting for a writer, and a device', () => {
    const fifo = temporaryDatabasePath();
    execFileSync('mkfifo', [fifo]);
    expect(() => readFileIdentity(fifo)).toThrow(NotARegularFile);
    expect(() => readFileIdentity('/dev/zero')).toThrow(NotARegularFile);
  });

  it('digests a file that is not SQLite by its first 64 KB alone', () => {
    const path = temporaryDatabasePath();
    const bytes = Buffer.alloc(200 * 1024, 0x41);
    writeFileSync(path, bytes);
    const identity = readFileIdentity(path)!;
    expect([identity.size, identity.digest]).toEqual([bytes.length, sha256(bytes.subarray(0, 64 * 1024))]);
  });
});
