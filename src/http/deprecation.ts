import { tokyoMidnight } from '../clock.ts';
import type { Deprecation } from '../graphql/execution/operation-facts.ts';

/** Dates the schema policy writes into a deprecation reason (docs/schema-policy.md). */
const DEPRECATED_ON = /Deprecated on (\d{4}-\d{2}-\d{2})/;
const REMOVAL_ON = /Removal on (\d{4}-\d{2}-\d{2})/;

function earliest(deprecations: readonly Deprecation[], pattern: RegExp): string | null {
  const dates = deprecations.flatMap((deprecation) => pattern.exec(deprecation.reason)?.[1] ?? []);
  return dates.length === 0 ? null : dates.sort()[0]!;
}


/**
 * `Deprecation` (RFC 9745: since when, as a structured date; the policy's dates are days in Tokyo) and `Sunset` (RFC 8594: the removal,
 * as an HTTP date) for an answer to an operation that used deprecated schema elements; none
 * otherwise. With several, the earliest dates speak for all.
 */
export function deprecationHeaders(deprecations: readonly Deprecation[]): Record<string, string> {
  if (deprecations.length === 0) return {};
  const since = earliest(deprecations, DEPRECATED_ON);
  const removal = earliest(deprecations, REMOVAL_ON);
  const headers: Record<string, string> = { deprecation: `@${since === null ? 0 : tokyoMidnight(since) / 1000}` };
  if (removal !== null) headers.sunset = new Date(tokyoMidnight(removal)).toUTCString();
  return headers;
}
