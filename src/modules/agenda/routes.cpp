#include "modules/agenda/agenda.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::agenda {
namespace {

using http::Method;
using http::Response;
using security::Action;

Result<std::string> MeetingId(const RequestContext& context) {
  return json::ParseId(context.Param("meeting_id"), "meeting id");
}

Result<std::string> ItemId(const RequestContext& context) { return json::ParseId(context.Param("item_id"), "item id"); }

Response ItemsResponse(const std::vector<Item>& items, bool guest_view) {
  boost::json::array out;
  for (const auto& item : items) out.push_back(guest_view ? ToGuestJson(item) : ToJson(item));
  return http::JsonResponse(200, {{"items", std::move(out)}});
}

awaitable<Result<Response>> ProposeItem(RequestContext& context) {
  auto meeting_id = MeetingId(context);
  if (!meeting_id) co_return meeting_id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto proposal = ParseProposal(context.request.body);
  if (!proposal) co_return proposal.error();
  auto item = co_await agenda::Propose(context, *meeting_id, *proposal);
  if (!item) co_return item.error();
  co_return http::JsonResponse(201, ToJson(*item));
}

awaitable<Result<Response>> Read(RequestContext& context) {
  auto meeting_id = MeetingId(context);
  if (!meeting_id) co_return meeting_id.error();
  auto items = co_await ApprovedAgenda(context, *meeting_id);
  if (!items) co_return items.error();
  // Someone let in only as the meeting's guest sees no identifiers.
  co_return ItemsResponse(*items, context.meeting_grant == security::MeetingRole::kGuest);
}

awaitable<Result<Response>> ReadProposals(RequestContext& context) {
  auto meeting_id = MeetingId(context);
  if (!meeting_id) co_return meeting_id.error();
  auto items = co_await Proposals(context, *meeting_id);
  if (!items) co_return items.error();
  co_return ItemsResponse(*items, false);
}

awaitable<Result<Response>> ApproveItem(RequestContext& context) {
  auto meeting_id = MeetingId(context);
  if (!meeting_id) co_return meeting_id.error();
  auto item_id = ItemId(context);
  if (!item_id) co_return item_id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto approval = ParseApproval(context.request.body);
  if (!approval) co_return approval.error();
  auto item = co_await Approve(context, *meeting_id, *item_id, *approval);
  if (!item) co_return item.error();
  co_return http::JsonResponse(200, ToJson(*item));
}

awaitable<Result<Response>> RejectItem(RequestContext& context) {
  auto meeting_id = MeetingId(context);
  if (!meeting_id) co_return meeting_id.error();
  auto item_id = ItemId(context);
  if (!item_id) co_return item_id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto reason = ParseRejection(context.request.body);
  if (!reason) co_return reason.error();
  auto item = co_await Reject(context, *meeting_id, *item_id, *reason);
  if (!item) co_return item.error();
  co_return http::JsonResponse(200, ToJson(*item));
}

awaitable<Result<Response>> Order(RequestContext& context) {
  auto meeting_id = MeetingId(context);
  if (!meeting_id) co_return meeting_id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto order = ParseOrder(context.request.body);
  if (!order) co_return order.error();
  auto items = co_await Reorder(context, *meeting_id, *order);
  if (!items) co_return items.error();
  co_return ItemsResponse(*items, false);
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.AddInMeeting(Method::kPost, "/api/v1/meetings/{meeting_id}/agenda", Action::kAgendaPropose, ProposeItem);
  endpoints.AddInMeeting(Method::kGet, "/api/v1/meetings/{meeting_id}/agenda", Action::kAgendaRead, Read);
  endpoints.AddInMeeting(Method::kPut, "/api/v1/meetings/{meeting_id}/agenda/order", Action::kAgendaReview, Order);
  endpoints.AddInMeeting(Method::kGet, "/api/v1/meetings/{meeting_id}/proposals", Action::kAgendaReview,
                         ReadProposals);
  endpoints.AddInMeeting(Method::kPost, "/api/v1/meetings/{meeting_id}/agenda/{item_id}/approval",
                         Action::kAgendaReview, ApproveItem);
  endpoints.AddInMeeting(Method::kPost, "/api/v1/meetings/{meeting_id}/agenda/{item_id}/rejection",
                         Action::kAgendaReview, RejectItem);
}

}  // namespace consilium::agenda
