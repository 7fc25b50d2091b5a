#include "modules/audit/sealer.hpp"

#include "modules/audit/chain.hpp"
#include "modules/clinics/clinics.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/db/array_literal.hpp"
#include "platform/db/transaction.hpp"
#include "platform/log/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::audit {
namespace {

using boost::asio::awaitable;

constexpr int kBatch = 5000;

const std::string kHeadSql =
    "SELECT position, encode(chain, 'hex'), (extract(epoch FROM event_occurred_at) * 1000000)::bigint "
    "FROM audit_seals WHERE clinic_id = $1 ORDER BY position DESC LIMIT 1";

// Records not yet in the chain, oldest first, after a place in the trail:
// a little before the newest sealed one (kSealWindow) for a pass's first
// batch; never older ones, which the sealer would have seen before (see
// chain.hpp). The pass's later batches go on from where the last one ended.
const std::string kPendingSql =
    "SELECT (extract(epoch FROM e.occurred_at) * 1000000)::bigint, " + std::string(kCanonicalColumns) +
    " FROM audit_events e WHERE e.clinic_id = $1 "
    "AND (e.occurred_at, e.id) > ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $4::bigint) "
    "AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.clinic_id = e.clinic_id "
    "  AND s.event_occurred_at = e.occurred_at AND s.event_id = e.id) "
    "ORDER BY e.occurred_at, e.id LIMIT $3";

constexpr std::string_view kAppendSql =
    "INSERT INTO audit_seals (clinic_id, position, event_id, event_occurred_at, digest, chain) "
    "SELECT $1, t.position, t.event_id, 'epoch'::timestamptz + t.occurred_us * interval '1 microsecond', "
    "decode(t.digest, 'hex'), decode(t.chain, 'hex') "
    "FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[]) "
    "AS t(position, event_id, occurred_us, digest, chain)";

struct Head {
  long long position = 0;
  std::string chain = Genesis();
  long long occurred_us = 0;  // of the newest sealed record
};

awaitable<Result<Head>> ReadHead(db::Tx& tx, const std::string& clinic_id) {
  auto rows = co_await tx.Query(kHeadSql, clinic_id);
  if (!rows) co_return rows.error();
  Head head;
  if (rows->empty()) co_return head;
  head.position = std::stoll(rows->Text(0, 0));
  auto chain = crypto::HexDecode(rows->Get(0, 1));
  if (!chain) co_return Internal("audit seal with a malformed chain value");
  head.chain = std::move(*chain);
  head.occurred_us = std::stoll(rows->Text(0, 2));
  co_return head;
}

// Where a batch ended: (time in microseconds, id) of its last record.
struct Resume {
  long long occurred_us = 0;
  long long id = -1;
};

// Seals one batch of a clinic's pending records; returns how many.
awaitable<Result<int>> SealBatch(db::Tx& tx, const std::string& clinic_id, std::optional<Resume>& resume) {
  const std::string lock_key = "consilium.audit_seal." + clinic_id;
  auto locked = co_await tx.Query("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", lock_key);
  if (!locked) co_return locked.error();
  if (locked->Get(0, 0) != "t") co_return 0;  // another server is sealing this clinic
  auto head = co_await ReadHead(tx, clinic_id);
  if (!head) co_return head.error();
  const long long window_us = std::chrono::duration_cast<std::chrono::microseconds>(kSealWindow).count();
  Resume after;
  if (resume) {
    after = *resume;
  } else if (head->position > 0) {
    after.occurred_us = head->occurred_us - window_us;
  }
  auto rows = co_await tx.Query(kPendingSql, clinic_id, std::to_string(after.occurred_us), std::to_string(kBatch),
                                std::to_string(after.id));
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return 0;
  std::vector<std::string> positions, ids, times, digests, chains;
  std::string chain = head->chain;
  for (int row = 0; row < rows->size(); ++row) {
    const std::string digest = Digest(CanonicalRecord(*rows, row, 1));
    chain = Link(chain, digest);
    positions.push_back(std::to_string(head->position + row + 1));
    ids.push_back(rows->Text(row, 2));
    times.push_back(rows->Text(row, 0));
    digests.push_back(crypto::HexEncode(digest));
    chains.push_back(crypto::HexEncode(chain));
  }
  auto appended = co_await tx.Query(kAppendSql, clinic_id, db::ArrayLiteral(positions), db::ArrayLiteral(ids),
                                    db::ArrayLiteral(times), db::ArrayLiteral(digests), db::ArrayLiteral(chains));
  if (!appended) co_return appended.error();
  resume = Resume{std::stoll(times.back()), std::stoll(ids.back())};
  co_return rows->size();
}

awaitable<void> SealForever() {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  for (;;) {
    timer.expires_after(kSealInterval);
    auto [error] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (error) co_return;
    auto sealed = co_await SealPending();
    if (!sealed) log::Warn("audit_seal_failed", {{"detail", sealed.error().log_detail}});
  }
}

}  // namespace

awaitable<Result<long>> SealPending() {
  auto clinics = co_await clinics::ClinicIds(db::InAuditSealer);
  if (!clinics) co_return clinics.error();
  long total = 0;
  for (const auto& clinic_id : *clinics) {
    int sealed = kBatch;
    std::optional<Resume> resume;
    while (sealed == kBatch) {
      auto status = co_await db::InAuditSealer([&](db::Tx& tx) -> awaitable<Status> {
        auto batch = co_await SealBatch(tx, clinic_id, resume);
        if (!batch) co_return batch.error();
        sealed = *batch;
        co_return Status{};
      });
      if (!status) co_return status.error();
      total += sealed;
    }
  }
  co_return total;
}

void StartSealer(boost::asio::io_context& io) { boost::asio::co_spawn(io, SealForever(), boost::asio::detached); }

}  // namespace consilium::audit
