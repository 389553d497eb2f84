// HTTP client entry points shared by NET005 (verify=False) and NET009 (timeouts).
#pragma once
#include <string>
#include <string_view>

#include "rules/crypto/common.h"

namespace aegis::rules::cryptonet {

inline bool is_http_verb(std::string_view m) {
  return m == "get" || m == "post" || m == "put" || m == "patch" || m == "delete" || m == "head" ||
         m == "options" || m == "request";
}

enum class HttpLib { None, Requests, Httpx, HttpxClientCtor, Aiohttp };

// Classifies a resolved callee: requests.get, requests.api.get, requests.Session.get,
// requests.sessions.Session.get; httpx.get/stream, httpx.Client.get, httpx.AsyncClient.get;
// httpx.Client()/AsyncClient() themselves; aiohttp.ClientSession.get and aiohttp.request.
inline HttpLib classify_http_call(std::string_view fn) {
  auto last_dot = fn.rfind('.');
  if (last_dot == std::string_view::npos) return HttpLib::None;
  std::string_view owner = fn.substr(0, last_dot), m = fn.substr(last_dot + 1);
  if (owner == "requests" || owner == "requests.api" || owner == "requests.Session" ||
      owner == "requests.sessions.Session" || owner == "requests.session")
    return is_http_verb(m) ? HttpLib::Requests : HttpLib::None;
  if (fn == "httpx.Client" || fn == "httpx.AsyncClient") return HttpLib::HttpxClientCtor;
  if (owner == "httpx" || owner == "httpx.Client" || owner == "httpx.AsyncClient")
    return is_http_verb(m) || m == "stream" ? HttpLib::Httpx : HttpLib::None;
  if (owner == "aiohttp.ClientSession" || owner == "aiohttp.client.ClientSession")
    return is_http_verb(m) || m == "ws_connect" ? HttpLib::Aiohttp : HttpLib::None;
  if (fn == "aiohttp.request") return HttpLib::Aiohttp;
  return HttpLib::None;
}

}  // namespace aegis::rules::cryptonet
