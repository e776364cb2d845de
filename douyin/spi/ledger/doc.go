// Package ledger is the idempotency ledger of the Douyin SPI handler: it
// makes the integrator's callback run at most once per (operation,
// order_id), across retries, across the instances of a fleet and across
// restarts, when those instances share one Store.
//
// Douyin retries an SPI call that timed out and asks integrators to make
// order creation idempotent on order_id. A process-wide mutex over a map
// does that for one process only: two instances behind a load balancer, a
// restart, or a callback slower than Douyin's timeout book the room twice.
// The ledger keeps, per key, a record in a shared Store (MemoryStore in this
// package; Redis and PostgreSQL in the contrib/redisstore and
// contrib/sqlstore modules) and runs this state machine:
//
//   - First call: the key is free, the call claims it (a pending record with
//     a lease and a fence, see below), runs the callback and records its
//     reply, success or business error alike.
//   - Same key, same body (compared by SHA-256): the recorded reply is
//     replayed byte for byte, HTTP status included. The callback does not
//     run.
//   - Same key, different body: ErrConflict, logged; the callback does not
//     run.
//   - Same key while the first call still runs (on this or another
//     instance): the call waits up to a bound (WithWait), replays the reply
//     if it arrives, else returns ErrInProgress, which the SPI handler
//     answers with a code that makes Douyin retry.
//   - The callback returns an error (not a business reply) or panics while
//     its context is live: the key is released, so Douyin's retry runs the
//     callback again. Nothing was recorded.
//   - The callback ends because its context ended (Douyin hung up, the
//     per-call deadline passed, the process is shutting down) or reports an
//     unknown outcome (an error with an OutcomeUnknown() bool method that
//     returns true, such as a hotel-supply create that timed out): the key
//     is NOT released, since the downstream write may have happened. It
//     becomes abandoned at once.
//   - The instance died mid-callback: while a callback runs, its instance
//     renews the lease (every third of WithLease); once the lease runs out
//     unrenewed the record is abandoned.
//   - Abandoned: the next call for the key does not run the callback by
//     itself. It hands an Abandoned to the hook set with WithAbandonedHook,
//     which decides: ActionRerun (run the callback again, with the
//     Abandoned in its context, see AbandonedFrom, so it can reconcile with
//     the downstream system first), ActionRefuse (the default: answer a
//     business error, book nothing) or ActionHold (answer "in progress", so
//     Douyin retries later, e.g. while an operator looks).
//   - Records expire after the retention (WithRetention, default 7 days,
//     far beyond Douyin's retry horizon); after that, a call with the same
//     key is a first call again.
//
// # Guarantees
//
// At most once: for one key, the callback runs at most once, unless the
// abandoned hook answers ActionRerun. That holds across instances sharing a
// Store, across restarts (with a durable Store) and under concurrent
// redelivery, because claiming a key is one atomic operation of the Store.
//
// Not exactly once across a crash. If an instance dies after the callback's
// downstream write (the hotel-supply order exists) but before the reply was
// recorded, nothing in the ledger can know whether the write happened: the
// record only says "started, never finished". Exactly once needs the
// downstream system's cooperation: an idempotency key it honours, or a way
// to look the write up. The hotel-supply create has no idempotency key, so
// an integrator's ActionRerun must first reconcile (list the shop's orders
// and look for this order_id, e.g. stored in the order's remark) and only
// create when none is found. That is what the hook is for.
//
// Fencing: each claim of a key (first call, or a rerun after abandonment)
// gets a larger fence number. Completing or releasing a key requires the
// fence of the current claim, so a slow first holder whose key was taken
// over cannot overwrite the new holder's result (its Complete fails with
// ErrLeaseLost and the ledger keeps the record of the current holder).
//
// Fail closed: when the Store cannot be reached, Do returns a *StoreError
// and does not run the callback. If the Store fails after the callback ran
// (the reply cannot be recorded), the reply is still returned (the work is
// done), Result.Recorded is false, and the record stays pending, so a
// later retry becomes abandoned and goes to the hook, never to a silent
// second run.
//
// Replies are replayed byte for byte, so a replayed SPI reply carries the
// first call's extra.logid and extra.now.
package ledger
