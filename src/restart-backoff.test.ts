import { describe, expect, it } from 'vitest';
import { RestartBackoff, WORKER_RESTART_BACKOFF } from './restart-backoff.ts';

describe('worker restart backoff', () => {
  it('doubles from 100 ms for workers that die early, capped at 30 s', () => {
    const backoff = new RestartBackoff();
    const delays = Array.from({ length: 12 }, () => backoff.next(50));
    expect(delays).toEqual([100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000, 30_000]);
  });

  it('starts again from 100 ms after a worker lived a minute', () => {
    const backoff = new RestartBackoff();
    for (let i = 0; i < 5; i++) backoff.next(0);
    expect(backoff.next(59_999)).toBe(3_200);
    expect(backoff.next(60_000)).toBe(100);
    expect(backoff.next(10)).toBe(200);
  });

  it('stays at the cap through a long outage', () => {
    const backoff = new RestartBackoff({ initialMs: 1, maxMs: 1_000, healthyAfterMs: 10 });
    let delay = 0;
    for (let i = 0; i < 10_000; i++) delay = backoff.next(0);
    expect(delay).toBe(1_000);
  });

  it('defaults to 100 ms, doubling up to 30 s, starting again after a minute alive', () => {
    expect(WORKER_RESTART_BACKOFF).toEqual({ initialMs: 100, maxMs: 30_000, healthyAfterMs: 60_000 });
  });
});
