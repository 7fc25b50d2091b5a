#include "modules/keys/clinic_key.hpp"

#include "modules/keys/keys.hpp"
#include "platform/crypto/encoding.hpp"

namespace consilium::keys {

Result<crypto::SymmetricKey> UnwrapClinicKey(const std::string& clinic_id, const repository::WrappedClinicKey& key) {
  auto wrapped = crypto::HexDecode(key.wrapped_hex);
  if (!wrapped) return Internal("a wrapped clinic key is not hex");
  return Current().ClinicKey(clinic_id, key.version, key.root_version, *wrapped);
}

namespace {

boost::asio::awaitable<Result<bool>> InsertVersion(db::Tx& tx, const std::string& clinic_id, int version) {
  crypto::RootKey& root = Current().root();
  const std::uint32_t root_version = root.CurrentVersion();
  auto wrapped = root.Wrap(root_version, crypto::SymmetricKey::Generate());
  if (!wrapped) co_return wrapped.error();
  const repository::WrappedClinicKey key{version, static_cast<int>(root_version), crypto::HexEncode(*wrapped)};
  co_return co_await repository::InsertClinicKey(tx, clinic_id, key);
}

}  // namespace

boost::asio::awaitable<Result<ClinicKeyVersion>> NewestClinicKey(db::Tx& tx, const std::string& clinic_id) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto newest = co_await repository::NewestClinicKey(tx, clinic_id);
    if (!newest) co_return newest.error();
    if (*newest) {
      auto key = UnwrapClinicKey(clinic_id, **newest);
      if (!key) co_return key.error();
      co_return ClinicKeyVersion{(*newest)->version, *key};
    }
    // A lost race leaves the other transaction's version 1, read on the next attempt.
    auto inserted = co_await InsertVersion(tx, clinic_id, 1);
    if (!inserted) co_return inserted.error();
  }
  co_return Internal("a clinic key could neither be found nor made");
}

boost::asio::awaitable<Result<int>> AddClinicKeyVersion(db::Tx& tx, const std::string& clinic_id) {
  auto newest = co_await NewestClinicKey(tx, clinic_id);
  if (!newest) co_return newest.error();
  const int version = newest->version + 1;
  auto inserted = co_await InsertVersion(tx, clinic_id, version);
  if (!inserted) co_return inserted.error();
  if (!*inserted) co_return MakeError(ErrorCode::kConflict, "the clinic key is being rotated already");
  co_return version;
}

}  // namespace consilium::keys
