#include "modules/clinics/clinics.hpp"

#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::clinics {

boost::asio::awaitable<Result<std::string>> CreateClinic(http::Request& request, const std::string& name) {
  const std::string clinic_id = crypto::NewUuidV4();
  // An operator acting outside any session: no user, the new clinic as scope.
  security::RequestContext context{request, security::Principal{"", clinic_id, security::ClinicRole::kOwner, ""}, {}};
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> boost::asio::awaitable<Status> {
    auto inserted = co_await tx.Query("INSERT INTO clinics (id, name) VALUES ($1, $2)", clinic_id, name);
    if (!inserted) co_return inserted.error();
    const security::AuditEntry entry{.action = "clinic.create", .resource_type = "clinic", .resource_id = clinic_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return clinic_id;
}

boost::asio::awaitable<Result<bool>> IsClinician(db::Tx& tx, const std::string& clinic_id, const std::string& user_id) {
  auto rows = co_await tx.Query(
      "SELECT 1 FROM memberships WHERE clinic_id = $1 AND user_id = $2 AND role IN ('owner', 'practitioner') AND "
      "disabled_at IS NULL",
      clinic_id, user_id);
  if (!rows) co_return rows.error();
  co_return !rows->empty();
}

boost::asio::awaitable<Result<std::vector<std::string>>> ClinicIds(JobScopeOpener open_scope,
                                                                   std::optional<std::string> only) {
  std::vector<std::string> clinics;
  auto status = co_await open_scope([&](db::Tx& tx) -> boost::asio::awaitable<Status> {
    auto rows = co_await tx.Query("SELECT id FROM clinics WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY id", only);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size(); ++row) clinics.push_back(rows->Text(row, 0));
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return clinics;
}

}  // namespace consilium::clinics
