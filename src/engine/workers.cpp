#include "engine/workers.h"

#include <pthread.h>

#include <atomic>
#include <thread>
#include <vector>

namespace aegis::engine {
namespace {

struct WorkerStart {
  const std::function<void(int)>* body;
  int index;
};

void* worker_main(void* arg) {
  auto* start = static_cast<WorkerStart*>(arg);
  (*start->body)(start->index);
  return nullptr;
}

}  // namespace

int resolve_jobs(int requested) {
  if (requested > 0) return requested;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

void run_workers(int threads, std::size_t stack_bytes, const std::function<void(int)>& body) {
  if (threads < 1) threads = 1;
  std::vector<WorkerStart> starts(threads);
  std::vector<pthread_t> ids;
  ids.reserve(threads);
  pthread_attr_t attr;
  bool have_attr = pthread_attr_init(&attr) == 0;
  if (have_attr) pthread_attr_setstacksize(&attr, stack_bytes);
  for (int i = 0; i < threads; ++i) {
    starts[i] = WorkerStart{&body, i};
    pthread_t id;
    if (pthread_create(&id, have_attr ? &attr : nullptr, worker_main, &starts[i]) != 0) break;
    ids.push_back(id);
  }
  if (have_attr) pthread_attr_destroy(&attr);
  if (ids.empty()) {
    // No thread could be created: do the work here rather than lose it.
    body(0);
    return;
  }
  for (pthread_t id : ids) pthread_join(id, nullptr);
}

void parallel_for(std::size_t count, int threads, std::size_t stack_bytes,
                  const std::function<void(std::size_t)>& fn) {
  if (count == 0) return;
  if (static_cast<std::size_t>(threads) > count) threads = static_cast<int>(count);
  std::atomic<std::size_t> next{0};
  run_workers(threads, stack_bytes, [&](int) {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) fn(i);
  });
}

}  // namespace aegis::engine
