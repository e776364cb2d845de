package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Issue 12 §2: the transport opens no connection a hand-written client
// would not. Every answer it reads, a success, an error status, an answer
// Decode refuses or a redirect, gives its connection back to the pool; the
// server counts what it accepts (http.Server.ConnState).

// countingServer answers by path and counts the TCP connections it accepts.
func countingServer(t *testing.T, handler http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(handler)
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

func pathAnswers(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/ok":
		_, _ = io.WriteString(w, `{"code":0,"data":{"n":1}}`)
	case "/refused": // an answer Decode refuses (a platform error code)
		_, _ = io.WriteString(w, `{"code":40001,"message":"bad"}`)
	case "/bad-json":
		_, _ = io.WriteString(w, `{"code":0,"data":`+strings.Repeat(" ", 4096))
	case "/status":
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"code":1,"message":"`+strings.Repeat("x", 8192)+`"}`)
	case "/redirect":
		w.Header().Set("Location", "/ok")
		w.WriteHeader(http.StatusFound)
		_, _ = io.WriteString(w, strings.Repeat("moved ", 100))
	}
}

func TestSerialCallsReuseOneConnectionWhateverTheAnswer(t *testing.T) {
	t.Parallel()
	srv, conns := countingServer(t, pathAnswers)
	c, err := New(Config{BaseURL: srv.URL, RoundTripper: hotelsdk.DefaultHTTPTransport()})
	require.NoError(t, err)
	for i := range 40 {
		for _, path := range []string{"/ok", "/refused", "/bad-json", "/status", "/redirect"} {
			var out struct{ N int }
			err := c.Do(context.Background(), &Request{Operation: "conns", Method: http.MethodPost, Path: path,
				JSON: map[string]int{"i": i}, Idempotent: true, Decode: decodeInto(&out)})
			if path == "/ok" {
				require.NoError(t, err)
				require.Equal(t, 1, out.N)
			} else {
				require.Error(t, err, path)
			}
		}
	}
	assert.Equal(t, int64(1), conns.Load(), "200 serial calls, every answer read to its end: one connection")
}

func TestConcurrentCallsOpenNoMoreConnectionsThanCallers(t *testing.T) {
	t.Parallel()
	const callers, calls = 64, 20
	srv, conns := countingServer(t, pathAnswers)
	c, err := New(Config{BaseURL: srv.URL, RoundTripper: hotelsdk.DefaultHTTPTransport()})
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range calls {
				path := "/ok"
				if i%4 == 3 {
					path = "/status"
				}
				var out struct{ N int }
				err := c.Do(context.Background(), &Request{Operation: "conns", Method: http.MethodPost, Path: path,
					JSON: map[string]int{"i": i}, Idempotent: true, Decode: decodeInto(&out)})
				if (path == "/ok") != (err == nil) {
					errs <- errors.Join(errors.New(path), err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	// A connection per call would be 1280. net/http may dial a few more
	// than callers when a dial and a returning idle connection race (the
	// hand-written floor does it too); twice the callers is the bound.
	assert.LessOrEqual(t, conns.Load(), int64(2*callers), "%d calls by %d callers", callers*calls, callers)
}
