import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateInTimeZone, makeDate, parseIsoDate } from './calendar.ts';
import { ERAS, toWareki } from './eras.ts';
import { anyDate } from '../../test/support/dates.ts';

const RUNS = { numRuns: 2000 };

describe('calendarDateInTimeZone', () => {
  it.each([
    ['2026-11-24T14:59:59Z', 'Asia/Tokyo', '2026-11-24'],
    ['2026-11-24T15:00:00Z', 'Asia/Tokyo', '2026-11-25'],
    ['2026-12-31T15:00:00Z', 'Asia/Tokyo', '2027-01-01'],
    ['2026-11-24T15:00:00Z', 'UTC', '2026-11-24'],
    ['2026-03-08T07:59:59Z', 'America/Los_Angeles', '2026-03-07'],
    ['2026-03-08T08:00:00Z', 'America/Los_Angeles', '2026-03-08'],
  ])('%s is %s in %s', (instant, timeZone, expected) => {
    expect(calendarDateInTimeZone(new Date(instant), timeZone)).toBe(expected);
  });

  // Japan has kept UTC+9 without daylight saving since 1952.
  it('is the UTC+9 date in Asia/Tokyo', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1952-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }),
        (instant) => {
          const expected = new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
          expect(calendarDateInTimeZone(instant, 'Asia/Tokyo')).toBe(expected);
        },
      ),
      RUNS,
    );
  });

  it('refuses an invalid instant or zone', () => {
    expect(() => calendarDateInTimeZone(new Date(Number.NaN), 'Asia/Tokyo')).toThrow(RangeError);
    expect(() => calendarDateInTimeZone(new Date(0), 'Not/A_Zone')).toThrow(RangeError);
  });
});

describe('toWareki', () => {
  it.each([
    ['2025-04-10', '令和7年4月10日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2020-01-01', '令和2年1月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2012-04-01', '平成24年4月1日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1868-10-23', '明治元年10月23日'],
    ['2200-12-31', '令和182年12月31日'],
  ])('%s is %s', (date, expected) => {
    expect(toWareki(date)).toBe(expected);
  });

  it('is null before 明治', () => {
    expect(toWareki('1868-10-22')).toBeNull();
    expect(toWareki('1800-01-01')).toBeNull();
  });

  it('has its eras in start order', () => {
    const starts = ERAS.map((era) => era.startsOn);
    expect([...starts].sort()).toEqual(starts);
    for (const start of starts) expect(parseIsoDate(start)).toBe(start);
  });

  it('reads back as the same Gregorian date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const match = /^(.+?)(元|\d+)年(\d+)月(\d+)日$/.exec(toWareki(date) ?? '');
        expect(match).not.toBeNull();
        const [, name = '', eraYear = '', month = '', day = ''] = match ?? [];
        const era = ERAS.find((e) => e.name === name);
        expect(era).toBeDefined();
        const year = Number(era?.startsOn.slice(0, 4)) + (eraYear === '元' ? 1 : Number(eraYear)) - 1;
        expect(makeDate(year, Number(month), Number(day))).toBe(date);
        expect(era !== undefined && era.startsOn <= date).toBe(true);
      }),
      RUNS,
    );
  });
});
