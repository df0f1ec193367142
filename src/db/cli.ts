import { loadConfig } from '../config.ts';
import { prepareDatabaseFile } from './prepare-file.ts';

// `migrate` and `seed` are one step: migrations then the idempotent seed, on a writing connection.
const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: node src/db/cli.ts migrate|seed');
  process.exit(2);
}
try {
  const { databasePath } = loadConfig();
  const { seeded } = prepareDatabaseFile(databasePath);
  console.log(`${databasePath}: migrations applied; seed ${seeded ? 'loaded' : 'already current'}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
