#include "deps/advisory_db.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "core/embedded_data.h"
#include "deps/zip_archive.h"

namespace aegis::deps {
namespace {

// Index file layout (little-endian):
//   "AEGISADV" u32 format  u32 packages  u32 advisories
//   packages x { u32 name_offset  u32 name_length  u32 block_offset  u32 block_length }
//   data: names and blocks; offsets are from the start of the file.
// A block: u32 count, then per advisory: str id, strs aliases, str summary, str published,
// str modified, u32 ranges x (u32 events x (u8 kind, str version)), strs versions.
constexpr char kMagic[8] = {'A', 'E', 'G', 'I', 'S', 'A', 'D', 'V'};
constexpr std::uint32_t kFormat = 1;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}
void put_strs(std::string& out, const std::vector<std::string>& v) {
  put_u32(out, static_cast<std::uint32_t>(v.size()));
  for (const auto& s : v) put_str(out, s);
}

struct Reader {
  std::string_view data;
  std::size_t at = 0;
  bool ok = true;
  std::uint32_t u32() {
    if (at + 4 > data.size()) {
      ok = false;
      return 0;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(data.data() + at);
    at += 4;
    return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  }
  std::uint8_t u8() {
    if (at + 1 > data.size()) {
      ok = false;
      return 0;
    }
    return static_cast<std::uint8_t>(data[at++]);
  }
  std::string str() {
    std::uint32_t n = u32();
    if (!ok || at + n > data.size()) {
      ok = false;
      return {};
    }
    std::string s(data.substr(at, n));
    at += n;
    return s;
  }
  std::vector<std::string> strs() {
    std::uint32_t n = u32();
    std::vector<std::string> v;
    for (std::uint32_t i = 0; ok && i < n; ++i) v.push_back(str());
    return v;
  }
};

std::string encode_block(const std::vector<Advisory>& advisories) {
  std::string out;
  put_u32(out, static_cast<std::uint32_t>(advisories.size()));
  for (const Advisory& a : advisories) {
    put_str(out, a.id);
    put_strs(out, a.aliases);
    put_str(out, a.summary);
    put_str(out, a.published);
    put_str(out, a.modified);
    const OsvAffected& affected = a.affected.front();
    put_u32(out, static_cast<std::uint32_t>(affected.ranges.size()));
    for (const OsvRange& r : affected.ranges) {
      put_u32(out, static_cast<std::uint32_t>(r.events.size()));
      for (const OsvEvent& e : r.events) {
        out.push_back(static_cast<char>(e.kind));
        put_str(out, e.version);
      }
    }
    put_strs(out, affected.versions);
  }
  return out;
}

bool decode_block(std::string_view block, const std::string& package, std::vector<Advisory>& out) {
  Reader r{block};
  std::uint32_t count = r.u32();
  for (std::uint32_t i = 0; r.ok && i < count; ++i) {
    Advisory a;
    a.id = r.str();
    a.aliases = r.strs();
    a.summary = r.str();
    a.published = r.str();
    a.modified = r.str();
    OsvAffected affected;
    affected.package = package;
    std::uint32_t ranges = r.u32();
    for (std::uint32_t j = 0; r.ok && j < ranges; ++j) {
      OsvRange range;
      std::uint32_t events = r.u32();
      for (std::uint32_t k = 0; r.ok && k < events; ++k) {
        std::uint8_t kind = r.u8();
        if (kind > static_cast<std::uint8_t>(OsvEvent::Kind::Limit)) r.ok = false;
        range.events.push_back(make_event(static_cast<OsvEvent::Kind>(kind), r.str()));
      }
      affected.ranges.push_back(std::move(range));
    }
    affected.versions = r.strs();
    parse_listed_versions(affected);
    a.affected.push_back(std::move(affected));
    if (r.ok) out.push_back(std::move(a));
  }
  return r.ok;
}

// Replaces or inserts by id, keeping the list sorted by id.
void upsert(std::vector<Advisory>& list, Advisory advisory, bool* replaced) {
  auto it = std::lower_bound(list.begin(), list.end(), advisory.id,
                             [](const Advisory& a, const std::string& id) { return a.id < id; });
  if (it != list.end() && it->id == advisory.id) {
    *it = std::move(advisory);
    if (replaced) *replaced = true;
    return;
  }
  list.insert(it, std::move(advisory));
}

bool read_file(const std::filesystem::path& path, std::string& out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot open " + path.string() + ": " + std::strerror(errno);
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    if (error) *error = "cannot read " + path.string();
    return false;
  }
  return true;
}

bool is_advisory_name(std::string_view name) {
  auto ends = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  return ends(".json") || ends(".yaml") || ends(".yml");
}

}  // namespace

struct AdvisoryDb::Index {
  std::string path;
  std::string bytes;
  struct Entry {
    std::string_view name;
    std::string_view block;
  };
  std::vector<Entry> packages;  // sorted by name
  std::uint32_t advisories = 0;
};

AdvisoryDb::AdvisoryDb() = default;
AdvisoryDb::~AdvisoryDb() = default;
AdvisoryDb::AdvisoryDb(AdvisoryDb&&) noexcept = default;
AdvisoryDb& AdvisoryDb::operator=(AdvisoryDb&&) noexcept = default;

AdvisoryDb AdvisoryDb::builtin() {
  AdvisoryDb db;
  std::size_t before = 0;
  for (const data::EmbeddedFile& file : data::embedded_files()) {
    if (file.name.rfind("advisories/", 0) != 0) continue;
    std::string error;
    db.add(parse_osv_array(file.bytes, &error));
  }
  for (const auto& [name, list] : db.added_) before += list.size();
  db.sources_.clear();
  db.sources_.push_back("built-in (" + std::to_string(before) + " advisories)");
  return db;
}

void AdvisoryDb::add(std::vector<Advisory> advisories, ImportStats* stats, std::string source) {
  for (Advisory& a : advisories) {
    if (!a.withdrawn.empty()) {
      if (stats) ++stats->withdrawn;
      continue;
    }
    if (a.affected.empty()) {
      if (stats) ++stats->not_pypi;
      continue;
    }
    if (stats) ++stats->advisories;
    // One copy per package, each with that package's statements only.
    std::map<std::string, OsvAffected> by_package;
    for (OsvAffected& affected : a.affected) {
      OsvAffected& into = by_package[affected.package];
      into.package = affected.package;
      for (auto& r : affected.ranges) into.ranges.push_back(std::move(r));
      for (auto& v : affected.versions) into.versions.push_back(std::move(v));
    }
    bool replaced = false;
    for (auto& [package, affected] : by_package) {
      parse_listed_versions(affected);
      Advisory copy;
      copy.id = a.id;
      copy.aliases = a.aliases;
      copy.summary = a.summary;
      copy.published = a.published;
      copy.modified = a.modified;
      copy.affected.push_back(std::move(affected));
      upsert(added_[package], std::move(copy), &replaced);
      merged_.erase(package);
    }
    if (stats && replaced) ++stats->duplicates;
  }
  if (stats) stats->packages = added_.size();
  if (!source.empty()) sources_.push_back(std::move(source));
}

bool AdvisoryDb::attach(const std::string& path, std::string* error) {
  auto index = std::make_unique<Index>();
  index->path = path;
  if (!read_file(path, index->bytes, error)) return false;
  Reader r{index->bytes};
  auto bad = [&](const std::string& why) {
    if (error) *error = path + ": not an Aegis advisory index (" + why + "); rebuild it with `aegis db import`";
    return false;
  };
  if (index->bytes.size() < 20 || std::memcmp(index->bytes.data(), kMagic, 8) != 0) return bad("bad header");
  r.at = 8;
  std::uint32_t format = r.u32();
  if (format != kFormat) return bad("format " + std::to_string(format) + ", expected " + std::to_string(kFormat));
  std::uint32_t packages = r.u32();
  index->advisories = r.u32();
  std::string_view all = index->bytes;
  for (std::uint32_t i = 0; r.ok && i < packages; ++i) {
    std::uint32_t name_offset = r.u32(), name_length = r.u32(), block_offset = r.u32(), block_length = r.u32();
    if (!r.ok || std::size_t{name_offset} + name_length > all.size() ||
        std::size_t{block_offset} + block_length > all.size()) {
      return bad("package table points outside the file");
    }
    index->packages.push_back({all.substr(name_offset, name_length), all.substr(block_offset, block_length)});
  }
  if (!r.ok) return bad("truncated package table");
  if (!std::is_sorted(index->packages.begin(), index->packages.end(),
                      [](const Index::Entry& a, const Index::Entry& b) { return a.name < b.name; })) {
    return bad("package table not sorted");
  }
  sources_.push_back(path + " (" + std::to_string(index->advisories) + " advisories)");
  indexes_.push_back(std::move(index));
  merged_.clear();
  return true;
}

const std::vector<Advisory>& AdvisoryDb::for_package(std::string_view name) const {
  auto cached = merged_.find(name);
  if (cached != merged_.end()) return cached->second;
  std::vector<Advisory> list;
  // Built-in and added advisories first, then indexes in attach order: later ones win.
  if (auto it = added_.find(name); it != added_.end()) list = it->second;
  for (const auto& index : indexes_) {
    auto it = std::lower_bound(index->packages.begin(), index->packages.end(), name,
                               [](const Index::Entry& e, std::string_view n) { return e.name < n; });
    if (it == index->packages.end() || it->name != name) continue;
    std::vector<Advisory> decoded;
    decode_block(it->block, std::string(name), decoded);  // a corrupt tail drops only itself
    for (Advisory& a : decoded) upsert(list, std::move(a), nullptr);
  }
  return merged_.emplace(std::string(name), std::move(list)).first->second;
}

std::vector<std::string> AdvisoryDb::packages() const {
  std::set<std::string> names;
  for (const auto& [name, list] : added_) names.insert(name);
  for (const auto& index : indexes_) {
    for (const auto& e : index->packages) names.emplace(e.name);
  }
  return {names.begin(), names.end()};
}

std::size_t AdvisoryDb::advisory_count() const {
  std::size_t n = 0;
  for (const std::string& name : packages()) n += for_package(name).size();
  return n;
}

bool AdvisoryDb::write_index(const std::string& path, std::string* error) const {
  std::vector<std::string> names = packages();
  std::vector<std::string> blocks;
  std::uint32_t total = 0;
  for (const std::string& name : names) {
    const auto& list = for_package(name);
    total += static_cast<std::uint32_t>(list.size());
    blocks.push_back(encode_block(list));
  }
  std::string out(kMagic, 8);
  put_u32(out, kFormat);
  put_u32(out, static_cast<std::uint32_t>(names.size()));
  put_u32(out, total);
  std::size_t data = out.size() + names.size() * 16;
  std::string body;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::size_t name_offset = data + body.size();
    body += names[i];
    std::size_t block_offset = data + body.size();
    body += blocks[i];
    if (block_offset + blocks[i].size() > 0xFFFFFFFFu) {
      if (error) *error = "advisory index larger than 4 GiB";
      return false;
    }
    put_u32(out, static_cast<std::uint32_t>(name_offset));
    put_u32(out, static_cast<std::uint32_t>(names[i].size()));
    put_u32(out, static_cast<std::uint32_t>(block_offset));
    put_u32(out, static_cast<std::uint32_t>(blocks[i].size()));
  }
  out += body;
  std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  // Written beside the target and renamed: a scan never sees half an index.
  std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file || !file.write(out.data(), static_cast<std::streamsize>(out.size()))) {
      if (error) *error = "cannot write " + temporary + ": " + std::strerror(errno);
      return false;
    }
  }
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    if (error) *error = "cannot rename " + temporary + " to " + path + ": " + ec.message();
    return false;
  }
  return true;
}

std::vector<Advisory> read_osv_source(const std::string& path, ImportStats& stats) {
  std::vector<Advisory> out;
  auto take = [&](const std::string& name, std::string_view text) {
    ++stats.files;
    std::string error;
    if (auto a = parse_osv(text, &error)) {
      out.push_back(std::move(*a));
    } else {
      stats.errors.push_back(name + ": " + error);
    }
  };
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    stats.errors.push_back(path + ": no such file or directory");
    return out;
  }
  if (std::filesystem::is_directory(status)) {
    std::vector<std::filesystem::path> files;
    for (auto it = std::filesystem::recursive_directory_iterator(
             path, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && is_advisory_name(it->path().filename().string())) files.push_back(it->path());
    }
    if (ec) stats.errors.push_back(path + ": " + ec.message());
    std::sort(files.begin(), files.end());  // the same input gives the same index
    std::string text, error;
    for (const auto& file : files) {
      if (!read_file(file, text, &error)) {
        stats.errors.push_back(error);
        continue;
      }
      take(file.string(), text);
    }
    return out;
  }
  std::string bytes, error;
  if (!read_file(path, bytes, &error)) {
    stats.errors.push_back(error);
    return out;
  }
  if (bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04") == 0) {
    bool ok = for_each_zip_member(bytes, [&](std::string_view name, std::string_view contents) {
      if (is_advisory_name(name)) take(path + ":" + std::string(name), contents);
    }, &error);
    if (!ok) stats.errors.push_back(path + ": " + error);
    return out;
  }
  std::size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && bytes[first] == '[') {
    ++stats.files;
    std::string why;
    auto list = parse_osv_array(bytes, &why);
    if (!why.empty()) stats.errors.push_back(path + ": " + why);
    for (auto& a : list) out.push_back(std::move(a));
    return out;
  }
  take(path, bytes);
  return out;
}

std::string default_index_path() {
  if (const char* explicit_path = std::getenv("AEGIS_ADVISORY_DB"); explicit_path && *explicit_path) {
    return explicit_path;
  }
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache) {
    return std::string(cache) + "/aegis/advisories.idx";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.cache/aegis/advisories.idx";
  }
  return ".aegis-advisories.idx";
}

}  // namespace aegis::deps
