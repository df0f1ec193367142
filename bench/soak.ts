/**
 * `npm run soak`: the real server, in its production configuration, under 50 connections of the
 * operation mix for SOAK_DURATION seconds (default 60). Fails on any error or when peak resident
 * memory passes the budget.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  durationFromEnv,
  megabytes,
  MIX_OPERATION,
  peakMemory,
  prepareDatabase,
  residentMemory,
  runLoad,
  runMain,
  startProjectServer,
} from './support.ts';

const CONNECTIONS = 50;
const REPORT = fileURLToPath(new URL('../docs/soak.md', import.meta.url));
const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

async function main(): Promise<number> {
  const seconds = durationFromEnv('SOAK_DURATION', 60);
  const database = await prepareDatabase();
  const server = await startProjectServer(database.path);
  try {
    const rssBefore = residentMemory(server.pid);
    console.error(`server up in ${Math.round(server.startupMs)} ms; ${CONNECTIONS} connections of ${MIX_OPERATION.label} for ${seconds} s`);
    const result = await runLoad(server.graphqlUrl, MIX_OPERATION, CONNECTIONS, seconds);
    const rssAfter = residentMemory(server.pid);
    const peak = peakMemory(server.pid);
    // Each process has the budget: workers share no heap.
    const memoryOk = peak === null || peak.maxBytes <= MEMORY_BUDGET_BYTES;
    const errorsOk = result.errors + result.non2xx + result.graphqlErrors === 0;
    const report = [
        `requests:        ${result.requests} in ${result.seconds} s (${Math.round(result.requestsPerSecond)} req/s)`,
        `errors:          ${result.errors} (connection errors and timeouts)`,
        `non-2xx:         ${result.non2xx}`,
        `GraphQL errors:  ${result.graphqlErrors}`,
        `latency:         p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, max ${result.max.toFixed(2)} ms`,
        `resident memory: ${rssBefore === null ? 'n/a' : megabytes(rssBefore)} before, ${rssAfter === null ? 'n/a' : megabytes(rssAfter)} after`,
        `peak (VmHWM):    ${peak === null ? 'n/a (no /proc)' : peak.processes.map((p) => `${p.pid}: ${megabytes(p.bytes)}`).join(', ')} — budget ${megabytes(MEMORY_BUDGET_BYTES)} per process`,
        `${errorsOk ? 'PASS' : 'FAIL'} no errors, no non-2xx, no GraphQL errors`,
        `${memoryOk ? 'PASS' : 'FAIL'} peak resident memory ≤ ${megabytes(MEMORY_BUDGET_BYTES)}`,
    ].join('\n');
    console.log(report);
    writeFileSync(
      REPORT,
      `# Soak\n\nWritten by \`npm run soak\` (\`bench/soak.ts\`) on ${new Date().toISOString()}: the server in its production\nconfiguration (as in [benchmarks.md](benchmarks.md)), ${CONNECTIONS} connections of ${MIX_OPERATION.label} for ${seconds} s, Node ${process.version}.\n\n\`\`\`text\n${report}\n\`\`\`\n`,
    );
    return errorsOk && memoryOk ? 0 : 1;
  } finally {
    await server.stop();
    database.remove();
  }
}

runMain(main);
