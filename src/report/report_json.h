// ReportJson: a Report as the JSON document of docs/report-schema.md.
//
// Contract: the output follows the schema of kSchemaVersion exactly; every
// std::nullopt becomes null; numbers are finite (minutes rounded to 0.01,
// shares to 0.0001). Deterministic: the same Report gives the same bytes.
#pragma once

#include <string>

#include "insights/report.h"

namespace chorus::report {

inline constexpr int kSchemaVersion = 1;

std::string ReportJson(const insights::Report& r, const std::string& generator,
                       bool pretty = false);

}  // namespace chorus::report
