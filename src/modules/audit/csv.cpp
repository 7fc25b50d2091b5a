// The CSV export: RFC 4180 (CRLF line ends, fields with a comma, quote, CR
// or LF quoted, quotes doubled), a header row of the AuditEvent's field
// names, JSON-valued fields as compact JSON text.
#include "modules/audit/export_format.hpp"

#include <boost/json/serialize.hpp>

namespace consilium::audit {
namespace {

// The AuditEvent's fields in order, with `actor` split in two.
constexpr std::string_view kColumns[] = {
    "id",          "occurred_at",   "actor_id",      "actor_name",    "clinic_role", "meeting_role", "action",
    "outcome",     "resource_type", "resource_id",   "patient_id",    "patient_ids", "changed_fields", "before",
    "after",       "values_withheld", "detail",      "ip",            "user_agent",  "request_id"};

// A cell starting with one of these is a formula to a spreadsheet, and a
// user agent or a name is anyone's to choose (CSV injection).
constexpr std::string_view kFormulaStarts = "=+-@\t\r";

void AppendField(std::string& out, std::string_view text) {
  const bool guard = !text.empty() && kFormulaStarts.find(text.front()) != std::string_view::npos;
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) out += '"';
  if (guard) out += '\'';
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t mark = quote ? text.find('"', start) : std::string_view::npos;
    out.append(text.substr(start, mark - start));
    if (mark == std::string_view::npos) break;
    out += "\"\"";
    start = mark + 1;
  }
  if (quote) out += '"';
}

const boost::json::value* Column(const boost::json::object& event, std::string_view column) {
  if (column == "actor_id" || column == "actor_name") {
    const auto* actor = event.if_contains("actor");
    if (actor == nullptr || !actor->is_object()) return nullptr;
    return actor->as_object().if_contains(column.substr(std::string_view("actor_").size()));
  }
  return event.if_contains(column);
}

void AppendValue(std::string& out, const boost::json::value* value) {
  if (value == nullptr || value->is_null()) return;
  if (value->is_string()) return AppendField(out, value->as_string());
  if (value->is_bool()) {
    out += value->as_bool() ? "true" : "false";
    return;
  }
  AppendField(out, boost::json::serialize(*value));
}

class Csv final : public ExportFormat {
 public:
  std::string_view Name() const override { return "csv"; }
  std::string_view ContentType() const override { return "text/csv; charset=utf-8"; }
  std::string_view Extension() const override { return "csv"; }

  std::string Begin() override {
    std::string header;
    for (const auto column : kColumns) {
      if (!header.empty()) header += ',';
      header += column;
    }
    return header + "\r\n";
  }

  void Append(std::string& out, const boost::json::object& event) override {
    bool first = true;
    for (const auto column : kColumns) {
      if (!first) out += ',';
      first = false;
      AppendValue(out, Column(event, column));
    }
    out += "\r\n";
  }

  std::string End() override { return {}; }
};

}  // namespace

std::string CsvField(std::string_view text) {
  std::string out;
  AppendField(out, text);
  return out;
}

std::unique_ptr<ExportFormat> MakeCsvFormat() { return std::make_unique<Csv>(); }

}  // namespace consilium::audit
