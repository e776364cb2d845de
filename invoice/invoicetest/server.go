package invoicetest

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/faults"
	"github.com/hotelsdk/hotelsdk-go/invoice"
)

// Server is a running sandbox. It is safe for concurrent use.
type Server struct {
	cfg    config
	ts     *httptest.Server
	faults faults.Injector

	mu       sync.Mutex
	received []Received
	batches  []Batch
	byNo     map[string]int       // batch number -> index in batches
	nonces   map[string]time.Time // nonce -> when first seen
}

// Received is one request that reached the API (past any injected fault),
// with what the sandbox answered.
type Received struct {
	// Path is the URL path, e.g. invoice.PathAddOrders.
	Path string
	// Auth holds the authentication parameters of the body.
	Auth invoice.AuthParams
	// Body is the body as received.
	Body []byte
	// Code and Message are the answer's envelope.
	Code    invoice.Code
	Message string
	// OrderBatchNo is the batch the request created (order/add) or read
	// (order/get).
	OrderBatchNo string
	// At is the sandbox's clock when the request was served.
	At time.Time
}

// Batch is one successful order/add: the orders as stored.
type Batch struct {
	No      string
	StoreID int64
	StoreNo string
	Orders  []invoice.OrderRecord
}

// NewServer starts a sandbox on a free port of 127.0.0.1 (or on the
// listener given with WithListener). Close it when done.
func NewServer(opts ...Option) *Server {
	s := newServer(opts...)
	if s.cfg.listener == nil {
		s.ts = httptest.NewServer(s.Handler())
		return s
	}
	s.ts = httptest.NewUnstartedServer(s.Handler())
	_ = s.ts.Listener.Close() // the loopback listener httptest opened
	s.ts.Listener = s.cfg.listener
	s.ts.Start()
	return s
}

// URL returns the base URL of the sandbox, e.g. http://127.0.0.1:41234, to
// give to invoice.WithBaseURL ("" for a Server not made by NewServer).
func (s *Server) URL() string {
	if !s.started() {
		return ""
	}
	return s.ts.URL
}

func newServer(opts ...Option) *Server {
	cfg := config{
		appID: DefaultAppID, appSecret: DefaultAppSecret,
		stores:    []Store{{ID: DefaultStoreID, No: DefaultStoreNo}},
		products:  map[string]Product{invoice.IdentifierLodging: LodgingProduct()},
		tolerance: DefaultTimestampTolerance,
		now:       time.Now,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return &Server{cfg: cfg, byNo: map[string]int{}, nonces: map[string]time.Time{}}
}

// errNotStarted is returned by a Server not made by NewServer.
var errNotStarted = errors.New("invoicetest: Server not started: create it with NewServer")

// started reports whether s was made by NewServer.
func (s *Server) started() bool { return s != nil && s.ts != nil }

// Close shuts the sandbox down and waits for the requests in flight. It may
// be called more than once, and on a nil Server or one not made by
// NewServer it does nothing.
func (s *Server) Close() {
	if s.started() {
		s.ts.Close()
	}
}

// Client returns an HTTP client that talks to the sandbox
// (http.DefaultClient for a Server not made by NewServer).
func (s *Server) Client() *http.Client {
	if !s.started() {
		return http.DefaultClient
	}
	return s.ts.Client()
}

// AppID returns the appId the sandbox accepts.
func (s *Server) AppID() string {
	if s == nil {
		return ""
	}
	return s.cfg.appID
}

// AppSecret returns the app secret the sandbox signs with.
func (s *Server) AppSecret() string {
	if s == nil {
		return ""
	}
	return s.cfg.appSecret
}

// ClientOptions returns the options that point an invoice.Client at the
// sandbox: base URL, HTTP client, app credentials and DefaultUserNo.
func (s *Server) ClientOptions() []invoice.Option {
	if !s.started() {
		return nil
	}
	return []invoice.Option{
		invoice.WithBaseURL(s.URL()),
		invoice.WithHTTPClient(s.Client()),
		invoice.WithApp(s.cfg.appID, s.cfg.appSecret),
		invoice.WithUserNo(DefaultUserNo),
		invoice.WithSignedParams(s.cfg.signedParams),
	}
}

// NewClient returns an invoice.Client wired to the sandbox; extra options
// are applied after ClientOptions (to replace the identity, pass
// invoice.WithUserNo("") first).
func (s *Server) NewClient(extra ...invoice.Option) (*invoice.Client, error) {
	if !s.started() {
		return nil, errNotStarted
	}
	c, err := invoice.NewClient(append(s.ClientOptions(), extra...)...)
	if err != nil {
		return nil, fmt.Errorf("invoicetest: %w", err)
	}
	return c, nil
}

// String describes the sandbox without its app secret, so that printing it
// (%v, %+v, %s) never shows it.
func (s *Server) String() string {
	if !s.started() {
		return "invoicetest.Server(not started)"
	}
	return fmt.Sprintf("invoicetest.Server(%s, appId=%s)", s.ts.URL, s.cfg.appID)
}

// GoString is String, for %#v.
func (s *Server) GoString() string { return s.String() }

// LogValue is String, for log/slog.
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Received returns the requests that reached the API so far, in order.
func (s *Server) Received() []Received {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.received))
	for i, r := range s.received {
		r.Body = append([]byte(nil), r.Body...)
		out[i] = r
	}
	return out
}

// Batches returns the stored batches in the order they were created.
func (s *Server) Batches() []Batch {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Batch, len(s.batches))
	for i, b := range s.batches {
		b.Orders = append([]invoice.OrderRecord(nil), b.Orders...)
		out[i] = b
	}
	return out
}

// Batch returns the batch with number no.
func (s *Server) Batch(no string) (Batch, bool) {
	if s == nil {
		return Batch{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.byNo[no]
	if !ok {
		return Batch{}, false
	}
	b := s.batches[i]
	b.Orders = append([]invoice.OrderRecord(nil), b.Orders...)
	return b, true
}

// Records returns every stored record of the order erpOrderNo across all
// batches: more than one means the order was submitted more than once.
func (s *Server) Records(erpOrderNo string) []invoice.OrderRecord {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []invoice.OrderRecord
	for _, b := range s.batches {
		for _, o := range b.Orders {
			if o.ErpOrderNo == erpOrderNo {
				out = append(out, o)
			}
		}
	}
	return out
}

// Handler returns the sandbox's handler with fault injection, for mounting
// in a server of your own. A Server not made by NewServer answers every
// request with HTTP 500.
func (s *Server) Handler() http.Handler {
	if s == nil || s.byNo == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, errNotStarted.Error(), http.StatusInternalServerError)
		})
	}
	return s.faults.Wrap(http.HandlerFunc(s.serve), nil)
}
