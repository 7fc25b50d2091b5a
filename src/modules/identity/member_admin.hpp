#pragma once
// A clinic's members as its owners and administrators manage them, the
// directory its staff pick people from, and a person's own profile.
#include "modules/identity/identity.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>

namespace consilium::identity {

// {id, email, display_name, role, disabled, locked, mfa_enabled, created_at}
awaitable<Result<boost::json::array>> ListMembers(const security::RequestContext& context);
awaitable<Result<boost::json::object>> ReadMember(const security::RequestContext& context, const std::string& user_id);

// Adds a member with the clinic's password rules; only an owner makes owners.
awaitable<Result<boost::json::object>> CreateMember(const security::RequestContext& context,
                                                    PasswordWorkers& passwords, NewMember member);

struct MemberChange {
  std::optional<security::ClinicRole> role;
  std::optional<bool> disabled;
};
// A new role or a disabled membership ends the member's sessions in this
// clinic, so it applies at once. Nobody changes their own membership and
// only an owner changes an owner's, so an active owner always remains.
awaitable<Result<boost::json::object>> ChangeMember(const security::RequestContext& context,
                                                    const std::string& user_id, const MemberChange& change);

// Active members by name and role: whom staff can invite or make responsible.
awaitable<Result<boost::json::array>> Directory(const security::RequestContext& context);

// Who is signed in, where, and the clinics they can switch to. Read on its
// own, the read is recorded; in a refresh's answer, the refresh's record covers it.
enum class ProfileUse { kRead, kInRefresh };
awaitable<Result<boost::json::object>> Profile(const security::RequestContext& context, ProfileUse use);

void RegisterMemberRoutes(security::Endpoints& endpoints, const IdentityServices& services);

}  // namespace consilium::identity
