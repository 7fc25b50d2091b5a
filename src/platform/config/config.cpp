#include "platform/config/config.hpp"

#include "platform/files/secure_file.hpp"

#include <boost/json/parse.hpp>

#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>

namespace consilium {
namespace {

using Setter = std::function<Status(Config&, std::string_view)>;

template <class Int>
Result<Int> ParseInt(std::string_view key, std::string_view text, Int min, Int max) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return InvalidArgument("setting " + std::string(key) + " must be a whole number from " + std::to_string(min) +
                           " to " + std::to_string(max));
  }
  return value;
}

template <class Int>
Setter IntSetter(Int Config::*member, Int min, Int max) {
  return [member, min, max](Config& config, std::string_view text) -> Status {
    auto value = ParseInt<Int>("", text, min, max);
    if (!value) return value.error();
    config.*member = *value;
    return {};
  };
}

Setter MillisSetter(std::chrono::milliseconds Config::*member) {
  return [member](Config& config, std::string_view text) -> Status {
    auto value = ParseInt<long>("", text, 1, 3'600'000);
    if (!value) return value.error();
    config.*member = std::chrono::milliseconds(*value);
    return {};
  };
}

template <class Text>
Setter TextSetter(Text Config::*member) {
  return [member](Config& config, std::string_view text) -> Status {
    config.*member = Text(std::string(text));
    return {};
  };
}

const std::map<std::string, Setter, std::less<>>& Setters() {
  static const std::map<std::string, Setter, std::less<>> setters = {
      {"data_dir", TextSetter(&Config::data_dir)},
      {"listen", TextSetter(&Config::listen)},
      {"public_url", TextSetter(&Config::public_url)},
      {"database_url", TextSetter(&Config::database_url)},
      {"database_owner_url", TextSetter(&Config::database_owner_url)},
      {"tls_cert_file", TextSetter(&Config::tls_cert_file)},
      {"tls_key_file", TextSetter(&Config::tls_key_file)},
      {"web_root", TextSetter(&Config::web_root)},
      {"demo",
       [](Config& config, std::string_view text) -> Status {
         if (text != "true" && text != "false") return InvalidArgument("setting demo must be true or false");
         config.demo = text == "true";
         return {};
       }},
      {"workers", IntSetter(&Config::workers, 0, 256)},
      {"db_pool_size", IntSetter(&Config::db_pool_size, 1, 512)},
      {"max_connections", IntSetter(&Config::max_connections, 1, 1'000'000)},
      {"header_limit_bytes", IntSetter<std::size_t>(&Config::header_limit_bytes, 1024, 1024 * 1024)},
      {"body_limit_bytes", IntSetter<std::size_t>(&Config::body_limit_bytes, 1024, 1024 * 1024 * 1024)},
      {"file_size_limit_bytes", IntSetter<std::uint64_t>(&Config::file_size_limit_bytes, 1024, std::uint64_t{1} << 40)},
      {"file_store_dir", TextSetter(&Config::file_store_dir)},
      {"header_timeout_ms", MillisSetter(&Config::header_timeout)},
      {"body_timeout_ms", MillisSetter(&Config::body_timeout)},
      {"idle_timeout_ms", MillisSetter(&Config::idle_timeout)},
      {"shutdown_grace_ms", MillisSetter(&Config::shutdown_grace)},
      {"db_acquire_timeout_ms", MillisSetter(&Config::db_acquire_timeout)},
      {"access_token_minutes", IntSetter(&Config::access_token_minutes, 5, 15)},
      {"session_idle_minutes", IntSetter(&Config::session_idle_minutes, 1, 24 * 60)},
      {"session_absolute_minutes", IntSetter(&Config::session_absolute_minutes, 5, 7 * 24 * 60)},
      {"password_hash_workers", IntSetter(&Config::password_hash_workers, 0, 256)},
      {"password_hash_queue_limit", IntSetter(&Config::password_hash_queue_limit, 1, 100'000)},
      {"lockout_threshold", IntSetter(&Config::lockout_threshold, 3, 100)},
      {"lockout_minutes", IntSetter(&Config::lockout_minutes, 1, 24 * 60)},
      {"sign_in_address_free_failures", IntSetter(&Config::sign_in_address_free_failures, 1, 1'000'000)},
      {"audit_retention_years", IntSetter(&Config::audit_retention_years, 6, 100)},
      {"root_key_provider",
       [](Config& config, std::string_view text) -> Status {
         if (text != "file" && text != "pkcs11") return InvalidArgument("setting must be file or pkcs11");
         config.root_key_provider = std::string(text);
         return {};
       }},
      {"pkcs11_module", TextSetter(&Config::pkcs11_module)},
      {"pkcs11_token_label", TextSetter(&Config::pkcs11_token_label)},
      {"pkcs11_pin", TextSetter(&Config::pkcs11_pin)},
      {"pkcs11_key_label", TextSetter(&Config::pkcs11_key_label)},
  };
  return setters;
}

Result<std::string> ReadSecretFile(const std::string& path) {
  auto text = files::ReadSmallFile(path);
  if (!text) return InvalidArgument("cannot read secret file named by a *_FILE variable");
  while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  return text;
}

std::string EnvName(std::string_view key) {
  std::string name = "CONSILIUM_";
  for (char c : key) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

Status ApplyFile(Config& config, const std::filesystem::path& file) {
  auto content = files::ReadSmallFile(file);
  if (!content) return InvalidArgument("cannot read config file " + file.string());
  boost::system::error_code ec;
  auto parsed = boost::json::parse(*content, ec);
  if (ec || !parsed.is_object()) return InvalidArgument("config file " + file.string() + " is not a JSON object");
  for (const auto& [key, value] : parsed.as_object()) {
    std::string text;
    if (value.is_string()) text = std::string(value.as_string());
    else if (value.is_int64()) text = std::to_string(value.as_int64());
    else if (value.is_bool()) text = value.as_bool() ? "true" : "false";
    else return InvalidArgument("config key " + std::string(key) + " must be a string, number or boolean");
    if (auto status = ApplySetting(config, key, text); !status) return status;
  }
  return {};
}

}  // namespace

Status ApplySetting(Config& config, std::string_view key, std::string_view value) {
  const auto& setters = Setters();
  auto it = setters.find(key);
  if (it == setters.end()) return InvalidArgument("unknown setting " + std::string(key));
  auto status = it->second(config, value);
  if (!status) return InvalidArgument("setting " + std::string(key) + ": " + status.error().public_message);
  return {};
}

std::filesystem::path FileStoreDir(const Config& config) {
  return config.file_store_dir.empty() ? config.data_dir / "files" : config.file_store_dir;
}

Result<Config> LoadConfig(const std::optional<std::filesystem::path>& file) {
  Config config;
  config.web_root = CONSILIUM_DEFAULT_WEB_ROOT;
  if (file) {
    if (auto status = ApplyFile(config, *file); !status) return status.error();
  }
  for (const auto& [key, setter] : Setters()) {
    std::string name = key == "database_url" ? "DATABASE_URL"
                       : key == "database_owner_url" ? "DATABASE_OWNER_URL"
                                                     : EnvName(key);
    std::optional<std::string> value;
    if (const char* direct = std::getenv(name.c_str())) value = direct;
    if (const char* from_file = std::getenv((name + "_FILE").c_str())) {
      auto secret = ReadSecretFile(from_file);
      if (!secret) return secret.error();
      value = *secret;
    }
    if (value) {
      if (auto status = ApplySetting(config, key, *value); !status) return status.error();
    }
  }
  return config;
}

}  // namespace consilium
