// Helpers the route handlers share for reading JSON request bodies.
//
// Contract: ParseBody() parses a JSON object and refuses any field not in
// `allowed` (InvalidInput naming it, so a typo such as "acept_charter" is
// an error rather than ignored). BadRequest() turns such an error into 400
// bad_request with the message, which names the field.
#pragma once

#include <initializer_list>
#include <string_view>

#include "server/json_io.h"
#include "server/route.h"

namespace chorus::server {

Result<JsonBody> ParseBody(std::string_view body, std::initializer_list<std::string_view> allowed);
Reply BadRequest(const Status& status);

}  // namespace chorus::server
