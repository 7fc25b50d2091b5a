"""The web app's session and how the server serves the app itself.

The web app keeps its refresh token in a Secure, HttpOnly, SameSite=Strict
__Host- cookie and proves each use comes from itself with the header
X-Consilium-Client: web; an Origin naming another site is refused. Other
clients keep getting the token in the body. The app's files are served with
caching that lets a release reach browsers at once: hashed assets for a
year, index.html revalidated on every load."""
import gzip
import os
import tempfile

from client import Client, assert_error, assert_status
from conftest import own_server

WEB = {"X-Consilium-Client": "web"}
COOKIE = "__Host-consilium_refresh"


def cookie_of(response):
    [value] = [v for v in response.header_values("Set-Cookie") if v.startswith(COOKIE + "=")]
    return value


def token_in(set_cookie):
    return set_cookie.split(";", 1)[0].split("=", 1)[1]


def web_sign_in(api, world, role="nurse"):
    account = world.accounts[role]
    response = api.post("/api/v1/sessions", json={"email": account.email, "password": account.password}, headers=WEB)
    body = assert_status(response, 201)
    return body, token_in(cookie_of(response))


def refresh(api, token, **headers):
    return api.post("/api/v1/sessions/refresh", json={}, headers={**WEB, "Cookie": f"{COOKIE}={token}", **headers})


def test_the_web_app_gets_its_refresh_token_only_as_a_strict_cookie(api, world):
    account = world.accounts["nurse"]
    response = api.post("/api/v1/sessions", json={"email": account.email, "password": account.password}, headers=WEB)
    body = assert_status(response, 201)
    assert "refresh_token" not in body
    attributes = [part.strip() for part in cookie_of(response).split(";")]
    assert {"Path=/", "Secure", "HttpOnly", "SameSite=Strict"} <= set(attributes)
    assert not any(part.lower().startswith("domain=") for part in attributes)


def test_other_clients_still_get_the_token_in_the_body_and_no_cookie(api, world):
    account = world.accounts["nurse"]
    response = api.post("/api/v1/sessions", json={"email": account.email, "password": account.password})
    assert assert_status(response, 201)["refresh_token"]
    assert response.header_values("Set-Cookie") == []


def test_the_cookie_refreshes_and_rotates(api, world):
    signed_in, first = web_sign_in(api, world)
    response = refresh(api, first)
    body = assert_status(response, 200)
    assert "refresh_token" not in body and body["session_id"] == signed_in["session_id"]
    # The web app's page load needs no second call to know who is signed in.
    assert body["user"] == signed_in["user"] and body["memberships"] == signed_in["memberships"]
    assert body["multi_factor"] is False
    second = token_in(cookie_of(response))
    assert second != first
    assert_status(api.get("/api/v1/me", token=body["access_token"]), 200)
    # The used cookie is spent: replaying it ends the session.
    assert_error(refresh(api, first), 401)
    assert_error(refresh(api, second), 401)


def test_a_refresh_without_the_web_header_does_not_use_the_cookie(api, world):
    _, token = web_sign_in(api, world)
    response = api.post("/api/v1/sessions/refresh", json={}, headers={"Cookie": f"{COOKIE}={token}"})
    assert_error(response, 400)
    assert_status(refresh(api, token), 200)


def test_a_refresh_from_another_site_is_refused(api, world):
    _, token = web_sign_in(api, world)
    assert_error(refresh(api, token, Origin="https://evil.example"), 403)
    own_origin = f"https://{api.host}:{api.port}"
    assert_status(refresh(api, token, Origin=own_origin), 200)


def test_a_refresh_without_a_cookie_asks_to_sign_in(api):
    assert_error(api.post("/api/v1/sessions/refresh", json={}, headers=WEB), 401)


def test_signing_out_clears_the_cookie_and_ends_it(api, world):
    signed_in, token = web_sign_in(api, world)
    response = api.request("DELETE", f"/api/v1/sessions/{signed_in['session_id']}",
                           token=signed_in["access_token"], headers=WEB)
    assert response.status == 204
    assert "Max-Age=0" in cookie_of(response)
    assert_error(refresh(api, token), 401)


# ------------------------------------------------------------ serving the app

INDEX = b'<!doctype html><title>Consilium</title><script type="module" src="/assets/app-3f2a9c.js"></script>'
SCRIPT = b"console.log('consilium');\n" * 50


def fake_web_root():
    root = tempfile.mkdtemp(prefix="cons-web-", dir="/tmp")
    os.makedirs(os.path.join(root, "assets"))
    with open(os.path.join(root, "index.html"), "wb") as f:
        f.write(INDEX)
    with open(os.path.join(root, "assets", "app-3f2a9c.js"), "wb") as f:
        f.write(SCRIPT)
    with open(os.path.join(root, "assets", "app-3f2a9c.js.gz"), "wb") as f:
        f.write(gzip.compress(SCRIPT))
    for path, dirs, files in os.walk(root):
        os.chmod(path, 0o755)
        for name in files:
            os.chmod(os.path.join(path, name), 0o644)
    return root


def test_the_server_serves_the_app_with_the_right_caching():
    with own_server({"CONSILIUM_WEB_ROOT": fake_web_root()}) as srv:
        web = Client("127.0.0.1", srv.port)
        for path in ("/", "/meetings/7d9f0c1e-1111-4111-8111-111111111111/run", "/patients"):
            page = web.get(path, headers={"Accept": "text/html"})
            assert page.status == 200 and page.body == INDEX, path
            assert page.header("Content-Type").startswith("text/html")
            assert page.header("Cache-Control") == "no-cache"
            assert "script-src 'self'" in page.header("Content-Security-Policy")
        asset = web.get("/assets/app-3f2a9c.js")
        assert asset.status == 200 and asset.body == SCRIPT
        assert asset.header("Cache-Control") == "public, max-age=31536000, immutable"
        assert asset.header("Content-Type").startswith("text/javascript")
        again = web.get("/assets/app-3f2a9c.js", headers={"If-None-Match": asset.header("ETag")})
        assert again.status == 304 and again.body == b""
        # Each file has its own ETag: the page's never revalidates an asset, or an old page a new one.
        page_etag = web.get("/").header("ETag")
        assert page_etag != asset.header("ETag")
        assert web.get("/assets/app-3f2a9c.js", headers={"If-None-Match": page_etag}).body == SCRIPT
        zipped = web.get("/assets/app-3f2a9c.js", headers={"Accept-Encoding": "gzip"})
        assert zipped.header("Content-Encoding") == "gzip" and gzip.decompress(zipped.body) == SCRIPT
        # A missing asset is not answered with the page, and the API keeps its own answers.
        assert_error(web.get("/assets/app-000000.js"), 404)
        assert_error(web.get("/api/v1/no-such-thing"), 404)
        assert_error(web.get("/api/v1/patients"), 401)
        assert_status(web.get("/healthz"), 200)
