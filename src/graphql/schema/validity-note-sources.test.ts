import { describe, expect, it } from 'vitest';
import { VALIDITY_NOTES } from '../../domain/validity-notes.ts';
import { createTestApp } from '../../../test/support/app.ts';

// docs/domain-rules.md §10: an answer lists the sources of every rule it applied, and a note states
// rules of the answer, so every source a note names is one of its answer's; the page its wording
// follows is one of the note's own.
const app = createTestApp({ clock: () => new Date('2026-11-25T03:00:00Z') });

const NOTE = 'noteDetails { code source { key } sources { key } }';
const VALIDITY = `
  query ($input: CertificateValidityInput!) {
    certificateValidity(input: $input) {
      ${NOTE} sources { key }
      userAuthentication { sources { key } renewal { ${NOTE} sources { key } } }
      signature { sources { key } renewal { ${NOTE} sources { key } } }
    }
  }`;
const ELIGIBILITY = `
  query ($input: ConvenienceStoreEligibilityInput!) {
    convenienceStoreEligibility(input: $input) { ${NOTE} sources { key } }
  }`;

interface Noted {
  noteDetails: { code: string; source: { key: string }; sources: { key: string }[] }[];
  sources: { key: string }[];
}

/** Inputs that between them give every note code: births on 29 February, on 30 May (a window opening on 31 February) and others; renewals inside, before and outside the window; caps, guardianship, under 15, expired windows. */
function validityInputs(): Record<string, unknown>[] {
  const inputs: Record<string, unknown>[] = [];
  for (const birthDate of ['1980-10-10', '2000-02-29', '2012-05-31', '1990-05-30']) {
    for (const issuedOn of ['2020-05-15', '2021-08-31', '2024-09-01']) {
      for (const previous of [{}, { previousExpiresOn: '2020-10-10' }, { previousExpiresOn: '2020-01-10' }, { previousUserAuthenticationExpiresOn: '2024-10-10', previousSignatureExpiresOn: '2024-10-10' }, { previousUserAuthenticationExpiresOn: '2025-06-01' }, { previousSignatureExpiresOn: '2024-10-10' }, { appliedOn: '2020-03-01', previousExpiresOn: '2020-05-01' }]) {
        for (const card of [{}, { cardExpiresOn: '2023-05-15' }, { cardExpiresOn: '2040-01-01' }]) {
          for (const asOf of ['2021-01-01', '2026-11-25', '2031-12-01']) {
            for (const underGuardianship of [false, true]) inputs.push({ birthDate, issuedOn, ...previous, ...card, asOf, underGuardianship });
          }
        }
      }
    }
  }
  return inputs;
}

const keys = (sources: { key: string }[]) => sources.map((source) => source.key);

describe('the sources a note names', () => {
  it('are among its answer\'s, and hold the one its wording follows, for every note code', async () => {
    const seen = new Set<string>();
    const check = (answer: Noted, where: string) => {
      for (const note of answer.noteDetails) {
        seen.add(note.code);
        expect(keys(note.sources), `${where}: ${note.code}`).toContain(note.source.key);
        for (const key of keys(note.sources)) expect(keys(answer.sources), `${where}: ${note.code}`).toContain(key);
      }
    };
    for (const input of validityInputs()) {
      const response = await app.graphql(VALIDITY, { input });
      if (response.body.errors) continue;
      const result = response.body.data.certificateValidity;
      check(result, JSON.stringify(input));
      for (const certificate of [result.userAuthentication, result.signature]) {
        if (certificate.renewal) check(certificate.renewal, `${JSON.stringify(input)} window`);
      }
    }
    for (const birthDate of ['2000-02-29', '2012-02-29', '1980-10-10']) {
      const response = await app.graphql(ELIGIBILITY, { input: { birthDate, asOf: '2027-02-28', userAuthenticationExpiresOn: '2030-01-01' } });
      check(response.body.data.convenienceStoreEligibility, birthDate);
    }
    expect([...seen].sort()).toEqual([...VALIDITY_NOTES].sort());
  }, 120_000);

  it('are our policy and the Act on the Calculation of Age for a 29 February birth', async () => {
    const response = await app.graphql(VALIDITY, { input: { birthDate: '2000-02-29', issuedOn: '2021-06-01', asOf: '2026-11-25' } });
    const note = response.body.data.certificateValidity.noteDetails.find((detail: { code: string }) => detail.code === 'LEAP_DAY_BIRTHDAY_ASSUMED');
    expect(keys(note.sources)).toEqual(['api-policy', 'age-calculation-act']);
    expect(note.source.key).toBe('api-policy');
  });
});
