#include "report/html.h"

namespace chorus::report {

std::string ReportHtml(std::string_view json) {
  std::string_view css = WebReportCss(), js = WebReportJs();
  std::string out;
  out.reserve(json.size() + css.size() + js.size() + 512);
  out +=
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>chorus — listening report</title><style>";
  out += css;
  out +=
      "</style></head>\n<body><div id=\"app\"></div>\n"
      "<script id=\"chorus-report\" type=\"application/json\">";
  for (char ch : json) {
    if (ch == '<') {
      out += "\\u003c";
    } else {
      out += ch;
    }
  }
  out += "</script>\n<script type=\"module\">";
  out += js;
  out += "</script></body></html>\n";
  return out;
}

}  // namespace chorus::report
