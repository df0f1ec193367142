"""The kiosk flow with persisted operations only: runs on a PERSISTED_ONLY=true deployment.

Usage: python3 examples/python/kiosk.py [endpoint]
"""
import sys

from jpki_client import DEFAULT_ENDPOINT, ApiError, Client

# The ids this kiosk ships: the SHA-256 of each file of operations/kiosk/, exact bytes
# (hashlib.sha256(open(path, "rb").read()).hexdigest()), as docs/kiosk-integrators.md lists them.
# Eligibility with the steps before use and whether the remedies suffice (the guide's "Start here");
# convenience-store-eligibility.graphql, 6478daff…, is its first version, kept for kiosks that ship it.
CONVENIENCE_STORE_GUIDANCE = "f62108f457d0fb92f84b048589a131c82c6ec3297c75ec4c32f3772c620480a9"
OFFICES_FOR_PROCEDURE = "c3dca61067315fbce836c4874c990c9ed2fb0dedc3968a225242b80d79cfefce"
PIN_RULES = "b13b92b6a8662700bbcccb652e717e2c0be72c34b181f7fa42a0a03c9f8ee3f1"
RENEWAL_STATUS = "ca5c257855ac1ea6d3ee238f0697b47d60d60ac26539e43e623ad370946567cc"

RESIDENT_WARD = "KITA"
# A fixed day, so the answers never change; leave asOf out to mean today in Asia/Tokyo.
AS_OF = "2026-11-25"


def main(endpoint):
    api = Client(endpoint)

    for certificate in api.persisted(PIN_RULES)["certificateTypes"]:
        rule = certificate["pinRule"]
        print("PIN %s: %d-%d characters, locks after %d wrong tries" % (certificate["kind"], rule["minLength"], rule["maxLength"], rule["lockAfterFailedAttempts"]))

    # Personal data (a birth date): sent by POST; the server never logs or caches it.
    eligibility = api.persisted(
        CONVENIENCE_STORE_GUIDANCE,
        {"input": {"birthDate": "1980-10-10", "userAuthenticationExpiresOn": "2026-11-24", "pinLocked": True, "domicileInSapporo": True, "asOf": AS_OF}},
        personal_data=True,
    )["convenienceStoreEligibility"]
    # The steps at the kiosk come first, whatever the verdict.
    for step in eligibility["stepsBeforeUse"]:
        print("At the kiosk first: %s" % step)
    verdict = "yes" if eligibility["eligible"] else "no (%s)" % ", ".join(eligibility["refusals"])
    print("Convenience-store issuance on %s: %s" % (eligibility["asOf"], verdict))
    # Offices only when going there helps: the remedies cure every refusal.
    if not eligibility["eligible"] and not eligibility["eligibleAfterRemedies"]:
        print("No procedure cures: %s" % ", ".join(eligibility["remainingRefusals"]))
    for remedy in eligibility["remedies"] if eligibility["eligibleAfterRemedies"] else []:
        offices = api.persisted(OFFICES_FOR_PROCEDURE, {"procedure": remedy["kind"], "residentWard": RESIDENT_WARD})["officesForProcedure"]
        print("%s: %s" % (remedy["name"]["en"], "; ".join("%s %s" % (office["name"]["ja"], office["phone"] or "(no phone listed)") for office in offices)))

    # The expiry date is the holder's birthday (a certificate expires on the 5th one): personal data, so POST too.
    window = api.persisted(RENEWAL_STATUS, {"expiresOn": "2026-12-31", "residentWard": RESIDENT_WARD, "asOf": AS_OF}, personal_data=True)["renewalWindow"]
    print("Certificate expiring %s (%s): renewal %s since %s, fee %d yen" % (window["expiresOn"], window["expiresOnWareki"], window["phase"], window["opensOn"], window["fee"]))

    # A document of our own is refused on a persisted-only deployment, with a code to act on.
    try:
        api.query("{ notices { key } }")
    except ApiError as error:
        print("Own query: %s (HTTP %d)" % (", ".join(error.codes), error.status))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ENDPOINT)
