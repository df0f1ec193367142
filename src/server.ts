import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { DatabaseFileError, prepareDatabaseFile } from './db/database.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
  prepareDatabaseFile(config.databasePath);
} catch (error) {
  fail(error instanceof DatabaseFileError || error instanceof Error ? error.message : String(error));
}

const app = createApp({ databasePath: config.databasePath });
const server = createServer(app.yoga);
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(JSON.stringify({ level: 'info', msg: 'listening', url: `http://${config.host}:${port}/graphql` }));
});
