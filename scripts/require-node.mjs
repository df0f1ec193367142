// `npm start`, `npm test` and `npm run lint` (its config imports layers.ts) run this first: on a
// Node.js older than package.json's `engines.node` the TypeScript sources fail with a stack about an
// unknown ".ts" extension, so say what to do instead.
// Plain JavaScript that any old Node.js can run (no newer syntax), one line, exit code 1.
import { readFileSync } from 'node:fs';

const engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
const wanted = /^>=\s*(\d+)(?:\.(\d+))?/.exec(engines);
if (!wanted) {
  console.error('scripts/require-node.mjs: package.json engines.node must read ">=MAJOR.MINOR"; got ' + JSON.stringify(engines));
  process.exit(1);
}
const minimum = [Number(wanted[1]), Number(wanted[2] || 0)];
const running = process.versions.node.split('.').map(Number);
const newEnough = running[0] > minimum[0] || (running[0] === minimum[0] && running[1] >= minimum[1]);
if (!newEnough) {
  console.error(
    'This needs Node.js ' + minimum.join('.') + ' or newer and this shell has v' + process.versions.node +
      ': run `. scripts/node24.sh` (once in each new shell), then the command again.',
  );
  process.exit(1);
}
