// `chorus member add --db URL --email E --role steward|buyer|member`: opens
// an account from the command line (the only way to make a steward). The
// password comes from $CHORUS_PASSWORD, else the first line of stdin.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/coop_client.h"
#include "coop/account.h"
#include "coop/charter.h"
#include "core/time_util.h"
#include "store/store.h"

namespace chorus::cli {

namespace {

struct MemberAddArgs {
  std::string db = std::string(kDefaultDatabase);
  std::string email;
  std::string role = "member";
  bool join = false;
};

int RunMemberAdd(const MemberAddArgs& args) {
  auto password = ReadPassword();
  if (!password.ok()) return Fail(password.status());
  if (Status s = PrepareDatabaseFolder(args.db); !s.ok()) return Fail(s);
  auto store = store::OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  const int64_t now = NowMs();
  store::Role role = store::RoleFromName(args.role);
  auto id = coop::OpenAccount(*store.value(), {args.email, password.value(), role, now});
  if (!id.ok()) return Fail(id.status());
  if (args.join && role != store::Role::kBuyer) {
    if (Status s = store.value()->AcceptCharter(id.value(), coop::kCharterVersion, now); !s.ok()) {
      return Fail(s);
    }
  }
  auto member = store.value()->FindMember(id.value());
  if (!member.ok() || !member.value()) return Fail(IoError("the new account cannot be read back"));
  fmt::print("Added {} {} (pseudonym {}{})\n", args.role, member.value()->email,
             member.value()->pseudonym, member.value()->charter_version > 0 ? ", joined" : "");
  return kExitOk;
}

}  // namespace

void RegisterMemberCommand(CLI::App& app, int* exit_code) {
  CLI::App* member = app.add_subcommand("member", "Manage the co-op's accounts");
  member->require_subcommand(1);
  auto args = std::make_shared<MemberAddArgs>();
  CLI::App* add = member->add_subcommand(
      "add",
      "Open an account (stewards can only be made this way). The password is read from\n"
      "$CHORUS_PASSWORD, else from the first line of stdin.");
  add->add_option("--db", args->db, "the co-op's database: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  add->add_option("--email", args->email, "the account's e-mail")->required();
  add->add_option("--role", args->role, "steward, buyer or member")
      ->check(CLI::IsMember({"steward", "buyer", "member"}))
      ->capture_default_str();
  add->add_flag("--join", args->join, "also accept the charter (not for buyers)");
  add->callback([args, exit_code] { *exit_code = RunMemberAdd(*args); });
}

}  // namespace chorus::cli
