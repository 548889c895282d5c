// The server's test harness: a Server on 127.0.0.1 (ephemeral port) over a
// temporary SQLite co-op, an httplib::Client, and helpers to sign up, log
// in and read JSON answers.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "coop/account.h"
#include "server/auth.h"
#include "server/server.h"
#include "store/store.h"

namespace chorus::server {

// Values at a JSON pointer of a response body ("/error/code").
inline std::string JsonStr(const std::string& body, const char* pointer) {
  simdjson::dom::parser parser;
  std::string_view out;
  if (parser.parse(body).at_pointer(pointer).get(out) != simdjson::SUCCESS) return "<missing>";
  return std::string(out);
}
inline int64_t JsonInt(const std::string& body, const char* pointer) {
  simdjson::dom::parser parser;
  int64_t out = -1;
  if (parser.parse(body).at_pointer(pointer).get(out) != simdjson::SUCCESS) return -1;
  return out;
}
inline int JsonBool(const std::string& body, const char* pointer) {  // -1: missing
  simdjson::dom::parser parser;
  bool out = false;
  if (parser.parse(body).at_pointer(pointer).get(out) != simdjson::SUCCESS) return -1;
  return out ? 1 : 0;
}
inline size_t JsonSize(const std::string& body, const char* pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::array array;
  if (parser.parse(body).at_pointer(pointer).get(array) != simdjson::SUCCESS) return 999;
  return array.size();
}

inline int64_t TestNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// How a test request authenticates.
struct Who {
  std::string cookie;  // "chorus_session=…" or empty
  std::string csrf;    // sent as X-CSRF-Token when not empty
  std::string bearer;  // sent as Authorization: Bearer … when not empty
  int64_t id = 0;
  std::string email, pseudonym;
};

inline Who Bearer(const std::string& token) {
  Who who;
  who.bearer = token;
  return who;
}
inline Who CookieOnly(const std::string& cookie) {
  Who who;
  who.cookie = cookie;
  return who;
}

class ServerTest : public ::testing::Test {
 protected:
  virtual ServerOptions Options() { return {}; }

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chorus-server-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = store::OpenStore("sqlite:" + (dir_ / "coop.db").string());
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store.value());
    server_ = std::make_unique<Server>(*store_, Options());
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = port.value();
  }
  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  httplib::Result Send(const std::string& method, const std::string& path, const Who* who = nullptr,
                       const std::string& body = "",
                       const std::string& content_type = "application/json") {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(30, 0);
    httplib::Request request;
    request.method = method;
    request.path = path;
    if (who != nullptr && !who->cookie.empty()) request.set_header("Cookie", who->cookie);
    if (who != nullptr && !who->csrf.empty()) request.set_header("X-CSRF-Token", who->csrf);
    if (who != nullptr && !who->bearer.empty()) {
      request.set_header("Authorization", "Bearer " + who->bearer);
    }
    if (!body.empty() || method == "POST" || method == "PUT") {
      request.body = body;
      if (!content_type.empty()) request.set_header("Content-Type", content_type);
    }
    return client.send(request);
  }

  // Signs up through the API; a cookie session with its CSRF token.
  Who SignUp(const std::string& email, const std::string& extra = ",\"accept_charter\":true") {
    auto res =
        Send("POST", "/api/v1/auth/signup", nullptr,
             "{\"email\":\"" + email + "\",\"password\":\"" + kPassword + "\"" + extra + "}");
    EXPECT_TRUE(res) << "no answer";
    if (!res) return {};
    EXPECT_EQ(res->status, 201) << res->body;
    return FromLogin(*res);
  }
  Who LogIn(const std::string& email, const std::string& password = kPassword) {
    auto res = Send("POST", "/api/v1/auth/login", nullptr,
                    "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    return res ? FromLogin(*res) : Who{};
  }
  static Who FromLogin(const httplib::Response& res) {
    Who who;
    std::string cookie = res.get_header_value("Set-Cookie");
    who.cookie = cookie.substr(0, cookie.find(';'));
    who.csrf = JsonStr(res.body, "/csrf_token");
    who.id = JsonInt(res.body, "/id");
    who.email = JsonStr(res.body, "/email");
    who.pseudonym = JsonStr(res.body, "/pseudonym");
    return who;
  }
  // An account made directly in the store (stewards cannot sign up).
  Who Direct(const std::string& email, store::Role role, bool join) {
    auto id = coop::OpenAccount(*store_, {email, kPassword, role, TestNowMs()});
    EXPECT_TRUE(id.ok()) << id.status().message();
    if (join) {
      EXPECT_TRUE(store_->AcceptCharter(id.value(), 1, TestNowMs()).ok());
    }
    Who who = LogIn(email);
    return who;
  }
  // A fresh credential straight into the store: bearer or cookie session.
  Who Fresh(const Who& base, bool bearer, int64_t expires_in_ms = 3600 * 1000) {
    Who who = base;
    std::string token = coop::RandomHex(32);
    std::string csrf = coop::RandomHex(32);
    store::Credential c{Auth::TokenHash(token),
                        base.id,
                        bearer ? store::CredentialKind::kApiToken : store::CredentialKind::kSession,
                        bearer ? "" : csrf,
                        TestNowMs(),
                        TestNowMs() + expires_in_ms};
    EXPECT_TRUE(store_->CreateCredential(c).ok());
    who.cookie = bearer ? "" : std::string(kSessionCookie) + "=" + token;
    who.csrf = bearer ? "" : csrf;
    who.bearer = bearer ? token : "";
    return who;
  }

  static constexpr const char* kPassword = "a long enough passphrase";
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
};

}  // namespace chorus::server
