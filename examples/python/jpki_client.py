"""A small client for the Sapporo electronic-certificates GraphQL API, on Python's standard library only.

Requests ask for ``application/graphql-response+json``, so a refused request comes back with a 4xx
status and coded errors (``extensions.code``), which are raised as ``ApiError``.
"""
import json
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_ENDPOINT = "http://localhost:4000/graphql"
ACCEPT = "application/graphql-response+json"


class ApiError(Exception):
    """The API refused the request, or an operation failed: ``codes`` holds each error's code."""

    def __init__(self, status, errors):
        self.status = status
        self.codes = [error.get("extensions", {}).get("code", "UNKNOWN") for error in errors]
        super().__init__(
            "HTTP %d: %s" % (status, "; ".join("%s: %s" % (code, error.get("message")) for code, error in zip(self.codes, errors)))
        )


class Client:
    def __init__(self, endpoint=DEFAULT_ENDPOINT, api_key=None, timeout=10):
        self.endpoint = endpoint
        self.timeout = timeout
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
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, body = response.status, json.load(response)
        except urllib.error.HTTPError as error:
            # A 4xx still has a JSON body with coded errors.
            status, body = error.code, json.load(error)
        if body.get("errors") or body.get("data") is None:
            raise ApiError(status, body.get("errors", []))
        return body["data"]
