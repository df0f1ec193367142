import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forwardedAddress, rateLimitAddress } from './client-address.ts';

const group = fc.integer({ min: 0, max: 0xffff });
const groups = fc.array(group, { minLength: 8, maxLength: 8 });

/** The /64 written from the groups themselves: the expected value, independent of any parsing. */
const network = (values: number[]) => `${values.slice(0, 4).map((value) => value.toString(16)).join(':')}::/64`;

/** Ways to write one address: every group in full, without leading zeros, upper case, and the longest run of zero groups as `::`. */
function writings(values: number[]): string[] {
  const full = values.map((value) => value.toString(16).padStart(4, '0')).join(':');
  const short = values.map((value) => value.toString(16)).join(':');
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && values[start + length] === 0) length++;
    if (length > best.length) best = { start, length };
  }
  const hex = values.map((value) => value.toString(16));
  const compressed = best.length < 2 ? short : `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
  return [full, short, short.toUpperCase(), compressed];
}

describe('rateLimitAddress', () => {
  it('gives every writing of an IPv6 address its /64', () => {
    fc.assert(
      fc.property(groups, fc.nat(9), fc.nat(7), (values, zeroRun, at) => {
        // Runs of zero groups, so that `::` stands for some of them.
        for (let i = at; i < Math.min(8, at + zeroRun); i++) values[i] = 0;
        for (const writing of writings(values)) expect(rateLimitAddress(writing)).toBe(network(values));
      }),
    );
  });

  it('reads a dotted IPv4 tail as two groups, and drops a zone', () => {
    expect(rateLimitAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(rateLimitAddress('::192.0.2.1')).toBe('0:0:0:0::/64');
    expect(rateLimitAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('counts IPv4 as itself, also mapped into IPv6', () => {
    expect(rateLimitAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(rateLimitAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(rateLimitAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('forwardedAddress', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['192.0.2.1:443', '192.0.2.1'],
    ['2001:db8::1', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
  ])('reads %s as %s', (entry, address) => {
    expect(forwardedAddress(entry)).toBe(address);
  });

  it.each(['', 'unknown', '_hidden', 'client-a', '1.2.3', '192.0.2.1:port', `${'a'.repeat(5000)}`])('finds no address in %j', (entry) => {
    expect(forwardedAddress(entry)).toBeNull();
  });
});
