#include "store/serialized_store.h"

namespace chorus::store {

using Lock = std::lock_guard<std::mutex>;

int SerializedStore::SchemaVersion() {
  Lock lock(mutex_);
  return inner_.SchemaVersion();
}

Result<int64_t> SerializedStore::CreateMember(const NewMember& member) {
  Lock lock(mutex_);
  return inner_.CreateMember(member);
}

Result<std::optional<Member>> SerializedStore::FindMemberByEmail(std::string_view email) {
  Lock lock(mutex_);
  return inner_.FindMemberByEmail(email);
}

Result<std::optional<Member>> SerializedStore::FindMember(int64_t id) {
  Lock lock(mutex_);
  return inner_.FindMember(id);
}

Status SerializedStore::SetConsent(int64_t member, std::string_view scope, bool granted,
                                   int64_t at_ms) {
  Lock lock(mutex_);
  return inner_.SetConsent(member, scope, granted, at_ms);
}

Result<std::map<std::string, ConsentState>> SerializedStore::Consents(int64_t member) {
  Lock lock(mutex_);
  return inner_.Consents(member);
}

Result<std::vector<ConsentChange>> SerializedStore::ConsentHistory(int64_t member) {
  Lock lock(mutex_);
  return inner_.ConsentHistory(member);
}

Status SerializedStore::AcceptCharter(int64_t member, int version, int64_t at_ms) {
  Lock lock(mutex_);
  return inner_.AcceptCharter(member, version, at_ms);
}

Status SerializedStore::EraseMember(int64_t member) {
  Lock lock(mutex_);
  return inner_.EraseMember(member);
}

Result<int64_t> SerializedStore::CountMembers() {
  Lock lock(mutex_);
  return inner_.CountMembers();
}

Result<std::vector<MemberSummary>> SerializedStore::ListMembers() {
  Lock lock(mutex_);
  return inner_.ListMembers();
}

Status SerializedStore::CreateCredential(const Credential& credential) {
  Lock lock(mutex_);
  return inner_.CreateCredential(credential);
}

Result<std::optional<Credential>> SerializedStore::FindCredential(std::string_view token_hash) {
  Lock lock(mutex_);
  return inner_.FindCredential(token_hash);
}

Status SerializedStore::DeleteCredential(std::string_view token_hash) {
  Lock lock(mutex_);
  return inner_.DeleteCredential(token_hash);
}

Status SerializedStore::PutContribution(const Contribution& contribution,
                                        const std::vector<std::string>& account_keys,
                                        const ContributionEvent& event) {
  Lock lock(mutex_);
  return inner_.PutContribution(contribution, account_keys, event);
}

Result<std::optional<Contribution>> SerializedStore::FindContribution(int64_t member) {
  Lock lock(mutex_);
  return inner_.FindContribution(member);
}

Result<std::vector<ContributionEvent>> SerializedStore::ContributionHistory(int64_t member) {
  Lock lock(mutex_);
  return inner_.ContributionHistory(member);
}

Result<std::optional<int64_t>> SerializedStore::AccountKeyOwner(std::string_view account_key) {
  Lock lock(mutex_);
  return inner_.AccountKeyOwner(account_key);
}

Status SerializedStore::ForEachSignature(
    const std::function<void(int64_t member, std::string_view signature)>& visit) {
  Lock lock(mutex_);
  return inner_.ForEachSignature(visit);
}

Result<std::string> SerializedStore::EnsureSetting(std::string_view key,
                                                   std::string_view value_if_absent) {
  Lock lock(mutex_);
  return inner_.EnsureSetting(key, value_if_absent);
}

}  // namespace chorus::store
