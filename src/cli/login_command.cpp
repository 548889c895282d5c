// `chorus login --coop URL --email E`: logs in to the co-op as the member
// (password from $CHORUS_PASSWORD or the first line of stdin), makes an API
// token, logs the session out again, and prints the token alone on stdout,
// so `export CHORUS_TOKEN=$(chorus login ...)` readies `chorus contribute
// --coop`. The token is shown once: the co-op keeps only its hash.
#include <fmt/format.h>

#include <string>

#include "cli/commands.h"
#include "cli/coop_client.h"
#include "core/json_writer.h"

namespace chorus::cli {

namespace {

struct LoginArgs {
  std::string coop;
  std::string email;
};

// The "name=value" of a Set-Cookie header ("name=value; Path=/; ..."), to
// send back as a Cookie header.
std::string CookiePair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

int RunLogin(const LoginArgs& args) {
  auto coop = ParseCoopUrl(args.coop);
  if (!coop.ok()) return Fail(coop.status());
  auto password = ReadPassword();
  if (!password.ok()) return Fail(password.status());
  auto client = CoopClient(coop.value());

  JsonWriter body(false);
  body.BeginObject().Key("email").String(args.email).Key("password").String(password.value());
  body.EndObject();
  auto login = client->Post(coop->Api("/auth/login").c_str(), body.str(), "application/json");
  if (!login || login->status != 200) return Fail(ErrorOf(coop.value(), login));
  const std::string csrf = JsonField(login->body, "/csrf_token");
  const std::string cookie = CookiePair(login->get_header_value("Set-Cookie"));
  if (csrf == "?" || cookie.empty()) {
    return Fail(IoError(fmt::format("{}: the login answer holds no session", args.coop)));
  }
  const httplib::Headers session{{"Cookie", cookie}, {"X-CSRF-Token", csrf}};

  auto token = client->Post(coop->Api("/auth/tokens").c_str(), session, "", "application/json");
  // The session was only the way to the token: end it whatever happened.
  client->Post(coop->Api("/auth/logout").c_str(), session, "", "application/json");
  if (!token || token->status != 201) return Fail(ErrorOf(coop.value(), token));
  fmt::print("{}\n", JsonField(token->body, "/token"));
  fmt::print(stderr,
             "chorus: logged in to {} as {}; the API token above expires {} and is shown once: "
             "keep it (CHORUS_TOKEN) for `chorus contribute --coop`\n",
             args.coop, args.email, JsonField(token->body, "/expires"));
  return kExitOk;
}

}  // namespace

void RegisterLoginCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<LoginArgs>();
  CLI::App* cmd = app.add_subcommand(
      "login",
      "Log in to a co-op as a member and print a new API token (for `chorus contribute\n"
      "--coop`). The password comes from $CHORUS_PASSWORD or the first line of stdin.");
  cmd->add_option("--coop", args->coop, "the co-op (http://HOST:PORT)")->required();
  cmd->add_option("--email", args->email, "the member's e-mail")->required();
  cmd->callback([args, exit_code] { *exit_code = RunLogin(*args); });
}

}  // namespace chorus::cli
