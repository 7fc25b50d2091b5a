// The default root key: one file per version, root-v<N>.key (base64url, mode 0600), outside the database
// so that a database dump or backup alone unlocks nothing.
#include "platform/crypto/encoding.hpp"
#include "platform/crypto/key_wrap.hpp"
#include "platform/crypto/root_key.hpp"
#include "platform/files/secure_file.hpp"

#include <map>
#include <mutex>
#include <regex>

namespace consilium::crypto {
namespace {

std::filesystem::path VersionFile(const std::filesystem::path& dir, std::uint32_t version) {
  return dir / ("root-v" + std::to_string(version) + ".key");
}

Result<SymmetricKey> ReadKeyFile(const std::filesystem::path& path) {
  auto text = files::ReadSmallFile(path);
  if (!text) return text.error();
  while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  auto bytes = Base64UrlDecode(*text);
  if (!bytes) return MakeError(ErrorCode::kInternal, "a root key file is malformed", path.string());
  auto key = SymmetricKey::FromBytes(*bytes);
  if (!key) return MakeError(ErrorCode::kInternal, "a root key file is malformed", path.string());
  return key;
}

Status WriteKeyFile(const std::filesystem::path& path) {
  const SymmetricKey key = SymmetricKey::Generate();
  return files::WriteFileAtomically(path, Base64UrlEncode(key.bytes()) + "\n", 0600);
}

class RootKeyFiles final : public RootKey {
 public:
  explicit RootKeyFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Reads the versions not known yet: another process (`consilium keys rotate-root`) may add one at any time.
  Status Load() const {
    std::lock_guard lock(mutex_);
    static const std::regex kName(R"(root-v([1-9][0-9]{0,8})\.key)");
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      std::smatch match;
      const std::string name = entry.path().filename().string();
      if (!std::regex_match(name, match, kName)) continue;
      const auto version = static_cast<std::uint32_t>(std::stoul(match[1].str()));
      if (keys_.contains(version)) continue;
      auto key = ReadKeyFile(entry.path());
      if (!key) return key.error();
      keys_.emplace(version, std::move(*key));
    }
    if (ec) return MakeError(ErrorCode::kInternal, "cannot read the root key directory", dir_.string());
    return {};
  }

  std::string Description() const override { return "key files in " + dir_.string(); }

  std::uint32_t CurrentVersion() const override {
    // A version file that cannot be read now is tried again next time; the known versions stay usable.
    static_cast<void>(Load());
    return Known();
  }

  std::uint32_t Known() const {
    std::lock_guard lock(mutex_);
    return keys_.empty() ? 0 : keys_.rbegin()->first;
  }

  Result<std::string> Wrap(std::uint32_t version, const SymmetricKey& clinic_key) const override {
    auto root = Version(version);
    if (!root) return root.error();
    return WrapKey(*root, {kRootKeyId, version}, WrappedKeyKind::kClinicKey, clinic_key);
  }

  Result<SymmetricKey> Unwrap(std::uint32_t version, std::string_view wrapped) const override {
    auto root = Version(version);
    if (!root) return root.error();
    return UnwrapKey(*root, {kRootKeyId, version}, WrappedKeyKind::kClinicKey, wrapped);
  }

  Result<std::uint32_t> AddVersion() override {
    const std::uint32_t version = CurrentVersion() + 1;
    const auto path = VersionFile(dir_, version);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      return MakeError(ErrorCode::kConflict, "another root key version is being made", path.string());
    }
    if (auto written = WriteKeyFile(path); !written) return written.error();
    if (auto loaded = Load(); !loaded) return loaded.error();
    return version;
  }

 private:
  Result<SymmetricKey> Version(std::uint32_t version) const {
    if (auto loaded = Load(); !loaded) return loaded.error();
    std::lock_guard lock(mutex_);
    auto it = keys_.find(version);
    if (it == keys_.end()) {
      return MakeError(ErrorCode::kInternal, "a root key version is missing",
                       "no root-v" + std::to_string(version) + ".key in " + dir_.string());
    }
    return it->second;
  }

  std::filesystem::path dir_;
  mutable std::mutex mutex_;
  mutable std::map<std::uint32_t, SymmetricKey> keys_;
};

}  // namespace

Result<std::unique_ptr<RootKey>> OpenRootKeyFiles(const std::filesystem::path& dir) {
  if (auto created = files::CreatePrivateDirectories(dir); !created) return created.error();
  auto root = std::make_unique<RootKeyFiles>(dir);
  if (auto loaded = root->Load(); !loaded) return loaded.error();
  if (root->Known() == 0) {
    if (auto added = root->AddVersion(); !added) return added.error();
  }
  return std::unique_ptr<RootKey>(std::move(root));
}

}  // namespace consilium::crypto
