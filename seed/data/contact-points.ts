import type { contactPoints } from '../../schema/tables.ts';
import { CITY_PAGE } from './sources.ts';

export const contactPointRows: (typeof contactPoints.$inferInsert)[] = [
  {
    id: 'sapporo-my-number-call-center', position: 1,
    nameJa: '札幌市マイナンバーカードコールセンター', nameEn: 'Sapporo My Number Card Call Center',
    purposeJa: 'ご不明な点がありましたら、札幌市マイナンバーカードコールセンター(TEL:011-600-2323)か各区役所戸籍住民課へお問い合わせください。',
    purposeEn: 'If anything is unclear, contact the Sapporo My Number Card Call Center (TEL: 011-600-2323) or the Family Register and Resident Division of any ward office.',
    phone: '011-600-2323', tollFree: false, sourceId: CITY_PAGE,
  },
  {
    id: 'jlis-free-dial', position: 2,
    nameJa: '地方公共団体情報システム機構 フリーダイヤル', nameJaKind: 'COMPOSED', nameEn: 'J-LIS toll-free line',
    purposeJa: '有効期限通知書の発送スケジュールについては、通知書を発送している地方公共団体情報システム機構のフリーダイヤル(0120-95-0178)にお問い合わせください。',
    purposeEn: 'For the mailing schedule of the expiry notice letters, contact the toll-free line (0120-95-0178) of J-LIS, which mails them.',
    phone: '0120-95-0178', tollFree: true, sourceId: CITY_PAGE,
  },
];
