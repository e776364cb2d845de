// Package hotelsdkotel traces and measures the SDK with OpenTelemetry.
//
// It lives in its own Go module (github.com/hotelsdk/hotelsdk-go/contrib/otel)
// so that programs which do not use OpenTelemetry do not pull it in, as
// go-github keeps its otel/ module beside the library.
//
// Everything is built on hotelsdk.Hooks, so it sees exactly what the hooks
// see: values already redacted by the SDK. No secret, token, signature,
// phone number or guest name reaches a span or a metric; as a second line
// of defence, event attributes whose name suggests one (secret, token,
// sign, phone, name, …) are dropped.
//
// # Spans
//
// For a client call (douyin, hotelsupply, invoice):
//   - one INTERNAL span per call, named "<platform> <operation>" (e.g.
//     "douyin order.sync"), with hotelsdk.platform, hotelsdk.operation,
//     hotelsdk.idempotent, and at the end hotelsdk.attempts,
//     hotelsdk.request_id, hotelsdk.outcome, hotelsdk.outcome_unknown and,
//     on failure, error.type, an exception event and status Error;
//   - one CLIENT span per HTTP attempt under it, named "<platform>
//     <operation> attempt", with hotelsdk.attempt, http.request.method,
//     url.path, url.query (redacted), http.response.status_code,
//     hotelsdk.request_id, hotelsdk.will_retry, hotelsdk.retry_reason,
//     hotelsdk.maybe_sent and hotelsdk.outcome.
//
// A call the SDK makes on its own during another (the Douyin access-token
// fetch) is a call span under it. An HTTP client instrumentation (otelhttp)
// wrapped around the SDK's transport nests its spans under the attempt span.
//
// For the SPI server, Middleware opens one SERVER span per request Douyin
// sends, renamed "douyin.spi <operation>" once the handler reports its
// verdict. The SPI handler's verdicts and idempotency-ledger hits, and
// douyin's token refreshes, reported through Hooks.OnEvent, become span
// events and metrics.
//
// # Metrics
//
//	hotelsdk.client.attempts         counter    HTTP attempts, by platform, operation, outcome
//	hotelsdk.client.retries          counter    failed attempts followed by another, same labels
//	hotelsdk.client.attempt.duration histogram  seconds per attempt, same labels
//	hotelsdk.client.call.duration    histogram  seconds per call, backoff included, by platform, operation, outcome
//	hotelsdk.token.refreshes         counter    Douyin access-token fetches, by outcome
//	hotelsdk.spi.verdicts            counter    SPI requests by operation, verdict, reason
//	hotelsdk.spi.ledger.hits         counter    idempotency-ledger lookups, by operation and state
//	hotelsdk.spi.server.duration     histogram  seconds per SPI request, by operation, verdict, status code
//
// hotelsdk.verdict is the SPI handler's: "accepted", "rejected", or
// "accepted_unverified" for a request that failed a signature check and
// was served anyway (spi.WithSignatureReportOnly; its hotelsdk.reason is
// the check, e.g. invalid_signature). See spi.WithHooks for the reasons.
//
// hotelsdk.outcome is "ok", "4xx", "5xx", "transport", "decode", "api",
// "validation", "timeout", "canceled", or for a call "outcome_unknown"
// (a non-idempotent write that may have taken effect). Labels never carry
// ids, so their cardinality stays bounded.
//
// # Use
//
//	inst, err := hotelsdkotel.New() // global providers, or WithTracerProvider/WithMeterProvider
//	client, err := invoice.NewClient(..., invoice.WithHooks(inst.Hooks()))
//	handler, err := spi.NewHandler(svc, spi.WithCredentials(key, secret), spi.WithHooks(inst.Hooks()))
//	http.Handle("/douyin/", inst.Middleware(handler))
//
// To keep hooks of your own, chain them: inst.Wrap(yourHooks).
package hotelsdkotel
