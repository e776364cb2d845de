package transport

import (
	"net/http/httptrace"

	"github.com/hotelsdk/hotelsdk-go/internal/wirecount"
)

// Was the request written? (issue 10 §9a)
//
// A transport error says little about whether the server may have received
// the request: against a server with a short keep-alive, a request sent on a
// reused idle connection that the server has just closed fails, and net/http
// cannot resend a write whose body it cannot rewind (see redirect.go). Each
// attempt carries an httptrace.ClientTrace with one hook, GotConn, and
// MaybeSent is false only on proof that nothing was written:
//
//   - the client's transport is an *http.Transport, which calls GotConn
//     before writing any byte, and GotConn never ran: no connection was
//     obtained (TLS handshake or proxy failure, no connection before the
//     timeout);
//   - the connection is an HTTP/1 connection from a wirecount dialer
//     (hotelsdk.DefaultHTTPTransport's) and its byte count did not move
//     between GotConn and the error: not a byte of the request left. net/http
//     waits for its write loop to end before it returns an HTTP/1 error, so
//     no byte can follow.
//
// Otherwise (another RoundTripper, another dialer, HTTP/2, bytes written) the
// request may have been received. WroteRequest is not used: on HTTP/1 it
// reports the request written into the connection's buffer, before the
// flush that fails on a dead connection.
//
// Cost: the trace lives in the Attempt; its GotConn closure and the context
// that carries it are the allocations per attempt; no closure per event.

// attemptTrace records what net/http reported about one attempt's
// connection. Its fields are written by GotConn, which net/http calls on the
// goroutine of RoundTrip, and read after RoundTrip returned.
type attemptTrace struct {
	trace   httptrace.ClientTrace
	gotConn bool
	reused  bool
	wasIdle bool
	conn    *wirecount.Conn // nil unless an HTTP/1 connection of a wirecount dialer
	start   int64           // conn's byte count when the attempt got it
}

// traced returns the attempt's trace, ready to be put in its context.
func (a *Attempt) traced() *attemptTrace {
	t := &a.conn
	t.trace.GotConn = func(info httptrace.GotConnInfo) {
		t.gotConn, t.reused, t.wasIdle = true, info.Reused, info.WasIdle
		if t.conn = wirecount.HTTP1(info.Conn); t.conn != nil {
			t.start = t.conn.Written()
		}
	}
	return t
}

// notWritten returns, after a failed RoundTrip, why the request provably
// never left ("" when it may have): honoured says that the client's
// transport calls GotConn before it writes.
func (t *attemptTrace) notWritten(honoured bool) (why string, staleConn bool) {
	if t == nil {
		return "", false
	}
	if !t.gotConn {
		if honoured {
			return "no connection was obtained", false
		}
		return "", false
	}
	if t.conn == nil || t.conn.Written() != t.start {
		return "", false
	}
	if t.reused {
		if t.wasIdle {
			return "nothing was written on the reused idle connection, closed by the server", true
		}
		return "nothing was written on the reused connection", true
	}
	return "nothing was written on the connection", true
}
