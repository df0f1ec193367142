import { readFileSync } from 'node:fs';
import { getNamedType, isCompositeType, isListType, isNonNullType, isObjectType, type GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { declaredCost } from '../src/graphql/schema/field-cost.ts';
import { schema } from '../src/graphql/schema/schema.ts';
import { createTestApp } from './support/app.ts';

/** Every field of the schema that returns a list of objects, by coordinate. */
function objectLists(): Map<string, GraphQLField<unknown, unknown>> {
  const lists = new Map<string, GraphQLField<unknown, unknown>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const nullable = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (isListType(nullable) && isCompositeType(getNamedType(nullable))) lists.set(`${type.name}.${field.name}`, field);
    }
  }
  return lists;
}

/** The bounds docs/api-contract.md §7 lists, by coordinate. */
function documentedBounds(): Map<string, number> {
  const text = readFileSync('docs/api-contract.md', 'utf8');
  const table = text.slice(text.indexOf('<!-- list-bounds:start -->'), text.indexOf('<!-- list-bounds:end -->'));
  return new Map([...table.matchAll(/^\| `([\w.]+)` \| (\d+) \|$/gm)].map((row) => [row[1]!, Number(row[2])]));
}

describe('the cost model\'s list bounds', () => {
  it('are declared on every list of objects the schema has', () => {
    const undeclared = [...objectLists()].filter(([, field]) => declaredCost(field.extensions) === undefined).map(([coordinate]) => coordinate);
    expect(undeclared).toEqual([]);
  });

  it('are the ones docs/api-contract.md lists', () => {
    const declared = new Map(
      [...objectLists()].flatMap(([coordinate, field]) => {
        const cost = declaredCost(field.extensions);
        return cost !== undefined && 'maxItems' in cost && !('listArgument' in cost) ? [[coordinate, cost.maxItems] as const] : [];
      }),
    );
    expect(documentedBounds()).toEqual(declared);
  });

  describe('hold the data', () => {
    const app = createTestApp({ clock: () => new Date('2026-11-25T03:00:00Z') });
    const bound = (coordinate: string) => documentedBounds().get(coordinate)!;

    it('of every reference list', async () => {
      const { body } = await app.graphql(`{
        certificateTypes { revokedWhen { ja } renewalValiditySources { key } }
        contactPoints { phone }
        idDocumentLists { documents { position } rules { ja } }
        notices { paragraphs { ja } }
        procedures { notes { ja } requirements { ja } offices(residentWard: KITA) { key } }
        officesForProcedure(procedure: RENEWAL, residentWard: CHUO) { key }
        sources { url }
        convenienceStoreService { conditions { ja } documents { kind } notices { ja } }
      }`);
      expect(body.errors).toBeUndefined();
      const data = body.data;
      const lengths: [string, number][] = [
        ['Query.certificateTypes', data.certificateTypes.length],
        ...data.certificateTypes.flatMap((type: { revokedWhen: unknown[]; renewalValiditySources: unknown[] }) => [['CertificateType.revokedWhen', type.revokedWhen.length], ['CertificateType.renewalValiditySources', type.renewalValiditySources.length]] as [string, number][]),
        ['Query.contactPoints', data.contactPoints.length],
        ['Query.idDocumentLists', data.idDocumentLists.length],
        ...data.idDocumentLists.flatMap((list: { documents: unknown[]; rules: unknown[] }) => [['IdDocumentList.documents', list.documents.length], ['IdDocumentList.rules', list.rules.length]] as [string, number][]),
        ['Query.notices', data.notices.length],
        ...data.notices.map((notice: { paragraphs: unknown[] }) => ['Notice.paragraphs', notice.paragraphs.length] as [string, number]),
        ['Query.procedures', data.procedures.length],
        ...data.procedures.flatMap((procedure: { notes: unknown[]; requirements: unknown[]; offices: unknown[] }) => [['Procedure.notes', procedure.notes.length], ['Procedure.requirements', procedure.requirements.length], ['Procedure.offices', procedure.offices.length]] as [string, number][]),
        ['Query.officesForProcedure', data.officesForProcedure.length],
        ['Query.sources', data.sources.length],
        ['ConvenienceStoreService.conditions', data.convenienceStoreService.conditions.length],
        ['ConvenienceStoreService.documents', data.convenienceStoreService.documents.length],
        ['ConvenienceStoreService.notices', data.convenienceStoreService.notices.length],
      ];
      for (const [coordinate, length] of lengths) expect(length, coordinate).toBeLessThanOrEqual(bound(coordinate));
    });

    it('of the computed lists, on inputs that give the most', async () => {
      const { body } = await app.graphql(
        `query ($inputs: [CertificateValidityInput!]!, $eligibility: ConvenienceStoreEligibilityInput!) {
          certificateValidities(inputs: $inputs) {
            notes { ja } noteDetails { code } sources { key }
            userAuthentication { sources { key } renewal { notes { ja } noteDetails { code } sources { key } } }
            signature { sources { key } }
          }
          convenienceStoreEligibility(input: $eligibility) { documents { kind } remedies { kind } notes { ja } noteDetails { code } sources { key } }
          renewalWindow(expiresOn: "2023-05-28", asOf: "2023-01-01") { notes { ja } noteDetails { code } sources { key } }
        }`,
        {
          inputs: [
            { birthDate: '2008-02-29', issuedOn: '2023-02-28', appliedOn: '2023-01-10', previousUserAuthenticationExpiresOn: '2023-03-01', previousSignatureExpiresOn: '2023-03-01', cardExpiresOn: '2024-01-01', underGuardianship: true },
            { birthDate: '1980-02-29', issuedOn: '2021-01-15', previousExpiresOn: '2021-02-28', cardExpiresOn: '2022-01-01' },
            // Applied before both windows, each opening on the 1st of the next month, capped by a card whose window does too.
            { birthDate: '2000-02-29', issuedOn: '2021-02-15', appliedOn: '2021-02-10', previousUserAuthenticationExpiresOn: '2021-05-31', previousSignatureExpiresOn: '2021-05-30', cardExpiresOn: '2023-05-30' },
          ],
          eligibility: { birthDate: '2008-02-29', userAuthenticationExpiresOn: '2020-01-01', pinLocked: true, residentOfSapporo: false, domicileInSapporo: true, asOf: '2026-11-25' },
        },
      );
      expect(body.errors).toBeUndefined();
      for (const result of body.data.certificateValidities) {
        expect(result.notes.length).toBeLessThanOrEqual(bound('CertificateValidityResult.notes'));
        expect(result.noteDetails.length).toBeLessThanOrEqual(bound('CertificateValidityResult.noteDetails'));
        expect(result.sources.length).toBeLessThanOrEqual(bound('CertificateValidityResult.sources'));
        for (const certificate of [result.userAuthentication, result.signature]) expect(certificate.sources.length).toBeLessThanOrEqual(bound('CertificateValidity.sources'));
        const window = result.userAuthentication.renewal;
        expect(window.notes.length).toBeLessThanOrEqual(bound('RenewalWindow.notes'));
        expect(window.noteDetails.length).toBeLessThanOrEqual(bound('RenewalWindow.noteDetails'));
        expect(window.sources.length).toBeLessThanOrEqual(bound('RenewalWindow.sources'));
      }
      expect(body.data.renewalWindow.notes).toHaveLength(bound('RenewalWindow.notes'));
      expect(body.data.convenienceStoreEligibility.documents.length).toBeLessThanOrEqual(bound('ConvenienceStoreEligibility.documents'));
      expect(body.data.convenienceStoreEligibility.remedies).toHaveLength(bound('ConvenienceStoreEligibility.remedies'));
      expect(body.data.convenienceStoreEligibility.sources.length).toBeLessThanOrEqual(bound('ConvenienceStoreEligibility.sources'));
      expect(body.data.convenienceStoreEligibility.notes).toHaveLength(bound('ConvenienceStoreEligibility.notes'));
      expect(body.data.convenienceStoreEligibility.noteDetails).toHaveLength(bound('ConvenienceStoreEligibility.noteDetails'));
    });
  });
});
