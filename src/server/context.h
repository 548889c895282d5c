// ApiContext: what route handlers share (the store, auth, limits, metrics,
// options), and the functions that build each group of routes.
//
// Contract: the route builders only declare routes and their handlers; the
// server's wrapper (server.cpp) runs the access check, body limits and
// exception catch before any handler. `store` is safe to call from several
// threads at once (a SerializedStore).
#pragma once

#include <cstdint>
#include <vector>

#include "core/time_util.h"
#include "server/auth.h"
#include "server/metrics.h"
#include "server/options.h"
#include "server/rate_limit.h"
#include "server/route.h"
#include "store/store.h"

namespace chorus::server {

struct ApiContext {
  store::Store& store;
  Auth& auth;
  RateLimiter& logins;
  RateLimiter& signups;
  Metrics& metrics;
  const ServerOptions& options;
};

// signup, login, logout, tokens (routes_account.cpp)
std::vector<Route> AccountRoutes(ApiContext& context);
// /me and its join, consent, export, erase, contributions (routes_member.cpp)
std::vector<Route> MemberRoutes(ApiContext& context);
// charter, coop, members, health, metrics, OpenAPI (routes_coop.cpp)
std::vector<Route> CoopRoutes(ApiContext& context);

// The caller as GET /api/v1/me shows them (shared by login, signup, join).
Reply MeReply(ApiContext& context, const store::Member& member, std::string_view csrf_token,
              int status = 200);

}  // namespace chorus::server
