#include "server/request_util.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace chorus::server {

Result<JsonBody> ParseBody(std::string_view body, std::initializer_list<std::string_view> allowed) {
  auto parsed = JsonBody::Parse(body);
  if (!parsed.ok()) return parsed.status();
  for (const std::string& key : parsed->Keys()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return InvalidInput(fmt::format("field \"{}\": not a field of this request (expected {})",
                                      key, fmt::join(allowed, ", ")));
    }
  }
  return parsed;
}

Reply BadRequest(const Status& status) { return ErrorReply(400, "bad_request", status.message()); }

}  // namespace chorus::server
