#include "coop/charter.h"

namespace chorus::coop {

std::string_view CharterText() {
  return R"(chorus co-op charter, version 1

1. Ownership. The co-op belongs to its members. Each member owns their own listening data; the co-op holds only the minimised contribution a member chooses to give, never a raw export.

2. Consent. A member decides, per scope (artist-signals, listening-patterns, transitions, dj-sets, ai-training), what their contribution may be used for, and may revoke any scope at any time. A revocation excludes the member from every release built after it.

3. Votes. Every offer to license a dataset is put to the members who hold the consent it needs. One member, one vote. An offer passes only with a quorum of half the eligible members and two thirds of the votes cast, within a voting period of 14 days.

4. Privacy. Nothing per member ever leaves the co-op. Releases are differentially private aggregates within each member's privacy budget, and every release is recorded in the public log.

5. Money. Payments are shared among the members included in a release, one equal share each, after an operator fee of 10 %. Balances under 10.00 in the co-op's currency carry forward. Every payment and payout is recorded in the public log.

6. Leaving. A member may leave at any time; leaving erases their account and contribution. Money records stay under the member's pseudonym.

7. Stewards. Stewards run the co-op on the members' behalf: they publish offers, record payments and pay out. They never see members' e-mail addresses in the member list, and they cannot vote on a member's behalf.
)";
}

}  // namespace chorus::coop
