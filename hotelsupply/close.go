package hotelsupply

import (
	"fmt"
	"net/http"
	"sync/atomic"
)

// lifecycle is what Close changes.
type lifecycle struct {
	closed atomic.Bool
	// owned is the HTTP transport the client made for itself (its
	// connection pool, which Close releases); nil when the caller gave an
	// *http.Client with a transport, or a round tripper.
	owned *http.Transport
}

// closedError is the error of a call made after Close.
func closedError(op string) error {
	if op != "" {
		op += ": "
	}
	return fmt.Errorf("hotelsupply: %sclient closed", op)
}

// Close releases the idle connections of the connection pool the client
// made for itself; an *http.Client or round tripper given with
// WithHTTPClient or WithTransport is left alone. Calls made after Close
// fail; calls in flight finish. Close may be called more than once, and on
// a nil or zero Client; it always returns nil.
func (c *Client) Close() error {
	if c == nil || c.life == nil {
		return nil
	}
	if c.life.closed.Swap(true) {
		return nil
	}
	if c.life.owned != nil {
		c.life.owned.CloseIdleConnections()
	}
	return nil
}
