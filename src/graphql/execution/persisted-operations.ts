import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KIOSK_OPERATIONS_FOLDER = fileURLToPath(new URL('../../../operations/kiosk', import.meta.url));

export interface PersistedOperation {
  id: string;
  file: string;
  document: string;
}

/** The id clients send: the SHA-256 of the document text, as Apollo's persisted queries use. */
export function persistedOperationId(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** The allow-list: every committed `operations/kiosk/*.graphql`, by id. */
export function loadPersistedOperations(folder: string = KIOSK_OPERATIONS_FOLDER): Map<string, PersistedOperation> {
  const operations = new Map<string, PersistedOperation>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.graphql')).sort()) {
    const document = readFileSync(join(folder, file), 'utf8');
    const id = persistedOperationId(document);
    operations.set(id, { id, file, document });
  }
  return operations;
}
