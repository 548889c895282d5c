// Onboarding end to end on a real SQLite store: fabricated exports refused
// with their reason, real exports accepted, one history or account paid
// once, local and server builds identical, and nothing personal from the
// real exports in the database files.
#include "coop/onboarding.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

#include "store/serialized_store.h"
#include "synth/synth.h"

namespace chorus::coop {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = CHORUS_FIXTURES_DIR;
constexpr int64_t kNow = 1'790'000'000'000;  // 2026-09

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files read into memory, as an upload holds them.
struct Upload {
  std::vector<std::string> names, bytes;
  std::vector<UploadPart> Parts() const {
    std::vector<UploadPart> parts;
    for (size_t i = 0; i < names.size(); ++i) parts.push_back({names[i], bytes[i]});
    return parts;
  }
};

Upload FromDisk(const fs::path& root) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(root)) files.push_back(root);
  for (const auto& e : fs::recursive_directory_iterator(
           fs::is_directory(root) ? root : fs::path("/nonexistent-chorus")))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Upload u;
  for (const auto& f : files) {
    u.names.push_back(f.filename().string());
    u.bytes.push_back(ReadAll(f));
  }
  return u;
}

Upload Synthetic(uint64_t seed, synth::FakeKind fake = synth::FakeKind::kNone) {
  synth::SynthOptions options;
  options.seed = seed;
  options.years = 1;
  options.fake = fake;
  Upload u;
  for (auto& f : synth::ListenerRenderer(options).Render(1)) {
    u.names.push_back(f.name);
    u.bytes.push_back(std::move(f.data));
  }
  return u;
}

class OnboardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chorus-onboarding-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = store::OpenStore("sqlite:" + (dir_ / "coop.db").string());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(s.value());
    auto o = Onboarding::Open(*store_);
    ASSERT_TRUE(o.ok()) << o.status().message();
    onboarding_ = std::move(o.value());
  }
  void TearDown() override {
    onboarding_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  int64_t Member() {
    int n = next_++;
    auto id = store_->CreateMember({"m" + std::to_string(n) + "@example.org", "$argon2id$stub",
                                    "p-" + std::to_string(n), store::Role::kMember, kNow});
    EXPECT_TRUE(id.ok()) << id.status().message();
    EXPECT_TRUE(store_->AcceptCharter(id.value(), 1, kNow).ok());
    return id.value();
  }
  Outcome Contribute(int64_t member, const Upload& u) {
    auto o = onboarding_->Contribute(member, u.Parts(), kNow);
    EXPECT_TRUE(o.ok()) << o.status().message();
    return o.ok() ? o.value() : Outcome{};
  }
  static const Check* Failed(const Outcome& o) {
    for (const Check& c : o.checks)
      if (!c.passed) return &c;
    return nullptr;
  }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Onboarding> onboarding_;
  int next_ = 1;
};

TEST_F(OnboardingTest, FabricatedHistoriesAreRefusedWithTheirReason) {
  struct Case {
    synth::FakeKind kind;
    const char* check;
  };
  for (Case c : {Case{synth::FakeKind::kUniform, "daily-rhythm"},
                 Case{synth::FakeKind::kOverlapping, "human-pace"},
                 Case{synth::FakeKind::kJunk, "schema"}}) {
    Outcome o = Contribute(Member(), Synthetic(11, c.kind));
    EXPECT_EQ(o.verdict, Verdict::kRejected) << synth::FakeKindName(c.kind);
    ASSERT_NE(Failed(o), nullptr) << synth::FakeKindName(c.kind);
    EXPECT_EQ(Failed(o)->id, c.check) << Failed(o)->reason;
    EXPECT_EQ(o.message, Failed(o)->reason);
  }
  // Copies of a history another member contributed: shifted, or thinned.
  Outcome genuine = Contribute(Member(), Synthetic(11));
  ASSERT_EQ(genuine.verdict, Verdict::kAccepted) << genuine.message;
  for (auto kind : {synth::FakeKind::kTimeShift, synth::FakeKind::kDropRows}) {
    Outcome o = Contribute(Member(), Synthetic(11, kind));
    EXPECT_EQ(o.verdict, Verdict::kDuplicate) << synth::FakeKindName(kind);
    ASSERT_NE(Failed(o), nullptr);
    EXPECT_EQ(Failed(o)->id, "unique-history") << Failed(o)->reason;
  }
  // Another listener of the same synthetic world is no duplicate.
  Outcome other = Contribute(Member(), Synthetic(12));
  EXPECT_EQ(other.verdict, Verdict::kAccepted) << other.message;
  // Only the two accepted histories are indexed; refusals store nothing.
  EXPECT_EQ(onboarding_->indexed_members(), 2u);
}

TEST_F(OnboardingTest, TheSameExportFromASecondMemberIsADuplicateAndNothingIsStored) {
  fs::path named = kFixtures / "spotify" / "extended-2024-username";
  if (!fs::exists(named)) GTEST_SKIP() << named << " is absent (fixtures not checked out)";
  Upload u = FromDisk(named);
  int64_t a = Member(), b = Member();
  Outcome first = Contribute(a, u);
  ASSERT_EQ(first.verdict, Verdict::kAccepted) << first.message;
  Outcome second = Contribute(b, u);
  EXPECT_EQ(second.verdict, Verdict::kDuplicate);
  ASSERT_NE(Failed(second), nullptr);
  EXPECT_EQ(Failed(second)->id, "unique-account");
  EXPECT_FALSE(store_->FindContribution(b).value());
  // The owner may upload it again: it merges and adds nothing.
  Outcome again = Contribute(a, u);
  EXPECT_EQ(again.verdict, Verdict::kAccepted);
  EXPECT_EQ(again.plays_added, 0u);
  EXPECT_EQ(again.plays_total, first.plays_total);
}

TEST_F(OnboardingTest, ALocallyBuiltContributionIsStoredExactlyAsTheUploadedExport) {
  fs::path zip = kFixtures / "spotify" / "extended-2025-audiobooks-zip";
  if (!fs::exists(zip)) GTEST_SKIP() << zip << " is absent (fixtures not checked out)";
  Upload u = FromDisk(zip);
  auto parsed = ParseUpload(u.Parts());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const std::string local = contribution::ToJson(parsed->contribution);  // `chorus contribute`
  ASSERT_TRUE(parsed->contribution.account_digests.empty());  // this export names no account
  int64_t a = Member();
  ASSERT_EQ(Contribute(a, u).verdict, Verdict::kAccepted);
  EXPECT_EQ(store_->FindContribution(a).value()->summary_json, local);
  // In a second co-op, the contribution JSON itself gives the same bytes.
  TearDown();
  SetUp();
  int64_t b = Member();
  Upload json{{"c.json"}, {local}};
  ASSERT_EQ(Contribute(b, json).verdict, Verdict::kAccepted);
  EXPECT_EQ(store_->FindContribution(b).value()->summary_json, local);
}

// Plays in an upload, as the co-op counts them.
uint64_t Plays(const Upload& u) {
  auto parsed = ParseUpload(u.Parts());
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? contribution::Summarize(parsed->contribution).plays : 0;
}

TEST_F(OnboardingTest, ALaterExportMergesAndOnlyItsNewPartAdds) {
  synth::SynthOptions options;
  options.years = 2;  // 2024 and 2025
  options.seed = 21;
  options.split_bytes = 1'000'000;  // many Audio files, each sorted and consecutive
  Upload first, full;
  for (auto& f : synth::ListenerRenderer(options).Render(1)) {
    bool only_2024 = f.name.find("_Audio_") != std::string::npos &&
                     f.data.find("\"ts\": \"2025-") == std::string::npos;
    if (only_2024) {
      first.names.push_back(f.name);
      first.bytes.push_back(f.data);
    }
    full.names.push_back(f.name);
    full.bytes.push_back(std::move(f.data));
  }
  ASSERT_GE(first.names.size(), 2u);
  const uint64_t first_plays = Plays(first), full_plays = Plays(full);
  ASSERT_GT(full_plays, first_plays);
  ASSERT_GT(first_plays, 0u);

  int64_t m = Member();
  Outcome o1 = Contribute(m, first);
  ASSERT_EQ(o1.verdict, Verdict::kAccepted) << o1.message;
  EXPECT_EQ(o1.plays_added, first_plays);
  Outcome o2 = Contribute(m, full);
  ASSERT_EQ(o2.verdict, Verdict::kAccepted) << o2.message;
  EXPECT_EQ(o2.plays_total, full_plays);
  EXPECT_EQ(o2.plays_added, full_plays - first_plays);
  EXPECT_DOUBLE_EQ(o2.quality_before, o1.quality.score);
  EXPECT_GE(o2.quality.score, o2.quality_before);
  Outcome o3 = Contribute(m, full);  // the same export again
  EXPECT_EQ(o3.plays_added, 0u);
  EXPECT_EQ(o3.plays_total, full_plays);
  auto events = store_->ContributionHistory(m);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ(events.value()[1].plays_added, static_cast<int64_t>(full_plays - first_plays));
  EXPECT_EQ(events.value()[2].plays_added, 0);
}

// A store through which, right after the first read of a contribution,
// another upload lands (as a concurrent request would).
class AnotherUploadLandsFirst : public store::SerializedStore {
 public:
  using SerializedStore::SerializedStore;
  std::function<void()> after_first_read;
  Result<std::optional<store::Contribution>> FindContribution(int64_t member) override {
    auto read = SerializedStore::FindContribution(member);
    if (auto land = std::exchange(after_first_read, nullptr)) land();
    return read;
  }
};

// The merge is planned before the uniqueness lock, on the stored state read
// then; an upload of the same member landing in between must make the plan
// be redone, or its plays would be counted twice.
TEST_F(OnboardingTest, AnUploadLandingMeanwhileIsMergedNotCountedTwice) {
  AnotherUploadLandsFirst store(*store_);
  auto opened = Onboarding::Open(store);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Onboarding& onboarding = *opened.value();
  auto parsed = ParseUpload(Synthetic(31).Parts());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const contribution::Contribution& c = parsed->contribution;
  const uint64_t plays = contribution::Summarize(c).plays;
  const int64_t m = Member();
  Result<Outcome> first = InvalidInput("not run");
  store.after_first_read = [&] { first = onboarding.ContributeBuilt(m, c, kNow); };
  auto second = onboarding.ContributeBuilt(m, c, kNow + 1);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(first->plays_added, plays);
  EXPECT_EQ(second->verdict, Verdict::kAccepted);
  EXPECT_EQ(second->plays_added, 0u);
  EXPECT_EQ(second->plays_total, plays);
  EXPECT_DOUBLE_EQ(second->quality_before, first->quality.score);
  auto events = store_->ContributionHistory(m);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events.value()[0].plays_added + events.value()[1].plays_added,
            static_cast<int64_t>(plays));
}

TEST_F(OnboardingTest, EveryRealExportIsAcceptedAndTheDatabaseHoldsNothingPersonal) {
  if (!fs::exists(kFixtures)) GTEST_SKIP() << kFixtures << " is absent (fixtures not checked out)";
  std::vector<fs::path> exports;
  for (const char* platform : {"spotify", "apple", "lastfm", "youtube"}) {
    for (const auto& e : fs::directory_iterator(kFixtures / platform))
      if (e.is_directory() || e.path().extension() == ".zip") exports.push_back(e.path());
  }
  exports.push_back(kFixtures / "dj");
  std::sort(exports.begin(), exports.end());
  // The identifiers the fixtures carry (scrubbed user names, documentation
  // IPs, user agents), found with
  //   grep -rhoE '"(username|ip_addr[a-z_]*|user_agent_decrypted)": *"[^"]*"'
  //     ../shared/fixtures/spotify | sort | uniq -c   (one line)
  const char* kSecrets[] = {"listener1",   "listener2",  "listener3", "192.0.2.",
                            "198.51.100.", "203.0.113.", "2001:db8",  "Mozilla"};
  for (const fs::path& p : exports) {
    TearDown();  // each export in a co-op of its own
    SetUp();
    Outcome o = Contribute(Member(), FromDisk(p));
    EXPECT_EQ(o.verdict, Verdict::kAccepted) << p << ": " << o.message;
    EXPECT_GT(o.quality.score, 0.0) << p;
    EXPECT_GT(o.plays_total, 0u) << p;
    // The database, its WAL and everything else in the data folder.
    onboarding_.reset();
    store_.reset();
    std::string all;
    for (const auto& e : fs::directory_iterator(dir_)) {
      std::string bytes = ReadAll(e.path());
      for (const char* secret : kSecrets)
        EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " in " << e.path();
      all += bytes;
    }
    // The scan does read what was stored: the contribution is there.
    EXPECT_NE(all.find(R"("format":"chorus-contribution")"), std::string::npos) << p;
  }
}

}  // namespace
}  // namespace chorus::coop
