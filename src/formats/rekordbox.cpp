#include "formats/rekordbox.h"

#include <fmt/format.h>

#include "core/musical_key.h"

namespace chorus::formats {
namespace {

std::string_view Attr(const pugi::xml_node& n, const char* name) {
  return n.attribute(name).value();
}

DjTrackFacts TrackFacts(const pugi::xml_node& t, DjNotes& notes) {
  DjTrackFacts f;
  double bpm = 0;
  if (ParseDouble(Attr(t, "AverageBpm"), &bpm)) f.bpm_centi = BpmCenti(bpm);
  if (f.bpm_centi != 0) ++notes.with_bpm;
  std::string_view tonality = Attr(t, "Tonality");
  f.key = key::ParseKeyText(tonality);
  if (!tonality.empty()) ++notes.with_key;
  uint64_t cues = 0, loops = 0;
  for (pugi::xml_node m = t.child("POSITION_MARK"); m; m = m.next_sibling("POSITION_MARK")) {
    if (Attr(m, "Type") == "4" || m.attribute("End")) {
      ++loops;
    } else {
      ++cues;
    }
  }
  notes.cues += cues;
  notes.loops += loops;
  f.cues = Saturate8(cues);
  f.loops = Saturate8(loops);
  return f;
}

bool IsHistoryName(std::string_view name) { return name.starts_with("HISTORY"); }

}  // namespace

Result<PlayBatch> ParseRekordboxXml(std::string display, std::string_view text, Dictionary& dict,
                                    DjNotes* notes_out) {
  PlayBatch batch = NewBatch(display, text.size());
  pugi::xml_document doc;
  CHORUS_RETURN_IF_ERROR(LoadXml(display, text, &doc));
  pugi::xml_node root = doc.child("DJ_PLAYLISTS");
  if (!root) return batch;
  DjNotes notes;
  for (pugi::xml_node t = root.child("COLLECTION").child("TRACK"); t; t = t.next_sibling("TRACK")) {
    ++notes.tracks;
    ItemRef ref;
    AddDjTrack(batch, dict, Attr(t, "Name"), Attr(t, "Artist"), Attr(t, "Album"),
               TrackFacts(t, notes), &ref);
  }
  // History playlists anywhere in the NODE tree, walked without recursion.
  bool has_history = false;
  pugi::xml_node top = root.child("PLAYLISTS");
  pugi::xml_node n = top.first_child();
  while (n && n != top) {
    if (std::string_view(n.name()) == "NODE" && Attr(n, "Type") == "1" &&
        IsHistoryName(Attr(n, "Name"))) {
      has_history = true;
      for (pugi::xml_node e = n.child("TRACK"); e; e = e.next_sibling("TRACK")) {
        Rejection r{display, batch.records, "TRACK",
                    fmt::format("entry of \"{}\": rekordbox XML history has no play times, so "
                                "it is counted but is not a play",
                                Attr(n, "Name")),
                    true};
        AddRejection(batch, std::move(r));
        ++batch.records;
        ++notes.history;
      }
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != top && !n.next_sibling()) n = n.parent();
    if (n && n != top) n = n.next_sibling();
  }
  batch.format = has_history ? "rekordbox-history" : "rekordbox-collection";
  if (notes_out != nullptr) *notes_out = notes;
  return batch;
}

}  // namespace chorus::formats
