#include "security/key_ring.hpp"

#include "platform/files/secure_file.hpp"

namespace consilium::security {
namespace {

namespace fs = std::filesystem;

fs::path PrivatePath(const fs::path& dir) { return dir / "jwt-ed25519.pem"; }
fs::path PublicPath(const fs::path& dir) { return dir / "jwt-ed25519.pub.pem"; }
fs::path RetiredDir(const fs::path& dir) { return dir / "retired"; }

}  // namespace

const crypto::SigningKey* KeyRing::Find(std::string_view kid) const {
  if (signing.kid() == kid) return &signing;
  for (const auto& key : retired) {
    if (key.kid() == kid) return &key;
  }
  return nullptr;
}

Result<std::shared_ptr<const KeyRing>> LoadKeyRing(const fs::path& keys_dir) {
  auto signing = crypto::SigningKey::LoadOrCreate(PrivatePath(keys_dir), PublicPath(keys_dir));
  if (!signing) return signing.error();
  auto ring = std::make_shared<KeyRing>(KeyRing{std::move(*signing), {}});
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(RetiredDir(keys_dir), ec)) {
    if (entry.path().extension() != ".pem") continue;
    auto key = crypto::SigningKey::LoadPublic(entry.path());
    if (!key) return key.error();
    ring->retired.push_back(std::move(*key));
  }
  return std::shared_ptr<const KeyRing>(std::move(ring));
}

Status RotateSigningKey(const fs::path& keys_dir) {
  auto current = LoadKeyRing(keys_dir);
  if (!current) return current.error();
  if (auto made = files::CreatePrivateDirectories(RetiredDir(keys_dir)); !made) return made;
  std::error_code ec;
  const fs::path retired = RetiredDir(keys_dir) / ((*current)->signing.kid() + ".pub.pem");
  fs::copy_file(PublicPath(keys_dir), retired, fs::copy_options::overwrite_existing, ec);
  if (ec) return Internal("cannot retire the signing key: " + ec.message());
  // Without the old files, LoadOrCreate makes a new pair.
  fs::remove(PrivatePath(keys_dir), ec);
  fs::remove(PublicPath(keys_dir), ec);
  auto next = crypto::SigningKey::LoadOrCreate(PrivatePath(keys_dir), PublicPath(keys_dir));
  if (!next) return next.error();
  const auto oldest = fs::file_time_type::clock::now() - kRetiredKeyLifetime;
  for (const auto& entry : fs::directory_iterator(RetiredDir(keys_dir), ec)) {
    if (entry.last_write_time(ec) < oldest) fs::remove(entry.path(), ec);
  }
  return {};
}

}  // namespace consilium::security
