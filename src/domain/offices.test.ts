import { describe, expect, it } from 'vitest';
import { officeServesResident, type OfficeForRule } from './offices.ts';
import { WARD_KEYS, type ResidenceRule } from './vocabulary.ts';

const wardOffice = (ward: string): OfficeForRule => ({ kind: 'WARD_OFFICE', ward });
const cardCenter: OfficeForRule = { kind: 'CARD_CENTER', ward: null };

// How the procedures pair offices with residence rules (DOMAIN.md §4).
const offices: { name: string; office: OfficeForRule; rule: ResidenceRule }[] = [
  ...WARD_KEYS.map((ward) => ({ name: `${ward} ward office`, office: wardOffice(ward), rule: 'OWN_WARD' as const })),
  { name: 'card centre', office: cardCenter, rule: 'ANY_RESIDENT' },
];

describe('officeServesResident', () => {
  it.each([
    [wardOffice('KITA'), 'OWN_WARD', 'KITA', true],
    [cardCenter, 'ANY_RESIDENT', 'KITA', true],
    [wardOffice('CHUO'), 'OWN_WARD', 'KITA', false],
    [wardOffice('CHUO'), 'OWN_WARD', 'CHUO', true],
    [wardOffice('KITA'), 'ANY_RESIDENT', 'CHUO', true],
    [cardCenter, 'OWN_WARD', 'KITA', false],
  ] as const)('%j under %s serves a %s resident: %s', (office, rule, residentWard, served) => {
    expect(officeServesResident(office, rule, residentWard)).toBe(served);
  });

  it.each(WARD_KEYS)('a %s resident is served by their own ward office and the card centre only', (residentWard) => {
    const served = offices.filter(({ office, rule }) => officeServesResident(office, rule, residentWard)).map(({ name }) => name);
    expect(served).toEqual([`${residentWard} ward office`, 'card centre']);
  });

  it('refuses a rule it does not know', () => {
    expect(() => officeServesResident(cardCenter, 'SOMEWHERE' as ResidenceRule, 'KITA')).toThrow(RangeError);
  });
});
