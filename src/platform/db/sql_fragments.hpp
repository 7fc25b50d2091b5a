#pragma once
// SQL pieces every module writes the same way.

// A timestamptz as RFC 3339 in UTC, to the second: "2026-12-01T08:30:00Z".
#define CONSILIUM_SQL_UTC(column) "to_char((" column ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
