import { describe, expect, it } from 'vitest';
import { sharedRender } from './metrics-server.ts';

/** A rendering that counts its calls and settles when told to. */
function renderer() {
  const pending: ((text: string) => void)[] = [];
  return {
    calls: () => pending.length,
    render: () => new Promise<string>((resolve) => pending.push(resolve)),
    settle: (text: string) => pending.at(-1)!(text),
  };
}

describe('sharedRender', () => {
  it('renders once for every scrape that comes while a rendering runs, and gives each the same text', async () => {
    const { calls, render, settle } = renderer();
    const text = sharedRender(render, 60_000);
    const scrapes = [text(), text(), text()];
    expect(calls()).toBe(1);
    settle('one');
    expect(await Promise.all(scrapes)).toEqual(['one', 'one', 'one']);
  });

  it('does not render again within the interval after a rendering', async () => {
    const { calls, render, settle } = renderer();
    const text = sharedRender(render, 60_000);
    const first = text();
    settle('one');
    await first;
    expect(await text()).toBe('one');
    expect(calls()).toBe(1);
  });

  it('renders again once the interval has passed since the last rendering settled', async () => {
    const { calls, render, settle } = renderer();
    const text = sharedRender(render, 0);
    const first = text();
    settle('one');
    await first;
    const second = text();
    expect(calls()).toBe(2);
    settle('two');
    expect(await second).toBe('two');
  });
});
