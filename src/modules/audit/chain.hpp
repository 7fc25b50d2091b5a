#pragma once
// The hash chain that makes the audit trail tamper-evident (docs/audit.md):
// each clinic's records are sealed in order, position 1, 2, ...
//   digest(n) = SHA-256(canonical record n)
//   chain(n)  = SHA-256(chain(n-1) || digest(n)), chain(0) = 32 zero bytes
// The canonical record is a JSON array of the record's columns as
// PostgreSQL prints them (text or null), in a fixed order.
#include "platform/db/rows.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace consilium::audit {

// The select list of a record's canonical columns, for a query on
// `audit_events e`; kCanonicalColumnCount columns.
extern const std::string_view kCanonicalColumns;
inline constexpr int kCanonicalColumnCount = 18;

// How late a record may be sealed after the newest sealed one (a
// transaction commits after its record's time). An unsealed record older
// than that was never seen by the sealer: it was put there behind its back.
inline constexpr std::chrono::seconds kSealWindow{60};

std::string CanonicalRecord(const db::Rows& rows, int row, int first_column);
std::string Digest(std::string_view canonical);           // 32 raw bytes
std::string Link(std::string_view previous, std::string_view digest);  // 32 raw bytes
std::string Genesis();                                     // chain(0)

}  // namespace consilium::audit
