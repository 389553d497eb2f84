// What a set_cookie() call says of a flag (secure, httponly), with the values the data-flow
// engine folded: set true, set false, not given, or not known.
#pragma once
#include "dataflow/engine.h"

namespace aegis::rules {

enum class CookieFlag { True, False, Absent, Unknown };

// `position` is the flag's positional index in Werkzeug's, Django's and Starlette's
// set_cookie(key, value, max_age, expires, path, domain, secure, httponly, samesite).
inline CookieFlag cookie_flag(const dataflow::CallObservation& o, std::string_view keyword, std::size_t position) {
  std::size_t positional = 0;
  for (const auto& a : o.args) {
    bool match = a.keyword.empty() ? positional++ == position : a.keyword == keyword;
    if (!match) continue;
    if (!a.known) return CookieFlag::Unknown;
    return (a.text == "True" || a.text == "1") ? CookieFlag::True
           : (a.text == "False" || a.text == "0" || a.text == "None" || a.text.empty()) ? CookieFlag::False
                                                                                         : CookieFlag::True;
  }
  return CookieFlag::Absent;
}

// The cookie's name when it is a constant, for messages.
inline std::string cookie_name(const dataflow::CallObservation& o) {
  for (const auto& a : o.args) {
    if ((a.keyword.empty() || a.keyword == "key") && a.known) return "'" + a.text + "'";
    if (a.keyword.empty()) break;
  }
  return "a cookie";
}

}  // namespace aegis::rules
