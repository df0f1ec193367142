import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { prepareDatabaseFile } from '../src/db/prepare-file.ts';
import * as tables from '../schema/tables.ts';
import { createTestApp } from './support/app.ts';
import { withRows } from './support/seed.ts';

describe('a re-seeded database while the server runs', () => {
  const app = createTestApp({ config: { dataCheckIntervalMs: 20 } });

  it('swaps the in-memory rules and drops cached answers', async () => {
    const phone = '{ offices(ward: KITA) { nodes { phone } } }';
    const validity = '{ certificateValidity(input: { birthDate: "1980-10-10", issuedOn: "2020-05-15", asOf: "2021-01-01" }) { userAuthentication { expiresOn birthdayCount } } }';
    expect((await app.graphql(phone)).body.data.offices.nodes[0].phone).toBe('011-757-2412');
    expect((await app.graphql(validity)).body.data.certificateValidity.userAuthentication).toEqual({ expiresOn: '2024-10-10', birthdayCount: 5 });

    const edited = withRows(
      tables.validityRules,
      (rows) => rows.map((row) => ({ ...row, validityBirthdays: 4 })),
      withRows(tables.offices, (rows) => rows.map((row) => (row.id === 'kita-ward-office' ? { ...row, phone: '011-757-0000' } : row))),
    );
    expect(prepareDatabaseFile(app.databasePath, edited)).toEqual({ seeded: true });
    await sleep(100);

    expect((await app.graphql(phone)).body.data.offices.nodes[0].phone).toBe('011-757-0000');
    expect((await app.graphql(validity)).body.data.certificateValidity.userAuthentication).toEqual({ expiresOn: '2023-10-10', birthdayCount: 4 });
  });
});
