"""A small HTTPS JSON client and shared assertions for the integration tests.

Standard library only. Every request opens its own TLS connection (simple and
independent of keep-alive behaviour); the raw helpers at the bottom are for
the tests that need to control the bytes on the wire.
"""
import base64
import datetime
import http.client
import json as jsonlib
import random
import re
import socket
import ssl
import string
import urllib.parse
import uuid

# The one JSON error shape: HTTP status -> error code.
ERROR_CODES = {
    400: "invalid_argument",
    401: "unauthenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
    500: "internal",
    503: "unavailable",
}

PATIENT_FIELDS = {"id", "mrn", "family_name", "given_name", "birth_date", "sex", "version", "created_at", "updated_at"}
SEXES = ("female", "male", "other", "unknown")

_UNSET = object()


def insecure_context():
    """TLS client context that accepts the server's self-signed certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.header_list = list(headers)
        self.body = body

    def header(self, name, default=None):
        values = self.header_values(name)
        return values[0] if values else default

    def header_values(self, name):
        return [v for k, v in self.header_list if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def json(self):
        try:
            return jsonlib.loads(self.body)
        except ValueError:
            raise AssertionError(f"response body is not JSON: {self!r}") from None

    def __repr__(self):
        return f"<HTTP {self.status} request-id={self.header('X-Request-Id')} body={self.text[:600]!r}>"


class Client:
    """HTTPS JSON client for one server."""

    def __init__(self, host, port, context=None, timeout=30.0):
        self.host = host
        self.port = port
        self.context = context or insecure_context()
        self.timeout = timeout

    def request(self, method, path, *, json=_UNSET, body=None, token=None, headers=None, params=None):
        """Sends one request on a fresh connection.

        json: a value to send as application/json; body: raw bytes (no
        Content-Type unless given in headers); headers: extra headers, a value
        of None removes a default one; params: query parameters (dict or list
        of pairs), URL-encoded and appended to path.
        """
        all_headers = {"Accept": "application/json", "User-Agent": "consilium-integration-tests"}
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        if json is not _UNSET:
            body = jsonlib.dumps(json).encode()
            all_headers["Content-Type"] = "application/json"
        for name, value in (headers or {}).items():
            for existing in [k for k in all_headers if k.lower() == name.lower()]:
                del all_headers[existing]
            if value is not None:
                all_headers[name] = value
        if params:
            path = f"{path}?{urllib.parse.urlencode(params)}"
        conn = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            data = response.read()
            return Response(response.status, response.getheaders(), data)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)


# ---------------------------------------------------------------- assertions

def assert_error(response, status, code=_UNSET):
    """Asserts the status and the exact error shape; returns the error object.

    code defaults to the contract's code for the status (ERROR_CODES); pass
    None to accept any code string (for statuses the contract leaves open).
    """
    assert response.status == status, f"expected HTTP {status}, got {response!r}"
    content_type = response.header("Content-Type", "")
    assert content_type.startswith("application/json"), f"error is not JSON ({content_type!r}): {response!r}"
    body = response.json
    assert isinstance(body, dict) and set(body) == {"error"}, f"bad error shape: {response!r}"
    error = body["error"]
    assert isinstance(error, dict) and set(error) == {"code", "message", "request_id"}, f"bad error shape: {response!r}"
    for key in ("code", "message", "request_id"):
        assert isinstance(error[key], str) and error[key], f"error.{key} must be a non-empty string: {response!r}"
    assert error["request_id"] == response.header("X-Request-Id"), f"request_id != X-Request-Id: {response!r}"
    if code is _UNSET:
        code = ERROR_CODES.get(status)
    if code is not None:
        assert error["code"] == code, f"expected code {code!r}: {response!r}"
    return error


def assert_status(response, status):
    assert response.status == status, f"expected HTTP {status}, got {response!r}"
    return response.json


def assert_patient(patient, expected=None):
    """Checks the patient JSON shape and types, and that it matches expected fields."""
    assert isinstance(patient, dict), patient
    missing = PATIENT_FIELDS - set(patient)
    assert not missing, f"patient lacks {missing}: {patient}"
    assert str(uuid.UUID(patient["id"])) == patient["id"].lower(), patient
    for key in ("mrn", "family_name", "given_name", "birth_date", "sex", "created_at", "updated_at"):
        assert isinstance(patient[key], str), f"{key} is not a string: {patient}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", patient["birth_date"]), patient
    assert patient["sex"] in SEXES, patient
    assert isinstance(patient["version"], int) and not isinstance(patient["version"], bool), patient
    for key in ("created_at", "updated_at"):
        assert re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", patient[key]), f"{key} is not a timestamp: {patient}"
    for key, value in (expected or {}).items():
        assert patient[key] == value, f"{key}: expected {value!r}, got {patient[key]!r} in {patient}"


def assert_no_secrets(response):
    lowered = response.body.lower()
    assert b"password" not in lowered, f"response mentions a password: {response!r}"
    assert b"$2b$" not in response.body and b"$2a$" not in response.body and b"$2y$" not in response.body, (
        f"response contains a bcrypt hash: {response!r}")


# ---------------------------------------------------------------- test data

def random_tag(length=8):
    """A fresh name prefix: 'Q' and lowercase letters, so it sorts the same in every collation."""
    return "Q" + "".join(random.choice(string.ascii_lowercase) for _ in range(length))


def unique_mrn(prefix="MRN"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def patient_payload(**overrides):
    payload = {
        "mrn": unique_mrn(),
        "family_name": random_tag() + "son",
        "given_name": "Ada",
        "birth_date": "1980-05-17",
        "sex": "female",
    }
    payload.update(overrides)
    return payload


def future_date(days=2):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


# ---------------------------------------------------------------- JWT

def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode_jwt(token):
    """Returns (header, claims, signature bytes) without verifying anything."""
    header, claims, signature = token.split(".")
    return jsonlib.loads(b64url_decode(header)), jsonlib.loads(b64url_decode(claims)), b64url_decode(signature)


def encode_jwt_part(obj):
    return b64url_encode(jsonlib.dumps(obj, separators=(",", ":")).encode())


# ---------------------------------------------------------------- raw sockets

def open_tls(host, port, context=None, timeout=10.0):
    raw = socket.create_connection((host, port), timeout=timeout)
    try:
        return (context or insecure_context()).wrap_socket(raw, server_hostname=host)
    except BaseException:
        raw.close()
        raise


def read_response(sock):
    """Reads one HTTP/1.1 response from a socket; None if the peer closed first.

    Honours Content-Length and chunked encoding; otherwise reads to EOF.
    Socket errors propagate (a reset counts as 'closed' for the caller).
    """
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            if not buffer:
                return None
            raise AssertionError(f"connection closed inside a response head: {buffer[:300]!r}")
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    response = Response(status, headers, b"")

    def more():
        data = sock.recv(65536)
        if not data:
            raise AssertionError("connection closed inside a response body")
        return data

    if "chunked" in response.header("Transfer-Encoding", "").lower():
        body = b""
        while True:
            while b"\r\n" not in rest:
                rest += more()
            size_line, rest = rest.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(rest) < size + 2:
                rest += more()
            body += rest[:size]
            rest = rest[size + 2:]
            if size == 0:
                break
    elif response.header("Content-Length") is not None:
        length = int(response.header("Content-Length"))
        while len(rest) < length:
            rest += more()
        body = rest[:length]
    else:
        body = rest
        while True:
            data = sock.recv(65536)
            if not data:
                break
            body += data
    response.body = body
    return response
