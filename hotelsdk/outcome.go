package hotelsdk

import "errors"

// OutcomeUnknown reports whether err leaves it unknown if a non-idempotent
// write (an order create, an invoice submit, a Douyin SyncOrder) took
// effect: the request may have been received, but no usable answer came
// back. After such an error, read the state back (look the order up) before
// sending the write again; sending it blindly may create it twice.
//
// The rule, the same in every package: any failure of a non-idempotent
// request after it may have been received is outcome-unknown — a transport
// error once the request may have been written, a timeout, a 5xx or gateway
// answer, an HTML page, an undecodable or cut-off body, a redirect. The
// error's text then contains "outcome unknown". A failure that proves the
// request was refused (a validation error, a platform error code answered
// with a 2xx or 4xx status, a connection that was never made) is not.
//
// It is true for any error in err's chain that has a method
// OutcomeUnknown() bool returning true: *TransportError, *DecodeError,
// *RedirectError, and the packages' error types that can carry it.
func OutcomeUnknown(err error) bool {
	var ou interface{ OutcomeUnknown() bool }
	return errors.As(err, &ou) && ou.OutcomeUnknown()
}
