// Opening accounts: e-mail normalisation, pseudonyms, duplicates.
#include "coop/account.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "coop/password.h"

namespace chorus::coop {
namespace {

TEST(Account, EmailIsTrimmedLowercasedAndValidated) {
  auto ok = NormalizeEmail("  Ada.Lovelace@Example.ORG \n");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok.value(), "ada.lovelace@example.org");
  for (const char* bad : {"", "   ", "no-at.example.org", "a@b@example.org", "@example.org",
                          "a@example", "a@.org", "a@example.", "a b@example.org"}) {
    auto r = NormalizeEmail(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().message().rfind("email: ", 0), 0u) << r.status().message();
  }
  EXPECT_FALSE(NormalizeEmail(std::string(250, 'a') + "@example.org").ok());
}

TEST(Account, PseudonymsAreRandomHexUnrelatedToTheEmail) {
  std::string a = NewPseudonym(), b = NewPseudonym();
  EXPECT_EQ(a.size(), 14u);
  EXPECT_EQ(a.rfind("m-", 0), 0u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef", 2), std::string::npos) << a;
  EXPECT_NE(a, b);
  EXPECT_EQ(RandomHex(32).size(), 64u);
}

TEST(Account, OpenAccountHashesNormalisesAndRefusesADuplicate) {
  auto dir =
      std::filesystem::temp_directory_path() / ("chorus-account-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = store::OpenStore("sqlite:" + (dir / "coop.db").string());
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto id = OpenAccount(*store.value(),
                        {" Ann@Example.org", "a long passphrase", store::Role::kBuyer, 42});
  ASSERT_TRUE(id.ok()) << id.status().message();
  auto m = store.value()->FindMember(id.value());
  ASSERT_TRUE(m.ok() && m.value());
  EXPECT_EQ(m.value()->email, "ann@example.org");
  EXPECT_EQ(m.value()->role, store::Role::kBuyer);
  EXPECT_EQ(m.value()->created_ms, 42);
  EXPECT_TRUE(VerifyPassword(m.value()->password_hash, "a long passphrase"));
  auto dup = OpenAccount(*store.value(), {"ANN@example.org", "another passphrase"});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().message(), kEmailTakenMessage);
  auto weak = OpenAccount(*store.value(), {"bob@example.org", "short"});
  ASSERT_FALSE(weak.ok());
  EXPECT_NE(weak.status().message().find("at least 10"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace chorus::coop
