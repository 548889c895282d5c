// What the CLI's co-op commands (`contribute --coop`, `login`) share: the
// co-op's URL taken apart, an HTTP client for it, fields of its JSON
// answers, and the member's password from the environment or stdin.
//
// Contract: a CoopUrl is http://HOST:PORT with an optional path prefix (a
// co-op served under /chorus); ErrorOf turns any non-2xx answer into a
// Status carrying the co-op's own message, 4xx as bad input and 5xx as a
// runtime failure.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::cli {

struct CoopUrl {
  std::string given;   // as the user wrote it, for messages
  std::string origin;  // http://HOST:PORT
  std::string prefix;  // "" or "/path", no trailing slash

  std::string Api(std::string_view path) const { return prefix + "/api/v1" + std::string(path); }
};

Result<CoopUrl> ParseCoopUrl(const std::string& url);

// A client for the co-op with the CLI's timeouts (10 s to connect, 120 s to
// read) and TCP_NODELAY; never null.
std::unique_ptr<httplib::Client> CoopClient(const CoopUrl& coop);

// A string or number at a JSON pointer of the co-op's answer, as text ("?"
// when absent).
std::string JsonField(std::string_view json, std::string_view pointer);

// The Status for a failed request: unreachable, or the co-op's answer.
Status ErrorOf(const CoopUrl& coop, const httplib::Result& res);

// $CHORUS_PASSWORD, else the first line of stdin.
Result<std::string> ReadPassword();

}  // namespace chorus::cli
