#include "modules/audit/export_format.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace consilium::audit {
namespace {

TEST(CsvField, PlainTextIsLeftAlone) {
  EXPECT_EQ(CsvField("patient.read"), "patient.read");
  EXPECT_EQ(CsvField(""), "");
}

TEST(CsvField, QuotesCommasQuotesAndLineBreaksAndDoublesQuotes) {
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("O\"Brien"), "\"O\"\"Brien\"");
  EXPECT_EQ(CsvField("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(CsvField("line\r\nbreak"), "\"line\r\nbreak\"");
}

TEST(CsvField, GuardsWhatASpreadsheetWouldRunAsAFormula) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("+1"), "'+1");
  EXPECT_EQ(CsvField("-1"), "'-1");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvField("a=b"), "a=b");
}

boost::json::object Event() {
  return boost::json::parse(R"({
    "id": "7", "occurred_at": "2026-11-25T18:02:55.123456Z",
    "actor": {"id": "11111111-1111-4111-8111-111111111111", "name": "Dr Ada, \"Demo\""},
    "clinic_role": "owner", "meeting_role": null, "action": "patient.update", "outcome": "success",
    "resource_type": "patient", "resource_id": "22222222-2222-4222-8222-222222222222",
    "patient_id": "22222222-2222-4222-8222-222222222222", "patient_ids": null,
    "changed_fields": ["given_name"], "before": {"given_name": "A"}, "after": {"given_name": "B"},
    "values_withheld": false, "detail": null, "ip": "127.0.0.1", "user_agent": "=cmd", "request_id": "r1"})")
      .as_object();
}

TEST(CsvFormat, HeaderRowNamesTheFieldsInOrderWithTheActorSplit) {
  auto csv = MakeCsvFormat();
  EXPECT_EQ(csv->Begin(),
            "id,occurred_at,actor_id,actor_name,clinic_role,meeting_role,action,outcome,resource_type,resource_id,"
            "patient_id,patient_ids,changed_fields,before,after,values_withheld,detail,ip,user_agent,request_id\r\n");
  EXPECT_EQ(csv->End(), "");
}

TEST(CsvFormat, ARowHasJsonAsCompactTextNullsEmptyAndCrlf) {
  auto csv = MakeCsvFormat();
  std::string out;
  csv->Append(out, Event());
  EXPECT_EQ(out,
            "7,2026-11-25T18:02:55.123456Z,11111111-1111-4111-8111-111111111111,\"Dr Ada, \"\"Demo\"\"\",owner,,"
            "patient.update,success,patient,22222222-2222-4222-8222-222222222222,22222222-2222-4222-8222-222222222222,"
            ",\"[\"\"given_name\"\"]\",\"{\"\"given_name\"\":\"\"A\"\"}\",\"{\"\"given_name\"\":\"\"B\"\"}\",false,,"
            "127.0.0.1,'=cmd,r1\r\n");
}

TEST(CsvFormat, ARecordWithoutActorHasEmptyActorFields) {
  auto event = Event();
  event["actor"] = nullptr;
  auto csv = MakeCsvFormat();
  std::string out;
  csv->Append(out, event);
  EXPECT_TRUE(out.starts_with("7,2026-11-25T18:02:55.123456Z,,,owner,")) << out;
}

}  // namespace
}  // namespace consilium::audit
