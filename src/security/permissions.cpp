#include "security/permissions.hpp"

#include <algorithm>
#include <string>

namespace consilium::security {
namespace {

using enum ClinicRole;
// DESIGN.md §1: clinical staff read the record; front desk keeps demographics;
// administrators see no patient data by default.
constexpr ClinicRole kPatientReaders[] = {kOwner, kPractitioner, kNurse, kFrontDesk, kReadOnly};
constexpr ClinicRole kDemographicsWriters[] = {kOwner, kPractitioner, kFrontDesk};
constexpr ClinicRole kEveryone[] = {kOwner, kAdmin, kPractitioner, kNurse, kFrontDesk, kReadOnly, kGuest};
constexpr ClinicRole kAdministrators[] = {kOwner, kAdmin};
// Everyone who works in the clinic; guests are only visitors to meetings.
constexpr ClinicRole kStaff[] = {kOwner, kAdmin, kPractitioner, kNurse, kFrontDesk, kReadOnly};
// Meetings (DESIGN.md §1): practitioners and front desk set them up, the
// clinical staff see them all; within a meeting its organiser runs it.
constexpr ClinicRole kOwnerOnly[] = {kOwner};
constexpr ClinicRole kMeetingMakers[] = {kOwner, kPractitioner, kFrontDesk};
constexpr ClinicRole kMeetingSchedulers[] = {kOwner, kFrontDesk};
constexpr ClinicRole kMeetingViewers[] = {kOwner, kPractitioner, kNurse, kFrontDesk, kReadOnly};
// Guests list only the meetings they take part in.
constexpr ClinicRole kMeetingListers[] = {kOwner, kPractitioner, kNurse, kFrontDesk, kReadOnly, kGuest};
constexpr MeetingRole kAnyParticipant[] = {MeetingRole::kOrganiser, MeetingRole::kDoctor, MeetingRole::kNurse,
                                           MeetingRole::kGuest};
constexpr MeetingRole kOrganiser[] = {MeetingRole::kOrganiser};
// The agenda holds clinical content: front desk (demographics only) and
// administrators do not see it; a guest sees the approved part.
constexpr ClinicRole kProposers[] = {kOwner, kPractitioner, kNurse};
constexpr MeetingRole kClinicalParticipants[] = {MeetingRole::kOrganiser, MeetingRole::kDoctor, MeetingRole::kNurse};
constexpr ClinicRole kClinicalReaders[] = {kOwner, kPractitioner, kNurse, kReadOnly};
constexpr ClinicRole kClinicians[] = {kOwner, kPractitioner};

constexpr ActionInfo kTable[] = {
    {Action::kPatientRead, "patient.read", "Read one patient's demographics", kPatientReaders},
    {Action::kPatientList, "patient.list", "List and search patients", kPatientReaders},
    {Action::kPatientCreate, "patient.create", "Register a patient", kDemographicsWriters},
    {Action::kPatientUpdate, "patient.update", "Change a patient's demographics, contact and identifiers",
     kDemographicsWriters},
    {Action::kPatientMerge, "patient.merge", "Merge two records of the same patient", kDemographicsWriters},
    {Action::kSessionList, "session.list", "List one's own sessions", kEveryone},
    {Action::kSessionRevoke, "session.revoke", "Sign out one or all of one's own sessions", kEveryone},
    {Action::kSessionSwitchClinic, "session.switch_clinic", "Work in another clinic one belongs to", kEveryone},
    {Action::kUserSessionsRevoke, "user.sessions.revoke", "End a member's sessions in this clinic", kAdministrators},
    {Action::kUserUnlock, "user.unlock", "Lift a member's lock after failed sign-ins", kAdministrators},
    {Action::kPasswordChange, "password.change", "Change one's own password", kEveryone},
    {Action::kMfaRead, "mfa.read", "See whether one's own sign-in uses an authenticator app", kEveryone},
    {Action::kMfaEnrol, "mfa.enrol", "Set up an authenticator app for one's own sign-in", kEveryone},
    {Action::kMfaRecoveryCodesRenew, "mfa.recovery_codes.renew", "Replace one's own recovery codes", kEveryone},
    {Action::kUserMfaReset, "user.mfa.reset", "Reset a member's authenticator app (they set up a new one)",
     kAdministrators},
    {Action::kProfileRead, "profile.read", "See who one is signed in as and which clinics one belongs to",
     kEveryone},
    {Action::kDirectoryRead, "directory.read",
     "List the clinic's active members by name and role, to invite them or make them responsible", kStaff},
    {Action::kUserList, "user.list", "List the clinic's members with their roles and account state",
     kAdministrators},
    {Action::kUserCreate, "user.create", "Add a member to the clinic (only an owner adds an owner)",
     kAdministrators},
    {Action::kUserUpdate, "user.update",
     "Change a member's clinic role or disable their membership (ends their sessions here)", kAdministrators},
    {Action::kClinicSettingsRead, "clinic.settings.read", "See the clinic's sign-in settings", kEveryone},
    {Action::kClinicSettingsUpdate, "clinic.settings.update",
     "Change the clinic's sign-in settings (MFA required, password length)", kAdministrators},
    {Action::kMeetingCreate, "meeting.create", "Set up a meeting (its creator organises it unless named otherwise)",
     kMeetingMakers},
    {Action::kMeetingList, "meeting.list", "List meetings (a guest: only their own)", kMeetingListers},
    {Action::kMeetingRead, "meeting.read", "See a meeting, its participants and its history", kMeetingViewers,
     kAnyParticipant},
    {Action::kMeetingUpdate, "meeting.update", "Change a meeting's title, time, place or cut-off", kMeetingSchedulers,
     kOrganiser},
    {Action::kMeetingTransition, "meeting.transition", "Schedule, start, complete or cancel a meeting", kOwnerOnly,
     kOrganiser},
    {Action::kMeetingParticipantsManage, "meeting.participants.manage", "Invite, re-role or remove participants",
     kMeetingSchedulers, kOrganiser},
    {Action::kMeetingAttendanceRecord, "meeting.attendance.record", "Record who attended a running meeting",
     kOwnerOnly, kOrganiser},
    {Action::kAgendaPropose, "agenda.propose", "Propose a patient for a meeting (after the cut-off: the organiser)",
     kProposers, kClinicalParticipants},
    {Action::kAgendaRead, "agenda.read", "See a meeting's approved agenda (a guest: while it is open)",
     kClinicalReaders, kAnyParticipant},
    {Action::kAgendaReview, "agenda.review", "See pending proposals; approve, reject, triage and order them",
     kOwnerOnly, kOrganiser},
    {Action::kDecisionRecord, "decision.record",
     "Record an agenda item's decision, or change it (after signing: a new version with its reason)", kOwnerOnly,
     kOrganiser},
    {Action::kDecisionSign, "decision.sign", "Sign a decision's latest version", kOwnerOnly, kOrganiser},
    {Action::kDecisionRead, "decision.read", "See a decision and its versions", kClinicalReaders,
     kClinicalParticipants},
    {Action::kPatientHistoryRead, "patient.history.read",
     "See a patient's agenda items across meetings and the decisions on them", kClinicalReaders},
    {Action::kPlanRead, "plan.read", "See a patient's treatment plans, their versions and addenda", kClinicalReaders},
    {Action::kPlanWrite, "plan.write",
     "Create, change and move treatment plans (after completion: the responsible clinician, within the window)",
     kClinicians},
    {Action::kPlanAddendum, "plan.addendum", "Correct a read-only treatment plan with an addendum", kClinicians},
    {Action::kAuditRead, "audit.read",
     "Review the clinic's audit trail and who accessed a patient (an admin sees which fields changed, not their values)",
     kAdministrators},
    {Action::kAuditExport, "audit.export", "Export the audit trail as CSV, JSON Lines or FHIR AuditEvent (audited)",
     kAdministrators},
    {Action::kKeysRead, "keys.read", "See the clinic's encryption keys' versions and re-wrapping progress", kOwnerOnly},
    {Action::kKeysRotate, "keys.rotate", "Make a new version of the clinic's encryption key (old ones re-wrapped)",
     kOwnerOnly},
    {Action::kFileRead, "file.read", "List a patient's or an agenda item's files", kClinicalReaders},
    {Action::kFileUpload, "file.upload", "Upload a file to a patient or an agenda item (stored encrypted)", kProposers},
    {Action::kFileDownload, "file.download", "Download a file (audited; guests never download)", kClinicalReaders},
};

// Every action has exactly one row, in the enum's order.
constexpr bool EveryActionHasItsRow() {
  if (std::size(kTable) != static_cast<std::size_t>(Action::kCount)) return false;
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    if (static_cast<std::size_t>(kTable[i].action) != i) return false;
  }
  return true;
}
static_assert(EveryActionHasItsRow(), "add the new action to kTable, in enum order");

}  // namespace

std::span<const ActionInfo> PermissionTable() { return kTable; }

const ActionInfo& InfoOf(Action action) { return kTable[static_cast<std::size_t>(action)]; }

bool IsAllowed(ClinicRole role, Action action) {
  const auto allowed = InfoOf(action).allowed;
  return std::find(allowed.begin(), allowed.end(), role) != allowed.end();
}

bool IsAllowedInMeeting(MeetingRole role, Action action) {
  const auto allowed = InfoOf(action).in_meeting;
  return std::find(allowed.begin(), allowed.end(), role) != allowed.end();
}

std::string PermissionsMarkdown() {
  std::string out =
      "# Permissions\n\nGenerated by `consilium permissions` from `src/security/permissions.cpp`; do not edit by "
      "hand. Everything not listed is denied.\n\n| action | what it does |";
  for (ClinicRole role : kAllClinicRoles) out += " " + std::string(RoleName(role)) + " |";
  out += " in the meeting |\n|---|---|";
  for (std::size_t i = 0; i <= std::size(kAllClinicRoles); ++i) out += "---|";
  out += "\n";
  for (const auto& info : kTable) {
    out += "| `" + std::string(info.name) + "` | " + std::string(info.description) + " |";
    for (ClinicRole role : kAllClinicRoles) out += IsAllowed(role, info.action) ? " yes |" : " — |";
    std::string meeting_roles;
    for (MeetingRole role : info.in_meeting) {
      meeting_roles += (meeting_roles.empty() ? " " : ", ") + std::string(MeetingRoleName(role));
    }
    out += (meeting_roles.empty() ? " —" : meeting_roles) + " |\n";
  }
  out += "\nA meeting role counts only in that meeting, and a guest only while it is scheduled or in progress. "
         "A guest refused anything on a meeting gets 404, as its existence is not theirs to know.\n";
  return out;
}

}  // namespace consilium::security
