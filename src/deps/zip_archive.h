// Reading the members of a zip archive (stored or deflated, as OSV exports are), with
// zlib. Enough for `aegis db import all.zip`; not ZIP64, not encrypted.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace aegis::deps {

// Calls `visit(name, contents)` for every file member, in archive order. Returns false
// and fills `error` (with the member name or offset) when the archive is unreadable;
// members visited before the error stay visited.
bool for_each_zip_member(std::string_view archive,
                         const std::function<void(std::string_view name, std::string_view contents)>& visit,
                         std::string* error);

}  // namespace aegis::deps
