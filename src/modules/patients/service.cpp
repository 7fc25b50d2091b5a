#include "modules/patients/patients.hpp"
#include "modules/patients/repository.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::patients {
namespace {

using security::AuditEntry;
using security::Outcome;
constexpr std::string_view kResource = "patient";

// Applies the changes; returns the JSON of the fields that changed, before and after.
std::pair<boost::json::object, boost::json::object> Apply(Patient& patient, const PatientChanges& changes) {
  boost::json::object before;
  boost::json::object after;
  const struct {
    std::string_view key;
    const std::optional<std::string>& change;
    std::string& field;
  } fields[] = {{"mrn", changes.mrn, patient.mrn},
                {"family_name", changes.family_name, patient.family_name},
                {"given_name", changes.given_name, patient.given_name},
                {"birth_date", changes.birth_date, patient.birth_date},
                {"sex", changes.sex, patient.sex}};
  for (const auto& f : fields) {
    if (!f.change || *f.change == f.field) continue;
    before[f.key] = f.field;
    after[f.key] = *f.change;
    f.field = *f.change;
  }
  return {std::move(before), std::move(after)};
}

}  // namespace

awaitable<Result<Patient>> CreatePatient(const RequestContext& context, const PatientChanges& fields) {
  const std::string& clinic_id = context.principal->clinic_id;
  Patient created;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto inserted = co_await repository::Insert(tx, clinic_id, crypto::NewUuidV4(), fields);
    if (!inserted) co_return inserted.error();
    created = std::move(*inserted);
    const security::AuditEntry entry{.action = "patient.create", .resource_type = kResource,
                                                      .resource_id = created.id, .patient_id = created.id,
                                                      .after = ToJson(created)};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return created;
}

awaitable<Result<Patient>> GetPatient(const RequestContext& context, const std::string& id) {
  std::optional<Patient> found;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto row = co_await repository::Find(tx, context.principal->clinic_id, id, false);
    if (!row) co_return row.error();
    found = std::move(*row);
    // The attempt is recorded either way; a miss reveals nothing of other clinics.
    const security::AuditEntry entry{.action = "patient.read",
                                                      .outcome = found ? Outcome::kSuccess : Outcome::kNotFound,
                                                      .resource_type = kResource, .resource_id = id,
                                                      .patient_id = found ? std::optional(id) : std::nullopt};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  if (!found) co_return NotFound("patient not found");
  co_return std::move(*found);
}

awaitable<Result<Patient>> UpdatePatient(const RequestContext& context, const std::string& id,
                                         const PatientChanges& changes, std::optional<int> expected_version) {
  Patient updated;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto row = co_await repository::Find(tx, context.principal->clinic_id, id, true);
    if (!row) co_return row.error();
    if (!*row) co_return NotFound("patient not found");
    Patient patient = std::move(**row);
    if (expected_version && *expected_version != patient.version) {
      co_return MakeError(ErrorCode::kPreconditionFailed, "the patient was changed by someone else; reload and retry");
    }
    auto [before, after] = Apply(patient, changes);
    auto saved = co_await repository::Update(tx, context.principal->clinic_id, patient);
    if (!saved) co_return saved.error();
    updated = std::move(*saved);
    const security::AuditEntry entry{.action = "patient.update", .resource_type = kResource,
                                                      .resource_id = id, .patient_id = id,
                                                      .before = std::move(before), .after = std::move(after)};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return updated;
}

awaitable<Result<PatientPage>> ListPatients(const RequestContext& context, PatientQuery query) {
  PatientPage page;
  const int limit = query.limit;
  query.limit = limit + 1;  // one more tells whether a next page exists
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await repository::Search(tx, context.principal->clinic_id, query);
    if (!rows) co_return rows.error();
    page.items = std::move(*rows);
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.resize(limit);
      page.next_cursor = EncodeCursor(page.items.back().id);
    }
    boost::json::array returned;
    for (const auto& patient : page.items) returned.emplace_back(patient.id);
    const security::AuditEntry entry{.action = "patient.list", .resource_type = kResource,
                                                      .detail = boost::json::object{{"patient_ids", std::move(returned)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return page;
}

awaitable<Result<bool>> PatientExists(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id) {
  auto found = co_await repository::Find(tx, clinic_id, patient_id, false);
  if (!found) co_return found.error();
  co_return found->has_value();
}

}  // namespace consilium::patients
