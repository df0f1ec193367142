import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.ts';
import { domainRules } from '../../test/support/rules.ts';
import { isInsideRenewalWindow, renewalOpening, renewalPhase, renewalWindow, type RenewalPhase } from './renewal.ts';
import { anyDate, refAddDays, refAddMonthsClamped, refDaysInMonth, refRenewsInsideWindow } from '../../test/support/dates.ts';

const RUNS = { numRuns: 2000 };

describe('renewalOpening: the public worked examples (docs/domain-rules.md §3)', () => {
  it.each([
    ['2020-04-10', '2020-01-11', 'Sapporo'],
    ['2023-07-07', '2023-04-08', 'Nerima City'],
    ['2023-05-28', '2023-03-01', 'Nerima City'],
    ['2024-03-15', '2023-12-16', 'Matsuyama City'],
    ['2024-12-31', '2024-10-01', 'Matsuyama City'],
  ])('expires %s → opens %s (%s)', (expiresOn, opensOn) => {
    expect(renewalOpening(expiresOn, domainRules).opensOn).toBe(opensOn);
  });

  it.each([
    ['2023-05-30', '2023-03-01'],
    ['2024-05-28', '2024-02-29'],
    ['2024-05-29', '2024-03-01'],
    ['2023-11-30', '2023-09-01'],
    ['2023-12-30', '2023-10-01'],
    ['2024-02-29', '2023-12-01'],
    ['2025-02-28', '2024-12-01'],
  ])('month-end case: expires %s → opens %s', (expiresOn, opensOn) => {
    expect(renewalOpening(expiresOn, domainRules).opensOn).toBe(opensOn);
  });

  // Nerima City: 「3か月前に相当する日の翌日(該当する日が存在しない場合は翌月の1日)」.
  it.each([
    ['2023-05-28', '2023-03-01', true],
    ['2023-05-30', '2023-03-01', true],
    ['2024-05-28', '2024-02-29', false],
    ['2024-12-30', '2024-10-01', true],
    ['2023-07-07', '2023-04-08', false],
  ])('expires %s → opens %s; moved to the 1st of the next month: %s', (expiresOn, opensOn, moved) => {
    expect(renewalWindow(expiresOn, expiresOn, domainRules)).toMatchObject({
      opensOn,
      movedToFirstOfNextMonth: moved,
      rules: moved ? ['RENEWAL_WINDOW', 'RENEWAL_WINDOW_MISSING_DAY'] : ['RENEWAL_WINDOW'],
      notes: moved ? ['RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH'] : [],
    });
  });

  it('takes the window length from the rule data', () => {
    expect(renewalOpening('2020-04-10', { renewalWindowMonths: 1 }).opensOn).toBe('2020-03-11');
    expect(renewalOpening('2023-05-28', { renewalWindowMonths: 6 }).opensOn).toBe('2022-11-29');
  });
});

describe('isInsideRenewalWindow', () => {
  it.each([
    ['2020-01-10', false],
    ['2020-01-11', true],
    ['2020-03-01', true],
    ['2020-04-10', true],
    ['2020-04-11', false],
  ])('a certificate expiring 2020-04-10, renewed on %s: %s', (issuedOn, inside) => {
    expect(isInsideRenewalWindow('2020-04-10', issuedOn, renewalOpening('2020-04-10', domainRules))).toBe(inside);
  });
});

describe('renewalPhase and renewalWindow', () => {
  it.each([
    ['2020-01-10', 'NOT_YET_OPEN'],
    ['2020-01-11', 'OPEN'],
    ['2020-04-10', 'OPEN'],
    ['2020-04-11', 'EXPIRED_STILL_RENEWABLE'],
    ['2030-01-01', 'EXPIRED_STILL_RENEWABLE'],
  ])('expiring 2020-04-10, as of %s: %s', (asOf, phase) => {
    expect(renewalPhase('2020-04-10', '2020-01-11', asOf)).toBe(phase);
    // Before it opens, the window says that applying now is possible but one year shorter, and when
    // it opens (Edogawa City); after expiry, that services stop until renewal, which stays free (the city's page).
    const early = phase === 'NOT_YET_OPEN';
    const expired = phase === 'EXPIRED_STILL_RENEWABLE';
    expect(renewalWindow('2020-04-10', asOf, domainRules)).toEqual({
      expiresOn: '2020-04-10',
      opensOn: '2020-01-11',
      movedToFirstOfNextMonth: false,
      phase,
      rules: early ? ['RENEWAL_WINDOW', 'APPLICATION_BEFORE_RENEWAL_WINDOW'] : expired ? ['RENEWAL_WINDOW', 'CONVENIENCE_STORE_CERTIFICATE_EXPIRY'] : ['RENEWAL_WINDOW'],
      notes: early ? ['RENEWAL_WINDOW_NOT_YET_OPEN'] : expired ? ['EXPIRED_STILL_RENEWABLE'] : [],
      noteDates: early ? { RENEWAL_WINDOW_NOT_YET_OPEN: '2020-01-11' } : {},
    });
  });

  it.each(['2020-01-10', '2020-04-11'])('says nothing beyond its dates on %s when its certificate can claim neither an early application\'s loss nor renewal after expiry', (asOf) => {
    const window = renewalWindow('2020-04-10', asOf, domainRules, { earlyApplicationShorter: () => false, renewableAfterExpiry: false });
    expect([window.rules, window.notes, window.noteDates]).toEqual([['RENEWAL_WINDOW'], [], {}]);
  });
});

// Reference, independent of the rolling-forward rule: a day is inside the window when fewer than
// `months` months remain, i.e. the same day `months` months later (clamped to a shorter month's
// end) is past the expiry date. Scanning back from the expiry finds the first such day.
function referenceInWindow(day: string, expiresOn: string, months: number): boolean {
  return refAddMonthsClamped(day, months) > expiresOn;
}

function referenceOpensOn(expiresOn: string, months: number): string {
  let day = expiresOn;
  while (referenceInWindow(refAddDays(day, -1), expiresOn, months)) day = refAddDays(day, -1);
  return day;
}

describe('renewal window properties', () => {
  it('opens on the first day fewer than 3 months remain', () => {
    fc.assert(
      fc.property(anyDate, (expiresOn) => {
        const opensOn = renewalOpening(expiresOn, domainRules).opensOn;
        expect(opensOn <= expiresOn).toBe(true);
        expect(referenceInWindow(opensOn, expiresOn, 3)).toBe(true);
        expect(referenceInWindow(addDays(opensOn, -1), expiresOn, 3)).toBe(false);
        expect(opensOn).toBe(referenceOpensOn(expiresOn, 3));
      }),
      RUNS,
    );
  });

  it('opens on that day for any window length', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 12 }), (expiresOn, months) => {
        expect(renewalOpening(expiresOn, { renewalWindowMonths: months }).opensOn).toBe(referenceOpensOn(expiresOn, months));
      }),
      { numRuns: 500 },
    );
  });

  // Reference: the day after expiry, 3 months back, exists when its day of the month fits that month.
  const refDayMissing = (expiresOn: string) => {
    const dayAfter = refAddDays(expiresOn, 1);
    const [year, month, day] = dayAfter.split('-').map(Number) as [number, number, number];
    const back = new Date(Date.UTC(year, month - 1 - 3, 1));
    return day > refDaysInMonth(back.getUTCFullYear(), back.getUTCMonth() + 1);
  };

  it('says the opening day moved exactly when the day 3 months back does not exist', () => {
    fc.assert(
      fc.property(anyDate, (expiresOn) => {
        expect(renewalWindow(expiresOn, expiresOn, domainRules).movedToFirstOfNextMonth).toBe(refDayMissing(expiresOn));
      }),
      RUNS,
    );
  });

  it('moves the opening day for 57 expiry days of 2019–2030', () => {
    const days: string[] = [];
    for (let day = '2019-01-01'; day <= '2030-12-31'; day = refAddDays(day, 1)) days.push(day);
    const moved = days.filter((day) => renewalWindow(day, day, domainRules).movedToFirstOfNextMonth);
    expect(moved).toEqual(days.filter(refDayMissing));
    expect(moved).toHaveLength(57);
  });

  const phaseRank: Record<RenewalPhase, number> = { NOT_YET_OPEN: 0, OPEN: 1, EXPIRED_STILL_RENEWABLE: 2 };

  it('never goes back a phase as time passes, and is open exactly inside the window', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (expiresOn, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        const first = renewalWindow(expiresOn, earlier, domainRules).phase;
        const second = renewalWindow(expiresOn, later, domainRules).phase;
        expect(phaseRank[first]).toBeLessThanOrEqual(phaseRank[second]);
        expect(first === 'OPEN').toBe(refRenewsInsideWindow(expiresOn, earlier, 3));
      }),
      RUNS,
    );
  });
});
