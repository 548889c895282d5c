#include "report/report_json.h"

#include <cmath>

#include "core/json_writer.h"
#include "core/time_util.h"

namespace chorus::report {

namespace {

using namespace insights;

// Dividing by an exact power of ten gives the shortest decimal back.
double Round(double x, double per_unit) { return std::round(x * per_unit) / per_unit; }

class Writer {
 public:
  explicit Writer(bool pretty) : w_(pretty) {}
  JsonWriter& w() { return w_; }

  void Minutes(const char* key, double m) { w_.Key(key).Double(Round(m, 100)); }
  void Share(const char* key, const Maybe& x) {
    w_.Key(key);
    x ? w_.Double(Round(*x, 10000)) : w_.Null();
  }
  void Day(const char* key, int32_t day) { w_.Key(key).String(DayLabel(day)); }
  void Month(const char* key, int32_t month) { w_.Key(key).String(MonthLabel(month)); }
  void Instant(const char* key, const std::optional<int64_t>& ms) {
    w_.Key(key);
    ms ? w_.String(FormatIsoUtc(*ms)) : w_.Null();
  }
  void Names(const char* key, const std::vector<std::string>& names) {
    w_.Key(key).BeginArray();
    for (const auto& n : names) w_.String(n);
    w_.EndArray();
  }

  void Periods(const char* key, const char* label, const std::vector<Period>& periods) {
    w_.Key(key).BeginArray();
    for (const Period& p : periods) {
      w_.BeginObject();
      if (std::string_view(label) == "year") {
        w_.Key("year").Int(p.key);
      } else {
        Month("month", p.key);
      }
      Minutes("minutes", p.minutes);
      w_.Key("streams").Uint(p.streams).Key("tracks").Uint(p.tracks).Key("artists").Uint(p.artists);
      w_.Key("albums").Uint(p.albums).Key("days").Uint(p.days).EndObject();
    }
    w_.EndArray();
  }

  void RankedList(const char* key, const std::vector<Ranked>& list, const char* name_key,
                  bool with_artist, const char* count_key, bool minutes = true) {
    w_.Key(key).BeginArray();
    for (const Ranked& x : list) {
      w_.BeginObject().Key(name_key).String(x.name);
      if (with_artist) w_.Key("artist").String(x.artist);
      if (minutes) Minutes("minutes", x.minutes);
      w_.Key(count_key).Uint(x.count).EndObject();
    }
    w_.EndArray();
  }

  void Top(const std::vector<TopWindow>& windows) {
    w_.Key("top").BeginArray();
    for (const TopWindow& t : windows) {
      w_.BeginObject().Key("label").String(t.label);
      if (t.from <= t.to) {
        Day("from", t.from);
        Day("to", t.to);
      } else {
        w_.Key("from").Null().Key("to").Null();
      }
      RankedList("artists_by_minutes", t.artists_by_minutes, "name", false, "streams");
      RankedList("artists_by_streams", t.artists_by_streams, "name", false, "streams");
      RankedList("tracks_by_minutes", t.tracks_by_minutes, "title", true, "streams");
      RankedList("tracks_by_streams", t.tracks_by_streams, "title", true, "streams");
      RankedList("albums_by_minutes", t.albums_by_minutes, "title", true, "streams");
      RankedList("albums_by_streams", t.albums_by_streams, "title", true, "streams");
      RankedList("shows_by_minutes", t.shows_by_minutes, "name", false, "plays");
      RankedList("shows_by_plays", t.shows_by_plays, "name", false, "plays");
      w_.EndObject();
    }
    w_.EndArray();
  }

  void YearOverYear(const std::vector<YearChange>& changes) {
    w_.Key("year_over_year").BeginArray();
    for (const YearChange& y : changes) {
      w_.BeginObject().Key("year").Int(y.year).Key("previous").Int(y.previous);
      w_.Key("artists").BeginArray();
      for (const RankChange& a : y.artists) {
        w_.BeginObject().Key("name").String(a.name).Key("rank").Int(a.rank);
        w_.Key("previous_rank");
        a.previous_rank ? w_.Int(*a.previous_rank) : w_.Null();
        w_.Key("change");
        a.previous_rank ? w_.Int(*a.previous_rank - a.rank) : w_.Null();
        w_.EndObject();
      }
      w_.EndArray();
      Names("new_entries", y.new_entries);
      Names("drop_outs", y.drop_outs);
      w_.EndObject();
    }
    w_.EndArray();
  }

  template <typename Grid>
  void Matrix(const char* key, const Grid& grid, bool minutes) {
    w_.Key(key).BeginArray();
    for (const auto& row : grid) {
      w_.BeginArray();
      for (auto v : row) {
        if (minutes) {
          w_.Double(Round(static_cast<double>(v), 100));
        } else {
          w_.Uint(static_cast<uint64_t>(v));
        }
      }
      w_.EndArray();
    }
    w_.EndArray();
  }

  void SessionsSection(const Sessions& s) {
    w_.Key("sessions").BeginObject().Key("gap_minutes").Int(s.gap_minutes);
    w_.Key("count").Uint(s.count);
    Minutes("mean_minutes", s.mean_minutes);
    Minutes("median_minutes", s.median_minutes);
    w_.Key("longest");
    if (s.longest) {
      w_.BeginObject();
      Instant("start", s.longest->start_ms);
      Instant("end", s.longest->end_ms);
      Minutes("minutes", s.longest->minutes());
      w_.Key("plays").Uint(s.longest->plays).EndObject();
    } else {
      w_.Null();
    }
    w_.Key("length_histogram").BeginArray();
    for (const auto& b : s.length_histogram) {
      w_.BeginObject().Key("label").String(b.label).Key("max_minutes");
      b.max_minutes ? w_.Double(*b.max_minutes) : w_.Null();
      w_.Key("count").Uint(b.count).EndObject();
    }
    w_.EndArray().Key("start_hours").BeginArray();
    for (uint64_t h : s.start_hours) w_.Uint(h);
    w_.EndArray().EndObject();
  }

  void Run(const char* key, const std::optional<DayRun>& run, bool named) {
    w_.Key(key);
    if (!run) {
      w_.Null();
      return;
    }
    w_.BeginObject();
    if (named) w_.Key("name").String(run->name);
    w_.Key("days").Uint(run->days);
    Day("from", run->from);
    Day("to", run->to);
    w_.EndObject();
  }

  void StreaksSection(const Streaks& s) {
    w_.Key("streaks").BeginObject();
    Run("longest_days", s.longest_days, false);
    Run("artist", s.artist, true);
    w_.Key("obsessions").BeginArray();
    for (const Obsession& o : s.obsessions) {
      w_.BeginObject().Key("title").String(o.title).Key("artist").String(o.artist);
      w_.Key("plays").Uint(o.plays);
      Day("from", o.from);
      Day("to", o.to);
      w_.EndObject();
    }
    w_.EndArray().EndObject();
  }

  void DiscoverySection(const Discovery& d) {
    w_.Key("discovery").BeginObject().Key("months").BeginArray();
    for (const DiscoveryMonth& m : d.months) {
      w_.BeginObject();
      Month("month", m.month);
      w_.Key("new_artists").Uint(m.new_artists).Key("new_tracks").Uint(m.new_tracks);
      Share("recent_share", m.recent_share);
      w_.EndObject();
    }
    w_.EndArray().Key("forgotten_favourites").BeginArray();
    for (const ForgottenFavourite& f : d.forgotten_favourites) {
      w_.BeginObject().Key("name").String(f.name).Key("year").Int(f.year);
      w_.Key("rank").Int(f.rank);
      Day("last_heard", f.last_heard);
      Minutes("minutes", f.minutes);
      w_.EndObject();
    }
    w_.EndArray().EndObject();
  }

  void Counts(const char* key, const std::vector<NamedCount>& list, const char* name_key,
              bool minutes, bool rate) {
    w_.Key(key).BeginArray();
    for (const NamedCount& x : list) {
      w_.BeginObject().Key(name_key).String(x.name).Key("plays").Uint(x.plays);
      if (minutes) Minutes("minutes", x.minutes);
      if (rate) Share("skip_rate", x.rate);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void BehaviourSection(const Behaviour& b) {
    w_.Key("behaviour").BeginObject().Key("months").BeginArray();
    for (const BehaviourMonth& m : b.months) {
      w_.BeginObject();
      Month("month", m.month);
      Share("skip_rate", m.skip_rate);
      Share("shuffle_share", m.shuffle_share);
      Share("offline_share", m.offline_share);
      Share("incognito_share", m.incognito_share);
      w_.EndObject();
    }
    w_.EndArray().Key("skip_by_hour").BeginArray();
    for (const Maybe& h : b.skip_by_hour) h ? w_.Double(Round(*h, 10000)) : w_.Null();
    w_.EndArray();
    Counts("skip_by_artist", b.skip_by_artist, "name", false, true);
    Counts("end_reasons", b.end_reasons, "reason", false, false);
    Counts("start_reasons", b.start_reasons, "reason", false, false);
    Counts("devices", b.devices, "device", true, false);
    w_.EndObject();
  }

  void PhasesSection(const std::vector<Phase>& phases) {
    w_.Key("phases").BeginArray();
    for (const Phase& p : phases) {
      w_.BeginObject();
      Month("from", p.from);
      Month("to", p.to);
      Names("artists", p.artists);
      Share("share", p.share);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void MoodSection(const Mood& m) {
    w_.Key("mood").BeginObject().Key("behavioural").BeginObject().Key("months").BeginArray();
    for (const MoodMonth& x : m.behavioural) {
      w_.BeginObject();
      Month("month", x.month);
      Share("energy", x.energy);
      Share("restlessness", x.restlessness);
      Share("nocturnality", x.nocturnality);
      Share("repetition", x.repetition);
      Share("exploration", x.exploration);
      w_.EndObject();
    }
    w_.EndArray().EndObject().Key("audio").BeginObject().Key("source");
    m.audio_source ? w_.String(*m.audio_source) : w_.Null();
    w_.Key("months").BeginArray();
    for (const AudioMoodMonth& x : m.audio) {
      w_.BeginObject();
      Month("month", x.month);
      Share("coverage", x.coverage);
      Share("valence", x.valence);
      Share("energy", x.energy);
      w_.Key("tempo");
      x.tempo ? w_.Double(Round(*x.tempo, 10)) : w_.Null();
      Share("danceability", x.danceability);
      w_.EndObject();
    }
    w_.EndArray().EndObject().EndObject();
  }

  void CrossPlatformSection(const std::optional<CrossPlatform>& x) {
    w_.Key("cross_platform");
    if (!x) {
      w_.Null();
      return;
    }
    w_.BeginObject();
    Names("sources", x->sources);
    w_.Key("months").BeginArray();
    for (const SourceMonth& m : x->months) {
      w_.BeginObject();
      Month("month", m.month);
      w_.Key("plays").BeginObject();
      for (size_t k = 0; k < x->sources.size(); ++k) w_.Key(x->sources[k]).Uint(m.plays[k]);
      w_.EndObject().EndObject();
    }
    w_.EndArray().Key("correlations").BeginArray();
    for (const Correlation& c : x->correlations) {
      w_.BeginObject().Key("a").String(c.a).Key("b").String(c.b);
      Share("r", c.r);
      w_.EndObject();
    }
    w_.EndArray().Key("unique_artists").BeginArray();
    for (const UniqueArtists& u : x->unique_artists) {
      w_.BeginObject().Key("source").String(u.source).Key("count").Uint(u.count);
      Names("top", u.top);
      w_.EndObject();
    }
    w_.EndArray().Key("track_matches").BeginArray();
    for (const TrackMatch& m : x->track_matches) {
      w_.BeginObject().Key("source").String(m.source).Key("tracks").Uint(m.tracks);
      w_.Key("matched").Uint(m.matched);
      RankedList("only_here", m.only_here, "title", true, "plays", false);
      w_.EndObject();
    }
    w_.EndArray().Key("shared_plays").Uint(x->shared_plays).EndObject();
  }

  static Maybe Share(uint64_t part, uint64_t whole) {
    return whole == 0 ? Maybe{} : Maybe{static_cast<double>(part) / static_cast<double>(whole)};
  }

  void DjSectionJson(const std::optional<DjSection>& dj) {
    w_.Key("dj");
    if (!dj) {
      w_.Null();
      return;
    }
    w_.BeginObject().Key("plays").Uint(dj->plays).Key("transitions").Uint(dj->transitions);
    Share("harmonic_share", Share(dj->harmonic, dj->keyed));
    Share("tempo_jump_share", Share(dj->tempo_jumps, dj->tempo_known));
    w_.Key("sets").BeginArray();
    for (const DjSet& set : dj->sets) {
      w_.BeginObject();
      Instant("start", set.start_ms);
      Instant("end", set.end_ms);
      w_.Key("source").String(set.source).Key("plays").Uint(set.plays);
      w_.Key("bpm").BeginArray();
      for (const Maybe& b : set.bpm) b ? w_.Double(Round(*b, 100)) : w_.Null();
      w_.EndArray().Key("keys").BeginArray();
      for (const auto& k : set.keys) k.empty() ? w_.Null() : w_.String(k);
      w_.EndArray().Key("transitions").Uint(set.transitions);
      Share("harmonic_share", Share(set.harmonic, set.keyed));
      w_.Key("tempo_jumps").Uint(set.tempo_jumps).EndObject();
    }
    w_.EndArray();
    RankedList("played_out", dj->played_out, "title", true, "plays", false);
    RankedList("listened", dj->listened, "title", true, "streams", false);
    w_.EndObject();
  }

 private:
  JsonWriter w_;
};

}  // namespace

std::string ReportJson(const Report& r, const std::string& generator, bool pretty) {
  Writer out(pretty);
  JsonWriter& w = out.w();
  w.BeginObject().Key("schema").String("chorus-report").Key("version").Int(kSchemaVersion);
  w.Key("generator").String(generator).Key("zone").String(r.zone).Key("window");
  if (r.window.whole()) {
    w.Null();
  } else {
    w.BeginObject();
    out.Day("from", r.window.from);
    out.Day("to", r.window.to);
    w.EndObject();
  }
  w.Key("sources").BeginArray();
  for (const auto& s : r.sources) {
    w.BeginObject().Key("source").String(s.source).Key("plays").Uint(s.plays);
    out.Minutes("minutes", s.minutes);
    w.Key("has_duration").Bool(s.has_duration).EndObject();
  }
  w.EndArray();
  const auto& t = r.totals;
  w.Key("totals").BeginObject().Key("plays").Uint(t.plays).Key("streams").Uint(t.streams);
  out.Minutes("minutes", t.minutes);
  out.Minutes("music_minutes", t.music_minutes);
  out.Minutes("podcast_minutes", t.podcast_minutes);
  w.Key("tracks").Uint(t.tracks).Key("artists").Uint(t.artists).Key("albums").Uint(t.albums);
  w.Key("listening_days").Uint(t.listening_days);
  out.Instant("first_end", t.first_end_ms);
  out.Instant("last_end", t.last_end_ms);
  w.EndObject();
  out.Periods("years", "year", r.years);
  out.Periods("months", "month", r.months);
  out.Top(r.top);
  out.YearOverYear(r.year_over_year);
  w.Key("clock").BeginObject();
  out.Matrix("minutes", r.clock.minutes, true);
  out.Matrix("streams", r.clock.streams, false);
  w.EndObject().Key("calendar").BeginArray();
  for (const CalendarDay& d : r.calendar) {
    w.BeginObject();
    out.Day("date", d.day);
    out.Minutes("minutes", d.minutes);
    w.Key("streams").Uint(d.streams).EndObject();
  }
  w.EndArray();
  out.SessionsSection(r.sessions);
  out.StreaksSection(r.streaks);
  out.DiscoverySection(r.discovery);
  out.BehaviourSection(r.behaviour);
  out.PhasesSection(r.phases);
  out.MoodSection(r.mood);
  out.CrossPlatformSection(r.cross_platform);
  out.DjSectionJson(r.dj);
  w.EndObject();
  return w.str();
}

}  // namespace chorus::report
