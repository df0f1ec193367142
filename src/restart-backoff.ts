export interface BackoffOptions {
  /** Delay before the first restart. */
  initialMs: number;
  /** The delay doubles after each early death, up to this. */
  maxMs: number;
  /** A worker that lived this long was healthy: the next restart starts from initialMs again. */
  healthyAfterMs: number;
}

/** 100 ms, 200 ms, 400 ms … 30 s: a crash-looping cluster settles at one fork every 30 s. */
export const WORKER_RESTART_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 30_000, healthyAfterMs: 60_000 };

/**
 * Delays before replacing workers that die, shared by the whole cluster so that workers dying
 * together (a broken file, a port taken) cannot fork faster than the backoff allows.
 */
export class RestartBackoff {
  readonly #options: BackoffOptions;
  #earlyDeaths = 0;

  constructor(options: BackoffOptions = WORKER_RESTART_BACKOFF) {
    this.#options = options;
  }

  /** The delay before replacing a worker that lived `livedMs`. */
  next(livedMs: number): number {
    if (livedMs >= this.#options.healthyAfterMs) this.#earlyDeaths = 0;
    const delay = Math.min(this.#options.maxMs, this.#options.initialMs * 2 ** this.#earlyDeaths);
    // Capped, so the exponent cannot grow without bound over a long outage.
    if (delay < this.#options.maxMs) this.#earlyDeaths += 1;
    return delay;
  }
}
