import { describe, expect, it } from 'vitest';
import { COMPRESSION } from './compression.ts';
import { GraphiQLAssets, GraphiQLUnavailable, RETRY_AFTER_FAILURE_MS, type GraphiQLPage } from './graphiql-assets.ts';
import type { Bundle } from './graphiql-bundle.ts';

const NAMES = { css: 'graphiql.0000000000000000.css', js: 'graphiql.0000000000000000.js', favicon: 'favicon.0000000000000000.ico' };
const bundle: Bundle = { ...NAMES, files: new Map(), workers: { editorWorkerService: 'editor.worker.0000000000000000.js', json: 'json.worker.0000000000000000.js', graphql: 'graphql.worker.0000000000000000.js' } };

/** GraphiQLAssets on a clock the test moves, with a loader that fails until told otherwise, counting its calls. */
function assets() {
  const state = { now: 0, loads: 0, fails: true, errors: [] as unknown[] };
  const load = async () => {
    state.loads++;
    if (state.fails) throw Object.assign(new Error('no worker'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    return bundle;
  };
  const logger = { error: (msg: string, fields?: unknown) => state.errors.push({ msg, ...(fields as object) }) };
  return { state, graphiql: new GraphiQLAssets({ levels: COMPRESSION.static, logger, load, now: () => state.now }) };
}

describe('GraphiQL when its files cannot be made', () => {
  it('tries once for the visits that wait together, then not again until the delay has passed', async () => {
    const { state, graphiql } = assets();
    const [first, second] = await Promise.all([graphiql.render({}), graphiql.render({})]);
    expect(first).toEqual(new GraphiQLUnavailable(RETRY_AFTER_FAILURE_MS / 1000));
    expect(second).toEqual(first);
    expect(state.errors).toEqual([{ msg: "GraphiQL's files not made", errorClass: 'Error', code: 'ERR_WORKER_OUT_OF_MEMORY', retryInSeconds: RETRY_AFTER_FAILURE_MS / 1000 }]);

    state.now = RETRY_AFTER_FAILURE_MS - 1_500;
    expect(await graphiql.render({})).toEqual(new GraphiQLUnavailable(2));
    expect(await graphiql.answer(`/graphiql/${NAMES.js}`, { method: 'GET', headers: {} })).toEqual(new GraphiQLUnavailable(2));
    expect(state.loads).toBe(1);

    state.now = RETRY_AFTER_FAILURE_MS;
    state.fails = false;
    expect(((await graphiql.render({})) as GraphiQLPage).html).toContain(NAMES.js);
    expect(state.loads).toBe(2);
    expect(state.errors).toHaveLength(1);
  });

  it('answers a name that cannot be one of its files without loading them', async () => {
    const { state, graphiql } = assets();
    for (const name of ['x.js', '', 'graphiql.js', 'graphiql.0000000000000000.exe', '../graphql', 'font.0000000000000000.woff2/x']) {
      expect(await graphiql.answer(`/graphiql/${name}`, { method: 'GET', headers: {} }), name).toBeNull();
    }
    expect(state.loads).toBe(0);
  });
});
