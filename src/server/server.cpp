#include "server/server.h"

#include <fmt/format.h>

#include <charconv>
#include <exception>

#include "server/json_io.h"
#include "server/web_assets.h"

namespace chorus::server {

Result<std::pair<std::string, int>> ParseListenAddress(std::string_view address) {
  auto bad = [&] {
    return InvalidInput(
        fmt::format("--listen {}: expected HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080", address));
  };
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string_view host = address.substr(0, colon), port_text = address.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad();
    host = host.substr(1, host.size() - 2);
  }
  int port = -1;
  auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port < 0 ||
      port > 65535) {
    return bad();
  }
  return std::pair{std::string(host), port};
}

Server::Server(store::Store& store, ServerOptions options)
    : store_(store),
      options_(std::move(options)),
      auth_(store_, options_.secure_cookies),
      logins_(options_.limits.login_window_ms),
      signups_(options_.limits.signup_window_ms),
      context_{store_, auth_, logins_, signups_, metrics_, options_},
      http_(std::make_unique<httplib::Server>()) {
  for (auto* group : {&AccountRoutes, &MemberRoutes, &CoopRoutes}) {
    for (Route& route : (*group)(context_)) routes_.push_back(std::move(route));
  }
  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    Dispatch(req, res);
  };
  // One catch-all per method: the route table, not httplib's regexes, decides.
  http_->Get(".*", dispatch);
  http_->Post(".*", dispatch);
  http_->Put(".*", dispatch);
  http_->Delete(".*", dispatch);
  http_->Patch(".*", dispatch);
  http_->Options(".*", dispatch);
  http_->set_payload_max_length(std::max(options_.max_upload_bytes, options_.max_json_bytes));
  http_->set_keep_alive_timeout(2);  // so a stop is not held up by idle connections
  // Replies go out as headers then body: with Nagle's algorithm the body
  // waits for the client's delayed ACK, about 40 ms a request.
  http_->set_tcp_nodelay(true);
  // Refuse an announced oversized body before httplib reads it.
  http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_header("Content-Length")) return httplib::Server::HandlerResponse::Unhandled;
    std::string allow;
    const Route* route = Find(req.method, req.path, &allow);
    size_t limit = route != nullptr ? BodyLimit(*route) : options_.max_json_bytes;
    uint64_t length = 0;
    std::string value = req.get_header_value("Content-Length");
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (error == std::errc() && length <= limit) return httplib::Server::HandlerResponse::Unhandled;
    Reply reply = ErrorReply(
        413, "too_large",
        fmt::format("the request body is larger than this endpoint accepts ({} bytes)", limit));
    metrics_.Record(req.method, route != nullptr ? route->path : "unmatched", reply.status);
    res.status = reply.status;
    res.set_content(reply.body, reply.content_type.c_str());
    return httplib::Server::HandlerResponse::Handled;
  });
  // Errors httplib produces itself (a malformed request, a body over the
  // payload limit) get the same JSON shape; our own replies are left alone.
  httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&,
                                                     httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    Reply reply = res.status == 413
                      ? ErrorReply(413, "too_large", "the request body is too large")
                      : ErrorReply(res.status, "bad_request", "the HTTP request was malformed");
    res.set_content(reply.body, reply.content_type.c_str());
    return httplib::Server::HandlerResponse::Handled;
  };
  http_->set_error_handler(std::move(on_error));
  http_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Reply reply = ErrorReply(500, "internal", "the server hit a bug");
        res.status = reply.status;
        res.set_content(reply.body, reply.content_type.c_str());
      });
}

Server::~Server() { Stop(); }

Result<int> Server::Start(const std::string& host, int port) {
  int bound = port;
  if (port == 0) {
    bound = http_->bind_to_any_port(host);
    if (bound < 0) bound = 0;
  } else if (!http_->bind_to_port(host, port)) {
    bound = 0;
  }
  if (bound <= 0) {
    return IoError(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                               host, port));
  }
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  return bound;
}

void Server::Stop() {
  http_->stop();
  if (thread_.joinable()) thread_.join();
}

size_t Server::BodyLimit(const Route& route) const {
  return route.body == BodyKind::kUpload ? options_.max_upload_bytes : options_.max_json_bytes;
}

const Route* Server::Find(std::string method, const std::string& path, std::string* allow) const {
  if (method == "HEAD") method = "GET";
  const Route* found = nullptr;
  allow->clear();
  for (const Route& route : routes_) {
    if (route.path != path) continue;
    if (route.method == method) found = &route;
    *allow += (allow->empty() ? "" : ", ") + route.method;
  }
  return found;
}

void Server::Dispatch(const httplib::Request& request, httplib::Response& response) {
  std::string allow;
  const Route* route = Find(request.method, request.path, &allow);
  Reply reply;
  try {
    if (route != nullptr) {
      reply = Run(*route, request);
    } else if (!allow.empty()) {
      reply = ErrorReply(405, "method_not_allowed",
                         fmt::format("{} is not allowed here; use {}", request.method, allow));
      reply.headers.emplace_back("Allow", allow);
    } else if (auto asset = StaticAsset(request.method, request.path)) {
      reply = std::move(*asset);
    } else {
      reply = ErrorReply(404, "not_found",
                         "no such endpoint; the API is described at /api/v1/openapi.json");
    }
  } catch (const std::exception&) {
    reply = ErrorReply(500, "internal", "the server hit a bug; please report it to the stewards");
  } catch (...) {
    reply = ErrorReply(500, "internal", "the server hit a bug; please report it to the stewards");
  }
  metrics_.Record(request.method, route != nullptr ? route->path : "unmatched", reply.status);
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name.c_str(), value);
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Content-Type-Options", "nosniff");
  if (!reply.body.empty()) response.set_content(reply.body, reply.content_type.c_str());
}

Reply Server::Run(const Route& route, const httplib::Request& request) {
  if (request.body.size() > BodyLimit(route)) {
    return ErrorReply(413, "too_large",
                      fmt::format("the request body is larger than this endpoint accepts ({} "
                                  "bytes)",
                                  BodyLimit(route)));
  }
  if (route.body == BodyKind::kJson &&
      request.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    return ErrorReply(415, "unsupported_media_type",
                      "send the body as JSON with \"Content-Type: application/json\"");
  }
  std::optional<Caller> caller;
  if (auto rejected = auth_.Admit(request, route.access, &caller)) return *rejected;
  return route.handler(Call{request, caller ? &*caller : nullptr});
}

}  // namespace chorus::server
