// Package faults injects the failures described by hotelsdktest.Fault into
// the sandboxes' fake servers, so that integrators can test their retry
// handling against realistic breakage. The vocabulary (Fault, FaultKind and
// the kinds) is public in package hotelsdktest; the machinery here is not.
package faults

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
)

// Injector holds queued faults and wraps a handler with them. The zero value
// is ready to use and safe for concurrent use.
type Injector struct {
	mu     sync.Mutex
	queue  []hotelsdktest.Fault
	served map[hotelsdktest.FaultKind]int
}

// Inject queues f; faults are applied in the order queued. A fault that
// fails f.Validate is refused (an error matching
// hotelsdktest.ErrInvalidFault) and nothing is queued: a Status of 42
// would otherwise panic in WriteHeader and read as a dropped connection.
func (in *Injector) Inject(f hotelsdktest.Fault) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Times <= 0 {
		f.Times = 1
	}
	in.mu.Lock()
	in.queue = append(in.queue, f)
	in.mu.Unlock()
	return nil
}

// Reset drops every queued fault.
func (in *Injector) Reset() {
	in.mu.Lock()
	in.queue = nil
	in.mu.Unlock()
}

// Pending returns how many injected failures are still to happen.
func (in *Injector) Pending() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	n := 0
	for _, f := range in.queue {
		n += f.Times
	}
	return n
}

// Injected returns how many requests failed with kind so far.
func (in *Injector) Injected(kind hotelsdktest.FaultKind) int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.served[kind]
}

// take returns the fault for a request to path, consuming one use of it.
func (in *Injector) take(path string) hotelsdktest.Fault {
	in.mu.Lock()
	defer in.mu.Unlock()
	for i, f := range in.queue {
		if f.Path != "" && !strings.HasSuffix(path, f.Path) {
			continue
		}
		in.queue[i].Times--
		if in.queue[i].Times <= 0 {
			in.queue = append(in.queue[:i], in.queue[i+1:]...)
		}
		if in.served == nil {
			in.served = map[hotelsdktest.FaultKind]int{}
		}
		in.served[f.Kind]++
		return f
	}
	return hotelsdktest.Fault{}
}

// Wrap returns next with the queued faults applied. key picks the string a
// Fault.Path is matched against (nil: the URL path); the hotel-supply shop,
// for instance, routes by the "route" query parameter.
func (in *Injector) Wrap(next http.Handler, key func(*http.Request) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := r.URL.Path
		if key != nil {
			k = key(r)
		}
		f := in.take(k)
		switch f.Kind {
		case hotelsdktest.Latency:
			time.Sleep(f.Delay)
			next.ServeHTTP(w, r)
		case hotelsdktest.ServerError:
			status := f.Status
			if status == 0 {
				status = http.StatusServiceUnavailable
			}
			if f.RetryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(http.StatusText(status)))
		case hotelsdktest.NonJSON:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte("<html><body><h1>Whoops, looks like something went wrong.</h1></body></html>"))
		case hotelsdktest.DropBeforeRequest:
			hangUp(w)
		case hotelsdktest.DropAfterRequest:
			next.ServeHTTP(discard{header: http.Header{}}, r)
			hangUp(w)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2: abort the stream
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// discard is a ResponseWriter that keeps nothing: the served answer of a
// DropAfterRequest fault never reaches the client.
type discard struct{ header http.Header }

func (d discard) Header() http.Header         { return d.header }
func (d discard) Write(b []byte) (int, error) { return len(b), nil }
func (d discard) WriteHeader(int)             {}
