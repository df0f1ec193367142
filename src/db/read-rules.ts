import type { ConvenienceStoreRules } from '../domain/convenience-store.ts';
import type { CertificateIssuanceRules, ValidityRules } from '../domain/rule-values.ts';
import type { CertificateKind, ProcedureKind } from '../domain/vocabulary.ts';
import type { Queries } from './queries.ts';

/** Every rule value the computations need, read from the database in one go. */
export interface Rules {
  validity: ValidityRules;
  issuance: Record<CertificateKind, CertificateIssuanceRules>;
  renewalFeeYen: number;
  convenienceStore: ConvenienceStoreRules<ProcedureKind>;
}

function readConvenienceStoreRules(queries: Queries): Rules['convenienceStore'] {
  const service = queries.convenienceStoreService.get();
  if (!service) throw new Error('the convenience-store service is missing from the database');
  return {
    minimumAge: service.minimumAge,
    excludesAdultsUnderGuardianship: service.excludesAdultsUnderGuardianship,
    nonResidentsRegisterForDomicileDocuments: service.nonResidentsRegisterForDomicileDocuments,
    documents: queries.convenienceStoreDocumentsAll
      .all()
      .map(({ kind, requiresResidence, requiresDomicile }) => ({ kind, requiresResidence, requiresDomicile })),
    remedies: Object.fromEntries(queries.convenienceStoreRemediesAll.all().map((row) => [row.refusal, row.procedure])),
  };
}

/**
 * Reads the rule values. The server keeps the result in memory and reads it again only when the
 * seed changes, so a computation never waits on SQL.
 */
export function readRules(queries: Queries): Rules {
  const row = queries.validityRules.get();
  const types = new Map(queries.certificateTypesAll.all().map((type) => [type.kind, type]));
  const renewal = queries.proceduresByKinds.all({ keys: JSON.stringify(['RENEWAL']) })[0];
  const issuance = (kind: CertificateKind): CertificateIssuanceRules => {
    const type = types.get(kind);
    if (!type) throw new Error(`certificate type ${kind} is missing from the database`);
    return { minimumAge: type.minimumAge, excludesAdultsUnderGuardianship: type.excludesAdultsUnderGuardianship };
  };
  if (!row) throw new Error('validity rules are missing from the database');
  if (renewal?.feeYen == null) throw new Error('the renewal fee is missing from the database');
  return {
    validity: {
      validityBirthdays: row.validityBirthdays,
      renewalValidityBirthdays: row.renewalValidityBirthdays,
      renewalWindowMonths: row.renewalWindowMonths,
      leapDayBirthdayInCommonYear: { month: row.leapDayBirthdayMonth, day: row.leapDayBirthdayDay },
      leapDayAgeInCommonYear: { month: row.leapDayAgeMonth, day: row.leapDayAgeDay },
    },
    issuance: { USER_AUTHENTICATION: issuance('USER_AUTHENTICATION'), SIGNATURE: issuance('SIGNATURE') },
    renewalFeeYen: renewal.feeYen,
    convenienceStore: readConvenienceStoreRules(queries),
  };
}
