#include "coop/account.h"

#include <fmt/format.h>
#include <sodium.h>

#include <cctype>

#include "coop/password.h"

namespace chorus::coop {

Result<std::string> NormalizeEmail(std::string_view email) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!email.empty() && space(email.front())) email.remove_prefix(1);
  while (!email.empty() && space(email.back())) email.remove_suffix(1);
  if (email.empty()) return InvalidInput("email: required");
  if (email.size() > 254) return InvalidInput("email: longer than 254 characters");
  std::string out;
  out.reserve(email.size());
  for (char c : email) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return InvalidInput("email: contains a space or control character");
    }
    out.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : c);
  }
  size_t at = out.find('@');
  if (at == std::string::npos || out.find('@', at + 1) != std::string::npos) {
    return InvalidInput("email: expected one '@', as in name@example.org");
  }
  std::string_view domain = std::string_view(out).substr(at + 1);
  if (at == 0) return InvalidInput("email: nothing before the '@'");
  size_t dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.') {
    return InvalidInput("email: the part after '@' should be a domain such as example.org");
  }
  return out;
}

std::string RandomHex(size_t bytes) {
  if (sodium_init() < 0) return {};  // cannot happen after a successful first init
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

std::string NewPseudonym() { return "m-" + RandomHex(6); }

Result<int64_t> OpenAccount(store::Store& store, const AccountRequest& request,
                            const std::string& password_hash) {
  auto email = NormalizeEmail(request.email);
  if (!email.ok()) return email.status();
  auto existing = store.FindMemberByEmail(email.value());
  if (!existing.ok()) return existing.status();
  if (existing.value()) return InvalidInput(std::string(kEmailTakenMessage));
  std::string hash = password_hash;
  if (hash.empty()) {
    auto hashed = HashPassword(request.password);
    if (!hashed.ok()) return hashed.status();
    hash = std::move(hashed.value());
  }
  store::NewMember member{email.value(), hash, NewPseudonym(), request.role, request.now_ms};
  auto id = store.CreateMember(member);
  if (!id.ok()) {
    // Lost a race with another signup for the same address.
    auto again = store.FindMemberByEmail(email.value());
    if (again.ok() && again.value()) return InvalidInput(std::string(kEmailTakenMessage));
  }
  return id;
}

}  // namespace chorus::coop
