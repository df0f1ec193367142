// The kiosk flow, typed end to end: PIN rules, can this resident use convenience-store issuance
// (and if under 15, from when), where to go for each remedy, and when a certificate's renewal window opens.
// Run: node examples/typescript/main.ts [endpoint]   (default http://localhost:4000/graphql)
import { KIOSK_OPERATIONS, kioskClient } from './kiosk-client.ts';
import type { ConvenienceStoreEligibilityInput, Ward } from './generated/operations.ts';

const run = kioskClient(process.argv[2] ?? 'http://localhost:4000/graphql');
const residentWard: Ward = 'KITA';
// Fixed days, so the answers never change; a kiosk leaves `asOf` out to mean today in Tokyo.
const asOf = '2026-11-25';

const { certificateTypes } = await run(KIOSK_OPERATIONS.pinGuidance, {});
for (const { kind, pinRule } of certificateTypes) {
  const typed = kind === 'SIGNATURE' ? 'abc123' : '1234';
  // Only a–z: toUpperCase() would also turn ß into SS, which the pattern then accepts.
  const pin = pinRule.lowerCaseConvertedToUpperCase ? typed.replace(/[a-z]/g, (letter) => letter.toUpperCase()) : typed;
  console.log(`PIN ${kind}: ${pinRule.minLength}-${pinRule.maxLength} characters, locks after ${pinRule.lockAfterFailedAttempts} wrong tries; "${typed}" ${new RegExp(pinRule.pattern).test(pin) ? 'fits' : 'does not fit'}`);
  // Who says lower case is read as upper case: J-LIS, not the city; cite it beside the rule.
  const conversion = pinRule.lowerCaseConversionSource;
  if (conversion !== null) console.log(`PIN ${kind}: lower case is read as upper case, per ${conversion.title.ja} ${conversion.url ?? ''}`);
}

// Personal data (a birth date): the client sends it by POST, and the server never logs or caches it.
async function showEligibility(input: ConvenienceStoreEligibilityInput) {
  const { convenienceStoreEligibility: eligibility } = await run(KIOSK_OPERATIONS.convenienceStoreAdvice, { input });
  // The steps at the kiosk come first, whatever the verdict (the guide's "Start here").
  for (const step of eligibility.stepsBeforeUse) console.log(`At the kiosk first: ${step}`);
  console.log(`Convenience-store issuance on ${eligibility.asOf}: ${eligibility.eligible ? 'yes' : `no (${eligibility.refusals.join(', ')})`}`);
  // Under 15: the day the resident may use the service (1 March in a common year for a 29 February birth).
  if (eligibility.minimumAgeReachedOn !== null) console.log(`Old enough (15) from ${eligibility.minimumAgeReachedOn}`);
  eligibility.notes.forEach((note, index) => console.log(`Note ${eligibility.noteCodes[index]}: ${note.en}`));
  // Offices only when going there helps: the remedies cure every refusal.
  if (!eligibility.eligible && !eligibility.eligibleAfterRemedies) console.log(`No procedure cures: ${eligibility.remainingRefusals.join(', ')}`);
  for (const remedy of eligibility.eligibleAfterRemedies ? eligibility.remedies : []) {
    const { officesForProcedure } = await run(KIOSK_OPERATIONS.officesGuidance, { procedure: remedy.kind, residentWard });
    console.log(`${remedy.name.en}: ${officesForProcedure.map((office) => `${office.name.ja} ${office.phone ?? '(no phone listed)'}`).join('; ')}`);
    showReservations(officesForProcedure);
  }
}

/** Which office asks for a reservation (要予約), when and for what. */
function showReservations(offices: readonly { name: { ja: string }; reservation: { when: { ja: string }; purpose: { ja: string } } | null }[]) {
  for (const office of offices) {
    if (office.reservation !== null) console.log(`${office.name.ja}: 要予約 (${office.reservation.when.ja}, ${office.reservation.purpose.ja})`);
  }
}

// An expired certificate and a locked PIN: both remedies, and where to go for each.
await showEligibility({ birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true, domicileInSapporo: true, asOf });
// Born on 29 February 2008: refused for age on 28 February 2023, old enough on 1 March, and the note
// says why the card's birthday that year is 28 February all the same.
await showEligibility({ birthDate: '2008-02-29', userAuthenticationExpiresOn: '2028-02-29', domicileInSapporo: true, asOf: '2023-02-28' });

// Personal data too (an expiry date is a birthday): POST. The window, every note on it, and the
// pages its rules come from; the offices come along.
async function showRenewal(expiresOn: string) {
  const { renewalWindow, officesForProcedure } = await run(KIOSK_OPERATIONS.renewalGuidance, { expiresOn, residentWard, asOf });
  const opened = renewalWindow.phase === 'NOT_YET_OPEN' ? 'from' : 'since';
  console.log(`Certificate expiring ${renewalWindow.expiresOn} (${renewalWindow.expiresOnWareki}): renewal ${renewalWindow.phase} ${opened} ${renewalWindow.opensOn}, fee ${renewalWindow.fee} yen`);
  renewalWindow.notes.forEach((note, index) => console.log(`Note ${renewalWindow.noteCodes[index]}: ${note.en}`));
  console.log(`Sources: ${renewalWindow.sources.map((source) => `${source.title.ja} ${source.url ?? '(our policy)'}`).join('; ')}`);
  return officesForProcedure;
}

// A window open now, and the offices with their reservations.
showReservations(await showRenewal('2026-12-31'));
// A window not yet open: its note says applying now is possible but one year shorter, and the day it opens.
await showRenewal('2027-04-10');
