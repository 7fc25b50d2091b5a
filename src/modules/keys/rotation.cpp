// Rotation: a new clinic key version (or root key version) takes new writes at once; this job then
// re-wraps what is still under an older version, a batch per transaction, so everything stays readable
// throughout and the job can stop and resume anywhere.
#include "modules/keys/clinic_key.hpp"
#include "modules/keys/keys.hpp"
#include "modules/keys/repository.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/crypto/key_wrap.hpp"
#include "platform/log/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace consilium::keys {
namespace {

constexpr int kPatientKeyBatch = 500;
constexpr std::chrono::seconds kRewrapInterval{5};

// The operator's scope in one clinic: no user, no session.
db::TenantScope JobScope(const std::string& clinic_id) { return {clinic_id, "", ""}; }

awaitable<Result<long>> RewrapClinicKeys(const std::string& clinic_id, std::uint32_t root_version) {
  long rewrapped = 0;
  const db::TenantScope scope = JobScope(clinic_id);
  auto status = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
    crypto::RootKey& root = Current().root();
    auto stale = co_await repository::ClinicKeysUnderOlderRoot(tx, clinic_id, static_cast<int>(root_version));
    if (!stale) co_return stale.error();
    for (const auto& old : *stale) {
      auto key = UnwrapClinicKey(clinic_id, old);
      if (!key) co_return key.error();
      auto wrapped = root.Wrap(root_version, *key);
      if (!wrapped) co_return wrapped.error();
      const std::string wrapped_hex = crypto::HexEncode(*wrapped);
      auto updated =
          co_await repository::RewrapClinicKey(tx, clinic_id, old.version, static_cast<int>(root_version), wrapped_hex);
      if (!updated) co_return updated.error();
      ++rewrapped;
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return rewrapped;
}

// One batch; returns how many it re-wrapped (fewer than a batch: the clinic is done).
awaitable<Result<long>> RewrapPatientKeyBatch(const std::string& clinic_id) {
  long rewrapped = 0;
  const db::TenantScope scope = JobScope(clinic_id);
  auto status = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
    auto newest = co_await NewestClinicKey(tx, clinic_id);
    if (!newest) co_return newest.error();
    auto stale = co_await repository::PatientKeysUnderOlderClinicKey(tx, clinic_id, newest->version, kPatientKeyBatch);
    if (!stale) co_return stale.error();
    std::vector<std::string> patient_ids;
    std::vector<std::string> wrapped_hex;
    for (const auto& old : *stale) {
      auto old_clinic_key = UnwrapClinicKey(clinic_id, old.clinic_key);
      if (!old_clinic_key) co_return old_clinic_key.error();
      auto wrapped = crypto::HexDecode(old.wrapped_hex);
      if (!wrapped) co_return Internal("a wrapped patient key is not hex");
      auto key = crypto::UnwrapKey(*old_clinic_key, {clinic_id, static_cast<std::uint32_t>(old.clinic_key.version)},
                                   crypto::WrappedKeyKind::kPatientKey, *wrapped);
      if (!key) co_return key.error();
      patient_ids.push_back(old.patient_id);
      wrapped_hex.push_back(
          crypto::HexEncode(crypto::WrapKey(newest->key, {clinic_id, static_cast<std::uint32_t>(newest->version)},
                                            crypto::WrappedKeyKind::kPatientKey, *key)));
    }
    if (patient_ids.empty()) co_return Status{};
    rewrapped = static_cast<long>(patient_ids.size());
    co_return co_await repository::RewrapPatientKeys(tx, clinic_id, patient_ids, wrapped_hex, newest->version);
  });
  if (!status) co_return status.error();
  co_return rewrapped;
}

awaitable<void> RunRewrapper() {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  while (true) {
    auto rewrapped = co_await RewrapPass();
    if (!rewrapped) {
      log::Warn("key_rewrap_failed",
                {{"code", SlugOf(rewrapped.error().code)}, {"detail", rewrapped.error().log_detail}});
    } else if (*rewrapped > 0) {
      log::Info("keys_rewrapped", {{"keys", *rewrapped}});
    }
    timer.expires_after(kRewrapInterval);
    auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (ec) co_return;
  }
}

}  // namespace

awaitable<Result<long>> RewrapPass() {
  const std::uint32_t root_version = Current().root().CurrentVersion();
  std::vector<std::string> clinics;
  auto listed = co_await db::InKeyJob([&](db::Tx& tx) -> awaitable<Status> {
    auto stale = co_await repository::ClinicsWithStaleKeys(tx, static_cast<int>(root_version));
    if (!stale) co_return stale.error();
    clinics = std::move(*stale);
    co_return Status{};
  });
  if (!listed) co_return listed.error();
  long total = 0;
  for (const auto& clinic_id : clinics) {
    auto clinic_keys = co_await RewrapClinicKeys(clinic_id, root_version);
    if (!clinic_keys) co_return clinic_keys.error();
    total += *clinic_keys;
    long batch = kPatientKeyBatch;
    while (batch == kPatientKeyBatch) {
      auto done = co_await RewrapPatientKeyBatch(clinic_id);
      if (!done) co_return done.error();
      batch = *done;
      total += batch;
    }
  }
  co_return total;
}

void StartRewrapper(boost::asio::io_context& io) { boost::asio::co_spawn(io, RunRewrapper(), boost::asio::detached); }

}  // namespace consilium::keys
