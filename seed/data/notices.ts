import type { noticeParagraphs, notices } from '../../schema/tables.ts';
import { CITY_PAGE } from './sources.ts';

export const noticeRows: (typeof notices.$inferInsert)[] = [
  {
    id: 'expiry-notice-letters-delayed', position: 1,
    titleJa: '電子証明書の有効期限通知書の郵送が遅くなっています。',
    titleEn: 'Expiry notice letters for the electronic certificates are being mailed late.',
    sourceId: CITY_PAGE,
  },
];

const paragraphs: [string, string][] = [
  [
    '電子証明書の有効期限を迎える方に対し、地方公共団体情報システム機構から、有効期限をお知らせする通知書を郵送しています。',
    'J-LIS mails a notice letter to people whose electronic certificates are about to expire.',
  ],
  [
    '現在、新型コロナウイルス感染症拡大防止の観点から、窓口の混雑を回避するため、通知書の郵送を遅らせています。',
    'At present, to prevent the spread of COVID-19 and avoid crowded counters, the letters are being mailed later.',
  ],
  [
    '通知書がなくても電子証明書の更新を行うことができます。お急ぎの方は、マイナンバーカード交付時に設定した暗証番号をご確認のうえ、カードをお住まいの区の区役所戸籍住民課またはマイナンバーカードセンターへお持ちください。',
    'You can renew the certificates without the letter. If you are in a hurry, check the PINs you set when the card was issued and bring the card to the Family Register and Resident Division of the office of the ward you live in, or to the My Number Card Center.',
  ],
  [
    'なお、電子証明書の有効期限が過ぎても、無料で更新手続を行うことができます。',
    'Renewal is free of charge even after the certificates have expired.',
  ],
  [
    '有効期限通知書の発送スケジュールについては、通知書を発送している地方公共団体情報システム機構のフリーダイヤル(0120-95-0178)にお問い合わせください。',
    'For the mailing schedule of the expiry notice letters, contact the toll-free line (0120-95-0178) of J-LIS, which mails them.',
  ],
  [
    'また、電子証明書の更新、暗証番号再設定等の手続のため、電子証明書関連システムへのアクセスが全国的に集中しています。そのため、長時間お待ちいただく場合や、カードをお預かりし後日郵送でお返しする場合がございます。',
    'Access to the certificate systems is concentrated nationwide because of procedures such as renewals and PIN re-settings, so you may have to wait a long time, or the card may be kept and returned to you by mail later.',
  ],
  [
    'ご迷惑、ご不便をおかけし、誠に申し訳ございません。ご理解のほどよろしくお願いいたします。',
    'We apologise for the inconvenience and ask for your understanding.',
  ],
];

export const noticeParagraphRows: (typeof noticeParagraphs.$inferInsert)[] = paragraphs.map(([textJa, textEn], index) => ({
  noticeId: 'expiry-notice-letters-delayed',
  position: index + 1,
  textJa,
  textEn,
}));
