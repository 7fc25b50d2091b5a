"""Files (DESIGN.md §2 Files, §3.6): uploads streamed, typed from their content, stored encrypted; lists;
downloads decrypted as they stream and audited; every tampering with the store refused; a 1 GiB upload in
constant memory. The session server's file limit is 1 MiB (conftest.SERVER_ENV)."""
import hashlib
import http.client
import io
import json
import os
import secrets
import struct
import time
import urllib.parse
import zipfile
import zlib

import pytest

from client import Client, assert_error, assert_status, insecure_context
from conftest import ROLES, create_patient, own_server
from test_agenda import proforma, propose
from test_meetings import create_meeting

LIMIT = 1048576
CHUNK = 64 * 1024          # plaintext per sealed chunk
SEALED_CHUNK = CHUNK + 16  # with its tag


def marker():
    return "MARKER-" + secrets.token_hex(12)


def pdf(text):
    return (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + text.encode() +
            b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def png(text):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"tEXt", b"Comment\x00" + text.encode()) + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00")) +
            chunk(b"IEND", b""))


def text_body(text, size):
    line = f"Histology report {text}: no malignancy seen in the sampled tissue.\n".encode()
    return (line * (size // len(line) + 1))[:size]


def upload(api, token, path, body, name="report.pdf", content_type="application/octet-stream"):
    headers = {"X-File-Name": urllib.parse.quote(name, safe=""), "Content-Type": content_type}
    return api.request("POST", path, body=body, token=token, headers=headers)


def patient_path(patient_id):
    return f"/api/v1/patients/{patient_id}/files"


def item_path(meeting_id, item_id):
    return f"/api/v1/meetings/{meeting_id}/agenda/{item_id}/files"


def fetch(api, token, file_id):
    """Downloads a file: (status, headers, body, complete); complete is False when the transfer was cut."""
    conn = http.client.HTTPSConnection(api.host, api.port, context=insecure_context(), timeout=30)
    try:
        conn.request("GET", f"/api/v1/files/{file_id}/content", headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        try:
            body = response.read()
            complete = True
        except (http.client.IncompleteRead, ConnectionError, OSError) as cut:
            body = getattr(cut, "partial", b"")
            complete = False
        return response.status, dict(response.getheaders()), body, complete
    finally:
        conn.close()


@pytest.fixture(scope="module")
def patient(api, auth):
    return create_patient(api, auth.token("practitioner"))


@pytest.fixture(scope="module")
def item(api, auth):
    """(meeting id, item id, patient id) of a proposed item."""
    token = auth.token("owner")
    meeting = create_meeting(api, token)
    patient = create_patient(api, auth.token("practitioner"))
    made = assert_status(propose(api, token, meeting["id"], proforma(patient["id"])), 201)
    return meeting["id"], made["id"], patient["id"]


def store_path(server, world, file_id, clinic=None):
    return os.path.join(server.data_dir, "files", clinic or world.clinic_a, file_id)


def header_bytes(sealed):
    """The length of a sealed object's header (docs/decisions/0004)."""
    assert sealed[:4] == b"CSEA"
    (reference_length,) = struct.unpack(">H", sealed[48:50])
    return 50 + reference_length


def uploaded(api, auth, patient, body, name="report.txt", role="nurse"):
    return assert_status(upload(api, auth.token(role), patient_path(patient["id"]), body, name), 201)


# ------------------------------------------------------------------ round trips

@pytest.mark.parametrize("kind,make,expected_type", [
    ("pdf", pdf, "application/pdf"), ("png", png, "image/png"),
    ("text", lambda text: text_body(text, 5000), "text/plain")])
def test_upload_list_and_download_give_the_same_bytes(api, auth, patient, server, world, kind, make, expected_type):
    body = make(marker())
    name = f"Résumé {kind} 1.{kind}"
    # The client's Content-Type is ignored: the server reads the type from the content.
    file = assert_status(upload(api, auth.token("practitioner"), patient_path(patient["id"]), body, name,
                                "application/x-whatever"), 201)
    assert file["name"] == name and file["content_type"] == expected_type, file
    assert file["size_bytes"] == len(body) and file["sha256"] == hashlib.sha256(body).hexdigest(), file
    assert file["patient_id"] == patient["id"] and file["agenda_item_id"] is None, file
    assert file["uploaded_by"] == auth.body("practitioner")["user"]["id"]

    listed = assert_status(api.get(patient_path(patient["id"]), token=auth.token("read_only")), 200)
    assert file in listed["files"]

    status, headers, content, complete = fetch(api, auth.token("read_only"), file["id"])
    assert (status, complete) == (200, True)
    assert content == body and hashlib.sha256(content).hexdigest() == file["sha256"]
    assert headers["Content-Type"] == expected_type
    assert headers["Content-Disposition"] == "attachment; filename*=UTF-8''" + urllib.parse.quote(name, safe="")
    # The store holds the file, private to the server.
    path = store_path(server, world, file["id"])
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert os.stat(os.path.dirname(path)).st_mode & 0o777 == 0o700


def test_files_of_an_agenda_item_are_listed_there_and_with_the_patient(api, auth, item):
    meeting_id, item_id, patient_id = item
    body = pdf(marker())
    file = assert_status(upload(api, auth.token("nurse"), item_path(meeting_id, item_id), body, "letter.pdf"), 201)
    assert (file["agenda_item_id"], file["patient_id"]) == (item_id, patient_id), file
    on_item = assert_status(api.get(item_path(meeting_id, item_id), token=auth.token("owner")), 200)
    assert [f["id"] for f in on_item["files"]] == [file["id"]]
    with_patient = assert_status(api.get(patient_path(patient_id), token=auth.token("owner")), 200)
    assert file["id"] in [f["id"] for f in with_patient["files"]]
    status, _, content, complete = fetch(api, auth.token("nurse"), file["id"])
    assert (status, complete, content) == (200, True, body)


def test_the_download_is_audited_with_the_patient_and_without_the_name(api, auth, patient, superuser):
    name = f"secret-name-{secrets.token_hex(6)}.txt"
    file = uploaded(api, auth, patient, text_body(marker(), 100), name)
    conn = http.client.HTTPSConnection(api.host, api.port, context=insecure_context(), timeout=30)
    conn.request("GET", f"/api/v1/files/{file['id']}/content", headers={"Authorization": f"Bearer {auth.token('owner')}"})
    response = conn.getresponse()
    response.read()
    request_id = response.getheader("X-Request-Id")
    conn.close()
    rows = superuser.rows("SELECT action, outcome, resource_id::text AS resource_id, patient_id::text AS patient_id "
                          "FROM audit_events WHERE request_id = %s", (request_id,))
    assert rows == [{"action": "file.download", "outcome": "success", "resource_id": file["id"],
                     "patient_id": patient["id"]}]
    upload_rows = superuser.rows("SELECT after::text AS after FROM audit_events WHERE action = 'file.upload' AND "
                                 "resource_id = %s", (file["id"],))
    assert len(upload_rows) == 1 and name not in upload_rows[0]["after"] and "text/plain" in upload_rows[0]["after"]
    assert name.encode() not in superuser.value("SELECT clinical_text FROM files WHERE id = %s", (file["id"],)).tobytes()


# ------------------------------------------------------------------ bad input

def elf():
    with open("/bin/true", "rb") as f:
        return f.read()


def zip_body():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("report.txt", "not really a report")
    return out.getvalue()


@pytest.mark.parametrize("make,found", [
    (elf, "application/x-"), (lambda: b"<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>\n", "html"),
    (zip_body, "zip")])
def test_content_off_the_allow_list_is_415_whatever_it_claims(api, auth, patient, make, found):
    response = upload(api, auth.token("nurse"), patient_path(patient["id"]), make(), "scan.pdf", "application/pdf")
    error = assert_error(response, 415)
    assert found in error["message"], error


@pytest.mark.parametrize("name", ["", "a%2Fb.pdf", "a%0Ab.pdf", "%zz.pdf", "%C3.pdf", "x" * 256])
def test_a_bad_file_name_is_400(api, auth, patient, name):
    response = api.request("POST", patient_path(patient["id"]), body=pdf("x"), token=auth.token("nurse"),
                           headers={"X-File-Name": name} if name else {})
    assert_error(response, 400)


def test_an_empty_file_is_400(api, auth, patient):
    assert_error(upload(api, auth.token("nurse"), patient_path(patient["id"]), b"", "empty.txt"), 400)


def test_over_the_limit_is_413_declared_or_streamed(api, auth, patient):
    token = auth.token("nurse")
    # Declared too large: refused before the body is read.
    assert_error(upload(api, token, patient_path(patient["id"]), text_body("x", LIMIT + 1), "big.txt"), 413)
    # Exactly the limit is fine.
    assert_status(upload(api, token, patient_path(patient["id"]), text_body("x", LIMIT), "limit.txt"), 201)
    # Chunked, with no length: cut off once past the limit.
    conn = http.client.HTTPSConnection(api.host, api.port, context=insecure_context(), timeout=30)
    body = text_body("y", LIMIT + 1)
    pieces = (body[i:i + 100000] for i in range(0, len(body), 100000))
    conn.request("POST", patient_path(patient["id"]), body=pieces, encode_chunked=True,
                 headers={"Authorization": f"Bearer {token}", "X-File-Name": "chunked.txt",
                          "Transfer-Encoding": "chunked"})
    response = conn.getresponse()
    assert response.status == 413, response.read()
    conn.close()


# ------------------------------------------------------------------ who may do what

UPLOADERS = {"owner", "practitioner", "nurse"}
READERS = {"owner", "practitioner", "nurse", "read_only"}


def test_each_role_on_each_files_route(api, auth, patient, item):
    meeting_id, item_id, _ = item
    file = uploaded(api, auth, patient, pdf(marker()), "roles.pdf")
    for role in ROLES:
        token = auth.token(role)
        for path in (patient_path(patient["id"]), item_path(meeting_id, item_id)):
            refused = 404 if role == "guest" and "/meetings/" in path else 403
            response = upload(api, token, path, pdf(marker()), "by-role.pdf")
            if role in UPLOADERS:
                assert_status(response, 201)
            else:
                assert_error(response, refused)
            response = api.get(path, token=token)
            if role in READERS:
                assert_status(response, 200)
            else:
                assert_error(response, refused)
        status, _, content, _ = fetch(api, token, file["id"])
        if role in READERS:
            assert status == 200, f"{role} could not download a file"
        else:
            assert status == 403, f"{role} downloaded a file"


def test_another_clinics_ids_are_404(api, auth, patient, item):
    meeting_id, item_id, _ = item
    file = uploaded(api, auth, patient, pdf(marker()), "a-only.pdf")
    token = auth.token("b_owner")
    assert_error(upload(api, token, patient_path(patient["id"]), pdf("x"), "x.pdf"), 404)
    assert_error(upload(api, token, item_path(meeting_id, item_id), pdf("x"), "x.pdf"), 404)
    assert_error(api.get(patient_path(patient["id"]), token=token), 404)
    assert_error(api.get(item_path(meeting_id, item_id), token=token), 404)
    status, _, body, _ = fetch(api, token, file["id"])
    assert status == 404 and b"a-only" not in body


# ------------------------------------------------------------------ tampering with the store

def tampered(api, auth, patient, server, world, size, change):
    """Uploads `size` bytes of text, applies change(sealed bytes) -> new bytes on disk, downloads."""
    file = uploaded(api, auth, patient, text_body(marker(), size), "tamper.txt")
    path = store_path(server, world, file["id"])
    with open(path, "rb") as f:
        sealed = f.read()
    with open(path, "r+b") as f:
        f.truncate(0)
        f.write(change(sealed))
    return file, fetch(api, auth.token("owner"), file["id"])


def flip(sealed, offset):
    return sealed[:offset] + bytes([sealed[offset] ^ 0x01]) + sealed[offset + 1:]


def assert_refused_before_any_byte(result):
    _, (status, headers, body, _) = result
    assert status == 500, (status, body[:200])
    assert headers["Content-Type"].startswith("application/json")
    assert b"integrity" in body and b"Histology" not in body


def assert_cut(result, size):
    _, (status, _, body, complete) = result
    assert status == 500 or not complete, (status, len(body))
    assert len(body) < size


def test_a_flipped_bit_in_the_first_chunk_is_500_with_no_body(api, auth, patient, server, world):
    assert_refused_before_any_byte(tampered(api, auth, patient, server, world, 1000,
                                            lambda s: flip(s, header_bytes(s) + 10)))
    assert_refused_before_any_byte(tampered(api, auth, patient, server, world, 1000, lambda s: flip(s, 20)))


def test_a_flipped_bit_in_a_later_chunk_cuts_the_transfer(api, auth, patient, server, world):
    # The server checks the store's first read (256 KiB) before answering; the flip is in the sixth chunk.
    size = 6 * CHUNK + 500
    result = tampered(api, auth, patient, server, world, size,
                      lambda s: flip(s, header_bytes(s) + 5 * SEALED_CHUNK + 100))
    assert result[1][0] == 200  # the start was sound
    assert_cut(result, size)


def test_swapped_chunks_are_refused(api, auth, patient, server, world):
    def swap(s):
        h = header_bytes(s)
        first, second = s[h:h + SEALED_CHUNK], s[h + SEALED_CHUNK:h + 2 * SEALED_CHUNK]
        return s[:h] + second + first + s[h + 2 * SEALED_CHUNK:]
    assert_refused_before_any_byte(tampered(api, auth, patient, server, world, 3 * CHUNK + 500, swap))


def test_a_file_cut_at_a_chunk_boundary_is_refused(api, auth, patient, server, world):
    size = 3 * CHUNK + 500
    assert_cut(tampered(api, auth, patient, server, world, size,
                        lambda s: s[:header_bytes(s) + 2 * SEALED_CHUNK]), size)
    assert_cut(tampered(api, auth, patient, server, world, 2 * CHUNK, lambda s: s[:header_bytes(s) + SEALED_CHUNK]),
               2 * CHUNK)


def test_another_files_bytes_do_not_open_here(api, auth, patient, server, world, make_patient):
    other = uploaded(api, auth, patient, text_body(marker(), 1000), "other.txt")
    with open(store_path(server, world, other["id"]), "rb") as f:
        others_bytes = f.read()
    # The same patient's other file (right key hierarchy, wrong data key and place) ...
    assert_refused_before_any_byte(tampered(api, auth, patient, server, world, 1000, lambda _: others_bytes))
    # ... and another patient's file.
    someone_else = make_patient()
    foreign = uploaded(api, auth, someone_else, text_body(marker(), 1000), "foreign.txt")
    with open(store_path(server, world, foreign["id"]), "rb") as f:
        foreign_bytes = f.read()
    assert_refused_before_any_byte(tampered(api, auth, patient, server, world, 1000, lambda _: foreign_bytes))


def test_the_store_holds_no_plaintext(api, auth, patient, server):
    tag = marker()
    uploaded(api, auth, patient, text_body(tag, 3 * CHUNK), "plain.txt")
    uploaded(api, auth, patient, pdf(tag), "plain.pdf")
    root = os.path.join(server.data_dir, "files")
    seen = 0
    for directory, _, names in os.walk(root):
        for name in names:
            with open(os.path.join(directory, name), "rb") as f:
                content = f.read()
            assert tag.encode() not in content and b"Histology" not in content, name
            seen += 1
    assert seen >= 2


# ------------------------------------------------------------------ a large file in constant memory

GIB = 1024 ** 3


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM")


# Under AddressSanitizer (the test command's second pass) the server's own memory is not what it holds:
# freed memory waits in a quarantine (kept small here) and every byte has shadow bytes. There, the test
# holds the growth during the transfer to the bound, rather than the whole.
SMALL_ASAN_QUARANTINE = "quarantine_size_mb=4:thread_local_quarantine_size_kb=256"


def under_asan(pid):
    with open(f"/proc/{pid}/maps") as f:
        return "libasan" in f.read()


def test_a_1_gib_upload_and_download_in_constant_memory():
    asan_options = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), SMALL_ASAN_QUARANTINE]))
    with own_server({"CONSILIUM_FILE_SIZE_LIMIT_BYTES": str(2 * GIB), "ASAN_OPTIONS": asan_options}) as srv:
        api = Client("127.0.0.1", srv.port, timeout=120)
        owner = next(user for user in srv.demo["users"] if user["role"] == "owner")
        token = assert_status(api.post("/api/v1/sessions", json={"email": owner["email"],
                                                                 "password": owner["password"]}), 201)["access_token"]
        patient = create_patient(api, token)
        before_mib = vm_hwm_kib(srv.proc.pid) / 1024
        block = text_body("large", 1024 * 1024)
        expected = hashlib.sha256()

        def blocks():
            for _ in range(GIB // len(block)):
                expected.update(block)
                yield block

        conn = http.client.HTTPSConnection(api.host, api.port, context=insecure_context(), timeout=120)
        started = time.monotonic()
        conn.request("POST", patient_path(patient["id"]), body=blocks(),
                     headers={"Authorization": f"Bearer {token}", "X-File-Name": "large.txt",
                              "Content-Length": str(GIB)})
        response = conn.getresponse()
        answer = response.read()
        assert response.status == 201, answer
        file = json.loads(answer)
        conn.close()
        upload_seconds = time.monotonic() - started
        assert file["size_bytes"] == GIB and file["sha256"] == expected.hexdigest()

        conn = http.client.HTTPSConnection(api.host, api.port, context=insecure_context(), timeout=120)
        started = time.monotonic()
        conn.request("GET", f"/api/v1/files/{file['id']}/content", headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        assert response.status == 200
        received, digest = 0, hashlib.sha256()
        while True:
            piece = response.read(1024 * 1024)
            if not piece:
                break
            received += len(piece)
            digest.update(piece)
        conn.close()
        download_seconds = time.monotonic() - started
        assert received == GIB and digest.hexdigest() == file["sha256"]

        hwm_mib = vm_hwm_kib(srv.proc.pid) / 1024
        print(f"1 GiB: upload {GIB / 2**20 / upload_seconds:.0f} MiB/s, download "
              f"{GIB / 2**20 / download_seconds:.0f} MiB/s, server VmHWM {before_mib:.1f} -> {hwm_mib:.1f} MiB")
        if under_asan(srv.proc.pid):
            assert hwm_mib - before_mib < 100, f"the server's resident memory grew by {hwm_mib - before_mib:.1f} MiB"
        else:
            assert hwm_mib < 100, f"the server's resident memory peaked at {hwm_mib:.1f} MiB"
