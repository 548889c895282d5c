#include "formats/dj_common.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "formats/text_util.h"

namespace chorus::formats {

void DjNotes::SawStart(int64_t start_ms) {
  if (first_start_ms == 0 || start_ms < first_start_ms) first_start_ms = start_ms;
  if (last_start_ms == 0 || start_ms > last_start_ms) last_start_ms = start_ms;
}

uint16_t BpmCenti(double bpm) {
  if (!std::isfinite(bpm) || bpm <= 0 || bpm > 600) return 0;
  return static_cast<uint16_t>(std::lround(bpm * 100));
}

uint32_t AddDjTrack(PlayBatch& batch, Dictionary& dict, std::string_view title,
                    std::string_view artist, std::string_view album, const DjTrackFacts& facts,
                    ItemRef* ref) {
  uint32_t id = dict.ItemFor(Kind::kMusic, Trim(title), Trim(artist), Trim(album), "", ref);
  if (!facts.empty()) batch.dj_tracks.push_back({*ref, id, facts});
  return id;
}

Status LoadXml(const std::string& display, std::string_view text, pugi::xml_document* doc) {
  // pugixml does not throw (built without exceptions for parsing); the
  // buffer is copied so the caller's bytes stay untouched.
  pugi::xml_parse_result r =
      doc->load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!r) {
    return InvalidInput(
        fmt::format("{}: not well-formed XML at byte {}: {}", display, r.offset, r.description()));
  }
  return Status::Ok();
}

std::string_view XmlRootName(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (int guard = 0; guard < 64; ++guard) {
    size_t lt = text.find_first_not_of(" \t\r\n");
    if (lt == std::string_view::npos || text[lt] != '<') return {};
    text.remove_prefix(lt);
    std::string_view close = text.starts_with("<?") ? "?>" : text.starts_with("<!--") ? "-->" : "";
    if (close.empty() && text.starts_with("<!")) close = ">";
    if (close.empty()) {
      size_t end = text.find_first_of(" \t\r\n/>", 1);
      return text.substr(1, end == std::string_view::npos ? text.size() - 1 : end - 1);
    }
    size_t end = text.find(close);
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + close.size());
  }
  return {};
}

bool ParseInt(std::string_view s, int64_t* out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*out);
}

}  // namespace chorus::formats
