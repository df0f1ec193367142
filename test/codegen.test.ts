import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import type { Types } from '@graphql-codegen/plugin-helpers';
import * as typescript from '@graphql-codegen/typescript';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATIONS_FOLDER } from '../src/http/graphiql-settings.ts';

// What a partner's toolchain does with our contract: generate types from the committed SDL and
// the committed operations, then compile them under strict settings of its own.
const SCHEMA = parse(readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8'));
const TSC = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));
const operationFiles = readdirSync(OPERATIONS_FOLDER, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.graphql')).sort();

// Erasable output (no TS `enum`), and generation fails on any scalar without a mapping.
const CONFIG = { scalars: { Date: 'string' }, strictScalars: true, enumsAsTypes: true };

function generate(filename: string, plugin: 'typescript' | 'typescriptOperations', documents: Types.DocumentFile[] = []): Promise<string> {
  return codegen({
    schema: SCHEMA,
    documents,
    filename,
    plugins: [{ [plugin]: {} }],
    pluginMap: { typescript, typescriptOperations },
    config: CONFIG,
  });
}

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    allowImportingTsExtensions: true,
    erasableSyntaxOnly: true,
    verbatimModuleSyntax: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    types: [],
  },
  include: ['*.ts'],
};

// A partner's code against the generated operation types; the @ts-expect-error lines must error.
const CLIENT = `import type { AnalystBatchQueryVariables, CityAppOfficesQuery, KioskPinGuidanceQuery, KioskRenewalGuidanceQuery, KioskRenewalGuidanceQueryVariables } from './operations.ts';

export const variables: KioskRenewalGuidanceQueryVariables = { expiresOn: '2026-12-31', residentWard: 'KITA' };
// @ts-expect-error: not a ward
export const wrongWard: KioskRenewalGuidanceQueryVariables = { expiresOn: '2026-12-31', residentWard: 'SAPPORO' };
// @ts-expect-error: Date is a YYYY-MM-DD string, not a Date object
export const wrongDate: KioskRenewalGuidanceQueryVariables = { expiresOn: new Date(), residentWard: 'KITA' };
export const batch: AnalystBatchQueryVariables = { inputs: [{ birthDate: '1985-10-10', issuedOn: '2020-05-15', underGuardianship: false }] };

export function nextStep(status: KioskRenewalGuidanceQuery): string {
  const office = status.officesForProcedure[0];
  switch (status.renewalWindow.phase) {
    case 'NOT_YET_OPEN':
      return 'from ' + status.renewalWindow.opensOn + ' ' + status.renewalWindow.notes.map((note) => note.en).join(' ');
    case 'OPEN':
    case 'EXPIRED_STILL_RENEWABLE':
      return office === undefined ? '' : office.name.ja + ' ' + (office.phone ?? '') + ' ' + (office.reservation?.when.ja ?? '');
  }
}

export function reservationWhen(status: KioskRenewalGuidanceQuery): string {
  // @ts-expect-error: an office without a reservation has none (null)
  return status.officesForProcedure[0]!.reservation.when.ja;
}

export function sourcesCited(status: KioskRenewalGuidanceQuery, pins: KioskPinGuidanceQuery): string[] {
  const conversion = pins.certificateTypes.flatMap((type) => (type.pinRule.lowerCaseConversionSource === null ? [] : [type.pinRule.lowerCaseConversionSource.url ?? '']));
  return [...status.renewalWindow.sources.map((source) => source.title.ja + ' ' + (source.url ?? '')), ...conversion];
}

export function nextPage(page: CityAppOfficesQuery): string | null {
  return page.offices.pageInfo.hasNextPage ? page.offices.pageInfo.endCursor : null;
}
`;

describe('typed clients from the contract (graphql-codegen)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'jpki-codegen-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('generates schema and operation types that compile under strict TypeScript', async () => {
    const documents = operationFiles.map((file) => ({ location: file, document: parse(readFileSync(new URL(file, OPERATIONS_FOLDER), 'utf8')) }));
    // typescript-operations 6 is standalone (its own enums and inputs), so the two plugins
    // write separate modules, as a partner would.
    const schemaTypes = await generate('schema-types.ts', 'typescript');
    const operations = await generate('operations.ts', 'typescriptOperations', documents);
    expect(schemaTypes).toContain("Date: { input: string; output: string; }");
    expect(operations).toContain('export type KioskRenewalGuidanceQueryVariables = Exact<{');
    for (const name of ['KioskRenewalGuidanceQuery', 'KioskPinGuidanceQuery', 'KioskRenewalStatusQuery', 'KioskPinRulesQuery', 'KioskOfficesForProcedureQuery', 'KioskOfficesGuidanceQuery', 'CityAppOfficesQuery', 'AnalystBatchQuery']) {
      expect(operations).toContain(`export type ${name} = `);
    }

    writeFileSync(join(directory, 'schema-types.ts'), schemaTypes);
    writeFileSync(join(directory, 'operations.ts'), operations);
    writeFileSync(join(directory, 'client.ts'), CLIENT);
    writeFileSync(join(directory, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(directory, 'package.json'), JSON.stringify({ type: 'module' }));
    const tsc = spawnSync(TSC, ['-p', directory], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('refuses an operation the contract does not have', async () => {
    const document = parse('query Stale { offices { nodes { openingHours } } }');
    await expect(generate('operations.ts', 'typescriptOperations', [{ location: 'stale.graphql', document }])).rejects.toThrow(/openingHours/);
  });
});
