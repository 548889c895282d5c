// The member web UI (web/, built by Vite and embedded at build time), served
// at `/`, `/coop.js` and `/coop.css`.
//
// Contract: StaticAsset() answers GET for those paths (and `/index.html`)
// with the embedded bytes, their content type and a Content-Security-Policy
// that allows only this origin (inline styles for the report's charts);
// anything else is nullopt, so the API's 404 stays JSON.
#pragma once

#include <optional>
#include <string_view>

#include "server/route.h"

namespace chorus::server {

std::optional<Reply> StaticAsset(std::string_view method, std::string_view path);

}  // namespace chorus::server
