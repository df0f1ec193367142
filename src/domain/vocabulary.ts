// The closed sets of values the whole service agrees on: the database's CHECK constraints, the
// seed, the domain rules, the GraphQL enums and the open-data CSV all take them from here, so a
// value is added in one place. The order of each list is the order partners see.

/** The 10 wards (区) of Sapporo, in the city's order (docs/domain-rules.md §4). */
export const WARD_KEYS = ['CHUO', 'KITA', 'HIGASHI', 'SHIROISHI', 'ATSUBETSU', 'TOYOHIRA', 'KIYOTA', 'MINAMI', 'NISHI', 'TEINE'] as const;
export type WardKey = (typeof WARD_KEYS)[number];

export interface WardFacts {
  /** The 6-digit local government code (全国地方公共団体コード, check digit included). */
  code: string;
  nameJa: string;
  nameEn: string;
}

export const WARD_FACTS: Readonly<Record<WardKey, WardFacts>> = {
  CHUO: { code: '011011', nameJa: '中央区', nameEn: 'Chuo Ward' },
  KITA: { code: '011029', nameJa: '北区', nameEn: 'Kita Ward' },
  HIGASHI: { code: '011037', nameJa: '東区', nameEn: 'Higashi Ward' },
  SHIROISHI: { code: '011045', nameJa: '白石区', nameEn: 'Shiroishi Ward' },
  ATSUBETSU: { code: '011088', nameJa: '厚別区', nameEn: 'Atsubetsu Ward' },
  TOYOHIRA: { code: '011053', nameJa: '豊平区', nameEn: 'Toyohira Ward' },
  KIYOTA: { code: '011100', nameJa: '清田区', nameEn: 'Kiyota Ward' },
  MINAMI: { code: '011061', nameJa: '南区', nameEn: 'Minami Ward' },
  NISHI: { code: '011070', nameJa: '西区', nameEn: 'Nishi Ward' },
  TEINE: { code: '011096', nameJa: '手稲区', nameEn: 'Teine Ward' },
};

/** Where the procedures happen: a ward office (区役所) or the city's one card centre. */
export const OFFICE_KINDS = ['WARD_OFFICE', 'CARD_CENTER'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

/** The procedures a resident can do for the certificates (docs/domain-rules.md §4). More may be added. */
export const PROCEDURE_KINDS = ['RENEWAL', 'PIN_RESET'] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** The two certificates on the card (docs/domain-rules.md §1). */
export const CERTIFICATE_KINDS = ['USER_AUTHENTICATION', 'SIGNATURE'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/**
 * Whose residents an office serves for a procedure: a ward office only those of its own ward
 * (お住まいの区 / 住民登録している区), the card centre anyone in the city (docs/domain-rules.md §4).
 */
export const RESIDENCE_RULES = ['OWN_WARD', 'ANY_RESIDENT'] as const;
export type ResidenceRule = (typeof RESIDENCE_RULES)[number];
