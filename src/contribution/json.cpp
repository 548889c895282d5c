// Contribution ↔ canonical JSON (contribution.h).
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "contribution/contribution.h"
#include "core/json_writer.h"

namespace chorus::contribution {

namespace {

constexpr std::string_view kFormatTag = "chorus-contribution";

template <size_t N>
void Array(JsonWriter& w, const std::array<uint64_t, N>& a) {
  w.UintArray(a.data(), N);
}

void StringArray(JsonWriter& w, const std::vector<std::string>& v) {
  w.BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

// Version 1 spelled every artist-month as an object (three quarters of the
// bytes); version 2 gives each artist two arrays aligned with `months`.
void WriteArtistV1(JsonWriter& w, const ArtistMonths& a) {
  w.BeginObject().Key("artist").String(a.artist).Key("months").BeginArray();
  for (const ArtistMonth& m : a.months) {
    w.BeginObject().Key("month").String(m.month).Key("plays").Uint(m.plays);
    w.Key("minutes").Uint(m.minutes).EndObject();
  }
  w.EndArray().EndObject();
}

// `scratch` holds plays then minutes, one per month.
void WriteArtistRow(JsonWriter& w, const ArtistMonths& a, const std::vector<MonthStats>& months,
                    std::vector<uint64_t>* scratch) {
  const size_t n = months.size();
  scratch->assign(2 * n, 0);
  size_t k = 0;
  for (const ArtistMonth& m : a.months) {
    // Months are "YYYY-MM": a fixed 7-byte compare the compiler inlines.
    auto before = [&](const std::string& x) {
      if (x.size() != 7 || m.month.size() != 7) return x < m.month;
      return std::memcmp(x.data(), m.month.data(), 7) < 0;
    };
    while (k < n && before(months[k].month)) ++k;
    if (k < n && months[k].month == m.month) {
      (*scratch)[k] = m.plays;
      (*scratch)[n + k] = m.minutes;
    }
  }
  w.BeginObject().Key("artist").String(a.artist).Key("plays").UintArray(scratch->data(), n);
  w.Key("minutes").UintArray(scratch->data() + n, n).EndObject();
}

}  // namespace

std::string ToJson(const Contribution& c) {
  JsonWriter w(false);
  // About 30 bytes a month for each artist, 60 a transition, 600 a month.
  w.Reserve(4096 + c.months.size() * (600 + 30 * c.artists_monthly.size()) +
            c.transitions.size() * 60);
  w.BeginObject().Key("format").String(kFormatTag).Key("version").Int(c.version);
  w.Key("records").Uint(c.records).Key("rejected").Uint(c.rejected);
  w.Key("rejected_no_item").Uint(c.rejected_no_item);
  w.Key("tracks").Uint(c.tracks).Key("artists").Uint(c.artists);
  w.Key("first_end_ms").Int(c.first_end_ms).Key("last_end_ms").Int(c.last_end_ms);
  w.Key("sources");
  StringArray(w, c.sources);
  w.Key("fields");
  StringArray(w, c.fields);
  w.Key("months").BeginArray();
  for (const MonthStats& m : c.months) {
    w.BeginObject().Key("month").String(m.month);
    w.Key("plays").Uint(m.plays).Key("music").Uint(m.music).Key("podcast").Uint(m.podcast);
    w.Key("audiobook").Uint(m.audiobook).Key("video").Uint(m.video);
    w.Key("streams").Uint(m.streams).Key("ms_played").Uint(m.ms_played);
    w.Key("skip_known").Uint(m.skip_known).Key("skipped").Uint(m.skipped);
    w.Key("overlapping").Uint(m.overlapping).Key("max_day_ms").Uint(m.max_day_ms);
    w.Key("max_play_ms").Uint(m.max_play_ms);
    w.Key("hours");
    Array(w, m.hours);
    w.Key("weekdays");
    Array(w, m.weekdays);
    w.Key("reason_end").BeginObject();
    for (int r = 0; r < kReasonCount; ++r)
      w.Key(ReasonName(static_cast<Reason>(r))).Uint(m.reason_end[static_cast<size_t>(r)]);
    w.EndObject().EndObject();
  }
  w.EndArray();
  w.Key("artists_monthly").BeginArray();
  std::vector<uint64_t> scratch;
  for (const ArtistMonths& a : c.artists_monthly) {
    if (c.version == 1) {
      WriteArtistV1(w, a);
    } else {
      WriteArtistRow(w, a, c.months, &scratch);
    }
  }
  w.EndArray();
  w.Key("transitions").BeginArray();
  for (const Transition& t : c.transitions) {
    w.BeginObject().Key("from").String(t.from).Key("to").String(t.to);
    w.Key("count").Uint(t.count).EndObject();
  }
  w.EndArray();
  w.Key("dj").BeginObject().Key("transitions").Uint(c.dj.transitions).Key("bpm_delta");
  Array(w, c.dj.bpm_delta);
  w.Key("key_relation");
  Array(w, c.dj.key_relation);
  w.EndObject();
  w.Key("account_digests");
  StringArray(w, c.account_digests);
  std::array<uint64_t, kSignatureSize> signature;
  std::copy(c.signature.begin(), c.signature.end(), signature.begin());
  w.Key("signature").UintArray(signature.data(), signature.size()).EndObject();
  std::string out = w.Take();
  out += '\n';
  return out;
}

namespace {

namespace dom = simdjson::dom;

constexpr size_t kNoIndex = static_cast<size_t>(-1);

// Where an object sits ("months", 3, "reason_end" is months[3].reason_end),
// spelled out only when an error names it: a contribution holds thousands
// of values, and formatting every path up front cost more than parsing.
struct Where {
  Where() = default;
  explicit Where(std::string_view a, size_t i = kNoIndex, std::string_view m = {})
      : array(a), index(i), member(m) {}

  std::string_view array;
  size_t index = kNoIndex;
  std::string_view member;

  std::string Base() const {
    std::string out(array);
    if (index != kNoIndex) out += fmt::format("[{}]", index);
    if (!member.empty()) (out += out.empty() ? "" : ".") += member;
    return out;
  }
  std::string Path(std::string_view key) const {
    std::string base = Base();
    return base.empty() ? std::string(key) : fmt::format("{}.{}", base, key);
  }
};

bool IsWhole(dom::element e) { return e.is_uint64() && e.type() != dom::element_type::DOUBLE; }

// Walks one object's fields in canonical order, naming the path on error.
class Fields {
 public:
  Fields(dom::object obj, Where where) : obj_(obj), it_(obj.begin()), where_(where) {}

  Status Next(std::string_view key, dom::element* out) {
    if (it_ == obj_.end()) return Error(key, "missing");
    if (it_.key() != key)
      return InvalidInput(fmt::format("{}: expected key \"{}\", found \"{}\"", where_.Base(), key,
                                      std::string(it_.key())));
    *out = it_.value();
    ++it_;
    return Status::Ok();
  }
  Status Uint(std::string_view key, uint64_t* out) {
    dom::element e;
    CHORUS_RETURN_IF_ERROR(Next(key, &e));
    if (!IsWhole(e)) return Error(key, "expected a whole number from 0");
    *out = e.get_uint64().value_unsafe();
    return Status::Ok();
  }
  Status Int(std::string_view key, int64_t* out) {
    dom::element e;
    CHORUS_RETURN_IF_ERROR(Next(key, &e));
    if (!e.is_int64() || e.type() == dom::element_type::DOUBLE)
      return Error(key, "expected a whole number");
    *out = e.get_int64().value_unsafe();
    return Status::Ok();
  }
  Status String(std::string_view key, std::string* out, size_t max_bytes = kMaxNameBytes) {
    dom::element e;
    CHORUS_RETURN_IF_ERROR(Next(key, &e));
    if (!e.is_string()) return Error(key, "expected a string");
    std::string_view s = e.get_string().value_unsafe();
    if (s.size() > max_bytes) return Error(key, fmt::format("longer than {} bytes", max_bytes));
    out->assign(s);
    return Status::Ok();
  }
  Status Object(std::string_view key, dom::object* out) {
    dom::element e;
    CHORUS_RETURN_IF_ERROR(Next(key, &e));
    if (!e.is_object()) return Error(key, "expected an object");
    *out = e.get_object().value_unsafe();
    return Status::Ok();
  }
  Status Array(std::string_view key, dom::array* out, size_t max_size) {
    dom::element e;
    CHORUS_RETURN_IF_ERROR(Next(key, &e));
    if (!e.is_array()) return Error(key, "expected an array");
    *out = e.get_array().value_unsafe();
    if (out->size() > max_size)
      return Error(key, fmt::format("{} entries, at most {} allowed", out->size(), max_size));
    return Status::Ok();
  }
  // Exactly `n` whole numbers into `out`.
  Status Numbers(std::string_view key, size_t n, uint64_t* out) {
    dom::array a;
    CHORUS_RETURN_IF_ERROR(Array(key, &a, n));
    if (a.size() != n) return Error(key, fmt::format("expected {} numbers", n));
    for (dom::element e : a) {
      if (!IsWhole(e)) return Error(key, "expected whole numbers from 0");
      *out++ = e.get_uint64().value_unsafe();
    }
    return Status::Ok();
  }
  template <size_t N>
  Status Counts(std::string_view key, std::array<uint64_t, N>* out) {
    return Numbers(key, N, out->data());
  }
  Status End() {
    if (it_ != obj_.end())
      return InvalidInput(
          fmt::format("{}: unexpected key \"{}\"", where_.Base(), std::string(it_.key())));
    return Status::Ok();
  }
  Status Error(std::string_view key, std::string_view what) const {
    return InvalidInput(fmt::format("{}: {}", where_.Path(key), what));
  }
  const Where& where() const { return where_; }

 private:
  dom::object obj_;
  dom::object::iterator it_;
  Where where_;
};

bool ValidMonth(std::string_view m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (m[i] < '0' || m[i] > '9') return false;
  int month = (m[5] - '0') * 10 + (m[6] - '0');
  return month >= 1 && month <= 12;
}

bool ValidDigest(std::string_view d) {
  return d.size() == 64 && std::all_of(d.begin(), d.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

Status Strings(Fields& f, std::string_view key, std::vector<std::string>* out, size_t max,
               const std::vector<std::string_view>& allowed) {
  dom::array a;
  CHORUS_RETURN_IF_ERROR(f.Array(key, &a, max));
  size_t i = 0;
  for (dom::element e : a) {
    auto path = [&] { return fmt::format("{}[{}]", f.where().Path(key), i); };
    if (!e.is_string()) return InvalidInput(fmt::format("{}: expected a string", path()));
    std::string_view s = e.get_string().value_unsafe();
    if (s.size() > kMaxNameBytes)
      return InvalidInput(fmt::format("{}: longer than {} bytes", path(), kMaxNameBytes));
    if (!allowed.empty()) {
      auto pos = std::find(allowed.begin(), allowed.end(), s);
      if (pos == allowed.end()) return InvalidInput(fmt::format("{}: unknown \"{}\"", path(), s));
      // Canonical order is the order of `allowed`, each once.
      if (!out->empty()) {
        auto prev = std::find(allowed.begin(), allowed.end(), out->back());
        if (prev >= pos) return InvalidInput(fmt::format("{}: out of order or repeated", path()));
      }
    }
    out->emplace_back(s);
    ++i;
  }
  return Status::Ok();
}

Status ParseMonth(dom::element e, size_t index, MonthStats* m) {
  const Where where{"months", index};
  if (!e.is_object()) return InvalidInput(fmt::format("{}: expected an object", where.Base()));
  Fields f(e.get_object().value_unsafe(), where);
  CHORUS_RETURN_IF_ERROR(f.String("month", &m->month, 7));
  if (!ValidMonth(m->month)) return f.Error("month", "expected \"YYYY-MM\"");
  CHORUS_RETURN_IF_ERROR(f.Uint("plays", &m->plays));
  CHORUS_RETURN_IF_ERROR(f.Uint("music", &m->music));
  CHORUS_RETURN_IF_ERROR(f.Uint("podcast", &m->podcast));
  CHORUS_RETURN_IF_ERROR(f.Uint("audiobook", &m->audiobook));
  CHORUS_RETURN_IF_ERROR(f.Uint("video", &m->video));
  CHORUS_RETURN_IF_ERROR(f.Uint("streams", &m->streams));
  CHORUS_RETURN_IF_ERROR(f.Uint("ms_played", &m->ms_played));
  CHORUS_RETURN_IF_ERROR(f.Uint("skip_known", &m->skip_known));
  CHORUS_RETURN_IF_ERROR(f.Uint("skipped", &m->skipped));
  CHORUS_RETURN_IF_ERROR(f.Uint("overlapping", &m->overlapping));
  CHORUS_RETURN_IF_ERROR(f.Uint("max_day_ms", &m->max_day_ms));
  CHORUS_RETURN_IF_ERROR(f.Uint("max_play_ms", &m->max_play_ms));
  CHORUS_RETURN_IF_ERROR(f.Counts("hours", &m->hours));
  CHORUS_RETURN_IF_ERROR(f.Counts("weekdays", &m->weekdays));
  dom::object reasons;
  CHORUS_RETURN_IF_ERROR(f.Object("reason_end", &reasons));
  Fields r(reasons, Where{"months", index, "reason_end"});
  for (int i = 0; i < kReasonCount; ++i)
    CHORUS_RETURN_IF_ERROR(
        r.Uint(ReasonName(static_cast<Reason>(i)), &m->reason_end[static_cast<size_t>(i)]));
  CHORUS_RETURN_IF_ERROR(r.End());
  CHORUS_RETURN_IF_ERROR(f.End());
  // The counts must add up.
  auto sum = [](const auto& a) {
    uint64_t s = 0;
    for (uint64_t v : a) s += v;
    return s;
  };
  if (m->music + m->podcast + m->audiobook + m->video != m->plays)
    return InvalidInput(
        fmt::format("{}: music + podcast + audiobook + video != plays", where.Base()));
  if (sum(m->hours) != m->plays) return f.Error("hours", "does not add up to plays");
  if (sum(m->weekdays) != m->plays) return f.Error("weekdays", "does not add up to plays");
  if (sum(m->reason_end) != m->plays) return f.Error("reason_end", "does not add up to plays");
  if (m->plays == 0) return f.Error("plays", "a listed month has plays");
  if (m->streams > m->music) return f.Error("streams", "more than music plays");
  if (m->skip_known > m->plays || m->skipped > m->skip_known)
    return f.Error("skipped", "skipped <= skip_known <= plays does not hold");
  if (m->overlapping > m->plays) return f.Error("overlapping", "more than plays");
  if (m->max_play_ms > m->ms_played) return f.Error("max_play_ms", "more than ms_played");
  return Status::Ok();
}

// Version 1: {"artist", "months": [{"month", "plays", "minutes"}...]}.
Status ParseArtistV1(Fields& a, const std::vector<MonthStats>& months, ArtistMonths* am) {
  dom::array ms;
  CHORUS_RETURN_IF_ERROR(a.Array("months", &ms, kMaxMonths));
  size_t j = 0;
  for (dom::element me : ms) {
    const Where where{"months", j++};
    if (!me.is_object()) return a.Error(where.Base(), "expected an object");
    Fields mf(me.get_object().value_unsafe(), where);
    ArtistMonth m;
    auto named = [&](const Status& s) {  // months[j].x inside artists_monthly[i]
      return s.ok() ? s : InvalidInput(fmt::format("{}.{}", a.where().Base(), s.message()));
    };
    CHORUS_RETURN_IF_ERROR(named(mf.String("month", &m.month, 7)));
    if (!ValidMonth(m.month)) return named(mf.Error("month", "expected \"YYYY-MM\""));
    if (!am->months.empty() && am->months.back().month >= m.month)
      return named(mf.Error("month", "out of order or repeated"));
    CHORUS_RETURN_IF_ERROR(named(mf.Uint("plays", &m.plays)));
    CHORUS_RETURN_IF_ERROR(named(mf.Uint("minutes", &m.minutes)));
    CHORUS_RETURN_IF_ERROR(named(mf.End()));
    // Version 2 can only say what is one of the months, with plays no more
    // than the month had; version 1 must hold to the same.
    auto month =
        std::lower_bound(months.begin(), months.end(), m.month,
                         [](const MonthStats& s, const std::string& v) { return s.month < v; });
    if (month == months.end() || month->month != m.month)
      return a.Error("months", fmt::format("{} is not one of the months", m.month));
    if (m.plays == 0 || m.plays > month->plays)
      return a.Error("months", fmt::format("{} plays in {}, expected 1 to the month's {}", m.plays,
                                           m.month, month->plays));
    am->months.push_back(std::move(m));
  }
  return Status::Ok();
}

// Version 2: {"artist", "plays": [...], "minutes": [...]}, both aligned
// with the contribution's months; a month the artist was not played in
// holds 0 in both.
Status ParseArtistRow(Fields& a, const std::vector<MonthStats>& months, ArtistMonths* am,
                      std::vector<uint64_t>* scratch) {
  const size_t n = months.size();
  scratch->resize(2 * n);
  uint64_t* plays = scratch->data();
  uint64_t* minutes = plays + n;
  CHORUS_RETURN_IF_ERROR(a.Numbers("plays", n, plays));
  CHORUS_RETURN_IF_ERROR(a.Numbers("minutes", n, minutes));
  for (size_t k = 0; k < n; ++k) {
    if (plays[k] == 0) {
      if (minutes[k] != 0) return a.Error("minutes", fmt::format("[{}] without plays", k));
      continue;
    }
    if (plays[k] > months[k].plays)
      return a.Error("plays", fmt::format("{} in {}, more than the month's {}", plays[k],
                                          months[k].month, months[k].plays));
    am->months.push_back({months[k].month, plays[k], minutes[k]});
  }
  return Status::Ok();
}

// What both versions must hold, so that a contribution read is one Build or
// Merge could have written (and Merge(c, c) == c): every listed artist has
// plays (each month's are checked where they are read), and the artists and
// the transitions are in their canonical order, each once.
Status CheckRanking(const Contribution& c) {
  for (size_t i = 0; i < c.artists_monthly.size(); ++i) {
    const ArtistMonths& a = c.artists_monthly[i];
    if (a.months.empty())
      return InvalidInput(fmt::format("artists_monthly[{}]: a listed artist has plays", i));
    if (i > 0) {
      const ArtistMonths& prev = c.artists_monthly[i - 1];
      if (!ArtistRanksBefore(TotalMinutes(prev), prev.artist, TotalMinutes(a), a.artist))
        return InvalidInput(fmt::format(
            "artists_monthly[{}]: out of order (by minutes, then name) or repeated", i));
    }
  }
  for (size_t i = 0; i < c.transitions.size(); ++i) {
    const Transition& t = c.transitions[i];
    if (t.count == 0 || t.from == t.to)
      return InvalidInput(
          fmt::format("transitions[{}]: expected a count from 1 between two different artists", i));
    if (i > 0 && !TransitionRanksBefore(c.transitions[i - 1], t))
      return InvalidInput(
          fmt::format("transitions[{}]: out of order (by count, then names) or repeated", i));
  }
  return Status::Ok();
}

Status ParseContribution(dom::element root, Contribution* c) {
  if (!root.is_object()) return InvalidInput("contribution: expected a JSON object");
  Fields f(root.get_object().value_unsafe(), Where{});
  std::string tag;
  CHORUS_RETURN_IF_ERROR(f.String("format", &tag));
  if (tag != kFormatTag) return f.Error("format", fmt::format("expected \"{}\"", kFormatTag));
  int64_t version = 0;
  CHORUS_RETURN_IF_ERROR(f.Int("version", &version));
  if (version != 1 && version != kFormatVersion)
    return f.Error("version",
                   fmt::format("{} is not supported (expected 1 to {})", version, kFormatVersion));
  c->version = static_cast<int>(version);
  CHORUS_RETURN_IF_ERROR(f.Uint("records", &c->records));
  CHORUS_RETURN_IF_ERROR(f.Uint("rejected", &c->rejected));
  CHORUS_RETURN_IF_ERROR(f.Uint("rejected_no_item", &c->rejected_no_item));
  if (c->rejected > c->records || c->rejected_no_item > c->rejected)
    return f.Error("rejected", "rejected_no_item <= rejected <= records does not hold");
  CHORUS_RETURN_IF_ERROR(f.Uint("tracks", &c->tracks));
  CHORUS_RETURN_IF_ERROR(f.Uint("artists", &c->artists));
  CHORUS_RETURN_IF_ERROR(f.Int("first_end_ms", &c->first_end_ms));
  CHORUS_RETURN_IF_ERROR(f.Int("last_end_ms", &c->last_end_ms));
  if (c->first_end_ms > c->last_end_ms) return f.Error("first_end_ms", "after last_end_ms");
  std::vector<std::string_view> source_names;
  for (int s = 0; s < kSourceCount; ++s) source_names.push_back(SourceName(static_cast<Source>(s)));
  CHORUS_RETURN_IF_ERROR(Strings(f, "sources", &c->sources, kSourceCount, source_names));
  CHORUS_RETURN_IF_ERROR(Strings(f, "fields", &c->fields, kFieldNames.size(),
                                 {kFieldNames.begin(), kFieldNames.end()}));

  dom::array months;
  CHORUS_RETURN_IF_ERROR(f.Array("months", &months, kMaxMonths));
  c->months.reserve(months.size());
  size_t i = 0;
  for (dom::element e : months) {
    MonthStats m;
    CHORUS_RETURN_IF_ERROR(ParseMonth(e, i, &m));
    if (!c->months.empty() && c->months.back().month >= m.month)
      return InvalidInput(fmt::format("months[{}].month: out of order or repeated", i));
    c->months.push_back(std::move(m));
    ++i;
  }
  uint64_t plays = 0;
  for (const MonthStats& m : c->months) plays += m.plays;
  if (c->records < plays + c->rejected) return f.Error("records", "fewer than plays + rejected");

  dom::array artists;
  CHORUS_RETURN_IF_ERROR(f.Array("artists_monthly", &artists, kMaxArtists));
  c->artists_monthly.reserve(artists.size());
  std::vector<uint64_t> scratch;
  i = 0;
  for (dom::element e : artists) {
    const Where where{"artists_monthly", i++};
    if (!e.is_object()) return InvalidInput(fmt::format("{}: expected an object", where.Base()));
    Fields a(e.get_object().value_unsafe(), where);
    ArtistMonths am;
    CHORUS_RETURN_IF_ERROR(a.String("artist", &am.artist));
    CHORUS_RETURN_IF_ERROR(c->version == 1 ? ParseArtistV1(a, c->months, &am)
                                           : ParseArtistRow(a, c->months, &am, &scratch));
    CHORUS_RETURN_IF_ERROR(a.End());
    c->artists_monthly.push_back(std::move(am));
  }

  dom::array transitions;
  CHORUS_RETURN_IF_ERROR(f.Array("transitions", &transitions, kMaxTransitions));
  c->transitions.reserve(transitions.size());
  i = 0;
  for (dom::element e : transitions) {
    const Where where{"transitions", i++};
    if (!e.is_object()) return InvalidInput(fmt::format("{}: expected an object", where.Base()));
    Fields t(e.get_object().value_unsafe(), where);
    Transition tr;
    CHORUS_RETURN_IF_ERROR(t.String("from", &tr.from));
    CHORUS_RETURN_IF_ERROR(t.String("to", &tr.to));
    CHORUS_RETURN_IF_ERROR(t.Uint("count", &tr.count));
    CHORUS_RETURN_IF_ERROR(t.End());
    c->transitions.push_back(std::move(tr));
  }

  dom::object dj;
  CHORUS_RETURN_IF_ERROR(f.Object("dj", &dj));
  Fields d(dj, Where{"dj"});
  CHORUS_RETURN_IF_ERROR(d.Uint("transitions", &c->dj.transitions));
  CHORUS_RETURN_IF_ERROR(d.Counts("bpm_delta", &c->dj.bpm_delta));
  CHORUS_RETURN_IF_ERROR(d.Counts("key_relation", &c->dj.key_relation));
  CHORUS_RETURN_IF_ERROR(d.End());
  uint64_t bpm_sum = 0, key_sum = 0;
  for (uint64_t v : c->dj.bpm_delta) bpm_sum += v;
  for (uint64_t v : c->dj.key_relation) key_sum += v;
  if (bpm_sum != c->dj.transitions || key_sum != c->dj.transitions)
    return InvalidInput("dj: bpm_delta and key_relation must each add up to transitions");

  CHORUS_RETURN_IF_ERROR(Strings(f, "account_digests", &c->account_digests, kMaxDigests, {}));
  for (size_t k = 0; k < c->account_digests.size(); ++k) {
    if (!ValidDigest(c->account_digests[k]))
      return InvalidInput(fmt::format("account_digests[{}]: expected 64 lowercase hex digits", k));
    if (k > 0 && c->account_digests[k - 1] >= c->account_digests[k])
      return InvalidInput(fmt::format("account_digests[{}]: out of order or repeated", k));
  }

  CHORUS_RETURN_IF_ERROR(CheckRanking(*c));

  std::array<uint64_t, kSignatureSize> sig{};
  CHORUS_RETURN_IF_ERROR(f.Numbers("signature", kSignatureSize, sig.data()));
  for (size_t k = 0; k < kSignatureSize; ++k) {
    if (sig[k] > UINT32_MAX)
      return InvalidInput(fmt::format("signature[{}]: expected a whole number 0..4294967295", k));
    c->signature[k] = static_cast<uint32_t>(sig[k]);
  }
  return f.End();
}

}  // namespace

Result<Contribution> FromJson(std::string_view json) {
  // One parser per thread keeps its buffers: a server reads contributions
  // back to back, and fresh buffers cost more in page faults than parsing.
  thread_local dom::parser parser;
  dom::element root;
  if (auto err = parser.parse(json.data(), json.size()).get(root))
    return InvalidInput(
        fmt::format("contribution: not valid JSON ({})", simdjson::error_message(err)));
  Contribution c;
  CHORUS_RETURN_IF_ERROR(ParseContribution(root, &c));
  // One contribution, one byte string: anything else (spacing, escapes,
  // number spellings) would let two uploads of one history differ.
  if (ToJson(c) != json)
    return InvalidInput(
        "contribution: not in canonical form (spacing, string escapes or number spelling "
        "differ from what chorus writes)");
  return c;
}

}  // namespace chorus::contribution
