/**
 * A fault for process tests, loaded into the server with `--import`: SIGUSR2 takes every free
 * descriptor (opening /dev/null until EMFILE), as a leak or a flood elsewhere would; the next
 * SIGUSR2 gives them back. Each step prints one JSON line, as the server's log does.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const held: number[] = [];

process.on('SIGUSR2', () => {
  if (held.length > 0) {
    for (const fd of held.splice(0)) closeSync(fd);
    writeSync(1, `${JSON.stringify({ level: 'info', msg: 'test fault: descriptors released' })}\n`);
    return;
  }
  for (;;) {
    try {
      held.push(openSync('/dev/null', 'r'));
    } catch {
      break;
    }
  }
  writeSync(1, `${JSON.stringify({ level: 'info', msg: 'test fault: descriptors held', count: held.length })}\n`);
});
