"""Latency of small requests beside a big transfer: GET /readyz (a database round trip) over a new
HTTPS connection every 20 ms, until the stop file appears or the seconds run out. Prints
"<count> <p50 ms> <p99 ms> <max ms>".

    python3 bench/latency_probe.py URL STOP_FILE MAX_SECONDS
"""
import http.client
import os
import ssl
import sys
import time
import urllib.parse


def main(url, stop_file, max_seconds):
    parts = urllib.parse.urlsplit(url)
    context = ssl._create_unverified_context()  # the bench server's self-signed certificate
    latencies = []
    deadline = time.monotonic() + max_seconds
    while not os.path.exists(stop_file) and time.monotonic() < deadline:
        started = time.monotonic()
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=60)
        conn.request("GET", "/readyz")
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status != 200:
            sys.exit(f"/readyz answered {response.status}")
        latencies.append((time.monotonic() - started) * 1000)
        time.sleep(0.02)
    latencies.sort()
    if not latencies:
        sys.exit("no request finished")
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"{len(latencies)} {pick(0.5):.1f} {pick(0.99):.1f} {latencies[-1]:.1f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
