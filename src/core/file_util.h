// Whole-file output without partial writes.
//
// Contract: WriteFileAtomically() writes to a temporary file beside `path`
// and renames it over `path` only when every byte is written and flushed, so
// a reader (or a crash) never sees half a file; on failure the temporary is
// removed and `path` is untouched.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus {

Status WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace chorus
