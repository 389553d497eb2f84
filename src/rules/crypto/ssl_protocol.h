// Insecure SSL/TLS protocol constants shared by CRY007 and CRY008.
#pragma once
#include "rules/crypto/common.h"

namespace aegis::rules::cryptonet {

inline const sem::QualifiedNameSet& bad_protocols() {
  static const sem::QualifiedNameSet set{
      "ssl.PROTOCOL_SSLv2",        "ssl.PROTOCOL_SSLv3",      "ssl.PROTOCOL_TLSv1",
      "ssl.PROTOCOL_TLSv1_1",      "OpenSSL.SSL.SSLv2_METHOD", "OpenSSL.SSL.SSLv3_METHOD",
      "OpenSSL.SSL.TLSv1_METHOD",  "OpenSSL.SSL.TLSv1_1_METHOD",
  };
  return set;
}

inline const sem::QualifiedNameSet& bad_tls_versions() {
  static const sem::QualifiedNameSet set{"ssl.TLSVersion.SSLv3", "ssl.TLSVersion.TLSv1",
                                         "ssl.TLSVersion.TLSv1_1"};
  return set;
}

}  // namespace aegis::rules::cryptonet
