// Serato parser: the binary chunk files of a `_Serato_` folder — History
// session files (`History/Sessions/N.session`), the session index
// (`History/history.database`) and crates (`Subcrates/*.crate`).
//
// Contract: LooksLikeSerato() recognises the first bytes: a "vrsn" chunk
// whose UTF-16BE text starts "1.0/Serato". ParseSerato() walks the chunks
// (`[4-byte tag][u32 BE length][payload]`; `adat` payloads are fields
// `[u32 BE id][u32 BE length][value]`, strings UTF-16BE with a trailing NUL)
// and returns a batch (source kSerato) whose `format` is
//   "serato-session"        `oent` records: one record per deck load, keyed
//                           by its row id (field 1). Serato may rewrite the
//                           whole list a second time: the last copy of a row
//                           wins and copies are not records. Each row is a play
//                           or a rejection naming the record and field;
//   "serato-history-index"  history.database (`oses` per session): 0 records;
//   "serato-crate"          a crate (`otrk` per track): 0 records;
//   "serato-other"          any other Serato chunk file: 0 records.
// The field ids (formats/README.md): 6 title, 7 artist, 8 album, 15 BPM
// (integer), 51 key text, 28 start and 29 end (u64 Unix s, UTC), 31 deck,
// 45 seconds played, 50 played flag. end = field 29, else start + field 45,
// else start; ms_played = field 45 s, else end − start. played = 0 (loaded,
// not played out) is a play with skipped = true. A row without a start
// (field 28) is rejected. Field 2 (the file path, holding the OS user name)
// is read only for its file name when the title is missing. A chunk or
// field running past its parent, or a file not starting with "vrsn", is an
// InvalidInput naming the file, the byte offset, the record and the tag or
// field id.
#pragma once

#include <string>
#include <string_view>

#include "core/dictionary.h"
#include "core/play.h"
#include "core/status.h"
#include "formats/dj_common.h"

namespace chorus::formats {

bool LooksLikeSerato(std::string_view head);

Result<PlayBatch> ParseSerato(std::string display, std::string_view bytes, Dictionary& dict,
                              DjNotes* notes = nullptr);

}  // namespace chorus::formats
