#include "formats/traktor.h"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <unordered_map>

#include "core/musical_key.h"
#include "core/time_util.h"

namespace chorus::formats {
namespace {

struct Track {
  ItemRef ref;
  uint32_t item = 0;
  double length_s = 0;  // INFO@PLAYTIME_FLOAT, else PLAYTIME
};

std::string_view Attr(const pugi::xml_node& n, const char* name) {
  return n.attribute(name).value();
}

// "Macintosh HD" + "/:Users/:dj/:" + "x.mp3": the form PRIMARYKEY KEY uses.
std::string LocationKey(const pugi::xml_node& location) {
  std::string key(Attr(location, "VOLUME"));
  key += Attr(location, "DIR");
  key += Attr(location, "FILE");
  return key;
}

std::string_view FileStem(std::string_view file) {
  size_t dot = file.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? file : file.substr(0, dot);
}

DjTrackFacts EntryFacts(const pugi::xml_node& entry, DjNotes& notes) {
  DjTrackFacts f;
  double bpm = 0;
  if (ParseDouble(Attr(entry.child("TEMPO"), "BPM"), &bpm)) f.bpm_centi = BpmCenti(bpm);
  if (f.bpm_centi != 0) ++notes.with_bpm;
  pugi::xml_node mk = entry.child("MUSICAL_KEY");
  std::string_view key_text = Attr(entry.child("INFO"), "KEY");
  int64_t v = -1;
  if (mk && ParseInt(Attr(mk, "VALUE"), &v)) f.key = key::FromTraktor(v);
  if (f.key == key::kUnknown) f.key = key::ParseKeyText(key_text);
  if (mk || !key_text.empty()) ++notes.with_key;
  uint64_t cues = 0, loops = 0;
  for (pugi::xml_node cue = entry.child("CUE_V2"); cue; cue = cue.next_sibling("CUE_V2")) {
    int64_t type = -1;
    if (!ParseInt(Attr(cue, "TYPE"), &type)) continue;
    if (type >= 0 && type <= 3) ++cues;
    if (type == 5) ++loops;
  }
  notes.cues += cues;
  notes.loops += loops;
  f.cues = Saturate8(cues);
  f.loops = Saturate8(loops);
  return f;
}

// The History playlists (TYPE="PROTOCOL") anywhere under PLAYLISTS, in
// document order, walked without recursion.
template <typename Fn>
void ForEachHistory(const pugi::xml_node& playlists, Fn&& fn) {
  pugi::xml_node n = playlists.first_child();
  while (n && n != playlists) {
    if (std::string_view(n.name()) == "PLAYLIST" && Attr(n, "TYPE") == "PROTOCOL") fn(n);
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != playlists && !n.next_sibling()) n = n.parent();
    if (n && n != playlists) n = n.next_sibling();
  }
}

}  // namespace

Result<PlayBatch> ParseTraktorNml(std::string display, std::string_view text, Dictionary& dict,
                                  DjNotes* notes_out) {
  PlayBatch batch = NewBatch(display, text.size());
  pugi::xml_document doc;
  CHORUS_RETURN_IF_ERROR(LoadXml(display, text, &doc));
  pugi::xml_node nml = doc.child("NML");
  if (!nml) return batch;
  DjNotes notes;

  std::unordered_map<std::string, Track> by_location;
  for (pugi::xml_node e = nml.child("COLLECTION").child("ENTRY"); e; e = e.next_sibling("ENTRY")) {
    ++notes.tracks;
    pugi::xml_node location = e.child("LOCATION");
    std::string_view title = Attr(e, "TITLE");
    if (title.empty()) title = FileStem(Attr(location, "FILE"));
    Track t;
    t.item = AddDjTrack(batch, dict, title, Attr(e, "ARTIST"), Attr(e.child("ALBUM"), "TITLE"),
                        EntryFacts(e, notes), &t.ref);
    pugi::xml_node info = e.child("INFO");
    if (!ParseDouble(Attr(info, "PLAYTIME_FLOAT"), &t.length_s)) {
      int64_t s = 0;
      t.length_s = ParseInt(Attr(info, "PLAYTIME"), &s) ? static_cast<double>(s) : 0;
    }
    if (location) by_location.emplace(LocationKey(location), t);
  }

  bool has_history = false;
  uint64_t index = 0;
  auto reject = [&](const char* field, std::string reason) {
    AddRejection(batch, {display, index, field, std::move(reason)});
  };
  ForEachHistory(nml.child("PLAYLISTS"), [&](const pugi::xml_node& playlist) {
    has_history = true;
    for (pugi::xml_node e = playlist.child("ENTRY"); e; e = e.next_sibling("ENTRY"), ++index) {
      ++batch.records;
      ++notes.history;
      pugi::xml_node x = e.child("EXTENDEDDATA");
      auto it = by_location.find(std::string(Attr(e.child("PRIMARYKEY"), "KEY")));
      if (it == by_location.end()) {
        reject("PRIMARYKEY", "names no track of the file's COLLECTION");
        continue;
      }
      int64_t date = 0, seconds = 0;
      if (!ParseInt(Attr(x, "STARTDATE"), &date)) {
        reject("STARTDATE", "missing or not an integer");
        continue;
      }
      int64_t year = date >> 16;
      unsigned month = static_cast<unsigned>((date >> 8) & 0xFF), day = date & 0xFF;
      if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
        reject("STARTDATE", fmt::format("{} is not a packed year/month/day", date));
        continue;
      }
      if (!ParseInt(Attr(x, "STARTTIME"), &seconds) || seconds < 0 || seconds > 2 * 86400) {
        reject("STARTTIME", "missing or not seconds after midnight");
        continue;
      }
      int64_t start_ms = (DaysFromCivil(year, month, day) * 86400 + seconds) * 1000;
      Play p;
      p.source = Source::kTraktor;
      p.local_item = it->second.item;
      p.item = it->second.ref;
      double duration = 0;
      std::string_view duration_text = Attr(x, "DURATION");
      if (!duration_text.empty()) {
        if (!ParseDouble(duration_text, &duration) || duration < 0 || duration > 86400) {
          reject("DURATION", fmt::format("\"{}\" is not a number of seconds", duration_text));
          continue;
        }
      } else {
        duration = it->second.length_s;
        p.ms_estimated = duration > 0;
      }
      p.ms_played = static_cast<uint32_t>(std::llround(duration * 1000));
      p.end_ms = start_ms + p.ms_played;
      int64_t deck = -1;
      if (ParseInt(Attr(x, "DECK"), &deck) && deck >= 0 && deck < 7)
        p.deck = static_cast<uint8_t>(deck + 1);
      std::string_view pub = Attr(x, "PLAYEDPUBLIC");
      p.skipped = pub == "0" ? Tri::kTrue : pub == "1" ? Tri::kFalse : Tri::kUnknown;
      notes.SawStart(start_ms);
      batch.plays.push_back(p);
    }
  });
  batch.format = has_history ? "traktor-history" : "traktor-collection";
  if (notes_out != nullptr) *notes_out = notes;
  return batch;
}

}  // namespace chorus::formats
