// The handler behind POST /api/v1/contributions: an upload handed to
// coop::Onboarding, its outcome turned into the HTTP answer.
//
// Contract: 201 with {accepted, verdict, plays_added, plays_total,
// quality_before, checks, passed, quality[, report]} when accepted; 422 with
// {error{code: "rejected"|"duplicate", message}, checks, passed, quality}
// when a check fails (nothing stored); 400/413 with the error JSON for bad
// input (not an export, over the ZIP limits); 500 only when the machine
// fails. The member's own report (docs/report-schema.md) is added when the
// upload was an export and the caller asked for it (?report=1); it is
// computed in memory for this answer and never stored.
#pragma once

#include "coop/onboarding.h"
#include "server/options.h"

namespace chorus::server {

ContributionHandler MakeContributionHandler(coop::Onboarding& onboarding);

}  // namespace chorus::server
