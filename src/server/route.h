// The route table's vocabulary: what a route declares (method, path, the
// minimum caller it admits, what body it takes) and what a handler returns.
//
// Contract: a handler runs only after the server's wrapper has enforced the
// route's Access and body limits (server.cpp, auth.cpp), so `Call::caller`
// is set for every Access but kAnonymous and satisfies it. Handlers return
// a Reply (errors as values, via ErrorReply/StatusReply) and never throw on
// bad input.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/json_writer.h"
#include "core/status.h"
#include "store/store.h"

namespace chorus::server {

// The minimum a caller must be, in one ordered list; the wrapper checks it.
enum class Access {
  kAnonymous,      // anyone
  kAccount,        // any logged-in account: member, buyer or steward
  kMemberAccount,  // a member or steward account (not a buyer), joined or not
  kJoinedMember,   // a member or steward account that accepted the charter
  kSteward,        // a steward account
};
std::string_view AccessName(Access access);

enum class BodyKind {
  kNone,    // body ignored (at most the JSON limit)
  kJson,    // a JSON object, Content-Type application/json, at most the JSON limit
  kUpload,  // any bytes up to the upload limit
};

// Who is calling, once authenticated.
struct Caller {
  store::Member member;
  store::CredentialKind via = store::CredentialKind::kSession;
  std::string token_hash;  // the credential used: logout deletes it
  std::string csrf_token;  // sessions only
};

struct Call {
  const httplib::Request& request;
  const Caller* caller;  // null only for kAnonymous routes called anonymously
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<Reply(const Call&)>;

struct Route {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // exact path, e.g. /api/v1/me
  Access access = Access::kAnonymous;
  BodyKind body = BodyKind::kNone;
  Handler handler;
};

Reply MakeReply(int status, std::string body, std::string content_type = "application/json");
Reply JsonReply(int status, const JsonWriter& json);
Reply ErrorReply(int status, std::string_view code, std::string_view message);
// A store or co-op error: bad input 400 bad_request, not found 404,
// anything else 503 unavailable (the database failed, not the caller).
Reply StatusReply(const Status& status);
Reply NoContent();

}  // namespace chorus::server
