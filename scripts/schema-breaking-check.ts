import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkSchemaChange } from './schema-gate.ts';
import { printContract } from '../src/graphql/schema/schema.ts';
import { tokyoDay } from '../src/clock.ts';

// Fails (exit 1) when the schema the code prints breaks the contract committed on SCHEMA_BASE_REF
// (default `main`) beyond what docs/schema-policy.md allows.
const ref = process.env.SCHEMA_BASE_REF || 'main';
const root = fileURLToPath(new URL('..', import.meta.url));

let baseSdl: string;
try {
  baseSdl = execFileSync('git', ['show', `${ref}:schema/schema.graphql`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch {
  // A first contract, or a checkout without that ref, has nothing to break.
  console.log(`schema breaking-change check: no base schema at ${ref}:schema/schema.graphql; passing.`);
  process.exit(0);
}

const today = tokyoDay().today();
const report = await checkSchemaChange(baseSdl, printContract(), today);
for (const line of report.allowedRemovals) console.log(`allowed removal: ${line}`);
for (const line of report.otherChanges) console.log(`change: ${line}`);
if (!report.passed) {
  for (const line of report.violations) console.error(line);
  console.error(`schema breaking-change check failed against ${ref} (today ${today}, Asia/Tokyo): see docs/schema-policy.md.`);
  process.exit(1);
}
console.log(`schema breaking-change check passed against ${ref} (today ${today}, Asia/Tokyo).`);
