#include "core/file_util.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace chorus {

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  std::string tmp = fmt::format("{}.tmp-{}", path, getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return IoError(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  ok = std::fflush(f) == 0 && ok;
  int saved = errno;
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    std::remove(tmp.c_str());
    return IoError(fmt::format("{}: cannot write: {}", path, std::strerror(saved)));
  }
  return Status::Ok();
}

}  // namespace chorus
