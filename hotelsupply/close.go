package hotelsupply

import (
	"fmt"
)

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
	if c == nil || c.t == nil {
		return nil
	}
	c.t.Close()
	return nil
}
