import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
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
  /** Counts one request of `client` (an API key or address) against its budget. */
  consume(client: string): Promise<RateLimitState>;
  close(): void;
}

export interface RateLimiterOptions {
  perMinute: number;
  /** Shares every client's budget across processes and machines through this Redis server. */
  redisUrl: string | null;
  logger: Logger;
}

const WINDOW_SECONDS = 60;
/**
 * A shared budget is worth a round trip to Redis, not a slow request: past this, the request is
 * counted on the local fallback budget instead (Redis answers on a LAN in well under a millisecond).
 */
const REDIS_COMMAND_TIMEOUT_MS = 100;
/** Reconnection back-off: grows by this step per attempt, up to the maximum, then retries forever. */
const REDIS_RETRY_STEP_MS = 100;
const REDIS_RETRY_MAX_MS = 1_000;
const REDIS_KEY_PREFIX = 'jpki:rate';

/** One window per client (rate-limiter-flexible's fixed window): `perMinute` requests a minute. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const budget = { points: options.perMinute, duration: WINDOW_SECONDS };
  if (options.redisUrl === null) {
    const limiter = new RateLimiterMemory(budget);
    return { consume: (client) => settle(limiter.consume(client), options.perMinute), close: () => {} };
  }
  return redisRateLimiter(options.redisUrl, budget, options);
}

/**
 * The budget lives in Redis, so every process draws from the same one. When Redis is down or slow,
 * each process counts on its own in-memory budget (rate-limiter-flexible's insurance limiter) and
 * keeps answering; ioredis reconnects by itself, and the shared budget is used again from the first
 * request Redis answers. Each switch is logged once.
 */
function redisRateLimiter(url: string, budget: { points: number; duration: number }, options: RateLimiterOptions): RateLimiter {
  const { logger } = options;
  const client = new Redis(url, {
    // Fail at once while disconnected instead of queueing commands until Redis is back.
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * REDIS_RETRY_STEP_MS, REDIS_RETRY_MAX_MS),
  });
  let lastError = '';
  // Without a listener, ioredis reports connection errors as unhandled; the fallback line says it once.
  client.on('error', (error: Error) => (lastError = error.message));

  let fallbackUses = 0;
  let onFallback = false;
  const insuranceLimiter = new (class extends RateLimiterMemory {
    override consume(...args: Parameters<RateLimiterMemory['consume']>): Promise<RateLimiterRes> {
      fallbackUses++;
      if (!onFallback) {
        onFallback = true;
        logger.error("Redis unavailable; rate limits use this process's own budget until it is back", { reason: lastError || 'timeout' });
      }
      return super.consume(...args);
    }
  })(budget);
  const limiter: RateLimiterAbstract = new RateLimiterRedis({
    ...budget,
    storeClient: client,
    keyPrefix: REDIS_KEY_PREFIX,
    rejectIfRedisNotReady: true,
    insuranceLimiter,
  });

  return {
    async consume(clientKey) {
      const usesBefore = fallbackUses;
      // API keys and addresses do not leave the process in clear text.
      const key = createHash('sha256').update(clientKey).digest('base64url');
      try {
        return await settle(limiter.consume(key), budget.points);
      } finally {
        if (onFallback && fallbackUses === usesBefore) {
          onFallback = false;
          logger.info('Redis is back; rate limits use the shared budget again');
        }
      }
    },
    close: () => client.disconnect(),
  };
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
