// The API's OpenAPI 3.0 document (openapi.json beside this header, embedded
// at build time by cmake/EmbedText.cmake), served at /api/v1/openapi.json.
//
// Contract: the document names every route of the route table, with its
// access, request and response schemas and error codes; server_test checks
// that its (path, method) set equals the route table's.
#pragma once

#include <string_view>

namespace chorus::server {

std::string_view OpenApiJson();

}  // namespace chorus::server
