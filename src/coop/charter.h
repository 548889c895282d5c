// The co-op's charter: the text a member accepts when joining.
//
// Contract: kCharterVersion is the version members accept today (stored by
// Store::AcceptCharter); CharterText() is its text, plain UTF-8 with
// paragraphs separated by blank lines. A change to the text is a new
// version: members who accepted an older one are asked again.
#pragma once

#include <string_view>

namespace chorus::coop {

inline constexpr int kCharterVersion = 1;
std::string_view CharterText();

}  // namespace chorus::coop
