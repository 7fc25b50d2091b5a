#pragma once
// The export's file formats (docs/audit.md, "Export"): each writes a file's
// start, one AuditEvent (as in docs/openapi.yaml) at a time, and its end,
// so that a file of any length is written page by page.
#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace consilium::audit {

class ExportFormat {
 public:
  virtual ~ExportFormat() = default;
  virtual std::string_view Name() const = 0;  // the `format` parameter's value
  virtual std::string_view ContentType() const = 0;
  virtual std::string_view Extension() const = 0;  // of the file name, without the dot
  virtual std::string Begin() = 0;
  virtual void Append(std::string& out, const boost::json::object& event) = 0;
  virtual std::string End() = 0;
};

// RFC 4180 with a header row; text that a spreadsheet would run as a
// formula gets a leading single quote.
std::unique_ptr<ExportFormat> MakeCsvFormat();
// One AuditEvent per line.
std::unique_ptr<ExportFormat> MakeJsonLinesFormat();
// A FHIR R4 Bundle (type collection) of AuditEvent resources, made at
// `timestamp` (an instant) from the records of `clinic_id`.
std::unique_ptr<ExportFormat> MakeFhirFormat(std::string clinic_id, std::string timestamp);

// One CSV field: guarded against formulas, quoted when it must be.
std::string CsvField(std::string_view text);
// One record as a FHIR R4 AuditEvent, without before/after values.
boost::json::object FhirAuditEvent(const boost::json::object& event, std::string_view clinic_id);

}  // namespace consilium::audit
