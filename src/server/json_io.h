// JSON in and out of the HTTP API: request bodies parsed with simdjson (DOM),
// responses written with core/json_writer.h.
//
// Contract: JsonBody::Parse() accepts only a JSON object and otherwise
// returns InvalidInput saying what is wrong ("body: not valid JSON", "body:
// expected a JSON object"). Field getters return InvalidInput naming the
// field and the expected type ("field \"email\": expected a string"); a
// required field that is absent is "field \"email\" is required". Nothing
// here throws; the body's bytes are never logged.
#pragma once

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_writer.h"
#include "core/status.h"

namespace chorus::server {

class JsonBody {
 public:
  static Result<JsonBody> Parse(std::string_view body);

  bool Has(std::string_view field) const;
  Result<std::string> RequiredString(std::string_view field) const;
  Result<std::optional<std::string>> OptionalString(std::string_view field) const;
  Result<std::optional<bool>> OptionalBool(std::string_view field) const;
  // The object's keys, in document order.
  std::vector<std::string> Keys() const;

 private:
  JsonBody() = default;
  std::optional<simdjson::dom::element> Field(std::string_view field) const;

  std::unique_ptr<simdjson::dom::parser> parser_;
  simdjson::dom::object object_;
};

// Writes a stored JSON text as a value of `out` (re-serialised, so the
// response stays valid JSON even if the stored text were not: then null).
void WriteStoredJson(JsonWriter& out, std::string_view json);

// {"error":{"code":…,"message":…}}
std::string ErrorJson(std::string_view code, std::string_view message);

// An instant as ISO 8601 UTC, or null for 0 (never happened).
void WriteInstant(JsonWriter& out, int64_t epoch_ms);

}  // namespace chorus::server
