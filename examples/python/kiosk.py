"""The kiosk flow with persisted operations only: runs on a PERSISTED_ONLY=true deployment.

Usage: python3 examples/python/kiosk.py [endpoint]
"""
import sys

from jpki_client import DEFAULT_ENDPOINT, ApiError, Client

# The ids this kiosk ships: the SHA-256 of each file of operations/kiosk/, exact bytes
# (hashlib.sha256(open(path, "rb").read()).hexdigest()), as docs/kiosk-integrators.md lists them.
# Eligibility with the steps before use, whether the remedies suffice, the day an under-15 reaches
# the minimum age and the notes (29 February), as the guide's "Start here" reads it. Its earlier
# versions, convenience-store-eligibility.graphql (6478daff…) and convenience-store-guidance.graphql
# (f62108f4…), are kept for kiosks that ship them.
CONVENIENCE_STORE_ADVICE = "33a4722795f42b8d7ed517a42ac0d0e0d9a264e8b36148b715176ec76f245bbe"
# The offices for a procedure with their reservations (要予約) and sources;
# offices-for-procedure.graphql, c3dca610…, is its first version, kept for kiosks that ship it.
OFFICES_GUIDANCE = "99c1ff19d686a855fb505df50ed24df300956f155bc7667bf9e429857b3823bd"
# The PIN rules with their sources (J-LIS's for the lower-case conversion); pin-rules.graphql,
# b13b92b6…, is its first version, kept for kiosks that ship it.
PIN_GUIDANCE = "6899c644a2a72ac3380fc3c412f3656eefb413eb1ff1273be6301330f9d3c0cc"
# The renewal window with its notes and sources, the offices with their reservations (要予約);
# renewal-status.graphql, ca5c2578…, is its first version, kept for kiosks that ship it.
RENEWAL_GUIDANCE = "9a7cc6bb0a4f1dcc0b7d92ce8fb9b71c3cf44b6a9ffd16eac4e1e0bea3969d3d"

RESIDENT_WARD = "KITA"
# A fixed day, so the answers never change; leave asOf out to mean today in Asia/Tokyo.
AS_OF = "2026-11-25"


def show_eligibility(api, resident):
    """Can this resident use convenience-store issuance, from when if under 15, and where to go for each remedy.
    Personal data (a birth date): sent by POST; the server never logs or caches it."""
    eligibility = api.persisted(CONVENIENCE_STORE_ADVICE, {"input": resident}, personal_data=True)["convenienceStoreEligibility"]
    # The steps at the kiosk come first, whatever the verdict.
    for step in eligibility["stepsBeforeUse"]:
        print("At the kiosk first: %s" % step)
    verdict = "yes" if eligibility["eligible"] else "no (%s)" % ", ".join(eligibility["refusals"])
    print("Convenience-store issuance on %s: %s" % (eligibility["asOf"], verdict))
    # Under 15: the day the resident may use the service (1 March in a common year for a 29 February birth).
    if eligibility["minimumAgeReachedOn"] is not None:
        print("Old enough (15) from %s" % eligibility["minimumAgeReachedOn"])
    for code, note in zip(eligibility["noteCodes"], eligibility["notes"]):
        print("Note %s: %s" % (code, note["en"]))
    # Offices only when going there helps: the remedies cure every refusal.
    if not eligibility["eligible"] and not eligibility["eligibleAfterRemedies"]:
        print("No procedure cures: %s" % ", ".join(eligibility["remainingRefusals"]))
    for remedy in eligibility["remedies"] if eligibility["eligibleAfterRemedies"] else []:
        offices = api.persisted(OFFICES_GUIDANCE, {"procedure": remedy["kind"], "residentWard": RESIDENT_WARD})["officesForProcedure"]
        print("%s: %s" % (remedy["name"]["en"], "; ".join("%s %s" % (office["name"]["ja"], office["phone"] or "(no phone listed)") for office in offices)))
        show_reservations(offices)


def show_reservations(offices):
    """Which office asks for a reservation (要予約), when and for what."""
    for office in offices:
        if office["reservation"] is not None:
            print("%s: 要予約 (%s, %s)" % (office["name"]["ja"], office["reservation"]["when"]["ja"], office["reservation"]["purpose"]["ja"]))


def show_renewal(api, expires_on):
    """The window, every note on it and the pages its rules come from; returns the offices.
    The expiry date is the holder's birthday (a certificate expires on the 5th one): personal data, so POST."""
    answer = api.persisted(RENEWAL_GUIDANCE, {"expiresOn": expires_on, "residentWard": RESIDENT_WARD, "asOf": AS_OF}, personal_data=True)
    window = answer["renewalWindow"]
    opened = "from" if window["phase"] == "NOT_YET_OPEN" else "since"
    print("Certificate expiring %s (%s): renewal %s %s %s, fee %d yen" % (window["expiresOn"], window["expiresOnWareki"], window["phase"], opened, window["opensOn"], window["fee"]))
    for code, note in zip(window["noteCodes"], window["notes"]):
        print("Note %s: %s" % (code, note["en"]))
    print("Sources: %s" % "; ".join("%s %s" % (source["title"]["ja"], source["url"] or "(our policy)") for source in window["sources"]))
    return answer["officesForProcedure"]


def main(endpoint):
    api = Client(endpoint)

    for certificate in api.persisted(PIN_GUIDANCE)["certificateTypes"]:
        rule = certificate["pinRule"]
        print("PIN %s: %d-%d characters, locks after %d wrong tries" % (certificate["kind"], rule["minLength"], rule["maxLength"], rule["lockAfterFailedAttempts"]))
        # Who says lower case is read as upper case: J-LIS, not the city; cite it beside the rule.
        conversion = rule["lowerCaseConversionSource"]
        if conversion is not None:
            print("PIN %s: lower case is read as upper case, per %s %s" % (certificate["kind"], conversion["title"]["ja"], conversion["url"] or ""))

    # An expired certificate and a locked PIN: both remedies, and where to go for each.
    show_eligibility(api, {"birthDate": "1980-10-10", "userAuthenticationExpiresOn": "2026-11-24", "pinLocked": True, "domicileInSapporo": True, "asOf": AS_OF})
    # Born on 29 February 2008: refused for age on 28 February 2023, old enough on 1 March, and the
    # note says why the card's birthday that year is 28 February all the same.
    show_eligibility(api, {"birthDate": "2008-02-29", "userAuthenticationExpiresOn": "2028-02-29", "domicileInSapporo": True, "asOf": "2023-02-28"})

    # A window open now, and the offices with their reservations.
    show_reservations(show_renewal(api, "2026-12-31"))
    # A window not yet open: its note says applying now is possible but one year shorter, and the day it opens.
    show_renewal(api, "2027-04-10")

    # A document of our own is refused on a persisted-only deployment, with a code to act on.
    try:
        api.query("{ notices { key } }")
    except ApiError as error:
        print("Own query: %s (HTTP %d)" % (", ".join(error.codes), error.status))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ENDPOINT)
