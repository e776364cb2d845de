// Package invoice is a client for the 开票助手 (invoice assistant) open API:
// submitting orders for invoicing (order/add) and reading a submitted batch
// back (order/get).
//
// Every request is a signed JSON POST. The authentication parameters (appId,
// the caller's identity, nonceStr, timestamp, signType, sign) travel in the
// same JSON body as the business fields and are rebuilt for every attempt,
// so each attempt carries a fresh nonce, a fresh timestamp and its own
// signature. The app secret only ever enters the signature: it is never sent,
// logged or put in an error.
//
// Money is exact end to end: amounts are Amount values (a decimal, never a
// float64) written on the wire as JSON numbers such as 24.8 and 30, and read
// exactly from JSON numbers or numeric strings. Unit prices and quantities
// may carry more than two decimals; totals (orderPrice, totalPrice) are whole
// fen, and a line's total is unitPrice × quantity rounded half up to fen.
//
// Requests are checked before anything is sent; every problem is reported at
// once in a *hotelsdk.ValidationError whose field paths use the wire names, e.g.
// "orderList[0].items[1].totalPrice".
//
// order/add is not idempotent: the platform stores a new record each time
// the same order is submitted. The client therefore never repeats it once
// the request may have reached the server; see Client.AddOrders for what to
// do after such an ambiguous failure. order/get is safe to retry.
//
// Raw calls an endpoint the SDK does not model (RawRequest, RawResult): its
// JSON body is signed the same way, and the envelope checked as for
// order/add and order/get.
//
// The vendor publishes no base URL, so WithBaseURL is required. The
// subpackage invoicetest provides an in-process sandbox of the API for tests.
package invoice
