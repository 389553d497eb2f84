#include "semantic/builtins.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace aegis::sem {

namespace {
// Sorted for binary search; CPython 3.12 plus names later versions added.
constexpr std::string_view kBuiltins[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
    "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError",
    "Exception", "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError",
    "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError",
    "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError",
    "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError",
    "NameError", "None", "NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError",
    "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
    "PythonFinalizationError", "RecursionError", "ReferenceError", "ResourceWarning",
    "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError",
    "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "True", "TypeError",
    "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
    "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning",
    "ZeroDivisionError", "__build_class__", "__debug__", "__import__", "abs", "aiter", "all",
    "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
    "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir",
    "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset",
    "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
    "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
    "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr",
    "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum",
    "super", "tuple", "type", "vars", "zip",
};

constexpr std::size_t kBuiltinCount = std::size(kBuiltins);

// The names by first byte: kBuiltins[first[c] .. first[c + 1]) start with byte c (the array
// is sorted). Resolution asks about every unbound name; a binary search over all of them
// cost eight string compares.
struct ByFirstByte {
  std::uint8_t first[257];
  constexpr ByFirstByte() : first{} {
    std::size_t i = 0;
    for (std::size_t c = 0; c < 256; ++c) {
      first[c] = static_cast<std::uint8_t>(i);
      while (i < kBuiltinCount && static_cast<unsigned char>(kBuiltins[i][0]) == c) ++i;
    }
    first[256] = static_cast<std::uint8_t>(i);
  }
};
constexpr ByFirstByte kByFirstByte;
static_assert(kBuiltinCount < 256);

}  // namespace

int builtin_index(std::string_view name) {
  if (name.empty()) return -1;
  auto c = static_cast<unsigned char>(name[0]);
  for (std::size_t i = kByFirstByte.first[c]; i < kByFirstByte.first[c + 1]; ++i) {
    if (kBuiltins[i] == name) return static_cast<int>(i);
  }
  return -1;
}

bool is_builtin_name(std::string_view name) { return builtin_index(name) >= 0; }

std::size_t builtin_count() { return kBuiltinCount; }

std::string_view builtin_name(std::size_t index) { return kBuiltins[index]; }

}  // namespace aegis::sem
