#include "formats/mixxx.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/musical_key.h"
#include "core/time_util.h"

namespace chorus::formats {
namespace {

// VM steps allowed before a query is interrupted (a crafted file must not hang).
constexpr int kProgressEvery = 1000;
constexpr int kMaxProgressCalls = 200000;  // 2e8 steps: far beyond a real library

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

std::string_view Text(sqlite3_stmt* s, int col) {
  const unsigned char* p = sqlite3_column_text(s, col);
  if (p == nullptr) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s, col))};
}

struct Library {
  std::string title, artist, album;
  double duration_s = 0;
  DjTrackFacts facts;
  uint64_t cues = 0, loops = 0;
};

struct Track {
  ItemRef ref;
  uint32_t item = 0;
  double duration_s = 0;
};

class Reader {
 public:
  explicit Reader(std::string display) : display_(std::move(display)) {}

  Status Open(std::string_view bytes) {
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_PRIVATECACHE,
                        nullptr) != SQLITE_OK) {
      sqlite3_close(raw);
      return IoError(fmt::format("{}: cannot start SQLite", display_));
    }
    db_.reset(raw);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_progress_handler(
        raw, kProgressEvery,
        [](void* calls) { return ++*static_cast<int*>(calls) > kMaxProgressCalls ? 1 : 0; },
        &progress_calls_);
    // READONLY without FREEONCLOSE: SQLite reads the caller's bytes in place.
    auto* data = reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data()));
    auto size = static_cast<sqlite3_int64>(bytes.size());
    if (sqlite3_deserialize(raw, "main", data, size, size, SQLITE_DESERIALIZE_READONLY) !=
        SQLITE_OK) {
      return Damaged("cannot open");
    }
    return Status::Ok();
  }

  Status Damaged(std::string_view what) const {
    return InvalidInput(fmt::format("{}: damaged or unreadable SQLite database ({}: {})", display_,
                                    what, sqlite3_errmsg(db_.get())));
  }

  Result<Stmt> Prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &s, nullptr) != SQLITE_OK) {
      sqlite3_finalize(s);
      return Damaged(sql);
    }
    return Stmt(s);
  }

  // Runs `sql`, calling row(stmt) per row.
  template <typename Fn>
  Status Each(const char* sql, Fn&& row) {
    auto stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    for (;;) {
      int rc = sqlite3_step(stmt->get());
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return Damaged(sql);
      row(stmt->get());
    }
  }

  Result<bool> HasTable(const char* name) {
    bool found = false;
    std::string sql =
        fmt::format("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{}'", name);
    CHORUS_RETURN_IF_ERROR(Each(sql.c_str(), [&](sqlite3_stmt*) { found = true; }));
    return found;
  }

  const std::string& display() const { return display_; }

 private:
  std::string display_;
  Db db_;
  int progress_calls_ = 0;
};

// "2016-05-13 11:48:14" or "2023-12-16T08:18:27.647Z": UTC.
bool ParseMixxxTime(std::string_view text, int64_t* ms) {
  if (text.size() < 19 || text.size() > 40) return false;
  std::string s(text);
  if (s[10] == ' ') s[10] = 'T';
  if (s.back() != 'Z') s += 'Z';
  return ParseIsoUtc(s, ms);
}

}  // namespace

bool LooksLikeSqlite(std::string_view head) {
  return head.size() >= 16 && head.substr(0, 16) == std::string_view("SQLite format 3\0", 16);
}

Result<PlayBatch> ParseMixxxDb(std::string display, std::string_view bytes, Dictionary& dict,
                               DjNotes* notes_out, bool other_sqlite_ignored) {
  PlayBatch batch;
  batch.file = display;
  batch.bytes = bytes.size();
  if (!LooksLikeSqlite(bytes)) {
    return InvalidInput(fmt::format("{}: not an SQLite 3 database (bad header)", display));
  }
  Reader db(display);
  CHORUS_RETURN_IF_ERROR(db.Open(bytes));
  for (const char* table : {"library", "Playlists", "PlaylistTracks"}) {
    auto has = db.HasTable(table);
    if (!has.ok()) return has.status();
    if (!has.value()) {
      if (other_sqlite_ignored) {
        batch.format = "ignored";
        return batch;
      }
      return InvalidInput(fmt::format(
          "{}: an SQLite database but not a Mixxx library (no table \"{}\")", display, table));
    }
  }
  DjNotes notes;
  std::unordered_map<int64_t, Library> library;
  std::vector<int64_t> order;
  CHORUS_RETURN_IF_ERROR(db.Each(
      "SELECT id, title, artist, album, bpm, key_id, key, duration FROM library ORDER BY id",
      [&](sqlite3_stmt* s) {
        ++notes.tracks;
        auto [it, fresh] = library.try_emplace(sqlite3_column_int64(s, 0));
        if (!fresh) return;
        order.push_back(it->first);
        Library& l = it->second;
        l.title = Text(s, 1);
        l.artist = Text(s, 2);
        l.album = Text(s, 3);
        l.facts.bpm_centi = BpmCenti(sqlite3_column_double(s, 4));
        if (l.facts.bpm_centi != 0) ++notes.with_bpm;
        std::string_view key_text = Text(s, 6);
        l.facts.key = key::FromMixxxId(sqlite3_column_int64(s, 5));
        if (l.facts.key == key::kUnknown) l.facts.key = key::ParseKeyText(key_text);
        if (!key_text.empty()) ++notes.with_key;
        double d = sqlite3_column_double(s, 7);
        l.duration_s = std::isfinite(d) && d > 0 && d < 86400 ? d : 0;
      }));
  auto has_cues = db.HasTable("cues");
  if (!has_cues.ok()) return has_cues.status();
  if (has_cues.value()) {
    CHORUS_RETURN_IF_ERROR(db.Each("SELECT track_id, type FROM cues", [&](sqlite3_stmt* s) {
      int64_t type = sqlite3_column_int64(s, 1);
      bool cue = type == 1 || type == 2 || type == 6 || type == 7;
      bool loop = type == 4;
      notes.cues += cue;
      notes.loops += loop;
      auto it = library.find(sqlite3_column_int64(s, 0));
      if (it == library.end()) return;
      it->second.cues += cue;
      it->second.loops += loop;
    }));
  }
  std::unordered_map<int64_t, Track> tracks;
  for (int64_t id : order) {
    Library& l = library[id];
    l.facts.cues = Saturate8(l.cues);
    l.facts.loops = Saturate8(l.loops);
    Track t;
    t.item = AddDjTrack(batch, dict, l.title, l.artist, l.album, l.facts, &t.ref);
    t.duration_s = l.duration_s;
    tracks.emplace(id, t);
  }
  library.clear();

  bool has_logs = false;
  CHORUS_RETURN_IF_ERROR(db.Each("SELECT 1 FROM Playlists WHERE hidden = 2 LIMIT 1",
                                 [&](sqlite3_stmt*) { has_logs = true; }));
  CHORUS_RETURN_IF_ERROR(db.Each(
      "SELECT pt.track_id, pt.pl_datetime_added FROM PlaylistTracks pt JOIN Playlists p ON "
      "p.id = pt.playlist_id WHERE p.hidden = 2 ORDER BY pt.playlist_id, pt.position, pt.id",
      [&](sqlite3_stmt* s) {
        uint64_t index = batch.records++;
        ++notes.history;
        auto it = tracks.find(sqlite3_column_int64(s, 0));
        if (it == tracks.end()) {
          AddRejection(batch, {display, index, "track_id", "names no row of the library table"});
          return;
        }
        int64_t start_ms = 0;
        std::string_view when = Text(s, 1);
        if (!ParseMixxxTime(when, &start_ms)) {
          AddRejection(batch, {display, index, "pl_datetime_added",
                               when.empty() ? std::string("missing")
                                            : fmt::format("\"{}\" is not a UTC date and time",
                                                          when.substr(0, 40))});
          return;
        }
        Play p;
        p.source = Source::kMixxx;
        p.local_item = it->second.item;
        p.item = it->second.ref;
        p.ms_played = static_cast<uint32_t>(std::llround(it->second.duration_s * 1000));
        p.ms_estimated = p.ms_played > 0;
        p.end_ms = start_ms + p.ms_played;
        notes.SawStart(start_ms);
        batch.plays.push_back(p);
      }));
  batch.format = has_logs ? "mixxx-history" : "mixxx-collection";
  if (notes_out != nullptr) *notes_out = notes;
  return batch;
}

}  // namespace chorus::formats
