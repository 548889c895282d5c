// ServerOptions: everything `chorus serve` can tune, and the seam where the
// contribution pipeline plugs in.
//
// Contract: the defaults are the documented production values (README.md);
// tests lower the rate limits' thresholds or raise them, never the logic.
// ContributionHandler is called for POST /api/v1/contributions after the
// route's access check, with the raw upload (at most max_upload_bytes); it
// returns the HTTP status and a JSON body. When unset the route answers 501
// not_implemented.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace chorus::server {

struct ContributionUpload {
  int64_t member_id = 0;
  std::string content_type;
  std::string filename;      // X-Filename, when the client sent one
  bool want_report = false;  // ?report=1: add the member's own report to the answer
  std::string_view body;     // valid only during the call
};
struct ContributionReply {
  int status = 501;
  std::string json;  // the response body, a JSON document
};
using ContributionHandler = std::function<ContributionReply(const ContributionUpload&)>;

struct RateLimits {
  int failed_logins_per_email = 5;
  int failed_logins_per_address = 20;
  int64_t login_window_ms = 15 * 60 * 1000;
  int signups_per_address = 10;
  int64_t signup_window_ms = 60 * 60 * 1000;
};

struct ServerOptions {
  size_t max_upload_bytes = size_t{256} << 20;
  size_t max_json_bytes = size_t{64} << 10;
  bool secure_cookies = false;  // add `Secure` to the session cookie (behind HTTPS)
  RateLimits limits;
  ContributionHandler contributions;
};

}  // namespace chorus::server
