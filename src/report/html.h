// ReportHtml: the single self-contained report.html.
//
// Contract: the page is the web/ front end's bundled CSS and JS (embedded
// in the binary at build time, see cmake/EmbedWebAssets.cmake) with the
// report JSON inlined in <script id="chorus-report" type="application/json">.
// Every "<" of the JSON is written as \u003c, so no string in the data can
// close the script element. The page makes no network request.
#pragma once

#include <string>
#include <string_view>

namespace chorus::report {

std::string ReportHtml(std::string_view report_json);

// The embedded front end (generated at build time).
std::string_view WebReportJs();
std::string_view WebReportCss();

}  // namespace chorus::report
