#include "modules/clinics/clinics.hpp"
#include "security/audit.hpp"

namespace consilium::clinics {
namespace {

using boost::asio::awaitable;

boost::json::object ToJson(const ClinicSettings& settings) {
  return {{"mfa_required", settings.mfa_required},
          {"min_password_length", settings.min_password_length},
          {"plan_edit_window_days", settings.plan_edit_window_days}};
}

awaitable<Result<ClinicSettings>> SelectSettings(db::Tx& tx, const std::string& clinic_id, bool for_update) {
  std::string sql = "SELECT name, mfa_required, min_password_length, plan_edit_window_days FROM clinics WHERE id = $1";
  if (for_update) sql += " FOR UPDATE";
  auto rows = co_await tx.Query(sql, clinic_id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return Internal("the acting clinic has no row");
  ClinicSettings settings{rows->Text(0, 0), rows->Get(0, 1) == "t", std::stoi(rows->Text(0, 2)),
                          std::stoi(rows->Text(0, 3))};
  co_return settings;
}

enum class SettingsRead { kOwnRequest, kPartOfAnother };

awaitable<Result<ClinicSettings>> ReadIn(const security::RequestContext& context, SettingsRead read) {
  ClinicSettings settings;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto found = co_await SelectSettings(tx, context.principal->clinic_id, false);
    if (!found) co_return found.error();
    settings = std::move(*found);
    if (read == SettingsRead::kOwnRequest) {
      const security::AuditEntry entry{.action = "clinic.settings.read", .resource_type = "clinic",
                                       .resource_id = context.principal->clinic_id};
      security::Record(tx, context, entry);
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return settings;
}

}  // namespace

awaitable<Result<ClinicSettings>> ReadSettings(const security::RequestContext& context) {
  co_return co_await ReadIn(context, SettingsRead::kPartOfAnother);
}

awaitable<Result<ClinicSettings>> ShowSettings(const security::RequestContext& context) {
  co_return co_await ReadIn(context, SettingsRead::kOwnRequest);
}

awaitable<Result<ClinicSettings>> ChangeSettings(const security::RequestContext& context,
                                                 const SettingsChange& change) {
  const std::string& clinic_id = context.principal->clinic_id;
  ClinicSettings settings;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto before = co_await SelectSettings(tx, clinic_id, true);
    if (!before) co_return before.error();
    settings = *before;
    if (change.mfa_required) settings.mfa_required = *change.mfa_required;
    if (change.min_password_length) settings.min_password_length = *change.min_password_length;
    if (change.plan_edit_window_days) settings.plan_edit_window_days = *change.plan_edit_window_days;
    const std::string mfa_required = settings.mfa_required ? "true" : "false";
    tx.Defer("UPDATE clinics SET mfa_required = $2, min_password_length = $3, plan_edit_window_days = $4 "
             "WHERE id = $1",
             clinic_id, mfa_required, std::to_string(settings.min_password_length),
             std::to_string(settings.plan_edit_window_days));
    const security::AuditEntry entry{.action = "clinic.settings.update", .resource_type = "clinic",
                                     .resource_id = clinic_id, .before = ToJson(*before),
                                     .after = ToJson(settings)};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return settings;
}

}  // namespace consilium::clinics
