import { isIPv4, isIPv6 } from 'node:net';

/** An IPv4 address mapped into IPv6 (RFC 4291 §2.5.5.2), as Node reports IPv4 peers of a dual-stack socket. */
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The first four groups of an IPv6 address: its /64 network. */
function ipv6Network(address: string): string {
  const [head = '', tail] = address.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  // A dotted IPv4 tail stands for two groups; `::` for as many zero groups as are missing.
  const width = (list: string[]) => list.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const zeros = tail === undefined ? [] : Array<string>(8 - width(left) - width(right)).fill('0');
  return `${[...left, ...zeros, ...right].slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/**
 * The address a client counts under in the rate limit. An IPv6 address counts as its /64: one
 * subscriber is given a whole /64 (RFC 6177), and could otherwise take a fresh budget from each of
 * its 2^64 addresses. An IPv4 address counts as itself, also when mapped into IPv6.
 */
export function rateLimitAddress(address: string): string {
  // Every IPv6 form holds a colon; without one, the address is IPv4 (the common case, spared the IPv6 pattern).
  if (!address.includes(':')) return address;
  const mapped = MAPPED_IPV4.exec(address)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  return isIPv6(address) ? ipv6Network(address.split('%')[0]!) : address;
}

/**
 * The address in a proxy's X-Forwarded-For entry, or null when it holds none: a bare address, or
 * one with its port (`192.0.2.1:443`, `[2001:db8::1]:443`), as some proxies write it.
 */
export function forwardedAddress(entry: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry)?.[1];
  const candidate = bracketed ?? (/^[\d.]+:\d+$/.test(entry) ? entry.slice(0, entry.lastIndexOf(':')) : entry);
  return isIPv4(candidate) || isIPv6(candidate) ? candidate : null;
}
