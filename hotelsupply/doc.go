// Package hotelsupply is a client for the 芸众 (yunshop) shop's hotel-supply
// plugin: wholesale hotel room booking (批发订单).
//
// A Client talks to one shop (its api.php entry point and uniacid) as one
// member. It logs in with the member's mobile and password on the first call
// and keeps the PHP session in a cookie jar of its own. GoodsBuy prices a
// stay and returns a pre-order; CreateOrder creates the order from its
// pre_id; Book does both.
//
// Sessions: with WithCredentials the client logs in (route
// member.login.index) before its first call, and when the shop answers
// "please log in" (请登录: login_status 1 or 0, or result 41009) it logs in
// again once and repeats the call. That answer proves the shop did nothing,
// so even CreateOrder is repeated then, and only then. Without credentials,
// WithUUID pins an existing session.
//
// Raw calls a route the SDK does not model (RawRequest, RawResult) under the
// same session, route parameters, retries, envelope check and redaction.
//
// Array parameters (date_price, orders, member_coupon_ids, address) travel
// as JSON text in a single query or form field, prices as exact number
// literals. A night is a Date (a calendar day, no time of day); dates
// inside date_price are written dd/mm/yyyy, as the wiki shows;
// WithDateFormat(DateISO) writes yyyy-mm-dd as the shop's H5 front end does. The invoice's tax id is sent under the key the server reads,
// the misspelled ncompany_numberote.
//
// The shop is a PHP application and its JSON shows it: numbers arrive as
// strings and strings as numbers, empty objects as [], lists as objects
// keyed by index, bools as 1 or "1". The types of this package decode all of
// that into plain Go values (Int, String, Bool, Money, List, Map, …) and
// marshal back to the shop's own wire form, so they also serve a fake shop
// (package hotelsupplytest) or a proxy. Money is exact (Money wraps
// shopspring/decimal); nothing on a money path is a float64.
//
// Errors: *hotelsdk.ValidationError before anything is sent; *APIError when the shop
// answers result 0 (errors.Is with ErrNotLoggedIn, ErrBlacklisted,
// ErrUnknownShop, ErrSiteClosed, …); *hotelsdk.DecodeError when the answer is not the
// shop's JSON (an HTML page from a PHP fatal error); *hotelsdk.TransportError below
// HTTP. CreateOrder is not idempotent and is never repeated once it may have
// reached the shop; GoodsBuy is retried on transient failures.
//
// Request ids: the shop sends none (its envelope has no id and it sets no
// request-id header), so GoodsBuyResult, CreateOrderResult, BookResult and
// APIError have no RequestID field. When a gateway in front of the shop adds
// an X-Request-Id header, the client's log lines and hooks show it.
//
// Misuse: the methods of a nil or zero Client return an error; a nil
// context is context.Background(); a nil request is a *hotelsdk.ValidationError; an
// option given a nil argument makes NewClient fail.
package hotelsupply
