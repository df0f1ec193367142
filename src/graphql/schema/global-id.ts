import { userInputError } from '../errors.ts';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function encodeGlobalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

/** Splits an opaque ID (or a cursor, made the same way) into type and key; null when it is not one this API could have made. */
export function splitGlobalId(globalId: string): { typename: string; id: string } | null {
  const decoded = BASE64.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const separator = decoded.indexOf(':');
  if (separator <= 0 || separator === decoded.length - 1 || encodeGlobalId(decoded.slice(0, separator), decoded.slice(separator + 1)) !== globalId) return null;
  return { typename: decoded.slice(0, separator), id: decoded.slice(separator + 1) };
}

/** Splits an opaque ID into type and key; anything that is not one of ours is the caller's mistake, in `argument`. */
export function decodeGlobalId(globalId: string, argument = 'id'): { typename: string; id: string } {
  const split = splitGlobalId(globalId);
  if (split === null) throw userInputError(`The ID given in \`${argument}\` is not one this API returned.`, { argument });
  return split;
}
