#include "modules/audit/verify.hpp"

#include "modules/audit/chain.hpp"
#include "modules/clinics/clinics.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/db/transaction.hpp"

#include <boost/json/parse.hpp>

#include <map>

namespace consilium::audit {
namespace {

using boost::asio::awaitable;

constexpr int kPage = 5000;
constexpr std::string_view kUtc = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

// Joined on the records' primary key (clinic, time, id), one index probe per seal.
const std::string kWalkSql =
    "SELECT s.position, s.event_id, encode(s.digest, 'hex'), encode(s.chain, 'hex'), "
    "to_char(s.event_occurred_at AT TIME ZONE 'UTC', " +
    std::string(kUtc) + "), e.id IS NOT NULL, " + std::string(kCanonicalColumns) +
    " FROM audit_seals s LEFT JOIN audit_events e ON e.clinic_id = s.clinic_id "
    "AND e.occurred_at = s.event_occurred_at AND e.id = s.event_id "
    "WHERE s.clinic_id = $1 AND s.position > $2 ORDER BY s.position LIMIT $3";
enum WalkColumn { kPosition, kEventId, kDigest, kChain, kSealedTime, kFound, kCanonical };

// The first record not in the chain and older than the sealer's window,
// and how many are younger (pending).
const std::string kUnsealedSql =
    "SELECT e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', " + std::string(kUtc) +
    "), "
    "e.occurred_at >= (SELECT max(event_occurred_at) FROM audit_seals WHERE clinic_id = $1) - $2::interval "
    "FROM audit_events e WHERE e.clinic_id = $1 AND NOT EXISTS ("
    "  SELECT 1 FROM audit_seals s WHERE s.clinic_id = e.clinic_id AND s.event_occurred_at = e.occurred_at "
    "  AND s.event_id = e.id) "
    "ORDER BY e.occurred_at, e.id";

// Where the retention job dropped old months, the chain values the
// remaining seals continue from (migration 0014, audit_drop_expired).
const std::string kAnchorsSql =
    "SELECT detail->'anchors' FROM audit_events WHERE clinic_id = $1 AND action = 'audit.retention' "
    "AND detail ? 'anchors'";

struct Walk {
  ChainReport& report;
  std::map<long long, std::string> anchors;  // position -> chain value (raw)
  long long last = 0;
  std::string chain = Genesis();
  bool broken = false;

  void Break(std::string kind, long long position, const db::Rows& rows, int row, std::string message) {
    report.breaks.push_back(
        {std::move(kind), position, rows.Text(row, kEventId), rows.Text(row, kSealedTime), std::move(message)});
    broken = true;
  }

  // Checks one seal against its record and the seal before it.
  void Check(const db::Rows& rows, int row) {
    const long long position = std::stoll(rows.Text(row, kPosition));
    if (position != last + 1) {
      auto anchor = anchors.find(position - 1);
      if (position != 1 && anchor == anchors.end()) {
        Break("deleted", last + 1, rows, row,
              "positions " + std::to_string(last + 1) + " to " + std::to_string(position - 1) +
                  " of the chain are missing: records and their seals were deleted");
        return;
      }
      chain = position == 1 ? Genesis() : anchor->second;
    }
    last = position;
    if (rows.Get(row, kFound) != "t") {
      Break("deleted", position, rows, row, "the record sealed at this position is gone (or its time was altered)");
      return;
    }
    const std::string digest = Digest(CanonicalRecord(rows, row, kCanonical));
    if (crypto::HexEncode(digest) != rows.Get(row, kDigest)) {
      Break("altered", position, rows, row, "the record differs from what was sealed");
      return;
    }
    chain = Link(chain, digest);
    if (crypto::HexEncode(chain) != rows.Get(row, kChain)) {
      Break("chain", position, rows, row, "the seal does not follow from the one before it: seals were altered");
      return;
    }
    report.sealed += 1;
    report.head_position = position;
    report.head_chain = crypto::HexEncode(chain);
  }
};

Status LoadAnchors(const db::Rows& rows, std::map<long long, std::string>& anchors) {
  for (int row = 0; row < rows.size(); ++row) {
    boost::system::error_code error;
    auto value = boost::json::parse(rows.Get(row, 0), error);
    if (error || !value.is_object()) return Internal("a retention record with malformed anchors");
    for (const auto& [position, chain] : value.as_object()) {
      auto raw = chain.is_string() ? crypto::HexDecode(chain.as_string()) : Result<std::string>(InvalidArgument(""));
      if (!raw) return Internal("a retention record with a malformed anchor");
      anchors[std::stoll(std::string(position))] = std::move(*raw);
    }
  }
  return {};
}

awaitable<Status> WalkChain(db::Tx& tx, Walk& walk) {
  const std::string& clinic_id = walk.report.clinic_id;
  auto anchors = co_await tx.Query(kAnchorsSql, clinic_id);
  if (!anchors) co_return anchors.error();
  if (auto loaded = LoadAnchors(*anchors, walk.anchors); !loaded) co_return loaded.error();
  const std::string page = std::to_string(kPage);
  for (;;) {
    const std::string after = std::to_string(walk.last);
    auto rows = co_await tx.Query(kWalkSql, clinic_id, after, page);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size() && !walk.broken; ++row) walk.Check(*rows, row);
    if (walk.broken || rows->size() < kPage) co_return Status{};
  }
}

awaitable<Status> FindUnsealed(db::Tx& tx, ChainReport& report) {
  const std::string window = std::to_string(kSealWindow.count()) + " seconds";
  auto rows = co_await tx.Query(kUnsealedSql, report.clinic_id, window);
  if (!rows) co_return rows.error();
  for (int row = 0; row < rows->size(); ++row) {
    // No seal at all yet: everything is pending.
    if (rows->IsNull(row, 2) || rows->Get(row, 2) == "t") {
      report.pending += 1;
    } else if (report.breaks.empty() || report.breaks.back().kind != "inserted") {
      report.breaks.push_back({"inserted", 0, rows->Text(row, 0), rows->Text(row, 1),
                               "the record is not in the chain: it was inserted behind the server's back"});
    }
  }
  co_return Status{};
}

awaitable<Result<std::vector<std::string>>> ClinicsToVerify(const std::optional<std::string>& clinic_id) {
  auto clinics = co_await clinics::ClinicIds(db::InAuditSealer, clinic_id);
  if (!clinics) co_return clinics.error();
  if (clinic_id && clinics->empty()) co_return NotFound("no such clinic");
  co_return clinics;
}

}  // namespace

awaitable<Result<std::vector<ChainReport>>> VerifyChains(std::optional<std::string> clinic_id) {
  auto clinics = co_await ClinicsToVerify(clinic_id);
  if (!clinics) co_return clinics.error();
  std::vector<ChainReport> reports;
  for (const auto& id : *clinics) {
    ChainReport report{.clinic_id = id};
    // Seals appended during the walk are left for the next run; a record
    // sealed meanwhile is no longer unsealed either way.
    auto status = co_await db::InAuditSealer([&](db::Tx& tx) -> awaitable<Status> {
      Walk walk{report};
      if (auto walked = co_await WalkChain(tx, walk); !walked) co_return walked.error();
      co_return co_await FindUnsealed(tx, report);
    });
    if (!status) co_return status.error();
    reports.push_back(std::move(report));
  }
  co_return reports;
}

boost::json::object ReportJson(const ChainReport& report) {
  boost::json::array breaks;
  for (const auto& found : report.breaks) {
    breaks.push_back({{"kind", found.kind},
                      {"position", found.position},
                      {"record_id", found.event_id},
                      {"occurred_at", found.occurred_at},
                      {"message", found.message}});
  }
  return {{"clinic_id", report.clinic_id}, {"ok", report.breaks.empty()},           {"sealed", report.sealed},
          {"pending", report.pending},     {"head_position", report.head_position}, {"head_chain", report.head_chain},
          {"breaks", std::move(breaks)}};
}

}  // namespace consilium::audit
