// Package wirecount counts the bytes written to the connections the SDK's
// default HTTP transport dials, so that the transport can prove that an
// attempt wrote nothing (issue 10 §9a): an HTTP/1 request on a reused idle
// connection that the server had already closed fails before any byte
// leaves, and such a request — a write included — may be sent again on a
// new connection.
//
// It imports nothing from the SDK: hotelsdk (DefaultHTTPTransport) and
// internal/transport both use it.
package wirecount

import (
	"context"
	"crypto/tls"
	"net"
	"sync/atomic"
)

// Conn is a net.Conn that counts the bytes its Write calls accepted.
type Conn struct {
	net.Conn
	written atomic.Int64
}

// Write writes to the connection and counts what was accepted.
func (c *Conn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	if n > 0 {
		c.written.Add(int64(n))
	}
	return n, err
}

// Written returns the number of bytes written so far.
func (c *Conn) Written() int64 { return c.written.Load() }

// CloseWrite shuts down the writing side when the connection supports it.
func (c *Conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return c.Conn.Close()
}

// Dialer returns a dial function whose connections are *Conn.
func Dialer(dial func(ctx context.Context, network, addr string) (net.Conn, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil || c == nil {
			return c, err
		}
		return &Conn{Conn: c}, nil
	}
}

// HTTP1 returns the *Conn under c when c carries one HTTP/1 exchange at a
// time: c itself, or a TLS connection over it that did not negotiate HTTP/2.
// It returns nil otherwise (another dialer's connection, or HTTP/2, whose
// streams share the connection so its byte count says nothing about one
// request).
func HTTP1(c net.Conn) *Conn {
	switch v := c.(type) {
	case *Conn:
		return v
	case *tls.Conn:
		if wc, ok := v.NetConn().(*Conn); ok && v.ConnectionState().NegotiatedProtocol != "h2" {
			return wc
		}
	}
	return nil
}
