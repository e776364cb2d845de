package hotelsdk

import "errors"

// OutcomeUnknown reports whether err leaves it unknown if a non-idempotent
// write (an order create, an invoice submit, a Douyin SyncOrder) took
// effect: the request may have been received, but no usable answer came
// back. After such an error, read the state back (look the order up) before
// sending the write again; sending it blindly may create it twice.
//
// It is true for any error in err's chain that has a method
// OutcomeUnknown() bool returning true; *TransportError has one.
func OutcomeUnknown(err error) bool {
	var ou interface{ OutcomeUnknown() bool }
	return errors.As(err, &ou) && ou.OutcomeUnknown()
}

// OutcomeUnknown reports whether the failed request may have been received
// by the server while its effect is unknown (see the package function
// OutcomeUnknown).
func (e *TransportError) OutcomeUnknown() bool { return e != nil && e.MaybeSent }
