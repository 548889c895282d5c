#include "server/json_io.h"

#include <fmt/format.h>

#include "core/time_util.h"

namespace chorus::server {

namespace {

std::string TypeError(std::string_view field, std::string_view expected) {
  return fmt::format("field \"{}\": expected {}", field, expected);
}

void WriteElement(JsonWriter& out, simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      out.BeginObject();
      for (auto field : simdjson::dom::object(e)) {
        out.Key(field.key);
        WriteElement(out, field.value);
      }
      out.EndObject();
      break;
    }
    case simdjson::dom::element_type::ARRAY:
      out.BeginArray();
      for (auto item : simdjson::dom::array(e)) WriteElement(out, item);
      out.EndArray();
      break;
    case simdjson::dom::element_type::STRING: out.String(std::string_view(e)); break;
    case simdjson::dom::element_type::INT64: out.Int(int64_t(e)); break;
    case simdjson::dom::element_type::UINT64: out.Uint(uint64_t(e)); break;
    case simdjson::dom::element_type::DOUBLE: out.Double(double(e)); break;
    case simdjson::dom::element_type::BOOL: out.Bool(bool(e)); break;
    case simdjson::dom::element_type::NULL_VALUE: out.Null(); break;
  }
}

}  // namespace

Result<JsonBody> JsonBody::Parse(std::string_view body) {
  JsonBody out;
  out.parser_ = std::make_unique<simdjson::dom::parser>();
  simdjson::dom::element root;
  if (auto error = out.parser_->parse(body.data(), body.size()).get(root); error) {
    return InvalidInput(fmt::format("body: not valid JSON ({})", simdjson::error_message(error)));
  }
  if (root.get(out.object_) != simdjson::SUCCESS) {
    return InvalidInput("body: expected a JSON object, as in {\"field\": value}");
  }
  return out;
}

std::optional<simdjson::dom::element> JsonBody::Field(std::string_view field) const {
  simdjson::dom::element value;
  if (object_.at_key(field).get(value) != simdjson::SUCCESS) return std::nullopt;
  return value;
}

bool JsonBody::Has(std::string_view field) const { return Field(field).has_value(); }

Result<std::string> JsonBody::RequiredString(std::string_view field) const {
  auto value = OptionalString(field);
  if (!value.ok()) return value.status();
  if (!value.value()) return InvalidInput(fmt::format("field \"{}\" is required", field));
  return std::move(*value.value());
}

Result<std::optional<std::string>> JsonBody::OptionalString(std::string_view field) const {
  auto value = Field(field);
  if (!value || value->is_null()) return std::optional<std::string>{};
  std::string_view text;
  if (value->get(text) != simdjson::SUCCESS) return InvalidInput(TypeError(field, "a string"));
  return std::optional<std::string>{std::string(text)};
}

Result<std::optional<bool>> JsonBody::OptionalBool(std::string_view field) const {
  auto value = Field(field);
  if (!value || value->is_null()) return std::optional<bool>{};
  bool flag = false;
  if (value->get(flag) != simdjson::SUCCESS) {
    return InvalidInput(TypeError(field, "true or false"));
  }
  return std::optional<bool>{flag};
}

std::vector<std::string> JsonBody::Keys() const {
  std::vector<std::string> keys;
  for (auto field : object_) keys.emplace_back(field.key);
  return keys;
}

void WriteStoredJson(JsonWriter& out, std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
    out.Null();
    return;
  }
  WriteElement(out, root);
}

std::string ErrorJson(std::string_view code, std::string_view message) {
  JsonWriter w(false);
  w.BeginObject().Key("error").BeginObject();
  w.Key("code").String(code).Key("message").String(message);
  w.EndObject().EndObject();
  return w.str();
}

void WriteInstant(JsonWriter& out, int64_t epoch_ms) {
  if (epoch_ms == 0) {
    out.Null();
  } else {
    out.String(FormatIsoUtc(epoch_ms));
  }
}

}  // namespace chorus::server
