import { buildSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DIGIT } from './free-text.ts';
import { deprecatedInputFields, operationFacts, PERSONAL_DATA } from './operation-facts.ts';
import { schema } from '../schema/schema.ts';

/** A small schema of its own, marked by hand, so the walker is checked apart from ours. */
function markedSchema(): GraphQLSchema {
  const built = buildSchema(`
    type Query {
      public(ward: String): String
      person(input: PersonInput!): String
      wrapper(outer: Outer): String
      secret: String
      old: String @deprecated(reason: "Use public. Deprecated on 2026-11-25. Removal on 2027-06-01")
      legacy(mode: Mode, flag: Boolean @deprecated(reason: "Unused. Removal on 2027-07-01")): String
    }
    input PersonInput { birthDate: String!, note: String, previous: String @deprecated(reason: "Use note. Removal on 2027-06-01") }
    input Outer { person: PersonInput, label: String }
    enum Mode { NEW OLD @deprecated(reason: "Use NEW. Removal on 2027-08-01") }
  `);
  Object.assign(built.getType('PersonInput')!, { extensions: { [PERSONAL_DATA]: true } });
  const query = built.getQueryType()!.getFields();
  Object.assign(query.secret!, { extensions: { [PERSONAL_DATA]: true } });
  return built;
}

const facts = (document: string) => operationFacts(markedSchema(), parse(document));

describe('operationFacts', () => {
  it.each([
    ['a marked input type as a literal argument', '{ person(input: { birthDate: "1972-12-24" }) }', true, true],
    ['a marked input type through a variable', 'query ($p: PersonInput!) { person(input: $p) }', true, false],
    ['a skipped marked field', '{ public secret @skip(if: true) }', true, false],
    ['a marked field inside a fragment', '{ ...F } fragment F on Query { secret }', true, false],
    ['a marked input type nested in another input', '{ wrapper(outer: { label: "x", person: { birthDate: "1972-12-24" } }) }', true, true],
    ['a variable of an input type that holds a marked one', 'query ($o: Outer) { wrapper(outer: $o) }', true, false],
    ['nothing marked', '{ public(ward: "KITA") }', false, false],
  ])('%s: names %s, carries %s', (_label, document, names, carries) => {
    expect(facts(document)).toMatchObject({ namesPersonalData: names, carriesPersonalData: carries });
  });

  it('lists the declared variables of each operation', () => {
    const { declaredVariables } = facts('query A($w: String) { public(ward: $w) } query B { public }');
    expect(declaredVariables).toEqual(new Map([['A', new Set(['w'])], ['B', new Set()]]));
  });

  it('finds deprecated fields, arguments, enum values and literal input fields', () => {
    const { deprecations } = facts('{ old legacy(mode: OLD, flag: true) person(input: { birthDate: "x", previous: "y" }) }');
    expect(deprecations.map((deprecation) => deprecation.coordinate).sort()).toEqual(['Mode.OLD', 'PersonInput.previous', 'Query.legacy(flag:)', 'Query.old']);
  });

  it('finds deprecated input fields inside variable values, at any depth', () => {
    const schema = markedSchema();
    const outer = schema.getType('Outer');
    if (!isInputObjectType(outer)) throw new Error('Outer is an input type');
    expect(deprecatedInputFields(outer, { person: { birthDate: 'x', previous: 'y' } }).map((d) => d.coordinate)).toEqual(['PersonInput.previous']);
    expect(deprecatedInputFields(outer, { person: { birthDate: 'x' } })).toEqual([]);
  });
});

describe('the schema declares its personal data', () => {
  type Mark = true | false | undefined;
  const markOf = (extensions: Readonly<Record<string, unknown>> | null | undefined): Mark => extensions?.[PERSONAL_DATA] as Mark;

  /** Every argument, and every field of an input type not marked as a whole, with its own mark. */
  function dateInputs() {
    const found: { coordinate: string; mark: Mark }[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type) && markOf(type.extensions) !== true) {
        for (const field of Object.values(type.getFields())) {
          if (getNamedType(field.type).name === 'Date') found.push({ coordinate: `${type.name}.${field.name}`, mark: markOf(field.extensions) });
        }
      }
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const argument of field.args) {
            if (getNamedType(argument.type).name === 'Date') found.push({ coordinate: `${type.name}.${field.name}(${argument.name}:)`, mark: markOf(argument.extensions) });
          }
        }
      }
    }
    return found;
  }

  it('decides for every Date argument outside a personal input type whether it is personal', () => {
    const dates = dateInputs();
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.filter(({ mark }) => mark === undefined).map(({ coordinate }) => coordinate)).toEqual([]);
  });

  it('marks the expiry date of a certificate personal: it is a birthday', () => {
    expect(dateInputs()).toContainEqual({ coordinate: 'Query.renewalWindow(expiresOn:)', mark: true });
  });

  it('marks the input types that hold a birth date personal as a whole', () => {
    for (const name of ['CertificateValidityInput', 'ConvenienceStoreEligibilityInput']) expect(schema.getType(name)?.extensions?.[PERSONAL_DATA], name).toBe(true);
  });

  it('counts an unmarked Date argument as personal, failing closed', () => {
    const built = buildSchema('type Query { day(on: String): String, when(at: Date): String } scalar Date');
    expect(operationFacts(built, parse('{ when(at: "1972-12-24") }'))).toMatchObject({ namesPersonalData: true, carriesPersonalData: true });
    expect(operationFacts(built, parse('{ day(on: "Christmas Eve") }'))).toMatchObject({ namesPersonalData: false });
  });

  it('sees a personal value written as a variable\'s default', () => {
    expect(facts('query ($p: PersonInput = { birthDate: "1972-12-24" }) { person(input: $p) }')).toMatchObject({ namesPersonalData: true, carriesPersonalData: true });
  });
});

describe('text no mark describes, where a client may write a date', () => {
  const ofOurs = (document: string) => operationFacts(schema, parse(document));
  const office = Buffer.from('Office:chuo').toString('base64');
  const cursor = Buffer.from('OffsetConnection:1').toString('base64');

  it.each([
    ['an operation name', 'query Dob_1977_07_17 { certificateTypes { kind } }'],
    ['an alias', '{ b19770717: certificateTypes { kind } }'],
    ['a fragment name', '{ ...f1977 } fragment f1977 on Query { notices { key } }'],
    ['a variable name', 'query ($d1977: Boolean = true) { notices @include(if: $d1977) { key } }'],
    ['a String argument', '{ __type(name: "dob 1977-07-17") { name } }'],
    ['a String argument in full-width digits', '{ __type(name: "１９７７年７月１７日") { name } }'],
    ['a String argument in kanji numerals', '{ __type(name: "昭和五十二年七月十七日") { name } }'],
    ['a String argument in Arabic-Indic digits', '{ __type(name: "١٩٧٧") { name } }'],
    ['a number of six digits, for a field skipped', '{ notices { key } offices(first: 770717) @skip(if: true) { totalCount } }'],
    ['a String variable\'s default', 'query ($n: String = "1977-07-17") { __type(name: $n) { name } }'],
    ['an ID argument that is no id the API issued', '{ node(id: "1977-07-17") { id } }'],
    ['an item of a list of IDs', `{ nodes(ids: ["${office}", "1977-07-17"]) { id } }`],
  ])('%s holding a digit counts as naming and carrying personal data', (_where, document) => {
    expect(ofOurs(document)).toMatchObject({ namesPersonalData: true, carriesPersonalData: true });
  });

  it.each([
    ['names and strings of letters', 'query KioskTypes { types: certificateTypes { kind } __type(name: "Office") { name } }'],
    ['an id the API issued', `{ node(id: "${office}") { id } }`],
    ['a cursor the API issued', `{ offices(first: 2, after: "${cursor}") { totalCount } }`],
  ])('%s stay public', (_what, document) => {
    expect(ofOurs(document)).toMatchObject({ namesPersonalData: false, carriesPersonalData: false });
  });

  it('rests on no name of the schema holding a digit', () => {
    const names = Object.values(schema.getTypeMap()).flatMap((type) => [
      type.name,
      ...(isObjectType(type) ? Object.values(type.getFields()).flatMap((field) => [field.name, ...field.args.map((argument) => argument.name)]) : []),
      ...(isInputObjectType(type) ? Object.keys(type.getFields()) : []),
      ...(isEnumType(type) ? type.getValues().map((value) => value.name) : []),
    ]);
    expect(names.filter((name) => DIGIT.test(name))).toEqual([]);
  });
});
