import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.ts';
import { REFUSAL_WORDS } from './support/refusal-order.ts';

// docs/domain-rules.md §8, docs/api-contract.md §6, the kiosk guide and schema/schema.graphql say the
// same thing about the refusal order, the remedies and the steps before use, and the answers do what they say.

const read = (file: string) => readFileSync(file, 'utf8');
/** Markdown prose on one line: a line break and its indentation inside a sentence are no text. */
const oneLine = (text: string) => text.replace(/\n\s*/g, ' ').replace(/(?<=[^\x00-\x7F]) (?=[^\x00-\x7F])/g, '');

const contract = buildSchema(read('schema/schema.graphql'));
const refusalEnum = contract.getType('ConvenienceStoreRefusal') as GraphQLEnumType;
const stepEnum = contract.getType('ConvenienceStoreStep') as GraphQLEnumType;
const apiContract = oneLine(read('docs/api-contract.md'));
const domainRules = oneLine(read('docs/domain-rules.md'));
const kiosk = read('docs/kiosk-integrators.md');
const kioskProse = oneLine(kiosk);

/** The refusals a text lists "in this order: …" in words, a code in brackets after each word allowed. */
const inWords = (text: string) =>
  /in this order: (minimum age.*?not domiciled)/
    .exec(text.replace(/ \(`[A-Z_]+`\)/g, ''))![1]!
    .split(', ')
    .map((word) => REFUSAL_WORDS[word.trim()]);
/** Whether a long document contains a passage; the message shows the passage, not the document. */
const holds = (document: string, passage: string) => expect(document.includes(passage), passage).toBe(true);

const app = createTestApp();
async function answer(input: Record<string, unknown>) {
  const { body } = await app.graphql(
    'query ($input: ConvenienceStoreEligibilityInput!) { convenienceStoreEligibility(input: $input) { refusals remainingRefusals remedies { kind } stepsBeforeUse } }',
    { input: { asOf: '2026-11-25', ...input } },
  );
  return body.data.convenienceStoreEligibility;
}

/** The kiosk guide's table of refusals: code, and its remedy (null for none), in the table's order. */
function kioskTable(): [string, string | null][] {
  return [...kiosk.matchAll(/^\| `([A-Z_]+)` \| [^|]+ \| [^|]+ \| (`[A-Z_]+`|—) \|$/gm)].map(([, code, remedy]) => [code!, remedy === '—' ? null : remedy!.replaceAll('`', '')]);
}

describe('the refusal order', () => {
  it('is the one the domain rules state (docs/domain-rules.md §8), and the answers, the schema and every document follow it', async () => {
    const order = inWords(domainRules.slice(domainRules.indexOf('## 8. Convenience-store issuance')));
    expect(order).toHaveLength(6);
    const everything = await answer({ birthDate: '2015-01-01', underGuardianship: true, userAuthenticationExpiresOn: '2025-01-01', pinLocked: true, residentOfSapporo: false });
    expect(everything.refusals).toEqual(order);
    expect(inWords(refusalEnum.description!)).toEqual(order);
    expect(inWords(apiContract.slice(apiContract.indexOf('**Refusal order.**')))).toEqual(order);
    expect([...apiContract.slice(apiContract.indexOf('**Refusal order.**')).matchAll(/\(`([A-Z_]+)`\)/g)].slice(0, 6).map(([, code]) => code)).toEqual(order);
    expect(inWords(kioskProse.slice(kioskProse.indexOf('### Refusal codes')))).toEqual(order);
    expect(kioskTable().map(([code]) => code)).toEqual(order);
  });
});

describe('the remedies', () => {
  it('are tied to the same refusals in the kiosk guide, the contract, the schema and the answers', async () => {
    const cures = {
      CERTIFICATE_EXPIRED: (await answer({ birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24' })).remedies.map((r: { kind: string }) => r.kind),
      PIN_LOCKED: (await answer({ birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10', pinLocked: true })).remedies.map((r: { kind: string }) => r.kind),
    };
    expect(cures).toEqual({ CERTIFICATE_EXPIRED: ['RENEWAL'], PIN_LOCKED: ['PIN_RESET'] });
    const cured = new Map(Object.entries(cures).map(([refusal, [procedure]]) => [refusal, procedure!]));
    for (const [refusal, remedy] of kioskTable()) expect(remedy, refusal).toBe(cured.get(refusal) ?? null);
    for (const value of refusalEnum.getValues()) {
      const procedure = cured.get(value.name);
      if (procedure === undefined) expect(value.description, value.name).toContain('No procedure cures it');
      else expect(value.description, value.name).toContain(`(${procedure}`);
    }
    const tied = [...cured].map(([refusal, procedure]) => `\`${procedure}\` cures \`${refusal}\``).join(', ');
    holds(apiContract, tied);
    holds(kioskProse, tied);
    const everything = await answer({ birthDate: '2015-01-01', underGuardianship: true, userAuthenticationExpiresOn: '2025-01-01', pinLocked: true, residentOfSapporo: false });
    const uncured = (everything.refusals as string[]).filter((name) => !cured.has(name));
    const list = `${uncured.slice(0, -1).map((name) => `\`${name}\``).join(', ')} or \`${uncured.at(-1)}\``;
    holds(apiContract, `No procedure cures ${list}`);
    holds(kioskProse, `Nothing cures ${list}`);
    // What no procedure cures stays.
    expect(everything.remainingRefusals).toEqual(uncured);
  });
});

describe('the steps before use', () => {
  it('quote ※2 of the convenience-store page alike, and a resident elsewhere with 本籍 in Sapporo gets the step', async () => {
    const { body } = await app.graphql('{ convenienceStoreService { conditions { ja } } }');
    const note2 = body.data.convenienceStoreService.conditions.map((c: { ja: string }) => c.ja).find((ja: string) => ja.startsWith('※2'));
    const quote = note2.replace(/^※2 /, '');
    expect(stepEnum.getValues().map((value) => value.name)).toEqual(['USE_REGISTRATION']);
    expect(stepEnum.getValue('USE_REGISTRATION')!.description).toContain(`「${quote}」`);
    holds(kioskProse, `「${quote}」`);
    holds(apiContract, '`USE_REGISTRATION`, the use registration (利用登録申請) of ※2');
    for (const text of [kioskProse, apiContract]) holds(text, '`eligible` does not wait for it');
    expect((await answer({ birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10', residentOfSapporo: false, domicileInSapporo: true })).stepsBeforeUse).toEqual(['USE_REGISTRATION']);
  });
});
