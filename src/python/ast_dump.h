// The tree as text, exactly as CPython 3.12's ast.dump(tree, include_attributes=True)
// prints it: the format of `aegis debug ast` and of the differential tests.
#pragma once
#include <string>

#include "python/ast.h"

namespace aegis::py {

struct DumpOptions {
  bool include_attributes = true;
};

class AstDumper {
 public:
  explicit AstDumper(DumpOptions options) : options_(options) {}
  std::string dump(const Node* root) {
    out_.clear();
    dump_node_or_none(root);
    return std::move(out_);
  }

 private:
  void dump_node(const Node* n);  // generated, ast_dump_gen.cpp
  void dump_node_or_none(const Node* n) {
    if (n) dump_node(n); else out_ += "None";
  }
  template <typename T>
  void node_list(const Span<T*>& items) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ", ";
      dump_node_or_none(items[i]);
    }
    out_ += ']';
  }
  template <typename E>
  void operator_list(const Span<E>& items) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out_ += ", ";
      out_ += to_string(items[i]);
      out_ += "()";
    }
    out_ += ']';
  }
  void field(bool& first, const char* name) {
    if (!first) out_ += ", ";
    first = false;
    out_ += name;
    out_ += '=';
  }
  void identifier(std::string_view s);
  void identifier_list(const Span<std::string_view>& items);
  void constant(const ConstantValue& v);
  void attributes(bool& first, const Node* n);

  DumpOptions options_;
  std::string out_;
};

inline std::string dump(const Node* root, DumpOptions options = {}) {
  return AstDumper(options).dump(root);
}

}  // namespace aegis::py
