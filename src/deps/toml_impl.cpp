// toml++'s implementation, compiled once here; every other unit includes its declarations
// only (TOML_HEADER_ONLY=0, set for the whole library in CMakeLists.txt).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
