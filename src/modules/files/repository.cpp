#include "modules/files/repository.hpp"

#include "modules/keys/keys.hpp"
#include "platform/db/sql_fragments.hpp"
#include "platform/json/fields.hpp"

#include <charconv>

namespace consilium::files::repository {
namespace {

#define FILE_SELECT                                                                                   \
  "SELECT id, patient_id, agenda_item_id, content_type, size_bytes, uploaded_by, " CONSILIUM_SQL_UTC( \
      "uploaded_at") ", encode(clinical_text, 'hex') FROM files "

// Where a file's name and digest are sealed (their associated data): this row only.
std::string Place(const std::string& file_id) { return "files.clinical_text:" + file_id; }

awaitable<Result<std::vector<File>>> FilesFrom(keys::ClinicalText& text, const db::Rows& rows) {
  std::vector<File> files;
  for (int row = 0; row < rows.size(); ++row) {
    File file;
    file.id = rows.Text(row, 0);
    file.patient_id = rows.Text(row, 1);
    if (!rows.IsNull(row, 2)) file.agenda_item_id = rows.Text(row, 2);
    file.content_type = rows.Text(row, 3);
    const auto size = rows.Get(row, 4);
    std::from_chars(size.data(), size.data() + size.size(), file.size_bytes);
    file.uploaded_by = rows.Text(row, 5);
    file.uploaded_at = rows.Text(row, 6);
    auto fields = co_await text.Open(file.patient_id, Place(file.id), rows.Get(row, 7));
    if (!fields) co_return fields.error();
    file.name = json::StringOr(*fields, "name");
    file.sha256 = json::StringOr(*fields, "sha256");
    files.push_back(std::move(file));
  }
  co_return files;
}

}  // namespace

awaitable<Result<std::optional<std::string>>> ItemPatient(db::Tx& tx, const std::string& clinic_id,
                                                          const std::string& meeting_id, const std::string& item_id) {
  auto rows =
      co_await tx.Query("SELECT patient_id FROM agenda_items WHERE clinic_id = $1 AND meeting_id = $2 AND id = $3",
                        clinic_id, meeting_id, item_id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return std::optional<std::string>{};
  co_return std::optional<std::string>(rows->Text(0, 0));
}

awaitable<Status> Insert(db::Tx& tx, const std::string& clinic_id, const File& file) {
  keys::ClinicalText text(tx, clinic_id);
  const boost::json::object fields{{"name", file.name}, {"sha256", file.sha256}};
  auto sealed = co_await text.Seal(file.patient_id, Place(file.id), fields);
  if (!sealed) co_return sealed.error();
  auto inserted = co_await tx.Query(
      "INSERT INTO files (clinic_id, id, patient_id, agenda_item_id, clinical_text, content_type, size_bytes, "
      "uploaded_by) VALUES ($1, $2, $3, $4, decode($5, 'hex'), $6, $7::bigint, $8)",
      clinic_id, file.id, file.patient_id, file.agenda_item_id, *sealed, file.content_type,
      std::to_string(file.size_bytes), file.uploaded_by);
  if (!inserted) co_return inserted.error();
  co_return Status{};
}

awaitable<Result<std::optional<File>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& file_id) {
  auto rows = co_await tx.Query(FILE_SELECT "WHERE clinic_id = $1 AND id = $2", clinic_id, file_id);
  if (!rows) co_return rows.error();
  keys::ClinicalText text(tx, clinic_id);
  auto files = co_await FilesFrom(text, *rows);
  if (!files) co_return files.error();
  if (files->empty()) co_return std::optional<File>{};
  co_return std::optional<File>(std::move(files->front()));
}

awaitable<Result<std::vector<File>>> ListForPatient(db::Tx& tx, const std::string& clinic_id,
                                                    const std::string& patient_id) {
  auto rows = co_await tx.Query(FILE_SELECT "WHERE clinic_id = $1 AND patient_id = $2 ORDER BY uploaded_at DESC, id",
                                clinic_id, patient_id);
  if (!rows) co_return rows.error();
  keys::ClinicalText text(tx, clinic_id);
  co_return co_await FilesFrom(text, *rows);
}

awaitable<Result<std::vector<File>>> ListForItem(db::Tx& tx, const std::string& clinic_id, const std::string& item_id) {
  auto rows = co_await tx.Query(
      FILE_SELECT "WHERE clinic_id = $1 AND agenda_item_id = $2 ORDER BY uploaded_at DESC, id", clinic_id, item_id);
  if (!rows) co_return rows.error();
  keys::ClinicalText text(tx, clinic_id);
  co_return co_await FilesFrom(text, *rows);
}

}  // namespace consilium::files::repository
