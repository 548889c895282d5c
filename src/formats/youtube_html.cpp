// watch-history.html, Takeout's default: a hand-written linear scanner.
//
// Shape (one outer-cell per activity, no nesting inside the content cell):
//   <div class="outer-cell …"><div class="mdl-grid"><div class="header-cell …">
//   <p class="mdl-typography--title">YouTube Music<br></p></div>
//   <div class="content-cell …">Watched&nbsp;<a href="…watch?v=ID">Title</a><br>
//   <a href="…/channel/UC…">Artist - Topic</a><br>8 Dec 2025, 19:47:35 GMT+05:30<br></div>
//   <div class="content-cell …">…</div> (caption: products, details: never read)
// The content cell's body splits at <br> into lines: the first holds the
// title link, a middle line with a link is the channel, the last is the date.
// Every search moves forward from the last position, so the scan is linear
// and stops at the first unterminated tag of a cell.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "formats/youtube.h"
#include "formats/youtube_entry.h"

namespace chorus::formats {

namespace {

using youtube_detail::Entry;

constexpr std::string_view kCellMarker = "class=\"outer-cell";
constexpr size_t npos = std::string_view::npos;

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct NamedEntity {
  std::string_view name;
  std::string_view text;
};
constexpr NamedEntity kEntities[] = {
    {"amp", "&"},
    {"lt", "<"},
    {"gt", ">"},
    {"quot", "\""},
    {"apos", "'"},
    {"nbsp", "\xC2\xA0"},
    {"ensp", "\xE2\x80\x82"},
    {"emsp", "\xE2\x80\x83"},
    {"thinsp", "\xE2\x80\x89"},
    {"ndash", "\xE2\x80\x93"},
    {"mdash", "\xE2\x80\x94"},
    {"hellip", "\xE2\x80\xA6"},
};

// The character reference at the start of `ref` ("&amp;", "&#39;", "&#x2F;")
// appended to `out`; its length, or 0 when it is not one (then '&' is text).
size_t DecodeReference(std::string_view ref, std::string& out) {
  size_t semi = ref.substr(0, 12).find(';');
  if (semi == npos || semi < 2) return 0;
  std::string_view body = ref.substr(1, semi - 1);
  if (body[0] == '#') {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t cp = 0;
    for (char c : digits) {
      uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        d = static_cast<uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        d = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return 0;
      }
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10FFFF) cp = 0x110000;  // stays invalid, never overflows
    }
    AppendUtf8(cp, out);
    return semi + 1;
  }
  for (const auto& e : kEntities) {
    if (e.name == body) {
      out.append(e.text);
      return semi + 1;
    }
  }
  return 0;
}

// `in` with its character references decoded, into `out`.
void Decode(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size();) {
    size_t amp = in.find('&', i);
    out.append(in.substr(i, (amp == npos ? in.size() : amp) - i));
    if (amp == npos) break;
    size_t used = DecodeReference(in.substr(amp), out);
    if (used == 0) {
      out += '&';
      used = 1;
    }
    i = amp + used;
  }
}

bool IsSpace(std::string_view s, size_t i) {
  char c = s[i];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Without ASCII white space and no-break spaces (raw or &nbsp;) at either end.
std::string_view Trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && IsSpace(s, 0)) {
      s.remove_prefix(1);
    } else if (s.starts_with("\xC2\xA0")) {
      s.remove_prefix(2);
    } else if (s.starts_with("&nbsp;")) {
      s.remove_prefix(6);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && IsSpace(s, s.size() - 1)) {
      s.remove_suffix(1);
    } else if (s.ends_with("\xC2\xA0")) {
      s.remove_suffix(2);
    } else if (s.ends_with("&nbsp;")) {
      s.remove_suffix(6);
    } else {
      break;
    }
  }
  return s;
}

// One <br>-separated line of a content cell, raw (references undecoded).
struct Line {
  std::string text;       // outside the first link
  std::string href;       // the first link's href
  std::string link_text;  // the first link's text
  bool has_link = false;
  bool Empty() const { return !has_link && Trim(text).empty(); }
};

// The value of attribute `name` in the inside of a tag, or empty.
std::string_view Attribute(std::string_view tag, std::string_view name) {
  for (size_t at = tag.find(name); at != npos; at = tag.find(name, at + 1)) {
    bool starts = at > 0 && IsSpace(tag, at - 1);
    size_t eq = at + name.size();
    if (!starts || eq + 1 >= tag.size() || tag[eq] != '=') continue;
    char quote = tag[eq + 1];
    if (quote != '"' && quote != '\'') continue;
    size_t end = tag.find(quote, eq + 2);
    if (end == npos) return {};
    return tag.substr(eq + 2, end - eq - 2);
  }
  return {};
}

// Splits the body of a content cell into its non-empty lines, reusing the
// strings of `lines`; returns how many there are.
size_t SplitLines(std::string_view body, std::vector<Line>& lines) {
  size_t count = 0;
  auto start_line = [&]() -> Line* {
    if (count == lines.size()) lines.emplace_back();
    Line& l = lines[count++];
    l.text.clear();
    l.href.clear();
    l.link_text.clear();
    l.has_link = false;
    return &l;
  };
  Line* line = start_line();
  bool in_first_link = false;
  for (size_t i = 0; i < body.size();) {
    size_t lt = body.find('<', i);
    std::string_view text = body.substr(i, (lt == npos ? body.size() : lt) - i);
    (in_first_link ? line->link_text : line->text).append(text);
    if (lt == npos) break;
    size_t gt = body.find('>', lt + 1);
    if (gt == npos) break;  // an unterminated tag ends the cell
    std::string_view tag = body.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    bool closing = tag.starts_with('/');
    std::string_view name = tag.substr(closing ? 1 : 0);
    name = name.substr(0, name.find_first_of(" \t\r\n/"));
    if (name == "br" || name == "BR") {
      if (line->Empty()) --count;  // reuse the slot
      line = start_line();
      in_first_link = false;
    } else if (name == "a" || name == "A") {
      in_first_link = !closing && !line->has_link;
      if (in_first_link) {
        line->has_link = true;
        line->href.assign(Attribute(tag, "href"));
      }
    }
  }
  if (line->Empty()) --count;
  return count;
}

constexpr youtube_detail::Style kHtmlStyle{"title", "8 Dec 2025, 19:47:35 GMT+05:30",
                                           &youtube_detail::ParseTakeoutDate};

// Decoded strings of the cell being read.
struct CellText {
  std::string header, title, url, channel, time;
};

}  // namespace

Result<PlayBatch> ParseYouTubeHtml(std::string display, std::string_view text, Dictionary& dict) {
  PlayBatch batch;
  batch.file = std::move(display);
  batch.bytes = text.size();
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == npos) {
    batch.format = "empty";
    return batch;
  }
  size_t cell = text.find(kCellMarker);
  if (cell == npos) {
    batch.format = "ignored";
    return batch;
  }
  if (!simdjson::validate_utf8(text.data(), text.size()))
    return InvalidInput(fmt::format("{}: not valid UTF-8 text", batch.file));
  batch.format = "youtube-watch-html";

  bool saw_youtube = false;
  uint64_t index = 0;
  std::vector<Line> lines;
  CellText s;
  std::string uri;
  while (cell != npos) {
    size_t next = text.find(kCellMarker, cell + kCellMarker.size());
    std::string_view c = text.substr(cell, (next == npos ? text.size() : next) - cell);
    cell = next;
    uint64_t record = index++;

    Entry e;
    size_t pos = c.find("mdl-typography--title");
    size_t open = pos == npos ? npos : c.find('>', pos);
    if (open != npos) {
      size_t close = c.find('<', open + 1);
      Decode(Trim(c.substr(open + 1, (close == npos ? c.size() : close) - open - 1)), s.header);
      e.header = s.header;
    }
    if (e.header == "YouTube" || e.header == youtube_detail::kMusicHeader) saw_youtube = true;
    if (e.header != youtube_detail::kMusicHeader) {
      youtube_detail::Emit(e, kHtmlStyle, record, dict, batch, uri);  // rejected, explained
      continue;
    }
    pos = c.find("content-cell", open == npos ? 0 : open);
    open = pos == npos ? npos : c.find('>', pos);
    if (open == npos) {
      youtube_detail::Reject(batch, record, "", "no content cell after the header", false);
      continue;
    }
    // The body ends at its </div>, or at the next <div> when that is missing:
    // the caption cell (products, details) is never part of it.
    size_t end = std::min(c.find("</div>", open + 1), c.find("<div", open + 1));
    std::string_view body = c.substr(open + 1, (end == npos ? c.size() : end) - open - 1);
    size_t n = SplitLines(body, lines);
    if (n == 0) {
      youtube_detail::Reject(batch, record, "", "the content cell is empty", false);
      continue;
    }
    const Line& first = lines[0];
    Decode(first.has_link ? std::string_view(first.link_text) : Trim(first.text), s.title);
    Decode(first.href, s.url);
    e.title = s.title;
    e.url = s.url;
    for (size_t k = 1; k + 1 < n; ++k) {
      if (!lines[k].has_link) continue;
      Decode(lines[k].link_text, s.channel);
      e.channel = s.channel;
      e.has_channel = true;
      break;
    }
    if (n >= 2) {
      Decode(Trim(lines[n - 1].text), s.time);
      e.time = s.time;
      e.has_time = true;
    }
    youtube_detail::Emit(e, kHtmlStyle, record, dict, batch, uri);
  }
  if (!saw_youtube) {  // Takeout activity of another product: no plays were made
    PlayBatch ignored;
    ignored.file = std::move(batch.file);
    ignored.bytes = batch.bytes;
    ignored.format = "ignored";
    return ignored;
  }
  batch.records = index;
  return batch;
}

}  // namespace chorus::formats
