// Serialises play rows exactly like Spotify's 2025 extended streaming history.
//
// Contract: AppendRow() appends one JSON object in the v3 key set (23 keys, in
// Spotify's order) plus `username` right after `ts`, where v1/v2 exports carry
// it (the profile's invented "synth-<seed>-<index>"): 24 keys, with the
// 2-space pretty style of 2025 files: `  {\n`, four spaces before each
// `"key": value`, `\n  }`; no separator, no newline after.
// `ts` is the row's end instant in whole UTC seconds; offline_timestamp is
// epoch seconds of the stream start (or null). Text is raw UTF-8. Rows of kind
// kNone carry null in all twelve metadata fields.
#pragma once

#include <cstdint>
#include <string>

#include "synth/catalog.h"
#include "synth/history.h"
#include "synth/listener.h"

namespace chorus::synth {

// Writes "YYYY-MM-DDTHH:MM:SSZ" (20 chars) for epoch seconds to out.
void FormatTs(int64_t epoch_seconds, char* out);

void AppendRow(const Catalogue& catalogue, const ListenerProfile& profile, const Play& play,
               std::string* out);

}  // namespace chorus::synth
