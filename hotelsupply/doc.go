// Package hotelsupply is a client for the 芸众 (yunshop) shop's hotel-supply
// plugin: wholesale hotel room booking (批发订单).
//
// A Client talks to one shop (its api.php entry point and uniacid) as one
// member. It logs in with the member's mobile and password on the first call
// and keeps the PHP session in a cookie jar of its own. GoodsBuy prices a
// stay and returns a pre-order; CreateOrder creates the order from its
// pre_id; Book does both.
//
// The shop is a PHP application and its JSON shows it: numbers arrive as
// strings and strings as numbers, empty objects as [], lists as objects
// keyed by index, bools as 1 or "1". The types of this package decode all of
// that into plain Go values (Int, String, Bool, Money, List, Map, …) and
// marshal back to the shop's own wire form, so they also serve a fake shop
// (package hotelsupplytest) or a proxy. Money is exact (Money wraps
// shopspring/decimal); nothing on a money path is a float64.
//
// Errors: *ValidationError before anything is sent; *APIError when the shop
// answers result 0 (errors.Is with ErrNotLoggedIn, ErrBlacklisted,
// ErrUnknownShop, ErrSiteClosed, …); *DecodeError when the answer is not the
// shop's JSON (an HTML page from a PHP fatal error); *TransportError below
// HTTP. CreateOrder is not idempotent and is never repeated once it may have
// reached the shop; GoodsBuy is retried on transient failures.
package hotelsupply
