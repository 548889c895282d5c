// SerializedStore: a Store that lets one call at a time through to another.
//
// Contract: every method locks one mutex and forwards to the wrapped store,
// so the HTTP server's worker threads can share a backend whose connection
// is not safe for concurrent transactions (the SQLite backend holds one
// connection). Results and errors are exactly the wrapped store's. The
// wrapped store must outlive this object.
#pragma once

#include <mutex>

#include "store/store.h"

namespace chorus::store {

class SerializedStore : public Store {
 public:
  explicit SerializedStore(store::Store& inner) : inner_(inner) {}

  int SchemaVersion() override;
  Result<int64_t> CreateMember(const NewMember& member) override;
  Result<std::optional<Member>> FindMemberByEmail(std::string_view email) override;
  Result<std::optional<Member>> FindMember(int64_t id) override;
  Status SetConsent(int64_t member, std::string_view scope, bool granted, int64_t at_ms) override;
  Result<std::map<std::string, ConsentState>> Consents(int64_t member) override;
  Result<std::vector<ConsentChange>> ConsentHistory(int64_t member) override;
  Status AcceptCharter(int64_t member, int version, int64_t at_ms) override;
  Status EraseMember(int64_t member) override;
  Result<int64_t> CountMembers() override;
  Result<std::vector<MemberSummary>> ListMembers() override;
  Status CreateCredential(const Credential& credential) override;
  Result<std::optional<Credential>> FindCredential(std::string_view token_hash) override;
  Status DeleteCredential(std::string_view token_hash) override;
  Status PutContribution(const Contribution& contribution,
                         const std::vector<std::string>& account_keys,
                         const ContributionEvent& event) override;
  Result<std::optional<Contribution>> FindContribution(int64_t member) override;
  Result<std::vector<ContributionEvent>> ContributionHistory(int64_t member) override;
  Result<std::optional<int64_t>> AccountKeyOwner(std::string_view account_key) override;
  Status ForEachSignature(
      const std::function<void(int64_t member, std::string_view signature)>& visit) override;
  Result<std::string> EnsureSetting(std::string_view key,
                                    std::string_view value_if_absent) override;

 private:
  std::mutex mutex_;
  store::Store& inner_;
};

}  // namespace chorus::store
