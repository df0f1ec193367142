import type { OfficeKind, ResidenceRule } from './vocabulary.ts';

export interface OfficeForRule {
  kind: OfficeKind;
  ward: string | null;
}

export function officeServesResident(office: OfficeForRule, rule: ResidenceRule, residentWard: string): boolean {
  switch (rule) {
    case 'OWN_WARD':
      return office.ward !== null && office.ward === residentWard;
    case 'ANY_RESIDENT':
      return true;
    default: {
      const unknown: never = rule;
      throw new RangeError(`Unknown residence rule ${String(unknown)}`);
    }
  }
}
