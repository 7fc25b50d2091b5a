#pragma once
// The private PostgreSQL cluster used when no DATABASE_URL is configured:
// created in the data directory on first run, reachable only through a Unix
// socket in a directory only its user can open, with password (SCRAM)
// authentication for three roles: a superuser for bootstrap, the owner that
// runs migrations, and the runtime role the server works as.
#include "platform/error/error.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace consilium::db {

enum class ClusterRole { kSuperuser, kOwner, kApp };

class PrivateCluster {
 public:
  // Creates the cluster if needed and starts it unless it already runs
  // (e.g. the admin command beside a running server).
  static Result<std::unique_ptr<PrivateCluster>> Open(const std::filesystem::path& data_dir);
  ~PrivateCluster();  // stops the cluster if this process started it

  std::string Conninfo(ClusterRole role) const;
  bool created() const { return created_; }

 private:
  explicit PrivateCluster(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}
  Status Create();
  Status Start();
  Status Bootstrap();

  std::filesystem::path data_dir_;
  bool created_ = false;
  bool started_ = false;
};

}  // namespace consilium::db
