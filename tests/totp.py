"""RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s), written here independently of
the server's liboath, as an authenticator app would compute it."""
import base64
import hashlib
import hmac
import struct
import time

STEP_SECONDS = 30


def now_step():
    return int(time.time()) // STEP_SECONDS


def code(secret_base32, step):
    padded = secret_base32 + "=" * (-len(secret_base32) % 8)
    key = base64.b32decode(padded)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def away_from_step_edge(margin=8):
    """Waits until at least `margin` seconds remain in the current step, so a
    test's idea of "now" and the server's agree for the next few requests."""
    left = STEP_SECONDS - time.time() % STEP_SECONDS
    if left < margin:
        time.sleep(left + 0.1)
    return now_step()
