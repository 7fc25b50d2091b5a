#include "modules/patients/patients.hpp"
#include "modules/patients/repository.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::patients {
namespace {

using security::AuditEntry;
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
                {"sex", changes.sex, patient.sex},
                {"status", changes.status, patient.status},
                {"phone", changes.phone, patient.phone},
                {"email", changes.email, patient.email},
                {"address", changes.address, patient.address}};
  for (const auto& f : fields) {
    if (!f.change || *f.change == f.field) continue;
    before[f.key] = f.field;
    after[f.key] = *f.change;
    f.field = *f.change;
  }
  if (changes.identifiers && *changes.identifiers != patient.identifiers) {
    before["identifiers"] = IdentifiersJson(patient.identifiers);
    after["identifiers"] = IdentifiersJson(*changes.identifiers);
    patient.identifiers = *changes.identifiers;
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
    if (fields.identifiers && !fields.identifiers->empty()) {
      auto added = co_await repository::AddIdentifiers(tx, clinic_id, created.id, *fields.identifiers, false);
      if (!added) co_return added.error();
      created.identifiers = *fields.identifiers;
    }
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
    // A miss is recorded by the gate, as every failed request is; it reveals nothing of other clinics.
    if (!*row) co_return NotFound("patient not found");
    found = std::move(*row);
    const security::AuditEntry entry{.action = "patient.read", .resource_type = kResource, .resource_id = id,
                                     .patient_id = id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
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
    if (patient.merged_into_id) {
      co_return MakeError(ErrorCode::kConflict, "this record was merged into " + *patient.merged_into_id +
                                                    "; change that one");
    }
    const std::vector<Identifier> identifiers_before = patient.identifiers;
    auto [before, after] = Apply(patient, changes);
    if (patient.identifiers != identifiers_before) {
      auto replaced = co_await repository::ReplaceIdentifiers(tx, context.principal->clinic_id, id,
                                                              patient.identifiers);
      if (!replaced) co_return replaced.error();
    }
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
    std::vector<std::string> returned;
    for (const auto& patient : page.items) returned.push_back(patient.id);
    const security::AuditEntry entry{.action = "patient.list", .resource_type = kResource,
                                     .patient_ids = std::move(returned)};
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

awaitable<Result<Patient>> MergePatients(const RequestContext& context, const std::string& merged_id,
                                         const std::string& survivor_id) {
  if (merged_id == survivor_id) co_return InvalidArgument("a record cannot be merged into itself");
  const std::string& clinic_id = context.principal->clinic_id;
  Patient survivor;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    // Both rows locked, always in the same order, so two merges cannot deadlock.
    const std::string& first_id = std::min(merged_id, survivor_id);
    const std::string& second_id = std::max(merged_id, survivor_id);
    auto first = co_await repository::Find(tx, clinic_id, first_id, true);
    if (!first) co_return first.error();
    auto second = co_await repository::Find(tx, clinic_id, second_id, true);
    if (!second) co_return second.error();
    if (!*first || !*second) co_return NotFound("patient not found");
    Patient merged = std::move(**first);
    Patient kept = std::move(**second);
    if (merged.id != merged_id) std::swap(merged, kept);
    if (merged.merged_into_id || kept.merged_into_id) {
      co_return MakeError(ErrorCode::kConflict, "a merged record cannot take part in another merge");
    }
    // Nothing is lost: the merged record stays as it was, and its identifiers
    // (and its MRN) follow the patient to the survivor.
    auto moved = co_await repository::TakeIdentifiers(tx, clinic_id, merged_id);
    if (!moved) co_return moved.error();
    Identifier old_mrn{std::string(kMrnSystem), merged.mrn};
    moved->push_back(std::move(old_mrn));
    if (auto added = co_await repository::AddIdentifiers(tx, clinic_id, survivor_id, *moved, true); !added) {
      co_return added.error();
    }
    const boost::json::object merged_before{{"status", merged.status}};
    merged.status = "merged";
    merged.merged_into_id = survivor_id;
    if (auto saved = co_await repository::Update(tx, clinic_id, merged); !saved) co_return saved.error();
    auto reread = co_await repository::Update(tx, clinic_id, kept);  // a new version: its identifiers changed
    if (!reread) co_return reread.error();
    survivor = std::move(*reread);
    const security::AuditEntry merged_entry{
        .action = "patient.merge", .resource_type = kResource, .resource_id = merged_id, .patient_id = merged_id,
        .before = merged_before,
        .after = boost::json::object{{"status", "merged"}, {"merged_into_id", survivor_id}}};
    security::Record(tx, context, merged_entry);
    const security::AuditEntry survivor_entry{
        .action = "patient.merge", .resource_type = kResource, .resource_id = survivor_id, .patient_id = survivor_id,
        .before = boost::json::object{{"identifiers", IdentifiersJson(kept.identifiers)}},
        .after = boost::json::object{{"identifiers", IdentifiersJson(survivor.identifiers)},
                                     {"merged_from_id", merged_id}}};
    security::Record(tx, context, survivor_entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return survivor;
}

}  // namespace consilium::patients
