import { closeSync, openSync, writeSync } from 'node:fs';

/** Writes `bytes` over a file at `offset`, in place (the file keeps its inode), as a fault would. */
export function overwrite(path: string, bytes: Buffer, offset = 0): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}
