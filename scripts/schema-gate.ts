import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { parseIsoDate, subtractMonthsRollingForward, type IsoDate } from '../src/domain/calendar.ts';

/** The notice a deprecation reason must carry (docs/schema-policy.md). */
const REMOVAL_NOTICE = /Removal on (\d{4}-\d{2}-\d{2})/;
/** Partners get at least this long between a deprecation and the removal it announces. */
export const NOTICE_MONTHS = 3;

export interface SchemaGateReport {
  passed: boolean;
  /** What fails the gate: breaking changes the policy does not excuse, deprecations without due notice. */
  violations: string[];
  /** Removals the policy allows: deprecated in the base with a removal date that has come. */
  allowedRemovals: string[];
  /** Every other change found, for the log. */
  otherChanges: string[];
}

/** The date a deprecation reason announces for the removal, if it names a real one. */
export function removalDate(reason: string | null | undefined): IsoDate | null {
  const match = reason == null ? null : REMOVAL_NOTICE.exec(reason);
  return match?.[1] === undefined ? null : parseIsoDate(match[1]);
}

/** Every deprecated field, argument, input field and enum value, by schema coordinate, with its reason. */
function deprecations(schema: GraphQLSchema): Map<string, string> {
  const found = new Map<string, string>();
  const note = (coordinate: string, reason: string | null | undefined) => {
    if (reason != null) found.set(coordinate, reason);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        note(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args) note(`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) note(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) note(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return found;
}

/** The schema coordinate a removal takes away, for the removals a deprecation can announce. */
function removedCoordinate(change: Change): string | null {
  switch (change.type) {
    case ChangeType.FieldRemoved:
      return `${change.meta.typeName}.${change.meta.removedFieldName}`;
    case ChangeType.InputFieldRemoved:
      return `${change.meta.inputName}.${change.meta.removedFieldName}`;
    case ChangeType.EnumValueRemoved:
      return `${change.meta.enumName}.${change.meta.removedEnumValueName}`;
    case ChangeType.FieldArgumentRemoved:
      return `${change.meta.typeName}.${change.meta.fieldName}(${change.meta.removedFieldArgumentName}:)`;
    default:
      return null;
  }
}

const describeChange = (change: Change) => (change.path ? `${change.message} (${change.path})` : change.message);

/**
 * Compares the contract the code prints with the one partners have (the base), as of `today` in
 * Asia/Tokyo. Breaking changes fail, except removing what the base deprecated with a
 * `Removal on YYYY-MM-DD` that is today or earlier. A deprecation the base did not have must
 * announce its removal at least NOTICE_MONTHS ahead, so that exception is always earned.
 */
export async function checkSchemaChange(baseSdl: string, currentSdl: string, today: IsoDate): Promise<SchemaGateReport> {
  const base = buildSchema(baseSdl);
  const current = buildSchema(currentSdl);
  const baseDeprecations = deprecations(base);
  const report: SchemaGateReport = { passed: true, violations: [], allowedRemovals: [], otherChanges: [] };

  for (const change of await diff(base, current)) {
    if (change.criticality.level !== CriticalityLevel.Breaking) {
      report.otherChanges.push(describeChange(change));
      continue;
    }
    const coordinate = removedCoordinate(change);
    const due = coordinate === null ? null : removalDate(baseDeprecations.get(coordinate));
    if (due !== null && due <= today) report.allowedRemovals.push(`${describeChange(change)}: deprecated for removal on ${due}`);
    else report.violations.push(`BREAKING ${describeChange(change)}${due === null ? '' : `: its removal is announced for ${due}, not yet`}`);
  }

  for (const [coordinate, reason] of deprecations(current)) {
    if (baseDeprecations.get(coordinate) === reason) continue;
    const due = removalDate(reason);
    if (due === null || subtractMonthsRollingForward(due, NOTICE_MONTHS) < today) {
      report.violations.push(
        `DEPRECATION ${coordinate}: the reason must announce "Removal on YYYY-MM-DD" at least ${NOTICE_MONTHS} months after ${today}; got ${JSON.stringify(reason)}`,
      );
    }
  }

  report.passed = report.violations.length === 0;
  return report;
}
