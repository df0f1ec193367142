import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../observability/logger.ts';

/** Where one client stands after one request, for the answer and its RateLimit header fields. */
export interface RateLimitState {
  /** Requests a client may make in one window. */
  limit: number;
  windowSeconds: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the current window ends and the budget is whole again. */
  resetSeconds: number;
  allowed: boolean;
  /** Seconds to wait before a request can be allowed again; 0 when this one was. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /**
   * Counts `points` requests (default one) of `client` (an API key or address) against its budget.
   * Refused when they are more than it has left; a refusal of more than one takes none of them,
   * so a client refused an expensive operation can still make cheap ones.
   */
  consume(client: string, points?: number): Promise<RateLimitState>;
  close(): void;
}

export interface RateLimiterOptions {
  perMinute: number;
  /** Clients whose windows a process keeps in memory at most; past it the least recently seen is forgotten. */
  maxClients: number;
  /** Shares every client's budget across processes and machines through this Redis server. */
  redisUrl: string | null;
  /**
   * A shared budget is worth a round trip to Redis, not a slow request: an answer not there within
   * this many ms is given up and the request counted on the local budget (Redis answers on a LAN in
   * well under a millisecond, so a late one means Redis is paused, overloaded or unreachable).
   */
  redisTimeoutMs: number;
  logger: Logger;
}

const WINDOW_SECONDS = 60;
/** After Redis failed or was late, requests use the local budget this long before one asks Redis again. */
const REDIS_RETRY_AFTER_MS = 1_000;
/** ioredis drops a command left unanswered this long (or the deadline, if longer), so commands to a silent Redis do not pile up. */
const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** Reconnection back-off: grows by this step per attempt, up to the maximum, then retries forever. */
const REDIS_RETRY_STEP_MS = 100;
const REDIS_RETRY_MAX_MS = 1_000;
const REDIS_KEY_PREFIX = 'jpki:rate';

/** One window per client (rate-limiter-flexible's fixed window): `perMinute` requests a minute. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const budget = { points: options.perMinute, duration: WINDOW_SECONDS };
  if (options.redisUrl === null) {
    const local = boundedMemoryLimiter(budget, options.maxClients);
    return { consume: (client, points = 1) => local.charge(client, points), close: () => {} };
  }
  return redisRateLimiter(options.redisUrl, budget, options);
}

const LATE = Symbol('late');

/**
 * `promise`, or LATE when it has not settled `ms` after the call. Lateness is decided only after
 * the event loop has read its sockets once more (setImmediate runs after that), so a reply that
 * had arrived while the loop was busy with other requests is not taken for a slow Redis.
 */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const once = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(() => setImmediate(() => once(() => resolve(LATE))), ms);
    promise.then(
      (value) => once(() => resolve(value)),
      (error: unknown) => once(() => reject(error)),
    );
  });
}

/**
 * The budget lives in Redis, so every process draws from the same one. When Redis fails or does
 * not answer within `redisTimeoutMs`, the process counts on its own in-memory budget of the same
 * size and keeps answering; for REDIS_RETRY_AFTER_MS it does not ask Redis at all, then one request
 * at a time asks again, so a paused or unreachable Redis costs at most one request a second the
 * deadline. ioredis reconnects by itself. Each switch is logged once.
 */
function redisRateLimiter(url: string, budget: { points: number; duration: number }, options: RateLimiterOptions): RateLimiter {
  const { logger } = options;
  // Loaded only with REDIS_URL set: importing ioredis in every process, the default one (no Redis)
  // included, held 3–4 MB more at idle (139.6–142.5 against 137.2–138.5 MB, three starts each),
  // where the budget is 150 MB. A CommonJS package, so require loads it at once, and the limiter is
  // made when the app is, as before.
  const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const client = new Redis(url, {
    // Fail at once while disconnected instead of queueing commands until Redis is back.
    enableOfflineQueue: false,
    commandTimeout: Math.max(REDIS_COMMAND_TIMEOUT_MS, options.redisTimeoutMs),
    retryStrategy: (attempt) => Math.min(attempt * REDIS_RETRY_STEP_MS, REDIS_RETRY_MAX_MS),
  });
  const shared = new RateLimiterRedis({ ...budget, storeClient: client, keyPrefix: REDIS_KEY_PREFIX, rejectIfRedisNotReady: true });
  const local = boundedMemoryLimiter(budget, options.maxClients);

  let onFallback = false;
  let askRedisAfter = 0;
  let asking = false;
  const fallBack = (reason: string) => {
    askRedisAfter = Date.now() + REDIS_RETRY_AFTER_MS;
    if (onFallback) return;
    onFallback = true;
    logger.error("Redis unavailable; rate limits use this process's own budget until it is back", { reason });
  };
  // A connection that fails (refused at start, WRONGPASS, lost) and is not ready again within a
  // reconnection's longest wait switches to the local budget and says why, so an operator sees it
  // without waiting for a request; a reset healed by the next reconnection is not worth a line.
  // Its reason is kept for a command that fails later, whose own error only says the connection is
  // not ready. Without a listener, ioredis reports these errors as unhandled. Redis's replies never
  // quote the password.
  let connectionError: string | null = null;
  let judging: NodeJS.Timeout | null = null;
  // Redis refused to SELECT the URL's database (out of range): ioredis goes on as ready, on database
  // 0, where every client's budget went without a word. The shared budget is not used at all then.
  let databaseRefused = false;
  client.on('error', (error: Error & { command?: { name?: string } }) => {
    connectionError = error.message.split('\n', 1)[0]!.slice(0, 200);
    if (error.command?.name === 'select') {
      databaseRefused = true;
      client.disconnect();
      logger.error("Redis refused the database REDIS_URL names; rate limits use this process's own budget until the setting is changed", { reason: connectionError });
      return;
    }
    judging ??= setTimeout(() => {
      judging = null;
      if (client.status !== 'ready' && connectionError !== null) fallBack(connectionError);
    }, REDIS_RETRY_MAX_MS).unref();
  });
  // Once, so an operator (and a test) can tell when the shared budget is first in use: a request
  // that comes before is counted on the local one.
  client.once('ready', () => logger.info('Redis connected; rate limits use the shared budget'));
  client.on('ready', () => {
    connectionError = null;
    // Connected again: the next request asks Redis, and logs the switch back when it answers.
    askRedisAfter = 0;
  });

  return {
    async consume(clientKey, points = 1) {
      // API keys and addresses do not leave the process in clear text.
      const key = createHash('sha256').update(clientKey).digest('base64url');
      const counted = () => local.charge(key, points);
      // While Redis is down, only one request at a time (after the pause) finds out whether it is back.
      if (databaseRefused || (onFallback && (asking || Date.now() < askRedisAfter))) return counted();
      const probe = onFallback;
      asking ||= probe;
      try {
        const answer = await withDeadline(charge(shared, key, points, budget.points), options.redisTimeoutMs);
        if (answer === LATE) {
          fallBack(`no answer within ${options.redisTimeoutMs} ms`);
          return await counted();
        }
        if (onFallback) {
          onFallback = false;
          logger.info('Redis is back; rate limits use the shared budget again');
        }
        return answer;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        fallBack(connectionError === null ? reason : `${reason}: ${connectionError}`);
        return await counted();
      } finally {
        if (probe) asking = false;
      }
    },
    close: () => {
      if (judging !== null) clearTimeout(judging);
      client.disconnect();
    },
  };
}

/**
 * rate-limiter-flexible's memory store keeps a record (about half a KB) for each client until its
 * window ends, however many clients come: 390,000 addresses in a minute ran the heap out. Here at
 * most `maxClients` are kept; past it the least recently seen is forgotten, and starts a new window
 * at its next request. Flooding with new addresses thus gives no address more than its own budget.
 */
function boundedMemoryLimiter(budget: { points: number; duration: number }, maxClients: number): { charge(key: string, points: number): Promise<RateLimitState> } {
  const limiter = new RateLimiterMemory(budget);
  const seen = new LRUCache<string, true>({
    max: maxClients,
    disposeAfter: (_value, key, reason) => {
      if (reason === 'evict') void limiter.delete(key);
    },
  });
  return {
    charge(key, points) {
      seen.set(key, true);
      return charge(limiter, key, points, budget.points);
    },
  };
}

/**
 * Takes `points` from the store. rate-limiter-flexible counts a refused consumption too; a refused
 * charge of more than one is given back at once, so it takes nothing.
 */
function charge(limiter: RateLimiterAbstract, key: string, points: number, limit: number): Promise<RateLimitState> {
  const settled = settle(limiter.consume(key, points), limit);
  // One point (every request's own) is never given back: its state is the answer as it settles,
  // without another promise and turn of the microtask queue for each request.
  if (points === 1) return settled;
  return settled.then(async (state) => (state.allowed ? state : { ...state, remaining: (await limiter.reward(key, points)).remainingPoints }));
}

/** A refusal (no points left) is an answer too; any other rejection is a fault. */
function settle(consumed: Promise<RateLimiterRes>, limit: number): Promise<RateLimitState> {
  return consumed.then(
    (result) => stateOf(result, limit, true),
    (rejection: unknown) => {
      if (rejection instanceof RateLimiterRes) return stateOf(rejection, limit, false);
      throw rejection;
    },
  );
}

function stateOf(result: RateLimiterRes, limit: number, allowed: boolean): RateLimitState {
  const resetSeconds = Math.ceil(result.msBeforeNext / 1000);
  return {
    limit,
    windowSeconds: WINDOW_SECONDS,
    remaining: result.remainingPoints,
    resetSeconds,
    allowed,
    retryAfterSeconds: allowed ? 0 : Math.max(1, resetSeconds),
  };
}
