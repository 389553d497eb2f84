#include "deps/zip_archive.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>

namespace aegis::deps {
namespace {

std::uint32_t u32(std::string_view s, std::size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t u16(std::string_view s, std::size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

bool inflate_raw(std::string_view in, std::size_t expected, std::string& out) {
  out.assign(expected, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  bool ok = rc == Z_STREAM_END && z.total_out == expected;
  inflateEnd(&z);
  return ok;
}

}  // namespace

bool for_each_zip_member(std::string_view zip,
                         const std::function<void(std::string_view, std::string_view)>& visit,
                         std::string* error) {
  auto fail = [&](std::string message) {
    if (error) *error = std::move(message);
    return false;
  };
  // The end-of-central-directory record: the last 22 bytes, or earlier when a comment follows.
  if (zip.size() < 22) return fail("not a zip archive (too short)");
  std::size_t end = std::string_view::npos;
  std::size_t lowest = zip.size() >= 22 + 65535 ? zip.size() - 22 - 65535 : 0;
  for (std::size_t at = zip.size() - 22 + 1; at-- > lowest;) {
    if (u32(zip, at) == 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) return fail("not a zip archive (no end of central directory)");
  std::size_t count = u16(zip, end + 10);
  std::size_t directory = u32(zip, end + 16);
  if (count == 0xFFFF || directory == 0xFFFFFFFF) return fail("ZIP64 archives are not supported");
  std::size_t at = directory;
  std::string inflated;
  for (std::size_t i = 0; i < count; ++i) {
    if (at + 46 > zip.size() || u32(zip, at) != 0x02014b50) {
      return fail("corrupt central directory at offset " + std::to_string(at));
    }
    std::uint16_t flags = u16(zip, at + 8);
    std::uint16_t method = u16(zip, at + 10);
    std::size_t compressed = u32(zip, at + 20);
    std::size_t size = u32(zip, at + 24);
    std::size_t name_length = u16(zip, at + 28);
    std::size_t extra_length = u16(zip, at + 30);
    std::size_t comment_length = u16(zip, at + 32);
    std::size_t local = u32(zip, at + 42);
    if (at + 46 + name_length > zip.size()) return fail("corrupt central directory entry");
    std::string_view name = zip.substr(at + 46, name_length);
    at += 46 + name_length + extra_length + comment_length;
    if (!name.empty() && name.back() == '/') continue;  // a directory
    if (flags & 1) return fail(std::string(name) + ": encrypted members are not supported");
    if (local + 30 > zip.size() || u32(zip, local) != 0x04034b50) {
      return fail(std::string(name) + ": corrupt local header");
    }
    std::size_t data = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
    if (data + compressed > zip.size()) return fail(std::string(name) + ": truncated member");
    std::string_view raw = zip.substr(data, compressed);
    if (method == 0) {
      visit(name, raw);
    } else if (method == 8) {
      if (!inflate_raw(raw, size, inflated)) return fail(std::string(name) + ": corrupt deflate data");
      visit(name, inflated);
    } else {
      return fail(std::string(name) + ": compression method " + std::to_string(method) + " is not supported");
    }
  }
  return true;
}

}  // namespace aegis::deps
