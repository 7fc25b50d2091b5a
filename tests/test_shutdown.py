"""Graceful shutdown: SIGTERM lets an in-flight request finish, then the
server and its private PostgreSQL stop; readiness follows the database.
Each test uses a server of its own, since it stops something."""
import json
import os
import signal
import subprocess
import time

from client import Client, open_tls, read_response
from conftest import own_server


def test_sigterm_finishes_in_flight_request_then_stops_cluster():
    with own_server() as srv:
        owner = next(u for u in srv.demo["users"] if u["role"] == "owner")
        body = json.dumps({"email": owner["email"], "password": owner["password"]}).encode()
        sock = open_tls("127.0.0.1", srv.port, timeout=30)
        sock.sendall(b"POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        # bcrypt at cost 12 keeps the sign-in in flight for a few hundred ms.
        time.sleep(0.05)
        srv.proc.send_signal(signal.SIGTERM)
        response = read_response(sock)
        assert response is not None, "the in-flight request got no answer"
        assert response.status == 201, response
        assert srv.proc.wait(timeout=60) == 0
        assert not os.path.exists(os.path.join(srv.data_dir, "pg", "postmaster.pid")), "PostgreSQL still running"
        assert any('"event":"shutdown_finished"' in line for line in srv.stdout_lines), srv.log_tail()


def test_readyz_reports_the_database_and_healthz_the_process():
    with own_server() as srv:
        api = Client("127.0.0.1", srv.port)
        assert api.get("/readyz").status == 200
        # The database goes away under the running server.
        subprocess.run(["runuser", "-u", "consilium", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "stop",
                        "--pgdata", os.path.join(srv.data_dir, "pg"), "--mode", "fast", "--wait"],
                       check=True, capture_output=True)
        not_ready = api.get("/readyz")
        assert not_ready.status == 503, not_ready
        assert not_ready.json["error"]["code"] == "unavailable"
        assert api.get("/healthz").status == 200
