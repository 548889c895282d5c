#include "cli/coop_client.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstdlib>
#include <iostream>

namespace chorus::cli {

Result<CoopUrl> ParseCoopUrl(const std::string& url) {
  CoopUrl coop{url, {}, {}};
  const size_t scheme = url.find("://");
  const size_t path_at = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  coop.origin = url.substr(0, path_at);
  coop.prefix = path_at == std::string::npos ? "" : url.substr(path_at);
  while (!coop.prefix.empty() && coop.prefix.back() == '/') coop.prefix.pop_back();
  if (!httplib::Client(coop.origin).is_valid()) {
    return InvalidInput(fmt::format("--coop {}: expected http://HOST:PORT", url));
  }
  return coop;
}

std::unique_ptr<httplib::Client> CoopClient(const CoopUrl& coop) {
  auto client = std::make_unique<httplib::Client>(coop.origin);
  client->set_connection_timeout(10);
  client->set_read_timeout(120);
  client->set_tcp_nodelay(true);  // the body follows the headers without waiting for an ACK
  return client;
}

std::string JsonField(std::string_view json, std::string_view pointer) {
  simdjson::padded_string padded(json);
  simdjson::ondemand::parser parser;
  auto doc = parser.iterate(padded);
  auto value = doc.at_pointer(pointer);
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  doc.rewind();
  double number = 0;
  if (doc.at_pointer(pointer).get_double().get(number) == simdjson::SUCCESS) {
    return fmt::format("{:g}", number);
  }
  return "?";
}

Status ErrorOf(const CoopUrl& coop, const httplib::Result& res) {
  if (!res) {
    return IoError(fmt::format("{}: cannot reach the co-op ({})", coop.given,
                               httplib::to_string(res.error())));
  }
  const std::string message = JsonField(res->body, "/error/message");
  const std::string text = fmt::format("{} answered {}: {}", coop.given, res->status,
                                       message == "?" ? res->body.substr(0, 300) : message);
  return res->status >= 500 ? IoError(text) : InvalidInput(text);
}

Result<std::string> ReadPassword() {
  if (const char* env = std::getenv("CHORUS_PASSWORD"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  std::string line;
  if (!std::getline(std::cin, line) || line.empty()) {
    return InvalidInput("no password: set CHORUS_PASSWORD or give it on stdin");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace chorus::cli
