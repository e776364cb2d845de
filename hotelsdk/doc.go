// Package hotelsdk is the vocabulary shared by the SDK's platform packages
// (douyin, hotelsupply and invoice): the errors every call can return, the
// retry policy, the observation hooks, per-call options, the SDK version and
// the tuned default HTTP transport.
//
// A program imports it beside the platform package it uses:
//
//	var te *hotelsdk.TransportError
//	if errors.As(err, &te) && te.MaybeSent { ... }
//
//	client, err := douyin.NewClient(douyin.WithClientCredentials(key, secret),
//		douyin.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 2}))
//	res, err := client.UpdateOrderStatus(ctx, req, hotelsdk.WithHeader("X-Trace", id))
//
// # Errors
//
// Every call returns nil or one of:
//   - *ValidationError: the request was refused before anything was sent
//     (errors.Is(err, ErrInvalidRequest) is true);
//   - *TransportError: the attempt failed below HTTP (dial, connection, TLS,
//     timeout, cancelled context); MaybeSent says whether the request may have
//     reached the server;
//   - *DecodeError: the answer was not the platform's documented JSON (an HTML
//     error page, a truncated body);
//   - the platform package's own *APIError: the platform answered and refused.
//
// No error string ever contains a secret, token, signature, phone number or
// guest name.
//
// # Retries
//
// RetryPolicy bounds attempts and backoff. Whatever the policy, a write that
// is not idempotent (an order create, an invoice submit, a Douyin SyncOrder)
// is never sent twice: it is attempted again only when the previous attempt
// provably never left this process.
//
// # Observation
//
// Hooks receive every call and attempt with secrets and personal data
// masked, so they can log, count or trace freely.
//
// # Versions
//
// Version is the module's version; every client sends it in its User-Agent
// ("hotelsdk-go/VERSION (platform)") and CHANGELOG.md's newest versioned
// entry names it. The README's "Compatibility" section states what may change
// between versions.
package hotelsdk
