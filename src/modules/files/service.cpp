#include "modules/files/files.hpp"
#include "modules/files/repository.hpp"
#include "modules/keys/keys.hpp"
#include "modules/patients/patients.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/random.hpp"
#include "platform/crypto/sealed_stream.hpp"
#include "platform/files/media_sniff.hpp"
#include "security/audit.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>

namespace consilium::files {
namespace {

using boost::asio::experimental::awaitable_operators::operator&&;
using security::AuditEntry;
constexpr std::string_view kResource = "file";
// Reads of the store and of the upload: a batch at a time, so memory stays constant, and each hand-over
// to the store's threads moves enough bytes to be worth it.
constexpr std::size_t kBatchBytes = 256 * 1024;
static_assert(kBatchBytes >= kSniffBytes, "an upload's first batch decides its type");

// The associated data of a stored file's sealed stream: its bytes open as this file only.
std::string StreamPlace(const std::string& file_id) { return "files:" + file_id; }

// A stored file that does not open: the server's fault (or an attacker's), never the caller's.
Error Damaged(const Error& error) {
  return MakeError(ErrorCode::kInternal,
                   "the stored file failed its integrity check and cannot be sent; quote the request id to support",
                   error.public_message + (error.log_detail.empty() ? "" : ": " + error.log_detail));
}

// Up to kBatchBytes of the body, copied (a piece is valid only until the next read); `ended` at its end.
awaitable<Result<std::string>> ReadBatch(http::BodyReader& body, bool& ended) {
  std::string batch;
  while (batch.size() < kBatchBytes) {
    auto piece = co_await body.Next();
    if (!piece) co_return piece.error();
    if (!*piece) {
      ended = true;
      break;
    }
    batch.append(**piece);
  }
  co_return batch;
}

// An upload's plaintext hashed, encrypted and written to the store, a batch at a time, on the store's
// threads. Nothing stays in the store unless Finish succeeds.
class Sealer {
 public:
  Sealer(Store::Writer writer, const keys::DataKey& data_key, File& file)
      : writer_(std::move(writer)),
        encryptor_(data_key.key, data_key.reference, StreamPlace(file.id)),
        file_(file) {}

  Status Take(std::string_view plaintext) {
    digest_.Update(plaintext);
    file_.size_bytes += plaintext.size();
    encryptor_.Update(plaintext, sealed_);
    auto written = writer_.Write(sealed_);
    sealed_.clear();
    return written;
  }

  // The last chunk, the sync and the rename; sets the file's digest.
  Status Finish() {
    encryptor_.Finish(sealed_);
    if (auto written = writer_.Write(sealed_); !written) return written.error();
    if (auto committed = writer_.Commit(); !committed) return committed.error();
    file_.sha256 = crypto::HexEncode(digest_.Finish());
    return {};
  }

 private:
  Store::Writer writer_;
  crypto::SealedStreamEncryptor encryptor_;
  crypto::Sha256Stream digest_;
  std::string sealed_;
  File& file_;
};

// The upload's body, sniffed, then sealed into the store as it arrives: while the store's threads seal
// and write one batch, this I/O thread reads the next. Sets the file's type, size and digest.
awaitable<Status> StoreContent(http::BodyReader& body, const Store& store, const std::string& clinic_id,
                               const keys::DataKey& data_key, File& file) {
  // The first bytes decide the type, before anything is written.
  bool ended = false;
  auto batch = co_await ReadBatch(body, ended);
  if (!batch) co_return batch.error();
  if (batch->empty()) co_return InvalidArgument("the file is empty");
  auto type = SniffMediaType(*batch);
  if (!type) co_return type.error();
  if (auto allowed = CheckAllowedType(*type); !allowed) co_return allowed.error();
  file.content_type = *type;

  auto& threads = store.Threads();
  auto writer = co_await threads.Run([&] { return store.Create(clinic_id, file.id); });
  if (!writer) co_return writer.error();
  Sealer sealer(std::move(*writer), data_key, file);
  std::string plaintext = std::move(*batch);
  while (!ended) {
    auto sealing = threads.Run([&, taken = std::move(plaintext)] { return sealer.Take(taken); });
    auto reading = ReadBatch(body, ended);
    auto [sealed, next] = co_await (std::move(sealing) && std::move(reading));
    // An error leaves the temporary file to go with the sealer.
    if (!sealed) co_return sealed.error();
    if (!next) co_return next.error();
    plaintext = std::move(*next);
  }
  co_return co_await threads.Run([&] {
    auto taken = sealer.Take(plaintext);
    return taken ? sealer.Finish() : taken;
  });
}

// A stored file decrypted as it is sent: one piece of the store read at a time, each chunk released only
// once its tag is checked.
class DecryptingSource final : public http::BodySource {
 public:
  DecryptingSource(Store::Reader reader, async::WorkerPool& threads, const std::string& file_id)
      : reader_(std::move(reader)), threads_(threads), decryptor_(StreamPlace(file_id)) {}

  // Reads up to the first plaintext (or the end), unwrapping the data key on the way: the file's header
  // and first chunk are checked before any byte is sent.
  awaitable<Status> Start(keys::ClinicalText& text, const std::string& patient_id) {
    while (!ended_ && first_.empty()) {
      if (decryptor_.NeedsKey()) {
        auto key = co_await text.DataKeyFor(patient_id, decryptor_.key_reference());
        if (!key) co_return key.error();
        if (auto set = decryptor_.SetKey(*key); !set) co_return set.error();
        // What was read with the header opens now, before the store is read further.
        auto opened = co_await threads_.Run([&] { return decryptor_.Update({}, first_); });
        if (!opened) co_return opened.error();
        continue;
      }
      auto fed = co_await threads_.Run([&] { return Feed(first_); });
      if (!fed) co_return fed.error();
    }
    co_return Status{};
  }

  awaitable<Result<std::optional<std::string>>> Next() override {
    if (!first_.empty()) co_return std::optional<std::string>(std::exchange(first_, std::string()));
    std::string plaintext;
    while (!ended_ && plaintext.empty()) {
      auto fed = co_await threads_.Run([&] { return Feed(plaintext); });
      if (!fed) co_return Damaged(fed.error());
    }
    if (plaintext.empty()) co_return std::optional<std::string>{};
    co_return std::optional<std::string>(std::move(plaintext));
  }

 private:
  // One batch of the stored file through the decryptor; at the end of the file, the last chunk. Runs on
  // the store's threads.
  Status Feed(std::string& plaintext) {
    auto piece = reader_.Read();
    if (!piece) return piece.error();
    if (piece->empty()) {
      ended_ = true;
      if (decryptor_.NeedsKey()) return Internal("the stored file ended before its key was given");
      return decryptor_.Finish(plaintext);
    }
    return decryptor_.Update(*piece, plaintext);
  }

  Store::Reader reader_;
  async::WorkerPool& threads_;
  crypto::SealedStreamDecryptor decryptor_;
  std::string first_;
  bool ended_ = false;
};

awaitable<Result<std::string>> TargetPatient(db::Tx& tx, const std::string& clinic_id, const Target& target) {
  if (target.patient_id.empty()) {
    auto patient = co_await repository::ItemPatient(tx, clinic_id, target.meeting_id, target.item_id);
    if (!patient) co_return patient.error();
    if (!*patient) co_return NotFound("agenda item not found");
    co_return std::move(**patient);
  }
  auto exists = co_await patients::PatientExists(tx, clinic_id, target.patient_id);
  if (!exists) co_return exists.error();
  if (!*exists) co_return NotFound("patient not found");
  co_return target.patient_id;
}

}  // namespace

awaitable<Result<File>> Upload(const RequestContext& context, const Store& store, const Target& target,
                               const std::string& name) {
  if (context.request.body_reader == nullptr) co_return Internal("an upload route that does not stream its body");
  const std::string& clinic_id = context.principal->clinic_id;
  File file;
  file.id = crypto::NewUuidV4();
  file.name = name;
  file.uploaded_by = context.principal->user_id;
  if (!target.item_id.empty()) file.agenda_item_id = target.item_id;

  // A short transaction first: nothing is read of the body for a target that is not there.
  std::optional<keys::DataKey> data_key;
  auto checked = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto patient_id = co_await TargetPatient(tx, clinic_id, target);
    if (!patient_id) co_return patient_id.error();
    file.patient_id = std::move(*patient_id);
    keys::ClinicalText text(tx, clinic_id);
    auto key = co_await text.NewDataKey(file.patient_id);
    if (!key) co_return key.error();
    data_key = std::move(*key);
    co_return Status{};
  });
  if (!checked) co_return checked.error();

  if (auto stored = co_await StoreContent(*context.request.body_reader, store, clinic_id, *data_key, file); !stored) {
    co_return stored.error();
  }

  std::optional<File> created;
  auto recorded = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    if (auto inserted = co_await repository::Insert(tx, clinic_id, file); !inserted) co_return inserted.error();
    auto found = co_await repository::Find(tx, clinic_id, file.id);
    if (!found) co_return found.error();
    if (!*found) co_return Internal("an inserted file is not there");
    created = std::move(**found);
    // The name is clinical text: the trail has only what kind of file and how big.
    const AuditEntry entry{
        .action = "file.upload",
        .resource_type = kResource,
        .resource_id = file.id,
        .patient_id = file.patient_id,
        .after = boost::json::value{{"content_type", file.content_type}, {"size_bytes", file.size_bytes}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!recorded) {
    store.Remove(clinic_id, file.id);
    co_return recorded.error();
  }
  co_return std::move(*created);
}

awaitable<Result<std::vector<File>>> PatientFiles(const RequestContext& context, const std::string& patient_id) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::vector<File> files;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto exists = co_await patients::PatientExists(tx, clinic_id, patient_id);
    if (!exists) co_return exists.error();
    if (!*exists) co_return NotFound("patient not found");
    auto listed = co_await repository::ListForPatient(tx, clinic_id, patient_id);
    if (!listed) co_return listed.error();
    files = std::move(*listed);
    const AuditEntry entry{.action = "file.read", .resource_type = kResource, .patient_id = patient_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return files;
}

awaitable<Result<std::vector<File>>> ItemFiles(const RequestContext& context, const std::string& meeting_id,
                                               const std::string& item_id) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::vector<File> files;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto patient_id = co_await repository::ItemPatient(tx, clinic_id, meeting_id, item_id);
    if (!patient_id) co_return patient_id.error();
    if (!*patient_id) co_return NotFound("agenda item not found");
    auto listed = co_await repository::ListForItem(tx, clinic_id, item_id);
    if (!listed) co_return listed.error();
    files = std::move(*listed);
    const AuditEntry entry{
        .action = "file.read", .resource_type = kResource, .resource_id = item_id, .patient_id = **patient_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return files;
}

awaitable<Result<Download>> OpenDownload(const RequestContext& context, const Store& store,
                                         const std::string& file_id) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::optional<Download> download;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto found = co_await repository::Find(tx, clinic_id, file_id);
    if (!found) co_return found.error();
    if (!*found) co_return NotFound("file not found");
    auto reader = co_await store.Threads().Run([&] { return store.Open(clinic_id, file_id); });
    if (!reader) co_return Damaged(reader.error());
    auto content = std::make_shared<DecryptingSource>(std::move(*reader), store.Threads(), file_id);
    keys::ClinicalText text(tx, clinic_id);
    if (auto started = co_await content->Start(text, (*found)->patient_id); !started) {
      co_return Damaged(started.error());
    }
    // Committed before the first byte goes out.
    const AuditEntry entry{.action = "file.download",
                           .resource_type = kResource,
                           .resource_id = file_id,
                           .patient_id = (*found)->patient_id};
    security::Record(tx, context, entry);
    download = Download{std::move(**found), std::move(content)};
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*download);
}

}  // namespace consilium::files
