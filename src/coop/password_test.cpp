// Argon2id password hashes: policy, salting, verification.
#include "coop/password.h"

#include <gtest/gtest.h>

namespace chorus::coop {
namespace {

TEST(Password, HashIsArgon2idSaltedAndVerifiesOnlyItsPassword) {
  auto a = HashPassword("correct horse battery");
  auto b = HashPassword("correct horse battery");
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a.value().rfind("$argon2id$", 0), 0u) << a.value();
  EXPECT_NE(a.value(), b.value());  // a fresh salt each time
  EXPECT_EQ(a.value().find("correct"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(a.value(), "correct horse battery"));
  EXPECT_TRUE(VerifyPassword(b.value(), "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(a.value(), "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "correct horse battery"));
}

TEST(Password, PolicyRejectsShortLongAndInvalidText) {
  auto short_one = HashPassword("123456789");
  ASSERT_FALSE(short_one.ok());
  EXPECT_TRUE(short_one.status().IsBadInput());
  EXPECT_NE(short_one.status().message().find("at least 10"), std::string::npos);
  EXPECT_FALSE(HashPassword(std::string(257, 'x')).ok());
  EXPECT_FALSE(HashPassword(std::string("abcdefghij\xff", 11)).ok());
  EXPECT_TRUE(HashPassword("ünïcödé pässwörd").ok());
}

}  // namespace
}  // namespace chorus::coop
