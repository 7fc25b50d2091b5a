#include "app/demo.hpp"

#include "app/blocking_runner.hpp"
#include "modules/agenda/agenda.hpp"
#include "modules/clinics/clinics.hpp"
#include "modules/identity/identity.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/patients/patients.hpp"
#include "platform/crypto/random.hpp"
#include "platform/files/secure_file.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fmt/format.h>

#include <chrono>
#include <map>

namespace consilium::app {
namespace {

using boost::asio::awaitable;
constexpr std::size_t kDemoPasswordBytes = 12;  // 16 characters of base64url

struct DemoPatient {
  const char* mrn;
  const char* family;
  const char* given;
  const char* birth_date;
  const char* sex;
};
constexpr DemoPatient kDemoPatients[] = {
    {"DEMO-0001", "Okafor", "Amara", "1961-03-14", "female"},
    {"DEMO-0002", "Lindqvist", "Erik", "1957-11-02", "male"},
    {"DEMO-0003", "Moreau", "Claire", "1972-06-21", "female"},
    {"DEMO-0004", "Tanaka", "Hiroshi", "1949-01-30", "male"},
    {"DEMO-0005", "Novak", "Petra", "1983-09-09", "female"},
    {"DEMO-0006", "Haddad", "Sami", "1966-12-17", "male"},
};

struct DemoReferral {
  const char* question;
  const char* summary;
  int ecog;
};
constexpr DemoReferral kDemoReferrals[] = {
    {"Surgery or neoadjuvant chemotherapy?", "68-year-old with a 3 cm left upper lobe mass; biopsy: adenocarcinoma.", 1},
    {"Confirm adjuvant radiotherapy as standard of care.", "Wide local excision of a 14 mm invasive ductal carcinoma.", 0},
    {"Is further staging needed before treatment?", "Incidental liver lesion on CT; history of colorectal cancer.", 2},
};

// Next Tuesday at 08:00 UTC, as RFC 3339.
std::string NextTuesdayMorning() {
  using namespace std::chrono;
  const auto today = floor<days>(system_clock::now());
  const weekday current{today};
  auto until = (Tuesday - current).count();
  if (until == 0) until = 7;
  const year_month_day date{today + days(until)};
  return fmt::format("{:04}-{:02}-{:02}T08:00:00Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

// A weekly lung board of four meetings: the first scheduled, with the demo
// nurse and guest invited, two patients approved and one waiting.
awaitable<Status> SeedMeetings(http::Request& request, const std::string& clinic_id,
                               const std::map<security::ClinicRole, std::string>& people,
                               const std::vector<std::string>& patient_ids) {
  const security::RequestContext organiser{
      request, security::Principal{people.at(security::ClinicRole::kPractitioner), clinic_id,
                                   security::ClinicRole::kPractitioner, ""},
      {}};
  meetings::SeriesRule rule;
  rule.meeting.title = "Lung tumour board";
  rule.meeting.specialty = "lung";
  rule.meeting.starts_at = NextTuesdayMorning();
  rule.meeting.location = "MDT room, level 2";
  rule.time_zone = "Europe/London";
  rule.duration_minutes = 90;
  rule.occurrences = 4;
  auto series = co_await meetings::CreateSeries(organiser, rule);
  if (!series) co_return series.error();
  const std::string meeting_id = series->front().id;
  static constexpr std::pair<security::ClinicRole, security::MeetingRole> kInvited[] = {
      {security::ClinicRole::kNurse, security::MeetingRole::kNurse},
      {security::ClinicRole::kGuest, security::MeetingRole::kGuest}};
  for (const auto& [role, meeting_role] : kInvited) {
    auto invited = co_await meetings::SetParticipant(organiser, meeting_id, people.at(role), meeting_role);
    if (!invited) co_return invited.error();
  }
  auto scheduled = co_await meetings::TransitionMeeting(organiser, meeting_id, meetings::State::kScheduled);
  if (!scheduled) co_return scheduled.error();
  for (std::size_t i = 0; i < std::size(kDemoReferrals); ++i) {
    const DemoReferral& referral = kDemoReferrals[i];
    agenda::Proposal proposal{patient_ids[i], {referral.question, referral.summary, referral.ecog, "", ""}};
    auto item = co_await agenda::Propose(organiser, meeting_id, proposal);
    if (!item) co_return item.error();
    if (i == 2) continue;  // left pending, for the organiser to review
    agenda::Approval approval;
    if (i == 1) approval.triage = agenda::Triage::kStandardOfCare;
    auto approved = co_await agenda::Approve(organiser, meeting_id, item->id, approval);
    if (!approved) co_return approved.error();
  }
  co_return Status{};
}

std::string DemoEmail(security::ClinicRole role) {
  std::string local(security::RoleName(role));
  std::replace(local.begin(), local.end(), '_', '-');
  return local + "@demo.consilium.test";
}

awaitable<Result<boost::json::object>> Seed(identity::PasswordWorkers& passwords, std::string public_url) {
  http::Request request;
  request.request_id = "demo-seed";
  auto clinic_id = co_await clinics::CreateClinic(request, "Demo Clinic");
  if (!clinic_id) co_return clinic_id.error();
  security::RequestContext context{request, security::Principal{"", *clinic_id, security::ClinicRole::kOwner, ""}, {}};
  boost::json::array users;
  std::map<security::ClinicRole, std::string> people;
  for (security::ClinicRole role : security::kAllClinicRoles) {
    identity::NewMember member{*clinic_id, DemoEmail(role), "Demo " + std::string(security::RoleName(role)),
                               crypto::RandomToken(kDemoPasswordBytes), role};
    auto added = co_await identity::AddMember(context, passwords, member);
    if (!added) co_return added.error();
    people[role] = *added;
    users.push_back({{"role", security::RoleName(role)}, {"email", member.email}, {"password", member.password}});
  }
  std::vector<std::string> patient_ids;
  for (const auto& demo : kDemoPatients) {
    patients::PatientChanges fields{demo.mrn, demo.family, demo.given, demo.birth_date, demo.sex};
    auto created = co_await patients::CreatePatient(context, fields);
    if (!created) co_return created.error();
    patient_ids.push_back(created->id);
  }
  if (auto seeded = co_await SeedMeetings(request, *clinic_id, people, patient_ids); !seeded) {
    co_return seeded.error();
  }
  co_return boost::json::object{{"url", public_url}, {"clinic_id", *clinic_id}, {"clinic_name", "Demo Clinic"},
                                {"users", std::move(users)}};
}

}  // namespace

std::filesystem::path DemoSignInsPath(const std::filesystem::path& data_dir) {
  return data_dir / "demo-sign-ins.json";
}

Result<boost::json::object> EnsureDemoClinic(const std::string& app_conninfo, const std::filesystem::path& data_dir,
                                              const std::string& public_url, identity::PasswordWorkers& passwords) {
  const auto path = DemoSignInsPath(data_dir);
  if (auto existing = files::ReadSmallFile(path); existing) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(*existing, ec);
    if (!ec && parsed.is_object()) return std::move(parsed.as_object());
  }
  auto seeded = RunBlocking<boost::json::object>(app_conninfo, [&] { return Seed(passwords, public_url); });
  if (!seeded) return seeded.error();
  if (auto written = files::WriteFileAtomically(path, boost::json::serialize(*seeded), 0600); !written) {
    return written.error();
  }
  return seeded;
}

}  // namespace consilium::app
