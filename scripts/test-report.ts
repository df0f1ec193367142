import { readFileSync } from 'node:fs';

// CI's last step (.ci/run): prints the closing line from vitest's JSON report, then fails (exit 1)
// when any test was skipped: a prerequisite missing on the machine (chromium, redis-server,
// python3) must not pass as green. Usage: node scripts/test-report.ts <vitest JSON report> (what .ci/run writes).

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

const NOT_RUN = new Set(['pending', 'skipped', 'todo', 'disabled']);
const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/vitest.json', 'utf8')) as VitestReport;
const notRun = report.testResults.flatMap((file) =>
  file.assertionResults.filter((test) => NOT_RUN.has(test.status)).map((test) => `${file.name}: ${test.fullName}`),
);
const skipped = Math.max(report.numPendingTests + report.numTodoTests, notRun.length);
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (skipped > 0) {
  console.error(`CI: ${skipped} test(s) skipped; every test must run here (is a prerequisite missing?):`);
  for (const test of notRun) console.error(`  ${test}`);
  process.exit(1);
}
