// The PostgreSQL backend (libpqxx). Placeholder until the backend lands: a
// postgresql:// URL is refused with a clear message.
#include <fmt/format.h>

#include "store/backends.h"

namespace chorus::store {

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  return InvalidInput(fmt::format("database {}: PostgreSQL is not supported yet", url));
}

}  // namespace chorus::store
