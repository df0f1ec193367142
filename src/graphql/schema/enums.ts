import {
  CERTIFICATE_KINDS,
  OFFICE_KINDS,
  PROCEDURE_KINDS,
  WARD_FACTS,
  WARD_KEYS,
  type CertificateKind as CertificateKindValue,
  type OfficeKind as OfficeKindValue,
  type ProcedureKind as ProcedureKindValue,
} from '../../domain/vocabulary.ts';
import { builder } from './builder.ts';

// The enums partners code against, their values from the one vocabulary (src/domain/vocabulary.ts)
// in its order; here only their descriptions. One module, so the object types that use them
// (Office, Procedure, CertificateType) need not import each other.

/** An enum's values, each with its description, in the vocabulary's order. */
export function describedValues<Value extends string>(values: readonly Value[], describe: (value: Value) => string) {
  return Object.fromEntries(values.map((value) => [value, { description: describe(value) }])) as Record<Value, { description: string }>;
}

export const Ward = builder.enumType('Ward', {
  description: 'The 10 wards (区) of Sapporo.',
  values: describedValues(WARD_KEYS, (key) => {
    const ward = WARD_FACTS[key];
    return `${ward.nameJa} (${ward.nameEn}), local government code ${ward.code}.`;
  }),
});

const OFFICE_KIND_DESCRIPTIONS: Record<OfficeKindValue, string> = {
  WARD_OFFICE: 'A ward office (区役所); the certificate procedures happen at its 戸籍住民課.',
  CARD_CENTER: 'The 札幌市マイナンバーカードセンター (Sapporo My Number Card Center), one for the whole city.',
};

export const OfficeKind = builder.enumType('OfficeKind', {
  description: 'What kind of office it is.',
  values: describedValues(OFFICE_KINDS, (kind) => OFFICE_KIND_DESCRIPTIONS[kind]),
});

const PROCEDURE_KIND_DESCRIPTIONS: Record<ProcedureKindValue, string> = {
  RENEWAL: '電子証明書の更新: renewal of the electronic certificates.',
  PIN_RESET: '暗証番号の初期化・再設定: re-initialising and re-setting a PIN (also releases a lock).',
};

export const ProcedureKind = builder.enumType('ProcedureKind', {
  description: 'A procedure a resident can do for the electronic certificates. More may be added.',
  values: describedValues(PROCEDURE_KINDS, (kind) => PROCEDURE_KIND_DESCRIPTIONS[kind]),
});

const CERTIFICATE_KIND_DESCRIPTIONS: Record<CertificateKindValue, string> = {
  USER_AUTHENTICATION: '利用者証明用電子証明書: proves "I am me" (マイナポータル login, コンビニ交付).',
  SIGNATURE: '署名用電子証明書: signs electronic applications with documents (e.g. e-Tax 確定申告).',
};

export const CertificateKind = builder.enumType('CertificateKind', {
  description: 'The two electronic certificates stored on the My Number Card.',
  values: describedValues(CERTIFICATE_KINDS, (kind) => CERTIFICATE_KIND_DESCRIPTIONS[kind]),
});
