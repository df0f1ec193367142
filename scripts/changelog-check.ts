import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedCoordinates, checkChangelog, type SchemaStep } from './changelog-gate.ts';
import { TIME_ZONE, tokyoDay } from '../src/clock.ts';
import { calendarDateInTimeZone } from '../src/domain/calendar.ts';
import { readSchemaVersion } from '../src/schema-version.ts';

// Fails (exit 1) when a change of schema/schema.graphql, in the history of this branch or in the
// working tree, is not named in CHANGELOG.md (docs/schema-policy.md#the-changelog). Run from the
// repository's root (npm run changelog:check does), whose history and files it reads.
const ROOT = process.cwd();
const SCHEMA = 'schema/schema.graphql';
const changelogFile = join(ROOT, 'CHANGELOG.md');

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
const showOrNull = (revision: string): string | null => {
  try {
    return git('show', `${revision}:${SCHEMA}`);
  } catch {
    return null;
  }
};

/**
 * The schema's versions along the first parents (on main: one step per merge, as partners got
 * them), oldest first, then the working tree when it differs from HEAD. A commit whose parent has
 * no schema (the first one, or the edge of a shallow clone) starts the history.
 */
async function schemaSteps(): Promise<SchemaStep[]> {
  const steps: SchemaStep[] = [];
  const commits = git('log', '--first-parent', '--reverse', '--format=%H %cI', '--', SCHEMA).trim().split('\n').filter(Boolean);
  for (const line of commits) {
    const [commit = '', committed = ''] = line.split(' ');
    const before = showOrNull(`${commit}^1`);
    const after = showOrNull(commit);
    if (before === null || after === null) continue;
    steps.push({ label: `commit ${commit.slice(0, 10)}`, day: calendarDateInTimeZone(new Date(committed), TIME_ZONE), coordinates: await changedCoordinates(before, after) });
  }
  const head = showOrNull('HEAD');
  const workingTree = readFileSync(join(ROOT, SCHEMA), 'utf8');
  if (head !== null && head !== workingTree) {
    steps.push({ label: 'the working tree', day: tokyoDay().today(), coordinates: await changedCoordinates(head, workingTree) });
  }
  return steps;
}

const inGit = existsSync(join(ROOT, '.git'));
if (!inGit) console.log('changelog check: not a git checkout, so no schema history; checking the format only.');
const report = checkChangelog(readFileSync(changelogFile, 'utf8'), inGit ? await schemaSteps() : []);
for (const { step, section } of report.listed) console.log(`${step}: listed in ${section}`);
if (!report.passed) {
  for (const problem of report.problems) console.error(problem);
  console.error('changelog check failed: every schema change needs an entry in CHANGELOG.md (docs/schema-policy.md#the-changelog).');
  process.exit(1);
}
console.log(`changelog check passed: schema version ${readSchemaVersion(changelogFile)}.`);
