import { describe, expect, it } from 'vitest';
import { createTestApp, errorCodes } from '../../../test/support/app.ts';

let now = new Date('2026-11-24T14:59:59Z');
const app = createTestApp({ clock: () => now });

describe('renewalWindow', () => {
  it.each([
    ['2020-04-10', '2020-01-11'],
    ['2023-07-07', '2023-04-08'],
    ['2023-05-28', '2023-03-01'],
    ['2024-03-15', '2023-12-16'],
    ['2024-12-31', '2024-10-01'],
  ])('expiry %s opens on %s (official worked examples)', async (expiresOn, opensOn) => {
    const { body } = await app.graphql('query ($e: Date!) { renewalWindow(expiresOn: $e, asOf: "2000-01-01") { expiresOn opensOn phase asOf fee } }', { e: expiresOn });
    expect(body.data.renewalWindow).toEqual({ expiresOn, opensOn, phase: 'NOT_YET_OPEN', asOf: '2000-01-01', fee: 0 });
  });

  it('prints the source page\'s own example in 和暦, across the era boundary too', async () => {
    const { body } = await app.graphql(`{
      sapporo: renewalWindow(expiresOn: "2020-04-10", asOf: "2020-01-10") { expiresOnWareki opensOnWareki phase }
      heisei: renewalWindow(expiresOn: "2019-04-30", asOf: "2019-05-01") { expiresOnWareki phase }
      reiwa: renewalWindow(expiresOn: "2019-05-01", asOf: "2019-05-01") { expiresOnWareki phase }
    }`);
    expect(body.data).toEqual({
      sapporo: { expiresOnWareki: '令和2年4月10日', opensOnWareki: '令和2年1月11日', phase: 'NOT_YET_OPEN' },
      heisei: { expiresOnWareki: '平成31年4月30日', phase: 'EXPIRED_STILL_RENEWABLE' },
      reiwa: { expiresOnWareki: '令和元年5月1日', phase: 'OPEN' },
    });
  });

  it('rejects years outside 1900..2200 naming the argument', async () => {
    const response = await app.graphql('{ renewalWindow(expiresOn: "2201-01-01") { opensOn } }');
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ argument: 'expiresOn' });
    expect(response.body.errors?.[0]?.extensions?.field).toBeUndefined();
  });
});

describe('"today" is the date in Asia/Tokyo, from the injected clock', () => {
  it.each([
    ['2026-11-24T14:59:59Z', '2026-11-24', 'OPEN'],
    ['2026-11-24T15:00:00Z', '2026-11-25', 'EXPIRED_STILL_RENEWABLE'],
  ])('at %s it is %s in Tokyo', async (instant, today, phase) => {
    now = new Date(instant);
    const { body } = await app.graphql(`{
      renewalWindow(expiresOn: "2026-11-24") { phase asOf }
      certificateValidity(input: { birthDate: "1980-11-24", issuedOn: "2021-11-25" }) { asOf userAuthentication { expiresOn status renewal { asOf } } }
    }`);
    // The window says which day its phase is for, alone as inside a validity answer.
    expect(body.data.renewalWindow).toEqual({ phase, asOf: today });
    expect(body.data.certificateValidity.userAuthentication.renewal).toEqual({ asOf: today });
    expect(body.data.certificateValidity.asOf).toBe(today);
    expect(body.data.certificateValidity.userAuthentication).toMatchObject({
      expiresOn: '2026-11-24',
      status: phase === 'OPEN' ? 'RENEWABLE' : 'EXPIRED',
    });
  });
});
