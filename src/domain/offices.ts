/**
 * Which residents an office serves for a procedure: a ward office only those of its own ward
 * (お住まいの区 / 住民登録している区), the card centre anyone in the city.
 */
export type ResidenceRule = 'OWN_WARD' | 'ANY_RESIDENT';

export interface OfficeForRule {
  kind: 'WARD_OFFICE' | 'CARD_CENTER';
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
