"""The city-app flow: offices page by page, where a resident may go, dates with 和暦, a resident's own dates.

Usage: python3 examples/python/city_app.py [endpoint]
"""
import sys

from jpki_client import DEFAULT_ENDPOINT, ApiError, Client

OFFICES_PAGE = """
query CityAppOffices($first: Int, $after: String) {
  offices(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { key name { ja en } }
  }
}
"""

WHERE_TO_GO = """
query Where($procedure: ProcedureKind!, $ward: Ward!) {
  officesForProcedure(procedure: $procedure, residentWard: $ward) { key name { ja en } phone }
}
"""

MY_CERTIFICATES = """
query Mine($input: CertificateValidityInput!) {
  certificateValidity(input: $input) {
    asOfWareki
    userAuthentication { status expiresOn expiresOnWareki renewal { opensOn phase } }
    signature { issuable status expiresOn }
  }
}
"""


def main(endpoint):
    api = Client(endpoint)

    keys, after = [], None
    while True:
        page = api.query(OFFICES_PAGE, {"first": 4, "after": after})["offices"]
        keys.extend(office["key"] for office in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    print("Offices: %d of %d, first %s, last %s" % (len(keys), page["totalCount"], keys[0], keys[-1]))

    for office in api.query(WHERE_TO_GO, {"procedure": "RENEWAL", "ward": "NISHI"})["officesForProcedure"]:
        print("Renew in Nishi: %s / %s, %s" % (office["name"]["ja"], office["name"]["en"], office["phone"] or "(no phone listed)"))

    # Personal data: by POST (Client.query always POSTs), never cached or logged by the server.
    mine = api.query(MY_CERTIFICATES, {"input": {"birthDate": "1980-10-10", "issuedOn": "2020-05-15", "asOf": "2024-08-01"}})["certificateValidity"]
    user = mine["userAuthentication"]
    print("On %s: user authentication %s, expires %s (%s), renewal %s from %s" % (
        mine["asOfWareki"], user["status"], user["expiresOn"], user["expiresOnWareki"], user["renewal"]["phase"], user["renewal"]["opensOn"]))

    # Wrong input is an error with a code, not a crash.
    try:
        api.query(WHERE_TO_GO, {"procedure": "RENEWAL", "ward": "SAPPORO"})
    except ApiError as error:
        print("Unknown ward: %s (HTTP %d)" % (", ".join(error.codes), error.status))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ENDPOINT)
