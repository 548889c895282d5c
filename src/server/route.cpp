#include "server/route.h"

#include "server/json_io.h"

namespace chorus::server {

std::string_view AccessName(Access access) {
  switch (access) {
    case Access::kAnonymous: return "anonymous";
    case Access::kAccount: return "account";
    case Access::kMemberAccount: return "member-account";
    case Access::kJoinedMember: return "joined-member";
    case Access::kSteward: return "steward";
  }
  return "anonymous";
}

Reply MakeReply(int status, std::string body, std::string content_type) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.content_type = std::move(content_type);
  return reply;
}

Reply JsonReply(int status, const JsonWriter& json) { return MakeReply(status, json.str() + "\n"); }

Reply ErrorReply(int status, std::string_view code, std::string_view message) {
  return MakeReply(status, ErrorJson(code, message) + "\n");
}

Reply StatusReply(const Status& status) {
  switch (status.code()) {
    case Code::kOk: return NoContent();
    case Code::kInvalidInput:
    case Code::kLimitExceeded: return ErrorReply(400, "bad_request", status.message());
    case Code::kNotFound: return ErrorReply(404, "not_found", status.message());
    case Code::kIoError:
      return ErrorReply(503, "unavailable",
                        "the co-op's database did not answer; try again in a minute");
    case Code::kInternal: break;
  }
  return ErrorReply(500, "internal", "the server hit a bug; it has been counted in /metrics");
}

Reply NoContent() { return MakeReply(204, "", ""); }

}  // namespace chorus::server
