#include "server/web_assets.h"

#include "web/coop_assets.h"

namespace chorus::server {

std::optional<Reply> StaticAsset(std::string_view method, std::string_view path) {
  if (method != "GET" && method != "HEAD") return std::nullopt;
  Reply reply;
  if (path == "/" || path == "/index.html") {
    reply = MakeReply(200, std::string(web::kCoopHtml), "text/html; charset=utf-8");
  } else if (path == "/coop.js") {
    reply = MakeReply(200, std::string(web::kCoopJs), "text/javascript; charset=utf-8");
  } else if (path == "/coop.css") {
    reply = MakeReply(200, std::string(web::kCoopCss), "text/css; charset=utf-8");
  } else {
    return std::nullopt;
  }
  reply.headers.emplace_back("Content-Security-Policy",
                             "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                             "img-src 'self' data: blob:; frame-ancestors 'none'");
  return reply;
}

}  // namespace chorus::server
