#pragma once
// The sealer: every second, appends each clinic's new audit records to its
// hash chain (audit_seals). It runs beside the request path, so a request
// never waits for the chain; one sealer at a time per clinic (an advisory
// lock), so several servers can share a database.
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>

namespace consilium::audit {

inline constexpr std::chrono::milliseconds kSealInterval{1000};

// Seals everything pending in every clinic; returns how many records.
boost::asio::awaitable<Result<long>> SealPending();

// Runs SealPending every kSealInterval on `io` (its thread's database pool)
// until the io_context stops.
void StartSealer(boost::asio::io_context& io);

}  // namespace consilium::audit
