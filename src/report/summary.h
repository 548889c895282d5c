// ReportSummary: the terminal summary `chorus report` prints without -o.
//
// Contract: plain text, at most about 40 lines, figures taken from the
// Report unchanged (rounded for reading); unknown figures print as "—".
#pragma once

#include <string>

#include "insights/report.h"

namespace chorus::report {

std::string ReportSummary(const insights::Report& r);

}  // namespace chorus::report
