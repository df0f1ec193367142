import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';

const app = createTestApp();

describe('notices, contact points, procedures, sources', () => {
  it('serves the notice that opens the page, paragraph by paragraph', async () => {
    const { body } = await app.graphql('{ notices { title { ja } paragraphs { ja en } source { key } } }');
    expect(body.data.notices).toHaveLength(1);
    expect(body.data.notices[0].title.ja).toBe('電子証明書の有効期限通知書の郵送が遅くなっています。');
    expect(body.data.notices[0].paragraphs).toHaveLength(7);
    expect(body.data.notices[0].paragraphs[3].ja).toBe('なお、電子証明書の有効期限が過ぎても、無料で更新手続を行うことができます。');
  });

  it('serves both contact points with their numbers as printed', async () => {
    const { body } = await app.graphql('{ contactPoints { key phone tollFree name { ja } } }');
    expect(body.data.contactPoints).toEqual([
      { key: 'sapporo-my-number-call-center', phone: '011-600-2323', tollFree: false, name: { ja: '札幌市マイナンバーカードコールセンター' } },
      { key: 'jlis-free-dial', phone: '0120-95-0178', tollFree: true, name: { ja: '地方公共団体情報システム機構 フリーダイヤル' } },
    ]);
  });

  it('serves both procedures: renewal is free, the PIN fee is unknown (null, not 0)', async () => {
    const { body } = await app.graphql('{ procedures { kind feeYen name { ja } requirements { ja } notes { ja } } }');
    const [renewal, pinReset] = body.data.procedures;
    expect(renewal).toMatchObject({ kind: 'RENEWAL', feeYen: 0, name: { ja: '電子証明書の更新' } });
    expect(pinReset).toMatchObject({ kind: 'PIN_RESET', feeYen: null, name: { ja: '暗証番号の初期化・再設定' } });
    expect(renewal.notes.map((n: { ja: string }) => n.ja)).toContain('更新手数料は無料です(カード紛失・破損の場合を除く)。また、電子証明書の有効期限が過ぎてしまった場合でも、無料で更新することができます。');
    expect(pinReset.requirements.map((r: { ja: string }) => r.ja)).toContain('15歳未満の方や成年被後見人が申請するときは、法定代理人の同行が必要です。');
  });

  it('names the source of every fact, with the pages\' URLs and our policy labelled as such', async () => {
    const { body } = await app.graphql('{ sources { key kind url title { ja jaKind } publisher { ja } } }');
    const byKey = new Map(body.data.sources.map((s: { key: string }) => [s.key, s]));
    expect([...byKey.keys()].sort()).toEqual([
      'age-calculation-act',
      'akita-renewal-page',
      'api-policy',
      'edogawa-renewal-page',
      'higashimurayama-validity-faq',
      'jlis-pin-page',
      'mic-local-government-codes',
      'nerima-renewal-page',
      'sapporo-jpki-page',
      'sapporo-konbini-kofu-page',
      'sapporo-teine-card-center-page',
    ]);
    expect(byKey.get('sapporo-jpki-page')).toMatchObject({
      kind: 'PUBLIC_PAGE',
      url: 'https://www.city.sapporo.jp/shimin/koseki/card/jpki.html',
      title: { ja: '電子証明書 (公的個人認証サービス)', jaKind: 'COMPOSED' },
    });
    expect(byKey.get('sapporo-konbini-kofu-page')).toMatchObject({ url: 'http://www.city.sapporo.jp/shimin/koseki/shomei/konbinikofu.html' });
    expect(byKey.get('sapporo-teine-card-center-page')).toMatchObject({ url: 'https://www.city.sapporo.jp/teine/todokede/mynum.html' });
    expect(byKey.get('jlis-pin-page')).toMatchObject({ url: 'https://www2.jpki.go.jp/procedure/password.html' });
    expect(byKey.get('api-policy')).toMatchObject({ kind: 'OUR_POLICY', url: null, title: { jaKind: 'COMPOSED' } });
    // The other municipalities' pages that state the national rules (the shared source list's URLs).
    expect(byKey.get('higashimurayama-validity-faq')).toMatchObject({
      url: 'https://www.city.higashimurayama.tokyo.jp/faq/kurashi/koseki/juki/jnet_q_005.html',
      title: { ja: '公的個人認証サービス(電子証明書)の有効期間は。', jaKind: 'VERBATIM' },
      publisher: { ja: '東村山市' },
    });
    expect(byKey.get('akita-renewal-page')).toMatchObject({ url: 'http://www.pref.akita.lg.jp/pages/archive/1926', publisher: { ja: '秋田県' } });
    expect(byKey.get('nerima-renewal-page')).toMatchObject({ url: 'https://www.city.nerima.tokyo.jp/kurashi/mynumber/mynumber_card/koshin/denshishomei.html', publisher: { ja: '練馬区' } });
    expect(byKey.get('edogawa-renewal-page')).toMatchObject({
      url: 'https://www.city.edogawa.tokyo.jp/e038/kurashi/mynumber/card/denshisyomei/dennshokoshin.html',
      publisher: { ja: '江戸川区' },
    });
  });

  it('serves the notice-letter facts in the renewal notes and links the PIN procedure to list A', async () => {
    const { body } = await app.graphql('{ procedures { kind name { jaKind } notes { ja } idDocumentList { code documents { position } } } }');
    const [renewal, pinReset] = body.data.procedures;
    const notes = renewal.notes.map((n: { ja: string }) => n.ja).join('\n');
    expect(notes).toContain('有効期限を迎える3か月前から順次、通知書を郵送');
    expect(notes).toContain('有効期限が過ぎた場合、住民票等証明書のコンビニ交付等、電子証明書を利用したサービスをご利用いただけなくなります。');
    expect(renewal).toMatchObject({ name: { jaKind: 'COMPOSED' }, idDocumentList: null });
    expect(pinReset.name.jaKind).toBe('COMPOSED');
    expect(pinReset.idDocumentList.code).toBe('A');
    expect(pinReset.idDocumentList.documents).toHaveLength(27);
  });

  it('credits the lower-case PIN rule to J-LIS, not the city', async () => {
    const { body } = await app.graphql(
      '{ certificateTypes { kind source { key } pinRule { lowerCaseConvertedToUpperCase lowerCaseConversionSource { key publisher { ja } } } } }',
    );
    expect(body.data.certificateTypes).toEqual([
      { kind: 'USER_AUTHENTICATION', source: { key: 'sapporo-jpki-page' }, pinRule: { lowerCaseConvertedToUpperCase: false, lowerCaseConversionSource: null } },
      {
        kind: 'SIGNATURE',
        source: { key: 'sapporo-jpki-page' },
        pinRule: { lowerCaseConvertedToUpperCase: true, lowerCaseConversionSource: { key: 'jlis-pin-page', publisher: { ja: '地方公共団体情報システム機構（J-LIS）' } } },
      },
    ]);
  });

  // docs/domain-rules.md §4: the PIN procedure asks for the card, which its section of the page never
  // says in words; where to go is `offices`, not a requirement.
  it('PIN re-initialisation asks for the card first, in words of ours (COMPOSED), and lists no office among its requirements', async () => {
    const { body } = await app.graphql('{ procedure(kind: PIN_RESET) { requirements { ja en jaKind } offices(residentWard: KITA) { name { ja } } } }');
    const { requirements, offices } = body.data.procedure;
    expect(requirements[0]).toEqual({ ja: 'マイナンバーカードをお持ちください。', en: 'Bring your My Number Card.', jaKind: 'COMPOSED' });
    expect(requirements.slice(1).map((r: { jaKind: string }) => r.jaKind)).toEqual(['VERBATIM', 'VERBATIM', 'VERBATIM']);
    expect(requirements.map((r: { ja: string }) => r.ja)).not.toContain('住民登録している区の区役所戸籍住民課');
    expect(offices.map((o: { name: { ja: string } }) => o.name.ja)).toEqual(['北区役所', '札幌市マイナンバーカードセンター']);
  });

  // The city's page prints 【1回目に来るとき】【2回目に来るとき】 and then these two sentences, neither of
  // which names a visit, list A, the letter as a thing to bring, or "one of": the English says no more.
  it('translates list A\'s opening and the PIN procedure\'s letter sentences without adding to them', async () => {
    const { body } = await app.graphql('{ idDocumentLists { description { ja en jaKind } } procedure(kind: PIN_RESET) { requirements { ja en } } }');
    expect(body.data.idDocumentLists[0].description).toEqual({
      ja: '後日、照会書が届いたら、下記のものを窓口へお持ちください。',
      en: 'Later, when the inquiry letter arrives, bring the following to the counter.',
      jaKind: 'VERBATIM',
    });
    expect(body.data.procedure.requirements.slice(1, 3)).toEqual([
      { ja: 'ご本人あてに、確認のための照会書を住民登録のある住所へ送付します。', en: 'An inquiry letter addressed to you, for confirmation, is sent to the address where you are registered as a resident.' },
      { ja: '後日、照会書が届いたら、下記のものを窓口へお持ちください。', en: 'Later, when the inquiry letter arrives, bring the following to the counter.' },
    ]);
    const english = JSON.stringify(body.data);
    for (const added of ['First visit', 'Second visit', 'bring it', 'one of the following', '2nd visit']) expect(english).not.toContain(added);
  });
});
