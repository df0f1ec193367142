/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The two electronic certificates stored on the My Number Card. */
export type CertificateKind =
  /** 署名用電子証明書: signs electronic applications with documents (e.g. e-Tax 確定申告). */
  | 'SIGNATURE'
  /** 利用者証明用電子証明書: proves "I am me" (マイナポータル login, コンビニ交付). */
  | 'USER_AUTHENTICATION';

/** A document the convenience-store service (コンビニ交付) prints. */
export type ConvenienceStoreDocumentKind =
  /** 戸籍全部事項証明(戸籍謄本): certificate of all matters of the family register (domicile group). */
  | 'FAMILY_REGISTER_ALL'
  /** 戸籍の附票の写し: copy of the family register attachment (domicile group). */
  | 'FAMILY_REGISTER_ATTACHMENT'
  /** 戸籍個人事項証明(戸籍抄本): certificate of individual matters of the family register (domicile group). */
  | 'FAMILY_REGISTER_INDIVIDUAL'
  /** 住民票の写し: copy of the residence record (resident group). */
  | 'RESIDENCE_CERTIFICATE'
  /** 印鑑登録証明書: seal registration certificate (resident group). */
  | 'SEAL_REGISTRATION_CERTIFICATE';

/** What a kiosk knows about the resident. Personal data: never cached, never logged. No PIN, no name, no card number. */
export type ConvenienceStoreEligibilityInput = {
  /** Day of use; default: today in Asia/Tokyo. */
  asOf?: string | null | undefined;
  /** Date of birth (生年月日), for the age rule. */
  birthDate: string;
  /** Registered domicile (本籍) in Sapporo. */
  domicileInSapporo?: boolean | null | undefined;
  /** The user-authentication PIN is locked (3 wrong tries). Never send the PIN itself. */
  pinLocked?: boolean | null | undefined;
  /** Registered as a resident of Sapporo (住民登録). */
  residentOfSapporo?: boolean | null | undefined;
  /** Adult under guardianship (成年被後見人). */
  underGuardianship?: boolean | null | undefined;
  /** Expiry of the user-authentication certificate, as printed on the card or the notice letter; valid through that day. */
  userAuthenticationExpiresOn: string;
};

/** Why a document may not be issued at a convenience store. Answers list refusals in this order: minimum age, guardianship, expired, PIN locked, not resident, not domiciled (UNDER_MINIMUM_AGE, UNDER_GUARDIANSHIP, CERTIFICATE_EXPIRED, PIN_LOCKED, NOT_RESIDENT, NOT_DOMICILED): the person first, then the document groups. The printed schema sorts the values alphabetically; the order is this one. */
export type ConvenienceStoreRefusal =
  /** The user-authentication certificate expired before `asOf` (it is valid through its expiry day); renewal (RENEWAL, free) cures it. */
  | 'CERTIFICATE_EXPIRED'
  /** Domicile-group document, and no registered domicile (本籍) in Sapporo. No procedure cures it: it stays in `remainingRefusals`. */
  | 'NOT_DOMICILED'
  /** Resident-group document, and not registered as a resident of Sapporo (住民登録). No procedure cures it: it stays in `remainingRefusals`. */
  | 'NOT_RESIDENT'
  /** The 4-digit PIN of the user-authentication certificate is locked (3 wrong tries); re-initialising it (PIN_RESET) cures it. */
  | 'PIN_LOCKED'
  /** An adult under guardianship (成年被後見人) may not use the service (※1 成年被後見人を除く). No procedure cures it: it stays in `remainingRefusals`. */
  | 'UNDER_GUARDIANSHIP'
  /** Under 15 on `asOf` (the age is reached on the birthday; on 1 March for 29 February births in common years). No procedure cures it: it stays in `remainingRefusals`. */
  | 'UNDER_MINIMUM_AGE';

/** A step the resident takes at the kiosk itself before a document can be issued; not a refusal, and `eligible` stays true without it. */
export type ConvenienceStoreStep =
  /** 利用登録申請, the use registration made at the kiosk itself, for the domicile-group documents. The convenience-store page, ※2: 「戸籍証明書・戸籍の附票の写しが必要な場合で、札幌市に本籍をおき、住民登録が札幌市外の方については、利用登録申請をマルチコピー機(キオスク端末)等から行うことで利用することができます。」 (People who need family register certificates or copies of the family register attachment, whose domicile is in Sapporo and who are registered as residents outside Sapporo, can use the service by applying for use registration at a multi-copy machine (kiosk) or similar.) */
  | 'USE_REGISTRATION';

/** What kind of office it is. */
export type OfficeKind =
  /** The 札幌市マイナンバーカードセンター (Sapporo My Number Card Center), one for the whole city. */
  | 'CARD_CENTER'
  /** A ward office (区役所); the certificate procedures happen at its 戸籍住民課. */
  | 'WARD_OFFICE';

/** A procedure a resident can do for the electronic certificates. More may be added. */
export type ProcedureKind =
  /** 暗証番号の初期化・再設定: re-initialising and re-setting a PIN (also releases a lock). */
  | 'PIN_RESET'
  /** 電子証明書の更新: renewal of the electronic certificates. */
  | 'RENEWAL';

/** Where `asOf` falls relative to the renewal window. */
export type RenewalPhase =
  /** After `expiresOn`: expired; the window has no end, and renewal is free (the note EXPIRED_STILL_RENEWABLE says so and what expiry stops). Not claimed on a card that ended with the certificate or before, or has expired by `asOf`: no source says a certificate is renewed onto an expired card. */
  | 'EXPIRED_STILL_RENEWABLE'
  /** Before `opensOn`: not yet a renewal. Applying now is possible, but the new certificate runs one year shorter (the note RENEWAL_WINDOW_NOT_YET_OPEN says so, with `opensOn`; not on a card that ends on or before the 5th birthday after `asOf`, which would end a certificate applied for now as it would a renewal inside the window). */
  | 'NOT_YET_OPEN'
  /** From `opensOn` to `expiresOn`: renewable now. */
  | 'OPEN';

/** Machine-readable code of a note attached to a validity computation, a renewal window or a convenience-store eligibility check. */
export type ValidityNoteCode =
  /** Applied for before the previous certificates' window opened (`previousExpiresOn`): one year shorter than a renewal inside the window; the note names the day the window opened (Edogawa City). Not given when the card ends on or before the 5th birthday after the issue day (a certificate runs from its issue day; the application day decides only the window), where it ends the early certificate as it would a renewal inside the window; a card ending sooner than such a renewal would makes the loss less than the year. */
  | 'APPLIED_BEFORE_RENEWAL_WINDOW'
  /** An expiry was shortened to the card's own expiry, earlier than the birthday the rule gives (`birthdayCount`). */
  | 'CAPPED_BY_CARD_EXPIRY'
  /** The signature certificate's expiry was shortened to the user-authentication certificate's, earlier than the birthday the rule gives (`birthdayCount`). */
  | 'CAPPED_BY_USER_AUTHENTICATION'
  /** On a renewal window after expiry: services that use the certificate (for the user-authentication certificate, convenience-store issuance among them) stop until it is renewed, and renewal stays possible, free of charge (the city's page). Not on a card that ended with the certificate or before, or has expired by `asOf`: no source says a certificate is renewed onto an expired card. */
  | 'EXPIRED_STILL_RENEWABLE'
  /** A previous expiry was given (`previousExpiresOn`) but the renewal was not applied for while fewer than 3 months remained on it (it came before the window opened, or after expiry): runs to the 5th birthday. */
  | 'ISSUED_OUTSIDE_RENEWAL_WINDOW'
  /** Born on 29 February: for the validity, 28 February is taken as the birthday in common years (our policy, not an official rule); an age (15, for the signature certificate and convenience-store issuance) is reached on 1 March (年齢計算ニ関スル法律). The note names both, so a refusal for age on 28 February does not contradict it. On every `certificateValidity` and `convenienceStoreEligibility` answer for a 29 February birth. */
  | 'LEAP_DAY_BIRTHDAY_ASSUMED'
  /** On a renewal window before it opens: applying now is possible, but it is no renewal, and the new certificate runs one year shorter than with a renewal inside the window; the note names the day the window opens (Edogawa City). Not given when the card ends on or before the 5th birthday after `asOf`, where it ends a certificate applied for now as it would a renewal inside the window; a card ending before the 6th birthday after the window's first day makes the loss less than the year. */
  | 'RENEWAL_WINDOW_NOT_YET_OPEN'
  /** A renewal window's first day, 3 months before the day after expiry, does not exist in its month (e.g. 31 February): the window opens on the 1st of the next month (Nerima City). */
  | 'RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH'
  /** Issued as a renewal inside the previous certificates' window (`previousExpiresOn`, both certificates): runs to the 6th birthday. */
  | 'RENEWED_INSIDE_WINDOW'
  /** The signature certificate was applied for before its predecessor's window opened: one year shorter than a renewal inside the window; the note names the day the window opened (Edogawa City). Not given when the card ends on or before the 5th birthday after the issue day (a certificate runs from its issue day; the application day decides only the window), where it ends the early certificate as it would a renewal inside the window; a card ending sooner than such a renewal would makes the loss less than the year. */
  | 'SIGNATURE_APPLIED_BEFORE_RENEWAL_WINDOW'
  /** The signature certificate replaced none (no `previousSignatureExpiresOn`, e.g. first issued under 15): it runs to the 5th birthday. */
  | 'SIGNATURE_FIRST_ISSUE'
  /** The signature certificate replaced one without being applied for while fewer than 3 months remained on it (before its window opened, or after expiry): it runs to the 5th birthday. */
  | 'SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW'
  /** No signature certificate: adult under guardianship (成年被後見人). */
  | 'SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP'
  /** No signature certificate: under 15 on the issue date. */
  | 'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE'
  /** The signature certificate replaced one inside its window: it runs to the 6th birthday (then capped as usual). */
  | 'SIGNATURE_RENEWED_INSIDE_WINDOW'
  /** The user-authentication certificate was applied for before its predecessor's window opened: one year shorter than a renewal inside the window; the note names the day the window opened (Edogawa City). Not given when the card ends on or before the 5th birthday after the issue day (a certificate runs from its issue day; the application day decides only the window), where it ends the early certificate as it would a renewal inside the window; a card ending sooner than such a renewal would makes the loss less than the year. */
  | 'USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW'
  /** The user-authentication certificate replaced none (no `previousUserAuthenticationExpiresOn`): it runs to the 5th birthday. */
  | 'USER_AUTHENTICATION_FIRST_ISSUE'
  /** The user-authentication certificate replaced one without being applied for while fewer than 3 months remained on it (before its window opened, or after expiry): it runs to the 5th birthday. */
  | 'USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW'
  /** The user-authentication certificate replaced one inside its window: it runs to the 6th birthday. */
  | 'USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW'
  /** The renewal window was judged on `appliedOn`, the day the renewal was applied for, not on the issue day. */
  | 'WINDOW_JUDGED_ON_APPLICATION_DATE';

/** The 10 wards (区) of Sapporo. */
export type Ward =
  /** 厚別区 (Atsubetsu Ward), local government code 011088. */
  | 'ATSUBETSU'
  /** 中央区 (Chuo Ward), local government code 011011. */
  | 'CHUO'
  /** 東区 (Higashi Ward), local government code 011037. */
  | 'HIGASHI'
  /** 北区 (Kita Ward), local government code 011029. */
  | 'KITA'
  /** 清田区 (Kiyota Ward), local government code 011100. */
  | 'KIYOTA'
  /** 南区 (Minami Ward), local government code 011061. */
  | 'MINAMI'
  /** 西区 (Nishi Ward), local government code 011070. */
  | 'NISHI'
  /** 白石区 (Shiroishi Ward), local government code 011045. */
  | 'SHIROISHI'
  /** 手稲区 (Teine Ward), local government code 011096. */
  | 'TEINE'
  /** 豊平区 (Toyohira Ward), local government code 011053. */
  | 'TOYOHIRA';

export type KioskConvenienceStoreAdviceQueryVariables = Exact<{
  input: ConvenienceStoreEligibilityInput;
}>;


export type KioskConvenienceStoreAdviceQuery = { convenienceStoreEligibility: { asOf: string, eligible: boolean, stepsBeforeUse: Array<ConvenienceStoreStep>, refusals: Array<ConvenienceStoreRefusal>, eligibleAfterRemedies: boolean, remainingRefusals: Array<ConvenienceStoreRefusal>, minimumAgeReachedOn: string | null, noteCodes: Array<ValidityNoteCode>, documents: Array<{ kind: ConvenienceStoreDocumentKind, eligible: boolean, stepsBeforeUse: Array<ConvenienceStoreStep>, refusals: Array<ConvenienceStoreRefusal>, eligibleAfterRemedies: boolean, remainingRefusals: Array<ConvenienceStoreRefusal>, document: { name: { ja: string, en: string } } }>, remedies: Array<{ kind: ProcedureKind, name: { ja: string, en: string } }>, notes: Array<{ ja: string, en: string }>, sources: Array<{ key: string, url: string | null }> } };

export type KioskConvenienceStoreEligibilityQueryVariables = Exact<{
  input: ConvenienceStoreEligibilityInput;
}>;


export type KioskConvenienceStoreEligibilityQuery = { convenienceStoreEligibility: { asOf: string, eligible: boolean, refusals: Array<ConvenienceStoreRefusal>, domicileUseRegistrationRequired: boolean, documents: Array<{ kind: ConvenienceStoreDocumentKind, eligible: boolean, refusals: Array<ConvenienceStoreRefusal>, document: { name: { ja: string, en: string } } }>, remedies: Array<{ kind: ProcedureKind, name: { ja: string, en: string } }> } };

export type KioskConvenienceStoreGuidanceQueryVariables = Exact<{
  input: ConvenienceStoreEligibilityInput;
}>;


export type KioskConvenienceStoreGuidanceQuery = { convenienceStoreEligibility: { asOf: string, eligible: boolean, stepsBeforeUse: Array<ConvenienceStoreStep>, refusals: Array<ConvenienceStoreRefusal>, eligibleAfterRemedies: boolean, remainingRefusals: Array<ConvenienceStoreRefusal>, documents: Array<{ kind: ConvenienceStoreDocumentKind, eligible: boolean, stepsBeforeUse: Array<ConvenienceStoreStep>, refusals: Array<ConvenienceStoreRefusal>, eligibleAfterRemedies: boolean, remainingRefusals: Array<ConvenienceStoreRefusal>, document: { name: { ja: string, en: string } } }>, remedies: Array<{ kind: ProcedureKind, name: { ja: string, en: string } }>, sources: Array<{ key: string, url: string | null }> } };

export type KioskOfficesForProcedureQueryVariables = Exact<{
  procedure: ProcedureKind;
  residentWard: Ward;
}>;


export type KioskOfficesForProcedureQuery = { officesForProcedure: Array<{ key: string, kind: OfficeKind, postalCode: string | null, phone: string | null, name: { ja: string, en: string }, department: { ja: string, en: string } | null, address: { ja: string, en: string } | null }> };

export type KioskOfficesGuidanceQueryVariables = Exact<{
  procedure: ProcedureKind;
  residentWard: Ward;
}>;


export type KioskOfficesGuidanceQuery = { officesForProcedure: Array<{ key: string, kind: OfficeKind, postalCode: string | null, phone: string | null, name: { ja: string, en: string }, department: { ja: string, en: string } | null, address: { ja: string, en: string } | null, availability: { ja: string, en: string } | null, reservation: { when: { ja: string, en: string }, purpose: { ja: string, en: string } } | null, source: { key: string, url: string | null } }> };

export type KioskPinGuidanceQueryVariables = Exact<{ [key: string]: never; }>;


export type KioskPinGuidanceQuery = { certificateTypes: Array<{ kind: CertificateKind, name: { ja: string, en: string }, pinRule: { minLength: number, maxLength: number, allowedCharacters: string, requiresLetter: boolean, requiresDigit: boolean, lowerCaseConvertedToUpperCase: boolean, pattern: string, lockAfterFailedAttempts: number, description: { ja: string, en: string }, lowerCaseConversionSource: { key: string, url: string | null, title: { ja: string, en: string } } | null }, source: { key: string, url: string | null, title: { ja: string, en: string } } }> };

export type KioskPinRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type KioskPinRulesQuery = { certificateTypes: Array<{ kind: CertificateKind, name: { ja: string, en: string }, pinRule: { minLength: number, maxLength: number, allowedCharacters: string, requiresLetter: boolean, requiresDigit: boolean, lowerCaseConvertedToUpperCase: boolean, pattern: string, lockAfterFailedAttempts: number, description: { ja: string, en: string } } }> };

export type KioskRenewalGuidanceQueryVariables = Exact<{
  expiresOn: string;
  residentWard: Ward;
  asOf?: string | null | undefined;
}>;


export type KioskRenewalGuidanceQuery = { renewalWindow: { expiresOn: string, expiresOnWareki: string, opensOn: string, opensOnWareki: string, phase: RenewalPhase, fee: number, noteCodes: Array<ValidityNoteCode>, notes: Array<{ ja: string, en: string }>, sources: Array<{ key: string, url: string | null, title: { ja: string, en: string } }> }, officesForProcedure: Array<{ key: string, kind: OfficeKind, postalCode: string | null, phone: string | null, name: { ja: string, en: string }, department: { ja: string, en: string } | null, address: { ja: string, en: string } | null, availability: { ja: string, en: string } | null, reservation: { when: { ja: string, en: string }, purpose: { ja: string, en: string } } | null, source: { key: string, url: string | null } }> };

export type KioskRenewalStatusQueryVariables = Exact<{
  expiresOn: string;
  residentWard: Ward;
  asOf?: string | null | undefined;
}>;


export type KioskRenewalStatusQuery = { renewalWindow: { expiresOn: string, expiresOnWareki: string, opensOn: string, opensOnWareki: string, phase: RenewalPhase, fee: number }, officesForProcedure: Array<{ key: string, kind: OfficeKind, postalCode: string | null, phone: string | null, name: { ja: string, en: string }, department: { ja: string, en: string } | null, address: { ja: string, en: string } | null }> };


export const KioskConvenienceStoreAdviceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskConvenienceStoreAdvice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConvenienceStoreEligibilityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"convenienceStoreEligibility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"stepsBeforeUse"}},{"kind":"Field","name":{"kind":"Name","value":"refusals"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleAfterRemedies"}},{"kind":"Field","name":{"kind":"Name","value":"remainingRefusals"}},{"kind":"Field","name":{"kind":"Name","value":"minimumAgeReachedOn"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"stepsBeforeUse"}},{"kind":"Field","name":{"kind":"Name","value":"refusals"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleAfterRemedies"}},{"kind":"Field","name":{"kind":"Name","value":"remainingRefusals"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"remedies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"noteCodes"}},{"kind":"Field","name":{"kind":"Name","value":"notes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<KioskConvenienceStoreAdviceQuery, KioskConvenienceStoreAdviceQueryVariables>;
export const KioskConvenienceStoreEligibilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskConvenienceStoreEligibility"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConvenienceStoreEligibilityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"convenienceStoreEligibility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"refusals"}},{"kind":"Field","name":{"kind":"Name","value":"domicileUseRegistrationRequired"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"refusals"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"remedies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KioskConvenienceStoreEligibilityQuery, KioskConvenienceStoreEligibilityQueryVariables>;
export const KioskConvenienceStoreGuidanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskConvenienceStoreGuidance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConvenienceStoreEligibilityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"convenienceStoreEligibility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"stepsBeforeUse"}},{"kind":"Field","name":{"kind":"Name","value":"refusals"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleAfterRemedies"}},{"kind":"Field","name":{"kind":"Name","value":"remainingRefusals"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"stepsBeforeUse"}},{"kind":"Field","name":{"kind":"Name","value":"refusals"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleAfterRemedies"}},{"kind":"Field","name":{"kind":"Name","value":"remainingRefusals"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"remedies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<KioskConvenienceStoreGuidanceQuery, KioskConvenienceStoreGuidanceQueryVariables>;
export const KioskOfficesForProcedureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskOfficesForProcedure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"procedure"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProcedureKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Ward"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officesForProcedure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"procedure"},"value":{"kind":"Variable","name":{"kind":"Name","value":"procedure"}}},{"kind":"Argument","name":{"kind":"Name","value":"residentWard"},"value":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]} as unknown as DocumentNode<KioskOfficesForProcedureQuery, KioskOfficesForProcedureQueryVariables>;
export const KioskOfficesGuidanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskOfficesGuidance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"procedure"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProcedureKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Ward"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officesForProcedure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"procedure"},"value":{"kind":"Variable","name":{"kind":"Name","value":"procedure"}}},{"kind":"Argument","name":{"kind":"Name","value":"residentWard"},"value":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reservation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"when"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"purpose"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<KioskOfficesGuidanceQuery, KioskOfficesGuidanceQueryVariables>;
export const KioskPinGuidanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskPinGuidance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificateTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pinRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"minLength"}},{"kind":"Field","name":{"kind":"Name","value":"maxLength"}},{"kind":"Field","name":{"kind":"Name","value":"allowedCharacters"}},{"kind":"Field","name":{"kind":"Name","value":"requiresLetter"}},{"kind":"Field","name":{"kind":"Name","value":"requiresDigit"}},{"kind":"Field","name":{"kind":"Name","value":"lowerCaseConvertedToUpperCase"}},{"kind":"Field","name":{"kind":"Name","value":"lowerCaseConversionSource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"lockAfterFailedAttempts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<KioskPinGuidanceQuery, KioskPinGuidanceQueryVariables>;
export const KioskPinRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskPinRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificateTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pinRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"minLength"}},{"kind":"Field","name":{"kind":"Name","value":"maxLength"}},{"kind":"Field","name":{"kind":"Name","value":"allowedCharacters"}},{"kind":"Field","name":{"kind":"Name","value":"requiresLetter"}},{"kind":"Field","name":{"kind":"Name","value":"requiresDigit"}},{"kind":"Field","name":{"kind":"Name","value":"lowerCaseConvertedToUpperCase"}},{"kind":"Field","name":{"kind":"Name","value":"pattern"}},{"kind":"Field","name":{"kind":"Name","value":"lockAfterFailedAttempts"}}]}}]}}]}}]} as unknown as DocumentNode<KioskPinRulesQuery, KioskPinRulesQueryVariables>;
export const KioskRenewalGuidanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskRenewalGuidance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresOn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Ward"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renewalWindow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresOn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresOn"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOnWareki"}},{"kind":"Field","name":{"kind":"Name","value":"opensOn"}},{"kind":"Field","name":{"kind":"Name","value":"opensOnWareki"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"fee"}},{"kind":"Field","name":{"kind":"Name","value":"noteCodes"}},{"kind":"Field","name":{"kind":"Name","value":"notes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"officesForProcedure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"procedure"},"value":{"kind":"EnumValue","value":"RENEWAL"}},{"kind":"Argument","name":{"kind":"Name","value":"residentWard"},"value":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reservation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"when"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"purpose"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<KioskRenewalGuidanceQuery, KioskRenewalGuidanceQueryVariables>;
export const KioskRenewalStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskRenewalStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresOn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Ward"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renewalWindow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expiresOn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresOn"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOnWareki"}},{"kind":"Field","name":{"kind":"Name","value":"opensOn"}},{"kind":"Field","name":{"kind":"Name","value":"opensOnWareki"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"fee"}}]}},{"kind":"Field","name":{"kind":"Name","value":"officesForProcedure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"procedure"},"value":{"kind":"EnumValue","value":"RENEWAL"}},{"kind":"Argument","name":{"kind":"Name","value":"residentWard"},"value":{"kind":"Variable","name":{"kind":"Name","value":"residentWard"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ja"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]} as unknown as DocumentNode<KioskRenewalStatusQuery, KioskRenewalStatusQueryVariables>;