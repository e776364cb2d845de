// Package sandboxserver runs the three platform sandboxes (douyintest,
// hotelsupplytest, invoicetest) as one standalone set of HTTP servers on
// fixed addresses, each with a small admin API under /_admin/ for fault
// injection and inspection. It is what "hotelsdk sandbox" runs; tests start
// it in-process on free ports.
package sandboxserver

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
)

// Platform names one sandbox.
type Platform string

// The three sandboxes.
const (
	Douyin      Platform = "douyin"
	HotelSupply Platform = "hotelsupply"
	Invoice     Platform = "invoice"
)

// Platforms lists the sandboxes in the order they are described.
var Platforms = []Platform{Douyin, HotelSupply, Invoice}

// Default addresses of "hotelsdk sandbox".
const (
	DefaultDouyinAddr      = "127.0.0.1:8081"
	DefaultHotelSupplyAddr = "127.0.0.1:8082"
	DefaultInvoiceAddr     = "127.0.0.1:8083"
)

// AdminPrefix is where each sandbox serves its admin API.
const AdminPrefix = "/_admin/"

// Config says where the sandboxes listen.
type Config struct {
	// Addrs maps each platform to its listen address (host:port; port 0
	// picks a free one). A platform without an address is not started.
	Addrs map[Platform]string
	// Faults are injected before the first request.
	Faults []PlatformFault
	// AccessLog, when set, gets one line per request: platform, method,
	// path (and the shop's route), status and duration. Query strings are
	// never logged (they can carry access tokens).
	AccessLog io.Writer
}

// PlatformFault is a fault for one sandbox.
type PlatformFault struct {
	Platform Platform
	Fault    hotelsdktest.Fault
}

// Sandboxes is a running set of sandboxes.
type Sandboxes struct {
	info    Info
	running map[Platform]*running
	wg      sync.WaitGroup
	errMu   sync.Mutex
	errs    []error

	closeOnce sync.Once
}

type running struct {
	sb  *sandbox
	srv *http.Server
	ln  net.Listener
}

// Start starts the configured sandboxes. On error nothing stays running.
func Start(cfg Config) (*Sandboxes, error) {
	if len(cfg.Addrs) == 0 {
		return nil, errors.New("sandboxserver: no platform to start")
	}
	s := &Sandboxes{running: map[Platform]*running{}}
	ok := false
	defer func() {
		if !ok {
			_ = s.Close()
		}
	}()
	for _, p := range Platforms {
		addr, want := cfg.Addrs[p]
		if !want {
			continue
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("sandboxserver: %s: %w", p, err)
		}
		sb := newSandbox(p)
		r := &running{sb: sb, ln: ln}
		s.running[p] = r
		r.srv = &http.Server{
			Handler:           accessLog(cfg.AccessLog, p, adminMux(sb, s)),
			ReadHeaderTimeout: 10 * time.Second,
		}
	}
	for _, f := range cfg.Faults {
		r, ok := s.running[f.Platform]
		if !ok {
			return nil, fmt.Errorf("sandboxserver: fault for %s, which is not started", f.Platform)
		}
		if err := r.sb.inject(f.Fault); err != nil {
			return nil, fmt.Errorf("sandboxserver: fault for %s: %w", f.Platform, err)
		}
	}
	s.info = s.describe()
	for _, r := range s.running {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := r.srv.Serve(r.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				s.errMu.Lock()
				s.errs = append(s.errs, err)
				s.errMu.Unlock()
			}
		}()
	}
	ok = true
	return s, nil
}

// Info describes the running sandboxes: URLs and test credentials.
func (s *Sandboxes) Info() Info { return s.info }

// Shutdown stops accepting requests, waits for those in flight until ctx
// ends, then closes the sandboxes.
func (s *Sandboxes) Shutdown(ctx context.Context) error {
	var errs []error
	for _, p := range Platforms {
		if r, ok := s.running[p]; ok && r.srv != nil {
			if err := r.srv.Shutdown(ctx); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p, err))
			}
		}
	}
	errs = append(errs, s.Close())
	return errors.Join(errs...)
}

// Close stops the servers at once. It is idempotent.
func (s *Sandboxes) Close() error {
	s.closeOnce.Do(func() {
		for _, r := range s.running {
			if r.srv != nil {
				_ = r.srv.Close()
			}
			_ = r.ln.Close()
			r.sb.close()
		}
		s.wg.Wait()
	})
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return errors.Join(s.errs...)
}

// Inject queues a fault on platform p's sandbox.
func (s *Sandboxes) Inject(p Platform, f hotelsdktest.Fault) error {
	r, ok := s.running[p]
	if !ok {
		return fmt.Errorf("sandboxserver: %s is not running", p)
	}
	return r.sb.inject(f)
}

// accessLog logs one line per request to w (nothing when w is nil).
func accessLog(w io.Writer, p Platform, next http.Handler) http.Handler {
	if w == nil {
		return next
	}
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: rw, status: http.StatusOK}
		defer func() {
			what := r.URL.Path
			if route := r.URL.Query().Get("route"); route != "" && p == HotelSupply {
				what += " route=" + route
			}
			status := fmt.Sprint(sw.status)
			if sw.hijacked {
				status = "dropped"
			}
			mu.Lock()
			fmt.Fprintf(w, "%s %-11s %s %s %s %s\n", time.Now().UTC().Format("15:04:05.000"), p, r.Method, what, status,
				time.Since(start).Round(time.Millisecond))
			mu.Unlock()
		}()
		next.ServeHTTP(sw, r)
	})
}

// statusWriter records the status written; it keeps Hijack and Flush
// working, which the drop faults need.
type statusWriter struct {
	http.ResponseWriter
	status   int
	wrote    bool
	hijacked bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijacking not supported")
	}
	w.hijacked = true
	return hj.Hijack()
}

// baseURL returns "http://host:port" of a listener.
func baseURL(ln net.Listener) string {
	return "http://" + ln.Addr().String()
}
