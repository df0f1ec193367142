import { getNamedType, GraphQLBoolean, type GraphQLInputType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedScalarType, isIntrospectionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema/schema.ts';

/** Every type, field, argument and enum value the schema defines, without a description. */
function undescribed(): string[] {
  const missing: string[] = [];
  const check = (where: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(where);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return missing;
}

/**
 * Every argument and input field that could hold text, as `Type.field(argument)` or `Input.field`.
 * A Boolean cannot carry a PIN (`pinLocked` only says whether the PIN is locked).
 */
function inputs(): string[] {
  const names: string[] = [];
  const couldHoldText = (type: GraphQLInputType) => getNamedType(type) !== GraphQLBoolean;
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (couldHoldText(arg.type)) names.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) if (couldHoldText(field.type)) names.push(`${type.name}.${field.name}`);
  }
  return names;
}

describe('the schema', () => {
  it('describes every type, field, argument and enum value', () => {
    expect(undescribed()).toEqual([]);
  });

  it('never accepts a PIN: no argument or input field could carry one', () => {
    expect(inputs().length).toBeGreaterThan(10);
    expect(inputs().filter((name) => /pin|password|passcode|secret|暗証/i.test(name))).toEqual([]);
    expect(schema.getMutationType()).toBeUndefined();
  });
});
