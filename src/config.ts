import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Every setting comes from the environment, with safe defaults (README: "Running in production"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    // Loopback by default so a developer's machine exposes nothing; containers set HOST=0.0.0.0.
    host: env.HOST || '127.0.0.1',
    databasePath: resolve(env.DATABASE_PATH || 'data/jpki.db'),
  };
}
