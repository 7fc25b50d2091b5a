#include "modules/audit/chain.hpp"

#include "platform/crypto/hash.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace consilium::audit {

const std::string_view kCanonicalColumns =
    "e.clinic_id, e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
    "e.actor_user_id, e.clinic_role::text, e.meeting_role::text, e.action, e.outcome, e.resource_type, "
    "e.resource_id, e.patient_id, e.patient_ids::text, e.before::text, e.after::text, e.detail::text, e.ip::text, "
    "e.user_agent, e.request_id";

std::string CanonicalRecord(const db::Rows& rows, int row, int first_column) {
  boost::json::array fields;
  fields.reserve(kCanonicalColumnCount);
  for (int column = first_column; column < first_column + kCanonicalColumnCount; ++column) {
    if (rows.IsNull(row, column)) {
      fields.emplace_back(nullptr);
    } else {
      fields.emplace_back(boost::json::string(rows.Get(row, column)));
    }
  }
  return boost::json::serialize(fields);
}

std::string Digest(std::string_view canonical) { return crypto::Sha256(canonical); }

std::string Link(std::string_view previous, std::string_view digest) {
  std::string joined(previous);
  joined += digest;
  return crypto::Sha256(joined);
}

std::string Genesis() { return std::string(crypto::kSha256Bytes, '\0'); }

}  // namespace consilium::audit
