import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * What tells one state of the file from another. SQLite's 100-byte header holds a change counter
 * every write transaction bumps, but two files made from one by one write each have the same size
 * and header, and copied in place with the same modification time only their contents differ (a
 * race probe): a check reads the file (the seed's data, about 300 KB) and keeps its digest, which
 * covers the header too.
 */
export interface FileIdentity {
  inode: number;
  size: number;
  mtimeMs: number;
  digest: string;
}

const READ_CHUNK_BYTES = 64 * 1024;

/** The first 16 bytes of every SQLite database file (the file format's header string). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** The path names something other than a file: a FIFO, a device, a directory. */
export class NotARegularFile extends Error {
  override readonly name = 'NotARegularFile';
}

/**
 * The file's identity, or null when there is no file at the path. Throws NotARegularFile for
 * anything else at the path. Opened without blocking, so a FIFO does not hold the process until
 * some writer opens it (open(2) O_NONBLOCK), and refused before a byte is read from it or from a
 * device (a link to /dev/zero never ends). A file that is not SQLite is read no further than its
 * first piece, enough to tell it changed: it is never served, and a check must not spend seconds
 * on gigabytes of it.
 */
export function readFileIdentity(path: string): FileIdentity | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    // fstat on the descriptor, so the contents and the metadata come from the same file.
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotARegularFile('the database path names no regular file');
    // Read in chunks, so a check holds one chunk however large the file.
    const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    const hash = createHash('sha256');
    let got = readSync(fd, chunk, 0, chunk.length, 0);
    const sqlite = got >= SQLITE_MAGIC.length && chunk.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
    for (let position = 0; got > 0; position += got, got = sqlite ? readSync(fd, chunk, 0, chunk.length, position) : 0) {
      hash.update(chunk.subarray(0, got));
    }
    return { inode: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, digest: hash.digest('base64url') };
  } finally {
    closeSync(fd);
  }
}

export function sameFileIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.inode === b.inode && a.size === b.size && a.mtimeMs === b.mtimeMs && a.digest === b.digest;
}
