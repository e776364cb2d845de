// Package transport is the small HTTP core shared by the douyin, hotelsupply
// and invoice packages.
//
// It wraps one resty v2 client per SDK client and adds what resty does not
// give safely on its own:
//
//   - per-attempt signing over the exact bytes sent (Request.Sign runs before
//     every attempt, so nonces and timestamps are fresh each time);
//   - a retry loop that knows whether an operation is idempotent: a
//     non-idempotent write is repeated only when the previous attempt provably
//     never left this process (the dial failed), never after it may have
//     reached the server;
//   - envelope decoding done by the caller's Decode function over a body read
//     with a size limit, so a PHP server that labels JSON as text/html, an HTML
//     error page or a truncated body all end in a typed error;
//   - typed errors that never carry secrets, tokens, signatures or personal
//     data in their strings;
//   - opt-in logging and hooks that only ever see redacted data.
//
// The public types it works with (errors, RetryPolicy, Hooks, CallOption) are
// declared in package hotelsdk; transport imports hotelsdk, never the reverse.
// A hotelsdk.CallOption writes into an internal/callopt.Settings, which Do
// reads.
//
// resty's own retry machinery is switched off (retry count 0): its default
// repeats POST on any transport error, and any retry condition replaces that
// default, which makes it easy to send a write twice. The loop in Do asks
// one function, shouldRetry (decide.go), whether a failed attempt is followed
// by another; it answers with a reason that goes into the attempt's log line
// and into hotelsdk.ResponseInfo.RetryReason. A retry it allows is then paid
// for from the client's retry budget (budget.go), or not made ("retry budget
// exhausted"). Whether a failed attempt's request may have been received is
// known per attempt from httptrace and the byte count of the connection
// (written.go); a context that ends during the backoff is reported by
// cancel.go.
package transport
