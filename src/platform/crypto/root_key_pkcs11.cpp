// The root key in a PKCS#11 token (an HSM): AES-256 secret keys <key_label>-v<N>, made in the token as
// sensitive and non-extractable, so the root key never leaves it. The token seals clinic keys with
// AES-256-GCM in key_wrap's format, so the bytes are the same as WrapKey's under the same key.
#include "platform/crypto/key_wrap.hpp"
#include "platform/crypto/random.hpp"
#include "platform/crypto/root_key.hpp"
#include "platform/crypto/root_key_pkcs11_for_test.hpp"

#include <dlfcn.h>
#include <openssl/crypto.h>
#include <p11-kit/pkcs11.h>

#include <array>
#include <cstdio>
#include <map>
#include <mutex>
#include <regex>
#include <vector>

namespace consilium::crypto {
namespace {

constexpr std::size_t kTokenLabelBytes = 32;  // CK_TOKEN_INFO::label, padded with spaces
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr std::size_t kSealedKeyBytes = kSymmetricKeyBytes + kTagBytes;
constexpr char kFormatVersion = 1;  // key_wrap's
constexpr CK_ULONG kFindBatch = 16;
static_assert(kWrappedKeyBytes == 1 + kNonceBytes + kSealedKeyBytes);

std::string RvText(CK_RV rv) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "CKR 0x%08lx", static_cast<unsigned long>(rv));
  return text.data();
}

Error TokenError(std::string public_message, std::string_view call, CK_RV rv) {
  return MakeError(ErrorCode::kInternal, std::move(public_message), std::string(call) + ": " + RvText(rv));
}

Error Unwrappable(std::string detail) {
  return MakeError(ErrorCode::kInternal, "a wrapped key could not be unwrapped", std::move(detail));
}

// One loaded and initialised module per path, shared by every root key that uses it: PKCS#11 allows one
// C_Initialize per process, and C_Finalize must wait for the last user. Counted under one mutex, so a module
// being finalised is never handed out again.
std::mutex& ModulesMutex() {
  static std::mutex mutex;
  return mutex;
}

class Module {
 public:
  Module(void* handle, CK_FUNCTION_LIST* functions, bool finalize)
      : handle_(handle), functions_(functions), finalize_(finalize) {}
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  ~Module() {  // under ModulesMutex()
    if (finalize_) functions_->C_Finalize(nullptr);
    dlclose(handle_);
  }
  CK_FUNCTION_LIST& f() const { return *functions_; }

 private:
  void* handle_;
  CK_FUNCTION_LIST* functions_;
  bool finalize_;  // false when someone else in the process had initialised it
};

struct LoadedModule {
  std::unique_ptr<Module> module;
  int users = 0;
};

std::map<std::string, LoadedModule>& LoadedModules() {
  static std::map<std::string, LoadedModule> loaded;
  return loaded;
}

// Under ModulesMutex(): one more user of a loaded module, who lets go of it by dropping the pointer.
std::shared_ptr<const Module> UseLocked(const std::string& key) {
  LoadedModule& loaded = LoadedModules().at(key);
  ++loaded.users;
  return std::shared_ptr<const Module>(loaded.module.get(), [key](const Module*) {
    std::lock_guard lock(ModulesMutex());
    auto it = LoadedModules().find(key);
    if (--it->second.users == 0) LoadedModules().erase(it);
  });
}

Result<std::shared_ptr<const Module>> LoadModule(const std::filesystem::path& path) {
  const std::string key = path.string();
  std::lock_guard lock(ModulesMutex());
  if (LoadedModules().contains(key)) return UseLocked(key);

  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return MakeError(ErrorCode::kInvalidArgument, "cannot load the PKCS#11 module " + key,
                     why != nullptr ? why : "dlopen failed");
  }
  const auto get_function_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList"));
  CK_FUNCTION_LIST* functions = nullptr;
  if (get_function_list == nullptr || get_function_list(&functions) != CKR_OK || functions == nullptr) {
    dlclose(handle);
    return InvalidArgument("the PKCS#11 module " + key + " has no usable C_GetFunctionList");
  }
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;  // our threads, the OS's locks
  const CK_RV rv = functions->C_Initialize(&args);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    dlclose(handle);
    return MakeError(ErrorCode::kInvalidArgument, "cannot initialise the PKCS#11 module " + key,
                     "C_Initialize: " + RvText(rv));
  }
  LoadedModules()[key].module = std::make_unique<Module>(handle, functions, rv == CKR_OK);
  return UseLocked(key);
}

Result<CK_SLOT_ID> FindToken(const Module& module, std::string_view label) {
  const auto unknown = [&] { return InvalidArgument("cannot find the PKCS#11 token '" + std::string(label) + "'"); };
  if (label.empty() || label.size() > kTokenLabelBytes) return unknown();
  CK_ULONG count = 0;
  if (CK_RV rv = module.f().C_GetSlotList(CK_TRUE, nullptr, &count); rv != CKR_OK) {
    return TokenError("cannot list the PKCS#11 module's tokens", "C_GetSlotList", rv);
  }
  std::vector<CK_SLOT_ID> slots(count);
  if (CK_RV rv = module.f().C_GetSlotList(CK_TRUE, slots.data(), &count); rv != CKR_OK) {
    return TokenError("cannot list the PKCS#11 module's tokens", "C_GetSlotList", rv);
  }
  slots.resize(count);
  std::string padded(label);
  padded.resize(kTokenLabelBytes, ' ');
  for (CK_SLOT_ID slot : slots) {
    CK_TOKEN_INFO info{};
    if (module.f().C_GetTokenInfo(slot, &info) != CKR_OK) continue;
    if (std::string_view(reinterpret_cast<const char*>(info.label), kTokenLabelBytes) == padded) return slot;
  }
  return unknown();
}

Status LogIn(const Module& module, CK_SESSION_HANDLE session, const std::string& pin) {
  std::string copy = pin;  // C_Login takes a non-const pointer
  const CK_RV rv = module.f().C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR*>(copy.data()), copy.size());
  OPENSSL_cleanse(copy.data(), copy.size());
  switch (rv) {
    case CKR_OK:
    case CKR_USER_ALREADY_LOGGED_IN:  // another root key of this process on the same token
      return {};
    case CKR_PIN_INCORRECT:
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE:
      return InvalidArgument("cannot log in to the PKCS#11 token: wrong PIN");
    case CKR_PIN_LOCKED:
      return InvalidArgument("cannot log in to the PKCS#11 token: its user PIN is locked");
    case CKR_PIN_EXPIRED:
      return InvalidArgument("cannot log in to the PKCS#11 token: its user PIN has expired");
    case CKR_USER_PIN_NOT_INITIALIZED:
      return InvalidArgument("cannot log in to the PKCS#11 token: its user PIN is not set");
    default:
      return MakeError(ErrorCode::kInvalidArgument, "cannot log in to the PKCS#11 token", "C_Login: " + RvText(rv));
  }
}

// The version in a key label "<key_label>-v<N>", or 0 if it is not one.
std::uint32_t VersionOfLabel(std::string_view key_label, std::string_view label) {
  static const std::regex kSuffix("-v([1-9][0-9]{0,8})");
  if (label.size() <= key_label.size() || label.substr(0, key_label.size()) != key_label) return 0;
  const std::string suffix(label.substr(key_label.size()));
  std::smatch match;
  if (!std::regex_match(suffix, match, kSuffix)) return 0;
  return static_cast<std::uint32_t>(std::stoul(match[1].str()));
}

class Pkcs11RootKey final : public RootKey {
 public:
  Pkcs11RootKey(std::shared_ptr<const Module> module, CK_SESSION_HANDLE session, std::string token_label,
                std::string key_label)
      : module_(std::move(module)),
        session_(session),
        token_label_(std::move(token_label)),
        key_label_(std::move(key_label)) {}
  Pkcs11RootKey(const Pkcs11RootKey&) = delete;
  Pkcs11RootKey& operator=(const Pkcs11RootKey&) = delete;
  ~Pkcs11RootKey() override {
    std::lock_guard lock(mutex_);
    f().C_CloseSession(session_);  // the last session's close logs the user out
  }

  Status Load() {
    std::lock_guard lock(mutex_);
    return LoadLocked();
  }

  std::string Description() const override {
    return "PKCS#11 token '" + token_label_ + "', keys " + key_label_ + "-v<N>";
  }

  // Looks again, so that a version `consilium keys rotate-root` added is taken up without a restart; if the
  // token cannot be searched now, the versions known stay usable.
  std::uint32_t CurrentVersion() const override {
    std::lock_guard lock(mutex_);
    static_cast<void>(LoadLocked());
    return keys_.empty() ? 0 : keys_.rbegin()->first;
  }

  Result<std::string> Wrap(std::uint32_t version, const SymmetricKey& clinic_key) const override {
    std::lock_guard lock(mutex_);
    auto handle = KeyLocked(version);
    if (!handle) return handle.error();
    const std::string nonce = RandomBytes(kNonceBytes);
    std::string nonce_buffer = nonce;
    std::string aad = WrappedKeyAssociatedData({kRootKeyId, version}, WrappedKeyKind::kClinicKey);
    CK_GCM_PARAMS params = GcmParams(nonce_buffer, aad);
    CK_MECHANISM mechanism{CKM_AES_GCM, &params, sizeof(params)};
    if (CK_RV rv = f().C_EncryptInit(session_, &mechanism, *handle); rv != CKR_OK) {
      return TokenError("the PKCS#11 token could not wrap a key", "C_EncryptInit", rv);
    }
    std::array<unsigned char, kSymmetricKeyBytes> plain{};
    std::copy_n(clinic_key.data(), plain.size(), plain.begin());
    std::array<unsigned char, kSealedKeyBytes> sealed{};
    CK_ULONG sealed_size = sealed.size();
    const CK_RV rv = f().C_Encrypt(session_, plain.data(), plain.size(), sealed.data(), &sealed_size);
    OPENSSL_cleanse(plain.data(), plain.size());
    if (rv != CKR_OK) return TokenError("the PKCS#11 token could not wrap a key", "C_Encrypt", rv);
    if (sealed_size != sealed.size()) {
      return MakeError(ErrorCode::kInternal, "the PKCS#11 token could not wrap a key",
                       "C_Encrypt gave " + std::to_string(sealed_size) + " bytes");
    }
    std::string wrapped(1, kFormatVersion);
    wrapped += nonce;
    wrapped.append(reinterpret_cast<const char*>(sealed.data()), sealed.size());
    return wrapped;
  }

  Result<SymmetricKey> Unwrap(std::uint32_t version, std::string_view wrapped) const override {
    if (wrapped.size() != kWrappedKeyBytes || wrapped[0] != kFormatVersion) {
      return Unwrappable("not a wrapped key of format version 1");
    }
    std::lock_guard lock(mutex_);
    auto handle = KeyLocked(version);
    if (!handle) return handle.error();
    std::string nonce(wrapped.substr(1, kNonceBytes));
    std::string aad = WrappedKeyAssociatedData({kRootKeyId, version}, WrappedKeyKind::kClinicKey);
    CK_GCM_PARAMS params = GcmParams(nonce, aad);
    CK_MECHANISM mechanism{CKM_AES_GCM, &params, sizeof(params)};
    if (CK_RV rv = f().C_DecryptInit(session_, &mechanism, *handle); rv != CKR_OK) {
      return Unwrappable("C_DecryptInit: " + RvText(rv));
    }
    std::string sealed(wrapped.substr(1 + kNonceBytes));
    std::array<unsigned char, kSealedKeyBytes> plain{};  // room for what a token may want, tag included
    CK_ULONG plain_size = plain.size();
    const CK_RV rv = f().C_Decrypt(session_, reinterpret_cast<unsigned char*>(sealed.data()), sealed.size(),
                                   plain.data(), &plain_size);
    Result<SymmetricKey> key =
        Unwrappable("C_Decrypt: " + RvText(rv) + "; wrapped key altered, or wrapped under another key or version");
    if (rv == CKR_OK) {
      key = SymmetricKey::FromBytes(std::string_view(reinterpret_cast<const char*>(plain.data()), plain_size));
      if (!key) key = Unwrappable("C_Decrypt gave " + std::to_string(plain_size) + " bytes");
    }
    OPENSSL_cleanse(plain.data(), plain.size());
    return key;
  }

  Result<std::uint32_t> AddVersion() override {
    std::lock_guard lock(mutex_);
    // Another server on the same token may have added one since we looked.
    if (auto loaded = LoadLocked(); !loaded) return loaded.error();
    const std::uint32_t version = NextVersionLocked();
    const std::string label = LabelOf(version);
    CK_OBJECT_CLASS key_class = CKO_SECRET_KEY;
    CK_KEY_TYPE key_type = CKK_AES;
    CK_ULONG value_len = kSymmetricKeyBytes;
    CK_BBOOL yes = CK_TRUE;
    CK_BBOOL no = CK_FALSE;
    std::array<CK_ATTRIBUTE, 13> attributes{{
        {CKA_CLASS, &key_class, sizeof(key_class)},
        {CKA_KEY_TYPE, &key_type, sizeof(key_type)},
        {CKA_VALUE_LEN, &value_len, sizeof(value_len)},
        {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
        {CKA_TOKEN, &yes, sizeof(yes)},
        {CKA_PRIVATE, &yes, sizeof(yes)},
        {CKA_SENSITIVE, &yes, sizeof(yes)},
        {CKA_EXTRACTABLE, &no, sizeof(no)},
        {CKA_ENCRYPT, &yes, sizeof(yes)},
        {CKA_DECRYPT, &yes, sizeof(yes)},
        {CKA_WRAP, &no, sizeof(no)},
        {CKA_UNWRAP, &no, sizeof(no)},
        {CKA_DERIVE, &no, sizeof(no)},
    }};
    CK_MECHANISM mechanism{CKM_AES_KEY_GEN, nullptr, 0};
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    if (CK_RV rv = f().C_GenerateKey(session_, &mechanism, attributes.data(), attributes.size(), &handle);
        rv != CKR_OK) {
      return TokenError("the PKCS#11 token could not make a root key version", "C_GenerateKey", rv);
    }
    keys_[version] = handle;
    return version;
  }

  Result<Pkcs11KeyAttributesForTest> AttributesForTest(std::uint32_t version) const {
    std::lock_guard lock(mutex_);
    auto handle = KeyLocked(version);
    if (!handle) return handle.error();
    CK_BBOOL token = CK_FALSE;
    CK_BBOOL sensitive = CK_FALSE;
    CK_BBOOL extractable = CK_TRUE;
    std::array<CK_ATTRIBUTE, 3> flags{{
        {CKA_TOKEN, &token, sizeof(token)},
        {CKA_SENSITIVE, &sensitive, sizeof(sensitive)},
        {CKA_EXTRACTABLE, &extractable, sizeof(extractable)},
    }};
    if (CK_RV rv = f().C_GetAttributeValue(session_, *handle, flags.data(), flags.size()); rv != CKR_OK) {
      return TokenError("cannot read a key's attributes", "C_GetAttributeValue", rv);
    }
    std::array<unsigned char, kSymmetricKeyBytes> value{};
    CK_ATTRIBUTE value_attribute{CKA_VALUE, value.data(), value.size()};
    const CK_RV value_rv = f().C_GetAttributeValue(session_, *handle, &value_attribute, 1);
    OPENSSL_cleanse(value.data(), value.size());
    return Pkcs11KeyAttributesForTest{.token = token == CK_TRUE,
                                      .sensitive = sensitive == CK_TRUE,
                                      .extractable = extractable == CK_TRUE,
                                      .value_readable = value_rv == CKR_OK};
  }

  Result<std::uint32_t> ImportForTest(const SymmetricKey& key) {
    std::lock_guard lock(mutex_);
    const std::uint32_t version = NextVersionLocked();
    const std::string label = LabelOf(version);
    CK_OBJECT_CLASS key_class = CKO_SECRET_KEY;
    CK_KEY_TYPE key_type = CKK_AES;
    CK_BBOOL yes = CK_TRUE;
    std::string value(key.bytes());
    std::array<CK_ATTRIBUTE, 7> attributes{{
        {CKA_CLASS, &key_class, sizeof(key_class)},
        {CKA_KEY_TYPE, &key_type, sizeof(key_type)},
        {CKA_VALUE, value.data(), value.size()},
        {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
        {CKA_TOKEN, &yes, sizeof(yes)},
        {CKA_ENCRYPT, &yes, sizeof(yes)},
        {CKA_DECRYPT, &yes, sizeof(yes)},
    }};
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    const CK_RV rv = f().C_CreateObject(session_, attributes.data(), attributes.size(), &handle);
    OPENSSL_cleanse(value.data(), value.size());
    if (rv != CKR_OK) return TokenError("cannot import a test key", "C_CreateObject", rv);
    keys_[version] = handle;
    return version;
  }

 private:
  CK_FUNCTION_LIST& f() const { return module_->f(); }

  std::string LabelOf(std::uint32_t version) const { return key_label_ + "-v" + std::to_string(version); }

  std::uint32_t NextVersionLocked() const { return keys_.empty() ? 1 : keys_.rbegin()->first + 1; }

  static CK_GCM_PARAMS GcmParams(std::string& nonce, std::string& aad) {
    CK_GCM_PARAMS params{};
    params.pIv = reinterpret_cast<unsigned char*>(nonce.data());
    params.ulIvLen = nonce.size();
    params.ulIvBits = nonce.size() * 8;
    params.pAAD = reinterpret_cast<unsigned char*>(aad.data());
    params.ulAADLen = aad.size();
    params.ulTagBits = kTagBytes * 8;
    return params;
  }

  // The key object of a version; a version another server added since we looked is found by looking again.
  Result<CK_OBJECT_HANDLE> KeyLocked(std::uint32_t version) const {
    auto it = keys_.find(version);
    if (it == keys_.end()) {
      if (auto loaded = LoadLocked(); !loaded) return loaded.error();
      it = keys_.find(version);
    }
    if (it == keys_.end()) {
      return MakeError(ErrorCode::kInternal, "a root key version is missing",
                       "no key " + LabelOf(version) + " in the PKCS#11 token '" + token_label_ + "'");
    }
    return it->second;
  }

  // Finds every <key_label>-v<N> AES key object in the token.
  Status LoadLocked() const {
    CK_OBJECT_CLASS key_class = CKO_SECRET_KEY;
    CK_KEY_TYPE key_type = CKK_AES;
    CK_BBOOL yes = CK_TRUE;
    std::array<CK_ATTRIBUTE, 3> query{{
        {CKA_CLASS, &key_class, sizeof(key_class)},
        {CKA_KEY_TYPE, &key_type, sizeof(key_type)},
        {CKA_TOKEN, &yes, sizeof(yes)},
    }};
    if (CK_RV rv = f().C_FindObjectsInit(session_, query.data(), query.size()); rv != CKR_OK) {
      return TokenError("cannot search the PKCS#11 token for the root key", "C_FindObjectsInit", rv);
    }
    std::vector<CK_OBJECT_HANDLE> found;
    CK_RV rv = CKR_OK;
    while (true) {
      std::array<CK_OBJECT_HANDLE, kFindBatch> batch{};
      CK_ULONG count = 0;
      rv = f().C_FindObjects(session_, batch.data(), batch.size(), &count);
      if (rv != CKR_OK || count == 0) break;
      found.insert(found.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(count));
    }
    f().C_FindObjectsFinal(session_);
    if (rv != CKR_OK) return TokenError("cannot search the PKCS#11 token for the root key", "C_FindObjects", rv);

    std::map<std::uint32_t, CK_OBJECT_HANDLE> keys;
    for (CK_OBJECT_HANDLE handle : found) {
      auto label = LabelOfObject(handle);
      if (!label) return label.error();
      const std::uint32_t version = VersionOfLabel(key_label_, *label);
      if (version == 0) continue;
      if (!keys.emplace(version, handle).second) {
        return MakeError(ErrorCode::kInternal, "two root key objects in the PKCS#11 token have the same label", *label);
      }
      CK_ULONG value_len = 0;
      CK_ATTRIBUTE length{CKA_VALUE_LEN, &value_len, sizeof(value_len)};
      if (CK_RV length_rv = f().C_GetAttributeValue(session_, handle, &length, 1);
          length_rv != CKR_OK || value_len != kSymmetricKeyBytes) {
        return MakeError(ErrorCode::kInternal, "a root key object in the PKCS#11 token is not an AES-256 key", *label);
      }
    }
    keys_ = std::move(keys);
    return {};
  }

  Result<std::string> LabelOfObject(CK_OBJECT_HANDLE handle) const {
    CK_ATTRIBUTE attribute{CKA_LABEL, nullptr, 0};
    if (CK_RV rv = f().C_GetAttributeValue(session_, handle, &attribute, 1); rv != CKR_OK) {
      return TokenError("cannot read a key label in the PKCS#11 token", "C_GetAttributeValue", rv);
    }
    if (attribute.ulValueLen == CK_UNAVAILABLE_INFORMATION) return std::string();
    std::string label(attribute.ulValueLen, '\0');
    attribute.pValue = label.data();
    if (CK_RV rv = f().C_GetAttributeValue(session_, handle, &attribute, 1); rv != CKR_OK) {
      return TokenError("cannot read a key label in the PKCS#11 token", "C_GetAttributeValue", rv);
    }
    label.resize(attribute.ulValueLen);
    return label;
  }

  std::shared_ptr<const Module> module_;
  CK_SESSION_HANDLE session_;  // one session for every call, under mutex_: calls are rare (clinic keys are cached)
  std::string token_label_;
  std::string key_label_;
  mutable std::mutex mutex_;
  mutable std::map<std::uint32_t, CK_OBJECT_HANDLE> keys_;
};

}  // namespace

Result<std::unique_ptr<RootKey>> OpenPkcs11RootKey(const Pkcs11Settings& settings) {
  if (settings.key_label.empty()) return InvalidArgument("the PKCS#11 key label is empty");
  auto module = LoadModule(settings.module);
  if (!module) return module.error();
  auto slot = FindToken(**module, settings.token_label);
  if (!slot) return slot.error();
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
  if (CK_RV rv = (*module)->f().C_OpenSession(*slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session);
      rv != CKR_OK) {
    return MakeError(ErrorCode::kInvalidArgument, "cannot open a session with the PKCS#11 token",
                     "C_OpenSession: " + RvText(rv));
  }
  // From here the root key owns the session and closes it, whatever happens next.
  auto root = std::make_unique<Pkcs11RootKey>(*module, session, settings.token_label, settings.key_label);
  if (auto logged_in = LogIn(**module, session, settings.pin); !logged_in) return logged_in.error();
  if (auto loaded = root->Load(); !loaded) return loaded.error();
  if (root->CurrentVersion() == 0) {
    if (auto added = root->AddVersion(); !added) return added.error();
  }
  return std::unique_ptr<RootKey>(std::move(root));
}

Result<Pkcs11KeyAttributesForTest> ReadPkcs11KeyAttributesForTest(const RootKey& root, std::uint32_t version) {
  const auto* pkcs11 = dynamic_cast<const Pkcs11RootKey*>(&root);
  if (pkcs11 == nullptr) return InvalidArgument("not a PKCS#11 root key");
  return pkcs11->AttributesForTest(version);
}

Result<std::uint32_t> ImportPkcs11VersionForTest(RootKey& root, const SymmetricKey& key) {
  auto* pkcs11 = dynamic_cast<Pkcs11RootKey*>(&root);
  if (pkcs11 == nullptr) return InvalidArgument("not a PKCS#11 root key");
  return pkcs11->ImportForTest(key);
}

}  // namespace consilium::crypto
