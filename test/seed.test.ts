import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepareDatabaseFile } from '../src/db/prepare-file.ts';
import * as tables from '../schema/tables.ts';
import { temporaryDatabasePath } from './support/app.ts';
import { withRows } from './support/seed.ts';

function snapshot(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(names.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

describe('the seed loader', () => {
  it('creates, migrates and seeds a missing database file', () => {
    const path = temporaryDatabasePath();
    expect(prepareDatabaseFile(path)).toEqual({ seeded: true });
    const rows = snapshot(path);
    expect(rows.offices).toHaveLength(11);
    expect(rows.id_documents).toHaveLength(27);
    expect(rows.wards).toHaveLength(10);
  });

  it('is idempotent: a second run writes nothing and leaves the same rows', () => {
    const path = temporaryDatabasePath();
    prepareDatabaseFile(path);
    const before = snapshot(path);
    expect(prepareDatabaseFile(path)).toEqual({ seeded: false });
    expect(snapshot(path)).toEqual(before);
  });

  it('applies an edited data file: rows updated, removed rows gone, none duplicated', () => {
    const path = temporaryDatabasePath();
    prepareDatabaseFile(path);
    const edited = withRows(
      tables.idDocuments,
      (rows) => rows.filter((row) => row.position !== 27),
      withRows(tables.offices, (rows) => rows.map((row) => (row.id === 'kita-ward-office' ? { ...row, phone: '011-000-0000' } : row))),
    );
    expect(prepareDatabaseFile(path, edited)).toEqual({ seeded: true });
    expect(prepareDatabaseFile(path, edited)).toEqual({ seeded: false });
    const rows = snapshot(path);
    expect(rows.offices).toHaveLength(11);
    expect((rows.offices as { id: string; phone: string }[]).find((o) => o.id === 'kita-ward-office')?.phone).toBe('011-000-0000');
    expect(rows.id_documents).toHaveLength(26);
  });

  it('refuses data that breaks a constraint and keeps the previous data', () => {
    const path = temporaryDatabasePath();
    prepareDatabaseFile(path);
    const before = snapshot(path);
    const broken = withRows(tables.offices, (rows) => rows.map((row) => ({ ...row, postalCode: row.postalCode && '0608612' })));
    expect(() => prepareDatabaseFile(path, broken)).toThrow(/offices_postal_code/);
    expect(snapshot(path)).toEqual(before);
  });
});
