import { readdirSync } from 'node:fs';
import { getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { exampleOperations, graphiqlOptions, OPERATIONS_FOLDER, SUPERSEDED_OPERATIONS } from './graphiql-settings.ts';
import { schema } from '../graphql/schema/schema.ts';

const app = createTestApp();

const operationName = (document: string) => getOperationAST(parse(document))?.name?.value;

describe('GraphiQL options', () => {
  it('opens with one tab per partner example, variables filled in', () => {
    const tabs = graphiqlOptions.defaultTabs;
    expect(tabs.map((tab) => operationName(tab.query))).toEqual(['CityAppOffices', 'KioskRenewalGuidance', 'AnalystBatch', 'KioskOfficesGuidance', 'KioskPinGuidance', 'KioskConvenienceStoreAdvice']);
    expect(JSON.parse(tabs[0]!.variables)).toEqual({});
    expect(JSON.parse(tabs[1]!.variables)).toEqual({ expiresOn: '2026-12-31', residentWard: 'KITA', asOf: '2026-11-25' });
    expect(JSON.parse(tabs[2]!.variables).inputs).toHaveLength(3);
    expect(graphiqlOptions).toMatchObject({ title: 'Sapporo electronic certificates API (札幌市 電子証明書 API)', isHeadersEditorEnabled: true, shouldPersistHeaders: false });
  });

  it('opens on a welcome in the first tab, and asks introspection for the schema description the docs open on', () => {
    expect(graphiqlOptions.defaultTabs[0]!.query).toMatch(/^# Welcome to the City of Sapporo's API/);
    expect(graphiqlOptions.schemaDescription).toBe(true);
    expect(schema.description).toMatch(/^The City of Sapporo's facts about the electronic certificates/);
  });

  it('shows the kiosk operations exactly as the persisted allow-list holds them, all but those a newer one replaced', () => {
    const persisted = new Map([...app.persistedOperations.values()].map((operation) => [`kiosk/${operation.file}`, operation.document]));
    const kiosk = exampleOperations.filter((operation) => operation.file.startsWith('kiosk/'));
    expect(kiosk.map((operation) => operation.file).sort()).toEqual([...persisted.keys()].filter((file) => !SUPERSEDED_OPERATIONS.includes(file)).sort());
    // A superseded operation is still allow-listed: its published id keeps working.
    for (const file of SUPERSEDED_OPERATIONS) expect(persisted.has(file)).toBe(true);
    for (const operation of kiosk) expect(operation.document).toBe(persisted.get(operation.file));
  });
});

describe('operations/**/*.graphql', () => {
  const files = readdirSync(OPERATIONS_FOLDER, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.graphql'));

  it('are all examples, so each one below is validated and run, but those a newer one replaced', () => {
    expect(files.sort()).toEqual([...exampleOperations.map((operation) => operation.file), ...SUPERSEDED_OPERATIONS].sort());
  });

  it.each(exampleOperations.map((operation) => [operation.file, operation] as const))('%s is one named operation, valid against the schema', (_file, operation) => {
    const document = parse(operation.document);
    expect(validate(schema, document)).toEqual([]);
    expect(document.definitions).toHaveLength(1);
    expect(operationName(operation.document)).toMatch(/^[A-Z]\w+$/);
  });

  it.each(exampleOperations.map((operation) => [operation.file, operation] as const))('%s runs without errors on its sample variables', async (_file, operation) => {
    const response = await app.graphql(operation.document, operation.variables);
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it('answer the same on any day: every date an answer depends on is pinned by `asOf`', async () => {
    const answers = (app: TestApp) => Promise.all(exampleOperations.map(async (operation) => (await app.graphql(operation.document, operation.variables)).body));
    const onTheDay = await answers(createTestApp({ clock: () => new Date('2026-11-25T03:00:00Z') }));
    const yearsLater = await answers(createTestApp({ clock: () => new Date('2031-07-01T03:00:00Z') }));
    expect(yearsLater).toEqual(onTheDay);
    expect(onTheDay.every((body) => body.errors === undefined)).toBe(true);
  });

  it('answer what each partner asks', async () => {
    const [cityApp, kiosk, analyst, pinReset, pinRules, convenienceStore] = await Promise.all(exampleOperations.map((operation) => app.graphql(operation.document, operation.variables)));
    expect(kiosk!.body.data.renewalWindow).toMatchObject({ expiresOn: '2026-12-31', opensOn: '2026-10-01', fee: 0, noteCodes: [], notes: [] });
    expect(kiosk!.body.data.renewalWindow.sources.map((source: { key: string }) => source.key)).toEqual(['sapporo-jpki-page']);
    expect(kiosk!.body.data.officesForProcedure.map((office: { key: string }) => office.key)).toEqual(['kita-ward-office', 'my-number-card-center']);
    // The card centre's reservation in the Teine Ward page's words (docs/domain-rules.md): 土日などの区役所閉庁時間帯, 要予約.
    expect(kiosk!.body.data.officesForProcedure[1]).toMatchObject({ reservation: { when: { ja: '土日などの区役所閉庁時間帯' } }, source: { key: 'sapporo-teine-card-center-page' } });
    expect(pinRules!.body.data.certificateTypes.map((type: { pinRule: { lowerCaseConversionSource: { key: string } | null } }) => type.pinRule.lowerCaseConversionSource?.key ?? null)).toEqual([null, 'jlis-pin-page']);
    expect(cityApp!.body.data.offices).toMatchObject({ totalCount: 11, pageInfo: { hasNextPage: true } });
    expect(cityApp!.body.data.offices.edges).toHaveLength(5);
    expect(analyst!.body.data.certificateValidities[0].userAuthentication).toMatchObject({ issuable: true, expiresOn: '2024-10-10', birthdayCount: 5 });
    expect(analyst!.body.data.certificateValidities[2]).toMatchObject({
      asOf: '2026-11-25',
      userAuthentication: { issuable: true, birthdayCount: 6 },
      signature: { issuable: false, expiresOn: null },
    });
    expect(pinReset!.body.data.officesForProcedure.map((office: { key: string }) => office.key)).toEqual(['chuo-ward-office', 'my-number-card-center']);
    expect(convenienceStore!.body.data.convenienceStoreEligibility).toMatchObject({
      eligible: false,
      stepsBeforeUse: [],
      refusals: ['CERTIFICATE_EXPIRED', 'PIN_LOCKED'],
      eligibleAfterRemedies: true,
      remainingRefusals: [],
      minimumAgeReachedOn: null,
      remedies: [{ kind: 'RENEWAL' }, { kind: 'PIN_RESET' }],
      noteCodes: [],
      notes: [],
    });
  });
});
