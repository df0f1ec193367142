import type { idDocumentListRules, idDocumentLists, idDocuments } from '../../schema/tables.ts';
import { CITY_PAGE, CONVENIENCE_STORE_PAGE } from './sources.ts';

export const idDocumentListRows: (typeof idDocumentLists.$inferInsert)[] = [
  {
    code: 'A', position: 1,
    descriptionJa: '後日、照会書が届いたら、下記のものを窓口へお持ちください。',
    descriptionEn: 'Later, when the inquiry letter arrives, bring the following to the counter.',
    sourceId: CITY_PAGE,
  },
];

export const idDocumentListRuleRows: (typeof idDocumentListRules.$inferInsert)[] = [
  { listCode: 'A', position: 1, textJa: '有効期限が切れているもの・コピーは不可', textEn: 'No expired documents and no copies.' },
  {
    listCode: 'A', position: 2,
    textJa: '旧姓・旧住所のものは新しい内容に変更してからお持ちください。',
    textEn: 'A document showing a former name or address must be updated before you bring it.',
  },
];

type Optional = 'issuedOnOrAfter' | 'photoRequired' | 'lastExpiresOn' | 'lastExpiresOnSourceId';
type Document = Omit<typeof idDocuments.$inferInsert, 'listCode' | 'position' | Optional> & Partial<Pick<typeof idDocuments.$inferInsert, Optional>>;

// In the source's order: the position is the number partners see.
const listA: Document[] = [
  { nameJa: 'マイナンバーカード', nameEn: 'My Number Card' },
  {
    nameJa: '住民基本台帳カード(写真付き)',
    nameEn: 'Basic Resident Register card (with photo)',
    photoRequired: true,
    // The convenience-store page: 「※2025年12月末で全ての住基カードが有効期限を迎えます。」 List A takes no expired document.
    lastExpiresOn: '2025-12-31',
    lastExpiresOnSourceId: CONVENIENCE_STORE_PAGE,
  },
  { nameJa: '運転免許証', nameEn: "Driver's licence" },
  {
    nameJa: '運転経歴証明書(平成24年4月1日以降に交付されたものに限る。)',
    nameEn: 'Certificate of driving history (only one issued on or after 1 April 2012)',
    issuedOnOrAfter: '2012-04-01',
  },
  { nameJa: '旅券(パスポート)', nameEn: 'Passport' },
  { nameJa: '一時庇護許可書', nameEn: 'Temporary refuge permit' },
  { nameJa: '在留カード', nameEn: 'Residence card' },
  { nameJa: '仮滞在許可書', nameEn: 'Provisional stay permit' },
  {
    nameJa: '特別永住者証明書又は特別永住者証明書とみなされている外国人登録証明書',
    nameEn: 'Special permanent resident certificate, or an alien registration certificate deemed to be one',
  },
  { nameJa: '身体障害者手帳', nameEn: 'Physical disability certificate' },
  { nameJa: '船員手帳', nameEn: "Seafarer's handbook" },
  { nameJa: '海技免状', nameEn: "Maritime officer's licence" },
  { nameJa: '小型船舶操縦免許証', nameEn: 'Small vessel operator licence' },
  { nameJa: '猟銃・空気銃所持許可証', nameEn: 'Hunting gun / air gun possession permit' },
  { nameJa: '戦傷病者手帳', nameEn: 'Handbook for the war-wounded and sick' },
  { nameJa: '宅地建物取引士証', nameEn: 'Real estate transaction agent licence card' },
  { nameJa: '電気工事士免状', nameEn: "Electrician's licence" },
  { nameJa: '無線従事者免許証', nameEn: 'Radio operator licence' },
  { nameJa: '認定電気工事従事者認定証', nameEn: 'Certified electrical worker certificate' },
  { nameJa: '特種電気工事資格者認定証', nameEn: 'Special electrical work qualification certificate' },
  { nameJa: '耐空検査員の証', nameEn: 'Airworthiness inspector certificate' },
  { nameJa: '航空従事者技能証明書', nameEn: 'Aviation personnel competence certificate' },
  { nameJa: '運航管理者技能検定合格証明書', nameEn: 'Flight dispatcher examination pass certificate' },
  { nameJa: '動力車操縦者運転免許証', nameEn: 'Railway motive-power vehicle operator licence' },
  { nameJa: '教習資格認定証', nameEn: 'Driving instructor qualification certificate' },
  { nameJa: '検定合格証', nameEn: 'Examination pass certificate' },
  {
    nameJa: '官公署がその職員に対して発行した写真付の身分証明書',
    nameEn: 'Photo identification issued by a government agency to its staff',
    photoRequired: true,
  },
];

export const idDocumentRows: (typeof idDocuments.$inferInsert)[] = listA.map((document, index) => ({
  issuedOnOrAfter: null,
  photoRequired: false,
  lastExpiresOn: null,
  lastExpiresOnSourceId: null,
  ...document,
  listCode: 'A',
  position: index + 1,
}));
