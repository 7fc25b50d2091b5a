#pragma once
// Settings come from, in rising precedence: built-in defaults, a JSON config
// file, environment variables (CONSILIUM_<NAME>, plus DATABASE_URL and
// DATABASE_OWNER_URL), and command-line flags. A secret may instead be read
// from a file named by <VARIABLE>_FILE, so it never sits in the environment.
#include "platform/error/error.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace consilium {

struct Config {
  std::filesystem::path data_dir = "data";
  std::string listen = "localhost:8443";
  std::string public_url;          // how people reach the server; derived from listen when empty
  std::string database_url;        // runtime role; empty means the private cluster in data_dir
  std::string database_owner_url;  // owner role, for migrations
  std::filesystem::path tls_cert_file;  // empty means a self-signed one in data_dir/tls
  std::filesystem::path tls_key_file;
  std::filesystem::path web_root;  // the built web app; LoadConfig starts from this source tree's web/dist
  bool demo = false;               // seed the demo clinic even with an external database

  int workers = 0;                 // I/O threads; 0 means one per core
  int db_pool_size = 8;            // connections per I/O thread
  int max_connections = 4096;
  std::size_t header_limit_bytes = 16 * 1024;
  std::size_t body_limit_bytes = 1024 * 1024;
  // Uploaded files: their own limit (the body of a file upload streams), and where they are kept
  // (encrypted); an empty store means data_dir/files (FileStoreDir).
  std::uint64_t file_size_limit_bytes = 200'000'000;  // 200 MB, as the web app says it
  std::filesystem::path file_store_dir;
  std::chrono::milliseconds header_timeout{10'000};   // whole request head, so a slow client is cut off
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};     // keep-alive wait for the next request
  std::chrono::milliseconds shutdown_grace{20'000};
  std::chrono::milliseconds db_acquire_timeout{5'000};
  int access_token_minutes = 10;
  int session_idle_minutes = 30;       // NIST SP 800-63B AAL2: re-authenticate after 30 minutes idle
  int session_absolute_minutes = 720;  // and after 12 hours whatever happens
  int password_hash_workers = 0;           // bcrypt threads; 0 means one fewer than the cores (at least one)
  int password_hash_queue_limit = 64;      // beyond this, sign-in answers 503 with Retry-After
  int lockout_threshold = 10;              // failed passwords in a row that lock an account
  int lockout_minutes = 15;
  int sign_in_address_free_failures = 20;  // per address per 15 minutes, before growing delays
  int audit_retention_years = 6;           // never fewer: records of care are kept at least six years

  // The root key (docs/decisions/0005-key-hierarchy.md): "file" keeps it in data_dir/keys/root; "pkcs11"
  // in a PKCS#11 token (HSM) that it never leaves.
  std::string root_key_provider = "file";
  std::filesystem::path pkcs11_module;  // the token's PKCS#11 library
  std::string pkcs11_token_label;
  std::string pkcs11_pin;               // give it as CONSILIUM_PKCS11_PIN_FILE, never on a command line
  std::string pkcs11_key_label = "consilium-root";
};

// Reads the optional file, then the environment. Unknown keys and bad
// values are errors: bad configuration stops the process at start-up.
Result<Config> LoadConfig(const std::optional<std::filesystem::path>& file);

// Where uploaded files are stored: file_store_dir, or data_dir/files.
std::filesystem::path FileStoreDir(const Config& config);

// Applies one setting by its file key (e.g. "body_limit_bytes").
Status ApplySetting(Config& config, std::string_view key, std::string_view value);

}  // namespace consilium
