import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withLayerTable } from '../layers.ts';

// Renders layers.ts as the layer table of docs/architecture.md, between its markers.
const target = fileURLToPath(new URL('../docs/architecture.md', import.meta.url));
writeFileSync(target, withLayerTable(readFileSync(target, 'utf8')));
console.log(`wrote the layer table of ${target}`);
