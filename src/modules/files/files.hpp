#pragma once
// Files attached to a patient or an agenda item: uploaded as a stream, checked for size and real type,
// stored encrypted (the sealed format, a data key per file under the patient's key), listed with their
// names opened from the sealed row, downloaded decrypted as they stream. Every read, upload and download
// is audited; names never reach the trail.
#include "modules/files/model.hpp"
#include "modules/files/store.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <vector>

namespace consilium::files {

using boost::asio::awaitable;
using security::RequestContext;

// Where an upload goes: a patient, or an agenda item of a meeting (and so its patient).
struct Target {
  std::string patient_id;  // empty for an agenda item
  std::string meeting_id;
  std::string item_id;
};

// Reads the body from context.request.body_reader. 404 for a target not in the clinic, 400 for an empty
// body, 415 for a type off the allow-list, 413 over file_size_limit_bytes.
awaitable<Result<File>> Upload(const RequestContext& context, const Store& store, const Target& target,
                               const std::string& name);
awaitable<Result<std::vector<File>>> PatientFiles(const RequestContext& context, const std::string& patient_id);
awaitable<Result<std::vector<File>>> ItemFiles(const RequestContext& context, const std::string& meeting_id,
                                               const std::string& item_id);

struct Download {
  File file;
  std::shared_ptr<http::BodySource> content;  // the plaintext, decrypted and checked chunk by chunk
};
// Audited (and committed) before it returns. The file's start is decrypted here: a fault there is a 500
// before any byte is sent; a fault further in cuts the transfer.
awaitable<Result<Download>> OpenDownload(const RequestContext& context, const Store& store, const std::string& file_id);

void RegisterRoutes(security::Endpoints& endpoints, const Store& store);

}  // namespace consilium::files
