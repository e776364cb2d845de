package wirecount

import (
	"context"
	"crypto/tls"
	"net"
	"testing"
)

func TestConnCountsWrittenBytes(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	dial := Dialer(func(context.Context, string, string) (net.Conn, error) { return a, nil })
	c, err := dial(context.Background(), "tcp", "x")
	if err != nil {
		t.Fatal(err)
	}
	wc := HTTP1(c)
	if wc == nil {
		t.Fatal("HTTP1 of a counting conn is nil")
	}
	go func() { buf := make([]byte, 16); _, _ = b.Read(buf) }()
	if _, err := c.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	if got := wc.Written(); got != 5 {
		t.Fatalf("Written() = %d, want 5", got)
	}
	if HTTP1(a) != nil {
		t.Fatal("HTTP1 of another conn must be nil")
	}
	if HTTP1(tls.Client(a, &tls.Config{})) != nil {
		t.Fatal("HTTP1 of TLS over another conn must be nil")
	}
	if HTTP1(tls.Client(wc, &tls.Config{})) != wc {
		t.Fatal("HTTP1 of TLS (no HTTP/2) over a counting conn is that conn")
	}
	failing := Dialer(func(context.Context, string, string) (net.Conn, error) { return nil, net.ErrClosed })
	if c, err := failing(context.Background(), "tcp", "x"); c != nil || err == nil {
		t.Fatal("a failed dial stays failed")
	}
}
