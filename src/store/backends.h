// The backends behind OpenStore(). Internal to store/: callers use
// OpenStore(url), which picks one by the URL's scheme.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace chorus::store {

// path: a file name; created with its schema when missing.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);
// url: a libpq connection URI (postgresql://user@host:port/db?host=/socket/dir).
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace chorus::store
