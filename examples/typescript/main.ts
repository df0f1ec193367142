// The kiosk flow, typed end to end: PIN rules, can this resident use convenience-store issuance,
// where to go for each remedy, and when a certificate's renewal window opens.
// Run: node examples/typescript/main.ts [endpoint]   (default http://localhost:4000/graphql)
import { KIOSK_OPERATIONS, kioskClient } from './kiosk-client.ts';
import type { Ward } from './generated/operations.ts';

const run = kioskClient(process.argv[2] ?? 'http://localhost:4000/graphql');
const residentWard: Ward = 'KITA';
// Fixed days, so the answers never change; a kiosk leaves `asOf` out to mean today in Tokyo.
const asOf = '2026-11-25';

const { certificateTypes } = await run(KIOSK_OPERATIONS.pinRules, {});
for (const { kind, pinRule } of certificateTypes) {
  const typed = kind === 'SIGNATURE' ? 'abc123' : '1234';
  const pin = pinRule.lowerCaseConvertedToUpperCase ? typed.toUpperCase() : typed;
  console.log(`PIN ${kind}: ${pinRule.minLength}-${pinRule.maxLength} characters, locks after ${pinRule.lockAfterFailedAttempts} wrong tries; "${typed}" ${new RegExp(pinRule.pattern).test(pin) ? 'fits' : 'does not fit'}`);
}

// Personal data: the client sends it by POST, and the server never logs or caches it.
const { convenienceStoreEligibility: eligibility } = await run(KIOSK_OPERATIONS.convenienceStoreGuidance, {
  input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true, domicileInSapporo: true, asOf },
});
// The steps at the kiosk come first, whatever the verdict (the guide's "Start here").
for (const step of eligibility.stepsBeforeUse) console.log(`At the kiosk first: ${step}`);
console.log(`Convenience-store issuance on ${eligibility.asOf}: ${eligibility.eligible ? 'yes' : `no (${eligibility.refusals.join(', ')})`}`);
// Offices only when going there helps: the remedies cure every refusal.
if (!eligibility.eligible && !eligibility.eligibleAfterRemedies) console.log(`No procedure cures: ${eligibility.remainingRefusals.join(', ')}`);
for (const remedy of eligibility.eligibleAfterRemedies ? eligibility.remedies : []) {
  const { officesForProcedure } = await run(KIOSK_OPERATIONS.officesForProcedure, { procedure: remedy.kind, residentWard });
  console.log(`${remedy.name.en}: ${officesForProcedure.map((office) => `${office.name.ja} ${office.phone ?? '(no phone listed)'}`).join('; ')}`);
}

const { renewalWindow } = await run(KIOSK_OPERATIONS.renewalStatus, { expiresOn: '2026-12-31', residentWard, asOf });
console.log(`Certificate expiring ${renewalWindow.expiresOn} (${renewalWindow.expiresOnWareki}): renewal ${renewalWindow.phase} since ${renewalWindow.opensOn}, fee ${renewalWindow.fee} yen`);
