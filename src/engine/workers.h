// Worker threads with a stack big enough for the recursive-descent parser.
#pragma once
#include <cstddef>
#include <functional>

namespace aegis::engine {

// The parser recurses once per nesting level; 64 MiB covers its depth limit with room.
inline constexpr std::size_t kWorkerStackBytes = std::size_t{64} << 20;

// `requested` threads, or all cores when it is 0 or negative.
int resolve_jobs(int requested);

// Runs body(worker_index) on `threads` threads (each with `stack_bytes` of
// stack) and waits for all of them. With one thread the body still runs on a
// fresh thread, so stack depth does not depend on -j. Falls back to fewer
// threads (at least the calling thread's own run) if threads cannot be created.
void run_workers(int threads, std::size_t stack_bytes, const std::function<void(int)>& body);

// Calls fn(i) for every i in [0, count) across `threads` workers; which worker
// handles which index varies, so fn must write results to slot i only.
void parallel_for(std::size_t count, int threads, std::size_t stack_bytes,
                  const std::function<void(std::size_t)>& fn);

}  // namespace aegis::engine
