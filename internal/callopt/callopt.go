// Package callopt holds what a hotelsdk.CallOption sets, so that
// internal/transport can read it without hotelsdk exporting its internals.
// It imports nothing from the SDK (hotelsdk imports it, and transport imports
// both), which keeps the import graph acyclic.
package callopt

import "net/http"

// Settings is what the call options of one call set.
type Settings struct {
	// Policy is a *hotelsdk.RetryPolicy when a per-call policy was given.
	// It is typed any only because this package cannot import hotelsdk.
	Policy any
	// Header is added to every attempt of the call.
	Header http.Header
}
