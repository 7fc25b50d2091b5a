#include "app/demo.hpp"

#include "app/blocking_runner.hpp"
#include "modules/clinics/clinics.hpp"
#include "modules/identity/identity.hpp"
#include "modules/patients/patients.hpp"
#include "platform/crypto/random.hpp"
#include "platform/files/secure_file.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

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
  for (security::ClinicRole role : security::kAllClinicRoles) {
    identity::NewMember member{*clinic_id, DemoEmail(role), "Demo " + std::string(security::RoleName(role)),
                               crypto::RandomToken(kDemoPasswordBytes), role};
    auto added = co_await identity::AddMember(context, passwords, member);
    if (!added) co_return added.error();
    users.push_back({{"role", security::RoleName(role)}, {"email", member.email}, {"password", member.password}});
  }
  for (const auto& demo : kDemoPatients) {
    patients::PatientChanges fields{demo.mrn, demo.family, demo.given, demo.birth_date, demo.sex};
    auto created = co_await patients::CreatePatient(context, fields);
    if (!created) co_return created.error();
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
