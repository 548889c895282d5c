// Server: `chorus serve`'s HTTP server, the JSON API under /api/v1 over a
// co-op Store (DESIGN.md "Server").
//
// Contract: Start() binds the address (port 0: an ephemeral port) and
// serves on background threads until Stop(), which stops accepting, lets
// requests in flight finish and returns; the Store must outlive the Server
// and is only ever called one request at a time (SerializedStore). Every
// request is dispatched through one wrapper over the route table (routes()):
// unknown path 404, known path with another method 405 (with Allow), body
// over the route's limit 413 too_large, a JSON route without
// application/json 415, then the route's Access check (auth.h), then the
// handler. Every error is {"error":{"code","message"}}; an exception from a
// handler is caught there, once, and is 500 internal. Nothing is logged: no
// address, e-mail or body ever leaves the process except in a response to
// its owner.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/status.h"
#include "server/auth.h"
#include "server/context.h"
#include "server/metrics.h"
#include "server/options.h"
#include "server/rate_limit.h"
#include "server/route.h"
#include "store/serialized_store.h"
#include "store/store.h"

namespace chorus::server {

// "127.0.0.1:8080", "[::1]:8080", "localhost:0" → host and port.
Result<std::pair<std::string, int>> ParseListenAddress(std::string_view address);

class Server {
 public:
  Server(store::Store& store, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port it listens on.
  Result<int> Start(const std::string& host, int port);
  void Stop();

  const std::vector<Route>& routes() const { return routes_; }

 private:
  void Dispatch(const httplib::Request& request, httplib::Response& response);
  Reply Run(const Route& route, const httplib::Request& request);
  // The route for (method, path); null with *allow set when only the method
  // is wrong, null with *allow empty when the path is unknown.
  const Route* Find(std::string method, const std::string& path, std::string* allow) const;
  size_t BodyLimit(const Route& route) const;

  store::SerializedStore store_;
  ServerOptions options_;
  Auth auth_;
  RateLimiter logins_;
  RateLimiter signups_;
  Metrics metrics_;
  ApiContext context_;
  std::vector<Route> routes_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
};

}  // namespace chorus::server
