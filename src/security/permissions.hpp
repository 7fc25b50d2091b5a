#pragma once
// The one permission table: clinic role x action -> allowed, and for
// actions on one meeting, meeting role x action -> allowed too (either
// suffices; docs/decisions/0003). Every authenticated route names its
// action; anything not listed is denied.
#include "security/principal.hpp"

#include <span>
#include <string_view>

namespace consilium::security {

enum class Action {
  kPatientRead,
  kPatientList,
  kPatientCreate,
  kPatientUpdate,
  kPatientMerge,
  kSessionList,
  kSessionRevoke,
  kSessionSwitchClinic,
  kUserSessionsRevoke,
  kUserUnlock,
  kPasswordChange,
  kMfaRead,
  kMfaEnrol,
  kMfaRecoveryCodesRenew,
  kUserMfaReset,
  kProfileRead,
  kDirectoryRead,
  kUserList,
  kUserCreate,
  kUserUpdate,
  kClinicSettingsRead,
  kClinicSettingsUpdate,
  kMeetingCreate,
  kMeetingList,
  kMeetingRead,
  kMeetingUpdate,
  kMeetingTransition,
  kMeetingParticipantsManage,
  kMeetingAttendanceRecord,
  kAgendaPropose,
  kAgendaRead,
  kAgendaReview,
  kDecisionRecord,
  kDecisionSign,
  kDecisionRead,
  kPatientHistoryRead,
  kPlanRead,
  kPlanWrite,
  kPlanAddendum,
  kAuditRead,
  kAuditExport,
  kKeysRead,
  kKeysRotate,
  kFileRead,
  kFileUpload,
  kFileDownload,
  kCount,  // not an action: the number of them, so a missing table row cannot compile
};

struct ActionInfo {
  Action action;
  std::string_view name;         // as recorded in the audit log, e.g. "patient.read"
  std::string_view description;  // for docs/permissions.md
  std::span<const ClinicRole> allowed;
  std::span<const MeetingRole> in_meeting = {};  // roles in the meeting that allow it
};

std::span<const ActionInfo> PermissionTable();
const ActionInfo& InfoOf(Action action);
bool IsAllowed(ClinicRole role, Action action);
bool IsAllowedInMeeting(MeetingRole role, Action action);

// The table as Markdown; docs/permissions.md is this output.
std::string PermissionsMarkdown();

}  // namespace consilium::security
