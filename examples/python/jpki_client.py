"""A small client for the Sapporo electronic-certificates GraphQL API, on Python's standard library only.

Requests ask for ``application/graphql-response+json``, so a refused request comes back with a 4xx
status and coded errors (``extensions.code``), which are raised as ``ApiError``.
"""
import json
import time
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_ENDPOINT = "http://localhost:4000/graphql"
ACCEPT = "application/graphql-response+json"


class ApiError(Exception):
    """The API refused the request, or an operation failed: ``codes`` holds each error's code, and
    ``retry_after`` the seconds a 429 or 503 said to wait (None when it said nothing)."""

    def __init__(self, status, errors, retry_after=None):
        self.status = status
        self.codes = [error.get("extensions", {}).get("code", "UNKNOWN") for error in errors]
        self.retry_after = retry_after
        super().__init__(
            "HTTP %d: %s" % (status, "; ".join("%s: %s" % (code, error.get("message")) for code, error in zip(self.codes, errors)))
        )


# Statuses whose answers say, in Retry-After, when to try again.
RETRYABLE = (429, 503)


class Client:
    """``max_retry_wait``: the longest Retry-After of a 429 or 503 waited out once before the request
    is sent again, as the kiosk guide asks; a longer one is raised, with ``retry_after`` set."""

    def __init__(self, endpoint=DEFAULT_ENDPOINT, api_key=None, timeout=10, max_retry_wait=5):
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_retry_wait = max_retry_wait
        self.headers = {"accept": ACCEPT}
        if api_key is not None:
            self.headers["x-api-key"] = api_key

    def query(self, document, variables=None):
        """POSTs a GraphQL document (for city apps and analysts; refused on a persisted-only deployment)."""
        return self._post({"query": document, "variables": variables or {}})

    def persisted(self, sha256_hash, variables=None, personal_data=False):
        """Runs a persisted operation by its id (kiosks). Personal data goes by POST, never in a URL;
        anything else by GET, which HTTP caches may keep."""
        extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256_hash}}
        if personal_data:
            return self._post({"extensions": extensions, "variables": variables or {}})
        query = urllib.parse.urlencode({"extensions": json.dumps(extensions), "variables": json.dumps(variables or {})})
        # A GET must carry a custom header: the API's CSRF rule.
        request = urllib.request.Request(self.endpoint + "?" + query, headers=dict(self.headers, **{"x-graphql-csrf": "1"}))
        return self._send(request)

    def _post(self, body):
        data = json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.endpoint, data=data, method="POST", headers=dict(self.headers, **{"content-type": "application/json"}))
        return self._send(request)

    def _send(self, request):
        for attempt in (0, 1):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    status, headers, text = response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                # A 4xx still has a JSON body with coded errors.
                status, headers, text = error.code, error.headers, error.read()
            retry_after = headers.get("retry-after")
            retry_after = int(retry_after) if retry_after is not None and retry_after.isdigit() else None
            try:
                body = json.loads(text)
            except ValueError:
                # Not the API's JSON (a proxy's HTML error page): the status is all there is.
                raise ApiError(status, [{"message": "the answer is not JSON"}], retry_after)
            if not body.get("errors") and body.get("data") is not None:
                return body["data"]
            if attempt == 0 and status in RETRYABLE and retry_after is not None and retry_after <= self.max_retry_wait:
                time.sleep(retry_after)
                continue
            raise ApiError(status, body.get("errors", []), retry_after)
