// The export: the filtered trail, oldest first, as one streamed file. It is
// a snapshot (nothing recorded after the export's start), recorded before its
// first byte, and read page by page, each page its own short transaction,
// so that a million records take no more memory or connections than one page.
#include "modules/audit/export.hpp"
#include "modules/audit/audit.hpp"
#include "modules/audit/export_format.hpp"
#include "security/audit.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <chrono>

namespace consilium::audit {
namespace {

constexpr int kExportPageSize = 1000;

class JsonLines final : public ExportFormat {
 public:
  std::string_view Name() const override { return "jsonl"; }
  std::string_view ContentType() const override { return "application/x-ndjson"; }
  std::string_view Extension() const override { return "jsonl"; }
  std::string Begin() override { return {}; }
  void Append(std::string& out, const boost::json::object& event) override {
    out += boost::json::serialize(event);
    out += '\n';
  }
  std::string End() override { return {}; }
};

// The export's start: an RFC 3339 instant, and the form in the file name.
struct StartTime {
  std::string instant;     // 2026-11-25T18:02:55.123456Z
  std::string file_stamp;  // 20261125T180255Z
};

StartTime Now() {
  using namespace std::chrono;
  const auto now = floor<microseconds>(system_clock::now());
  const auto day = floor<days>(now);
  const year_month_day date{day};
  const hh_mm_ss time{now - day};
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month());
  const unsigned mday = static_cast<unsigned>(date.day());
  const auto hours = time.hours().count();
  const auto minutes = time.minutes().count();
  const auto seconds = time.seconds().count();
  return {fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", year, month, mday, hours, minutes, seconds,
                      time.subseconds().count()),
          fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", year, month, mday, hours, minutes, seconds)};
}

Result<std::unique_ptr<ExportFormat>> ParseFormat(const http::Fields& query, const std::string& clinic_id,
                                                  const StartTime& start) {
  std::optional<std::string> name;
  for (const auto& [key, value] : query) {
    if (key == "format") name = value;
  }
  if (!name) return InvalidArgument("'format' is required: csv, jsonl or fhir");
  if (*name == "csv") return MakeCsvFormat();
  if (*name == "jsonl") return MakeJsonLinesFormat();
  if (*name == "fhir") return MakeFhirFormat(clinic_id, start.instant);
  return InvalidArgument("'format' must be csv, jsonl or fhir");
}

// The file, one page at a time. It keeps what the pages need (who is
// reading, for the tenant scope and whether values are withheld), not the
// request, which ends when the handler returns.
class ExportStream final : public http::BodySource {
 public:
  ExportStream(const RequestContext& context, Filter filter, std::unique_ptr<ExportFormat> format)
      : request_{.request_id = context.request.request_id},
        context_{request_, context.principal, {}, context.meeting_grant},
        pages_{.filter = std::move(filter), .limit = kExportPageSize, .order = Order::kOldestFirst},
        format_(std::move(format)) {}

  // Reads the first page, so that a failure there is still an error answer.
  awaitable<Status> Open() {
    auto piece = co_await Render();
    if (!piece) co_return piece.error();
    first_ = std::move(*piece);
    co_return Status{};
  }

  awaitable<Result<std::optional<std::string>>> Next() override {
    std::optional<std::string> piece;
    if (first_) {
      piece = std::exchange(first_, std::nullopt);
    } else if (!finished_) {
      auto rendered = co_await Render();
      if (!rendered) co_return rendered.error();
      piece = std::move(*rendered);
    }
    co_return piece;
  }

 private:
  // The next page as text: after the file's start on the first, before its end on the last.
  awaitable<Result<std::string>> Render() {
    std::string out;
    if (!begun_) out = format_->Begin();
    begun_ = true;
    Page page;
    const db::TenantScope scope = context_.Scope();
    auto status = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
      auto read = co_await ReadPage(tx, context_, pages_);
      if (!read) co_return read.error();
      page = std::move(*read);
      co_return Status{};
    });
    if (!status) co_return status.error();
    for (const auto& event : page.events) format_->Append(out, event);
    pages_.after = page.next;
    if (!page.next) {
      out += format_->End();
      finished_ = true;
    }
    co_return out;
  }

  http::Request request_;
  RequestContext context_;
  PageRequest pages_;
  std::unique_ptr<ExportFormat> format_;
  std::optional<std::string> first_;
  bool begun_ = false;
  bool finished_ = false;
};

awaitable<Result<http::Response>> Export(RequestContext& context) {
  const StartTime start = Now();
  auto format = ParseFormat(context.request.query, context.principal->clinic_id, start);
  if (!format) co_return format.error();
  auto filter = ParseFilter(context.request.query, {"format"});
  if (!filter) co_return filter.error();
  filter->snapshot = start.instant;
  const db::TenantScope scope = context.Scope();
  auto recorded = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
    const security::AuditEntry entry{
        .action = "audit.export", .resource_type = "audit_trail",
        .detail = boost::json::object{
            {"format", (*format)->Name()}, {"filter", FilterJson(*filter)}, {"snapshot", start.instant}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!recorded) co_return recorded.error();
  const std::string content_type((*format)->ContentType());
  const std::string disposition =
      fmt::format("attachment; filename=\"consilium-audit-{}.{}\"", start.file_stamp, (*format)->Extension());
  auto stream = std::make_shared<ExportStream>(context, std::move(*filter), std::move(*format));
  if (auto opened = co_await stream->Open(); !opened) co_return opened.error();
  co_return http::Response{.status = 200, .content_type = content_type, .body = {},
                           .headers = {{"Content-Disposition", disposition}}, .stream = std::move(stream)};
}

}  // namespace

std::unique_ptr<ExportFormat> MakeJsonLinesFormat() { return std::make_unique<JsonLines>(); }

void RegisterExportRoutes(security::Endpoints& endpoints) {
  endpoints.Add(http::Method::kGet, "/api/v1/audit/export", security::Action::kAuditExport, Export);
}

}  // namespace consilium::audit
