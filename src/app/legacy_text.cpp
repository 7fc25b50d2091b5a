#include "app/legacy_text.hpp"

#include "app/blocking_runner.hpp"
#include "modules/agenda/agenda.hpp"
#include "modules/clinics/clinics.hpp"
#include "modules/decisions/decisions.hpp"
#include "modules/keys/keys.hpp"
#include "modules/plans/plans.hpp"
#include "security/audit.hpp"

namespace consilium::app {
namespace {

using boost::asio::awaitable;

awaitable<Result<long>> SealInClinic(const std::string& clinic_id) {
  long sealed = 0;
  const db::TenantScope operator_scope{clinic_id, "", ""};  // named: GCC 12 and braced temporaries in co_await
  auto status = co_await db::InClinic(operator_scope, [&](db::Tx& tx) -> awaitable<Status> {
    auto items = co_await agenda::SealLegacyText(tx, clinic_id);
    if (!items) co_return items.error();
    auto decisions = co_await decisions::SealLegacyText(tx, clinic_id);
    if (!decisions) co_return decisions.error();
    auto plans = co_await plans::SealLegacyText(tx, clinic_id);
    if (!plans) co_return plans.error();
    sealed = *items + *decisions + *plans;
    if (sealed == 0) co_return Status{};
    http::Request request;
    request.request_id = "seal-legacy-text";
    // An operator's action: no person, so no actor and no role in the record.
    const security::RequestContext context{
        request, security::Principal{"", clinic_id, security::ClinicRole::kOwner, ""}, {}};
    const security::AuditEntry entry{
        .action = "keys.seal_legacy",
        .resource_type = "clinic",
        .resource_id = clinic_id,
        .detail = boost::json::object{
            {"agenda_items", *items}, {"decision_versions", *decisions}, {"plan_versions_and_addenda", *plans}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return sealed;
}

}  // namespace

Result<long> SealLegacyClinicalText(const std::string& owner_conninfo) {
  return RunBlocking<long>(owner_conninfo, []() -> awaitable<Result<long>> {
    auto clinics = co_await clinics::ClinicIds(db::InKeyJob);
    if (!clinics) co_return clinics.error();
    long total = 0;
    for (const auto& clinic_id : *clinics) {
      auto sealed = co_await SealInClinic(clinic_id);
      if (!sealed) co_return sealed.error();
      total += *sealed;
    }
    co_return total;
  });
}

}  // namespace consilium::app
