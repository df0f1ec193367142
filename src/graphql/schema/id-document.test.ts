import { describe, expect, it } from 'vitest';
import { createTestApp, errorCodes } from '../../../test/support/app.ts';

const app = createTestApp();

// docs/domain-rules.md §5, in the source's order.
const LIST_A = [
  'マイナンバーカード', '住民基本台帳カード(写真付き)', '運転免許証', '運転経歴証明書(平成24年4月1日以降に交付されたものに限る。)',
  '旅券(パスポート)', '一時庇護許可書', '在留カード', '仮滞在許可書',
  '特別永住者証明書又は特別永住者証明書とみなされている外国人登録証明書', '身体障害者手帳', '船員手帳', '海技免状',
  '小型船舶操縦免許証', '猟銃・空気銃所持許可証', '戦傷病者手帳', '宅地建物取引士証', '電気工事士免状', '無線従事者免許証',
  '認定電気工事従事者認定証', '特種電気工事資格者認定証', '耐空検査員の証', '航空従事者技能証明書', '運航管理者技能検定合格証明書',
  '動力車操縦者運転免許証', '教習資格認定証', '検定合格証', '官公署がその職員に対して発行した写真付の身分証明書',
];

describe('idDocumentLists', () => {
  it('serves list A: its rules and the 27 documents in the source order', async () => {
    const { body } = await app.graphql(`{
      idDocumentLists { code description { ja } rules { ja en } documents { position name { ja en } issuedOnOrAfter photoRequired } }
    }`);
    expect(body.errors).toBeUndefined();
    const [list] = body.data.idDocumentLists;
    expect(body.data.idDocumentLists).toHaveLength(1);
    expect(list.code).toBe('A');
    expect(list.rules.map((r: { ja: string }) => r.ja)).toEqual([
      '有効期限が切れているもの・コピーは不可',
      '旧姓・旧住所のものは新しい内容に変更してからお持ちください。',
    ]);
    expect(list.documents.map((d: { name: { ja: string } }) => d.name.ja)).toEqual(LIST_A);
    expect(list.documents.map((d: { position: number }) => d.position)).toEqual(LIST_A.map((_, i) => i + 1));
    const conditioned = list.documents.filter((d: { issuedOnOrAfter: string | null }) => d.issuedOnOrAfter !== null);
    expect(conditioned).toEqual([expect.objectContaining({ position: 4, issuedOnOrAfter: '2012-04-01' })]);
    expect(list.documents.filter((d: { photoRequired: boolean }) => d.photoRequired).map((d: { position: number }) => d.position)).toEqual([2, 27]);
  });

  it.each([
    ['2012-03-31', 4, false],
    ['2012-04-01', 4, true],
    ['2020-01-01', 4, true],
    ['1990-01-01', 3, true],
  ])('acceptableIfIssuedOn(%s) for document %i → %s', async (issuedOn, position, acceptable) => {
    const { body } = await app.graphql(
      `query ($on: Date!) { idDocumentLists { documents { position acceptableIfIssuedOn(issuedOn: $on) } } }`,
      { on: issuedOn },
    );
    const document = body.data.idDocumentLists[0].documents.find((d: { position: number }) => d.position === position);
    expect(document.acceptableIfIssuedOn).toBe(acceptable);
  });

  it('rejects an impossible issue date with BAD_USER_INPUT', async () => {
    const response = await app.graphql(`{ idDocumentLists { documents { acceptableIfIssuedOn(issuedOn: "2012-02-30") } } }`);
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
