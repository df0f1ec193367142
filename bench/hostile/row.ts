/** A row of docs/hostile-load.md: one attack, what was sent, its budget, what was measured, PASS/FAIL. */
import { progress, verdict } from '../report.ts';

export interface Row {
  attack: string;
  sent: string;
  budget: string;
  measured: string;
  pass: boolean;
}

/** More than one table row: a section of its own in the report (a table of every phase, every shape). */
export interface Details {
  title: string;
  text: string;
}

export interface Findings {
  rows: Row[];
  details: Details[];
}

/**
 * Runs one group of attacks (each on a server of its own); a group that throws (a server that
 * would not start, a step that timed out) becomes one FAIL row naming the error, and the rest
 * still run.
 */
export async function group(name: string, attacks: () => Promise<Findings>): Promise<Findings> {
  progress(`== ${name}`);
  try {
    const findings = await attacks();
    for (const row of findings.rows) progress(`${verdict(row.pass)} ${row.attack}: ${row.measured}`);
    return findings;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`FAIL ${name}: ${message}`);
    return { rows: [{ attack: name, sent: 'the whole group', budget: 'runs to the end', measured: `stopped: ${message.split('\n')[0]!.slice(0, 300)}`, pass: false }], details: [] };
  }
}

/** A table cell: no line breaks, no column separators. */
export function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
