"""TLS 1.3 only, security headers, health endpoints, the error shape, and the
connection limits (body size, header size, slow and idle clients)."""
import json
import os
import socket
import ssl
import time
import uuid

import pytest

from client import Client, assert_error, assert_status, open_tls, read_response, unique_mrn

HSTS = "max-age=63072000; includeSubDomains; preload"
CLOSED_ERRORS = (OSError, ssl.SSLError)  # resets, broken pipes, TLS EOF: all mean "closed"


def wait_until_closed(sock, limit_s, poke=None):
    """Seconds until the server closes sock (reads and discards any response).

    poke, if given, is called about once a second while nothing arrives (to
    play a slow client). Returns None if the connection is still open after
    limit_s.
    """
    start = time.monotonic()
    sock.settimeout(1.0)
    while time.monotonic() - start < limit_s:
        try:
            if not sock.recv(4096):
                return time.monotonic() - start
        except (socket.timeout, TimeoutError):
            if poke is not None:
                try:
                    poke()
                except CLOSED_ERRORS:
                    return time.monotonic() - start
        except CLOSED_ERRORS:
            return time.monotonic() - start
    return None


# ------------------------------------------------------------------ TLS

def test_tls13_is_negotiated(server):
    with open_tls("127.0.0.1", server.port) as sock:
        assert sock.version() == "TLSv1.3"


def test_tls12_handshake_is_refused(server):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    with pytest.raises((ssl.SSLError, ConnectionError)):
        sock = open_tls("127.0.0.1", server.port, context)
        version = sock.version()
        sock.close()
        pytest.fail(f"a TLS 1.2-only client completed a handshake ({version})")


def test_certificate_verifies_for_127_0_0_1(server):
    """The self-signed certificate in DATA_DIR/tls/cert.pem, pinned, is valid for IP 127.0.0.1."""
    context = ssl.create_default_context(cafile=os.path.join(server.data_dir, "tls", "cert.pem"))
    # A self-signed leaf is its own trust anchor (it is not a CA certificate).
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    assert context.check_hostname
    api = Client("127.0.0.1", server.port, context)
    assert api.get("/healthz").status == 200


def test_plain_http_is_not_served(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        received = b""
        try:
            while chunk := sock.recv(4096):
                received += chunk
        except (OSError, socket.timeout):
            pass
    assert not received.startswith(b"HTTP/1.1 2"), received[:200]
    assert b'"status"' not in received


# ------------------------------------------------------------------ health

def test_healthz(api):
    response = api.get("/healthz")
    assert assert_status(response, 200)["status"] == "ok"


def test_readyz(api):
    response = api.get("/readyz")
    assert assert_status(response, 200)["status"] == "ready"


# ------------------------------------------------------------------ headers on every response

def _security_header_cases(api, auth, seeded):
    token = auth.token("practitioner")
    return {
        "healthz": api.get("/healthz"),
        "readyz": api.get("/readyz"),
        "unknown path": api.get("/no/such/page"),
        "sign-in": auth.response("owner"),
        "sign-in refused": api.post("/api/v1/sessions", json={"email": "nobody@example.org"}),
        "patients list": api.get("/api/v1/patients", token=token),
        "patient read": api.get(f"/api/v1/patients/{seeded.a_patients[0]['id']}", token=token),
        "unauthenticated": api.get("/api/v1/patients"),
        "not found": api.get(f"/api/v1/patients/{uuid.uuid4()}", token=token),
        "bad input": api.post("/api/v1/patients", token=token, json=[]),
    }


def assert_security_headers(name, response):
    assert response.header_values("Strict-Transport-Security") == [HSTS], f"{name}: {response.header_list}"
    csp = response.header("Content-Security-Policy")
    assert csp, f"{name}: no Content-Security-Policy"
    assert "default-src 'self'" in csp or "default-src 'none'" in csp, f"{name}: CSP {csp!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, f"{name}: CSP {csp!r}"
    assert (response.header("X-Content-Type-Options") or "").lower() == "nosniff", name
    assert (response.header("Referrer-Policy") or "").lower() == "no-referrer", name
    assert (response.header("X-Request-Id") or "").strip(), f"{name}: no X-Request-Id"


def test_security_headers_on_every_response(api, auth, seeded):
    for name, response in _security_header_cases(api, auth, seeded).items():
        assert_security_headers(name, response)


def test_api_responses_are_not_cached(api, auth, seeded):
    for name, response in _security_header_cases(api, auth, seeded).items():
        if name in ("healthz", "readyz", "unknown path"):
            continue
        assert "no-store" in (response.header("Cache-Control") or ""), f"{name}: {response.header_list}"


def test_request_ids_are_unique(api):
    ids = {api.get("/healthz").header("X-Request-Id") for _ in range(5)}
    assert len(ids) == 5


# ------------------------------------------------------------------ routing and the error shape

# Other paths belong to the web app, which routes in the browser (test_web_session.py).
@pytest.mark.parametrize("path", ["/api/nope", "/api/v1/nope", "/api/v2/patients", "/.well-known/nope"])
def test_unknown_api_path_is_json_404(api, auth, path):
    assert_error(api.get(path, token=auth.token("owner")), 404)


@pytest.mark.parametrize("method,path", [("PUT", "/healthz"), ("POST", "/readyz"), ("DELETE", "/healthz")])
def test_wrong_method_is_json_404_or_405(api, method, path):
    response = api.request(method, path)
    assert response.status in (404, 405), response
    assert_error(response, response.status)


# ------------------------------------------------------------------ body limit

def test_body_over_limit_is_413(server, auth, superuser):
    """Content-Length above CONSILIUM_BODY_LIMIT_BYTES (64 KiB in tests) -> 413, nothing stored."""
    mrn = unique_mrn("BIG")
    body = json.dumps({"mrn": mrn, "family_name": "B" * 70000, "birth_date": "1970-01-01"}).encode()
    before = superuser.value("SELECT count(*) FROM patients")
    with open_tls("127.0.0.1", server.port) as sock:
        sock.sendall((f"POST /api/v1/patients HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      f"Authorization: Bearer {auth.token('practitioner')}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode())
        # A server may answer from the Content-Length alone; only send the
        # body if it waits for it.
        sock.settimeout(2.0)
        try:
            response = read_response(sock)
        except (socket.timeout, TimeoutError):
            sock.settimeout(10.0)
            try:
                sock.sendall(body)
            except CLOSED_ERRORS:
                pass
            response = read_response(sock)
    assert response is not None, "connection closed without a 413"
    assert_error(response, 413)
    assert_security_headers("413", response)
    assert "no-store" in (response.header("Cache-Control") or "")
    assert superuser.value("SELECT count(*) FROM patients") == before


def test_body_just_under_limit_is_read_and_validated(api, auth, superuser):
    """60 KB of JSON is within the limit: the server parses it and rejects the field, not the size."""
    before = superuser.value("SELECT count(*) FROM patients")
    payload = {"mrn": unique_mrn(), "family_name": "B" * 60000, "birth_date": "1970-01-01"}
    assert_error(api.post("/api/v1/patients", token=auth.token("practitioner"), json=payload), 400)
    assert superuser.value("SELECT count(*) FROM patients") == before


# ------------------------------------------------------------------ header limit

def test_oversized_headers_are_refused(server, api):
    """A 20 KiB header (limit 16 KiB): 431 or 400, or the connection is closed; never served."""
    with open_tls("127.0.0.1", server.port) as sock:
        request = (b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + b"a" * 20000 + b"\r\n\r\n")
        try:
            sock.sendall(request)
            response = read_response(sock)
        except CLOSED_ERRORS:
            response = None
    if response is not None:
        assert response.status in (400, 431), response
        assert_error(response, response.status, None)
    assert api.get("/healthz").status == 200, "server unhealthy after an oversized header"


def test_normal_sized_headers_are_accepted(api):
    response = api.get("/healthz", headers={"X-Filler": "a" * 8000})
    assert response.status == 200, response


# ------------------------------------------------------------------ keep-alive and timeouts

def test_keep_alive_serves_two_requests_on_one_connection(server):
    with open_tls("127.0.0.1", server.port) as sock:
        for _ in range(2):
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            response = read_response(sock)
            assert response is not None, "connection closed after the first request"
            assert response.status == 200, response
            assert "close" not in (response.header("Connection") or "").lower(), response.header_list


def test_slow_header_client_is_cut_off(server):
    """A byte a second of request head: cut off after the 2 s header timeout (allow up to 6 s)."""
    with open_tls("127.0.0.1", server.port) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        elapsed = wait_until_closed(sock, 10, poke=lambda: sock.sendall(b"a"))
    assert elapsed is not None, "a slow client kept its connection for 10 s"
    assert elapsed < 6.0, f"slow client cut off only after {elapsed:.1f} s"


def test_idle_keep_alive_connection_is_closed(server):
    """After a response, an idle connection is closed after the 5 s idle timeout (allow up to 9 s)."""
    with open_tls("127.0.0.1", server.port) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert read_response(sock).status == 200
        elapsed = wait_until_closed(sock, 15)
    assert elapsed is not None, "idle connection still open after 15 s"
    assert elapsed < 9.0, f"idle connection closed only after {elapsed:.1f} s"


def test_silent_tcp_connection_is_closed(server):
    """A client that connects and never starts TLS does not hold a connection for long."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        elapsed = wait_until_closed(sock, 15)
    assert elapsed is not None, "a silent connection was still open after 15 s"
    assert elapsed < 9.0, f"silent connection closed only after {elapsed:.1f} s"


def test_server_still_healthy_after_limit_tests(api):
    assert api.get("/healthz").status == 200
