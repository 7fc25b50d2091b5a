#include "platform/async/worker_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace consilium::async {

WorkerPool::WorkerPool(int threads, int niceness) : keep_running_(boost::asio::make_work_guard(pool_)) {
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this, niceness] {
      // Per-thread on Linux; failing to change it is harmless.
      if (niceness != 0) static_cast<void>(::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), niceness));
      pool_.run();
    });
  }
}

WorkerPool::~WorkerPool() {
  keep_running_.reset();
  for (auto& thread : threads_) thread.join();
}

}  // namespace consilium::async
