import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { PIN_EXAMPLES } from '../../../test/support/pin-examples.ts';

const app = createTestApp();

const TYPES = `{
  certificateTypes {
    kind validityBirthdays renewalValidityBirthdays minimumAge issuedToAdultsUnderGuardianship
    name { ja en } uses { ja } validity { ja } notIssuedTo { ja } revokedWhen { ja }
    pinRule { minLength maxLength allowedCharacters requiresLetter requiresDigit lowerCaseConvertedToUpperCase pattern lockAfterFailedAttempts description { ja } }
  }
}`;

async function pinRules() {
  const { body } = await app.graphql(TYPES);
  expect(body.errors).toBeUndefined();
  const [user, signature] = body.data.certificateTypes;
  return { user, signature };
}

describe('certificateTypes', () => {
  it('serves both certificates with the source\'s rules', async () => {
    const { user, signature } = await pinRules();
    expect(user).toMatchObject({
      kind: 'USER_AUTHENTICATION',
      name: { ja: '利用者証明用電子証明書' },
      validityBirthdays: 5,
      renewalValidityBirthdays: 6,
      minimumAge: null,
      issuedToAdultsUnderGuardianship: true,
      notIssuedTo: null,
      validity: { ja: '発行日から5回目の誕生日まで' },
      pinRule: { minLength: 4, maxLength: 4, allowedCharacters: '0123456789', requiresLetter: false, lockAfterFailedAttempts: 3, description: { ja: '4桁の数字' } },
    });
    expect(signature).toMatchObject({
      kind: 'SIGNATURE',
      name: { ja: '署名用電子証明書' },
      validityBirthdays: 5,
      minimumAge: 15,
      issuedToAdultsUnderGuardianship: false,
      notIssuedTo: { ja: '※15歳未満の方及び成年被後見人の方には、「署名用電子証明書」は発行されません。' },
      pinRule: {
        minLength: 6,
        maxLength: 16,
        allowedCharacters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
        requiresLetter: true,
        requiresDigit: true,
        lowerCaseConvertedToUpperCase: true,
        lockAfterFailedAttempts: 5,
      },
    });
    expect(signature.revokedWhen[0].ja).toContain('氏名(通称)、住所、生年月日、性別に変更があった場合');
  });

  // docs/domain-rules.md §1: both certificates end with the card; the city's page says so in words for
  // the user-authentication certificate only, so the signature's line is ours (COMPOSED).
  it('both certificates end with the card: the user-authentication one in the page\'s words, the signature one in ours', async () => {
    const { body } = await app.graphql('{ certificateTypes { kind revokedWhen { ja en jaKind } } }');
    const [user, signature] = body.data.certificateTypes;
    expect(user.revokedWhen).toEqual([
      { ja: 'ただし、マイナンバーカードが失効した場合は、利用者証明用電子証明書も同時に失効します。', en: 'If the My Number Card itself is revoked or expires, the user authentication certificate ends with it.', jaKind: 'VERBATIM' },
    ]);
    expect(signature.revokedWhen).toEqual([
      { ja: expect.stringContaining('氏名(通称)、住所、生年月日、性別に変更があった場合'), en: expect.any(String), jaKind: 'VERBATIM' },
      { ja: 'マイナンバーカードが失効した場合は、署名用電子証明書も同時に失効します。', en: 'If the My Number Card itself is revoked or expires, the signature certificate ends with it.', jaKind: 'COMPOSED' },
    ]);
  });

  it.each(PIN_EXAMPLES.USER_AUTHENTICATION)('user-authentication PIN pattern: %j → %s', async (pin, valid) => {
    const { user } = await pinRules();
    expect(new RegExp(user.pinRule.pattern).test(pin)).toBe(valid);
  });

  it.each(PIN_EXAMPLES.SIGNATURE)('signature PIN pattern: %j → %s', async (pin, valid) => {
    const { signature } = await pinRules();
    expect(new RegExp(signature.pinRule.pattern).test(pin)).toBe(valid);
  });

  it('looks one certificate type up by kind', async () => {
    const { body } = await app.graphql('{ certificateType(kind: SIGNATURE) { kind pinRule { lockAfterFailedAttempts } } }');
    expect(body.data.certificateType).toEqual({ kind: 'SIGNATURE', pinRule: { lockAfterFailedAttempts: 5 } });
  });
});
