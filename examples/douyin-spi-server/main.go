// Command douyin-spi-server is an integrator's server for Douyin's hotel
// order SPI: Douyin calls it to create an order (commit), to report a
// payment (status) and to cancel (cancel). It verifies every call's
// x-life-sign, client key and timestamp, answers with the spec's reply
// form, and shuts down gracefully on SIGINT or SIGTERM.
//
// Run it with your app's credentials:
//
//	cd examples/douyin-spi-server
//	DOUYIN_CLIENT_KEY=... DOUYIN_CLIENT_SECRET=... go run . -addr :8080
//
// and give Douyin https://your-host/douyin as the SPI base URL. It is a Go
// module of its own (like go-github's example/), so that its Redis and
// PostgreSQL drivers stay out of the SDK's dependencies. Without
// both credentials it refuses to start: the douyintest sandbox's key and
// secret are public, and a server accepting them would take forged orders
// from anyone. With -demo it starts on loopback (127.0.0.1, a free port),
// using your credentials if set and the sandbox's otherwise, plays Douyin
// against itself with douyintest.SPIClient, prints what happened and exits.
//
// # The SPI ledger
//
// Every call runs the hotel at most once per (operation, order_id), and
// Douyin's retries get the first reply (package douyin/spi/ledger). The
// ledger is kept
//   - in this process's memory by default: right for one instance only;
//   - in Redis with -redis redis://host:6379/0 (contrib/redisstore);
//   - in PostgreSQL with -postgres 'postgres://user@host/db' (contrib/sqlstore,
//     over pgx's database/sql driver). The schema is
//     contrib/sqlstore/migrations/001_init.sql: apply it with your migration
//     tool, or pass -migrate to apply it at start-up (idempotent; needs the
//     right to create tables). Without -migrate the server checks that the
//     table is there and refuses to start otherwise.
//
// Every instance of a fleet is started with the same -redis or -postgres.
// A store that does not answer at start-up stops the server (exit status
// 1): it never falls back to memory. Giving both flags is a usage error
// (exit status 2). The URL and DSN may carry a password: they are never
// logged; prefer PGPASSWORD or a .pgpass file for PostgreSQL's.
//
// This example's hotel (its rooms and orders) stays in each process's
// memory: in a real fleet, the booking system behind the Service is shared.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// config is what the command line and the environment set.
type config struct {
	Addr            string
	Prefix          string
	ClientKey       string
	ClientSecret    string
	Flat            bool
	ShutdownTimeout time.Duration
	Demo            bool
	Redis           string // -redis: the ledger's Redis URL
	Postgres        string // -postgres: the ledger's PostgreSQL DSN
	Migrate         bool   // -migrate: apply contrib/sqlstore's schema at start-up
}

// usageError is a command line that cannot work: main exits with status 2,
// as the flag package does.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode is main's exit status for run's error.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}

// parseConfig reads flags from args and credentials from the environment
// (DOUYIN_CLIENT_KEY, DOUYIN_CLIENT_SECRET), never from flags, so that the
// secret does not show in the process list.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("douyin-spi-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", envOr(getenv, "DOUYIN_SPI_ADDR", ":8080"), "listen address")
	fs.StringVar(&c.Prefix, "prefix", "/douyin", "path prefix the SPI is served under")
	fs.BoolVar(&c.Flat, "flat", false, `answer with the flat reply form {"order_ext_id",...} instead of {"data":...,"extra":...}`)
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 10*time.Second, "how long in-flight calls may finish on shutdown")
	fs.BoolVar(&c.Demo, "demo", false, "serve on loopback (with the sandbox's credentials unless DOUYIN_CLIENT_KEY/SECRET are set), play Douyin against the server, print what happened and exit")
	fs.StringVar(&c.Redis, "redis", "", "keep the SPI ledger in Redis, shared by a fleet (redis://host:6379/0)")
	fs.StringVar(&c.Postgres, "postgres", "", "keep the SPI ledger in PostgreSQL, shared by a fleet (postgres://user@host:5432/db)")
	fs.BoolVar(&c.Migrate, "migrate", false, "with -postgres: apply contrib/sqlstore's schema at start-up (idempotent)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, err
		}
		return config{}, usageError{err}
	}
	if fs.NArg() > 0 {
		return config{}, usageError{fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))}
	}
	if c.Redis != "" && c.Postgres != "" {
		return config{}, usageError{errors.New("-redis and -postgres are exclusive: the ledger lives in one store")}
	}
	if c.Migrate && c.Postgres == "" {
		return config{}, usageError{errors.New("-migrate applies the PostgreSQL schema: it needs -postgres")}
	}
	c.ClientKey, c.ClientSecret = getenv("DOUYIN_CLIENT_KEY"), getenv("DOUYIN_CLIENT_SECRET")
	switch {
	case c.ClientKey == "" && c.ClientSecret == "" && c.Demo:
		// The sandbox's credentials are public: only for the demo, which
		// listens on loopback and exits.
		c.ClientKey, c.ClientSecret = douyintest.DefaultClientKey, douyintest.DefaultClientSecret
	case c.ClientKey == "" && c.ClientSecret == "":
		return config{}, errors.New("DOUYIN_CLIENT_KEY and DOUYIN_CLIENT_SECRET are required (or run with -demo to try the server on loopback with the sandbox's credentials)")
	case c.ClientKey == "" || c.ClientSecret == "":
		return config{}, errors.New("set both DOUYIN_CLIENT_KEY and DOUYIN_CLIENT_SECRET")
	}
	if c.Demo {
		c.Addr = "127.0.0.1:0" // the demo talks to itself: never listen beyond loopback
	}
	if c.Prefix != "" && (!strings.HasPrefix(c.Prefix, "/") || strings.HasSuffix(c.Prefix, "/")) {
		return config{}, fmt.Errorf("-prefix %q: want a path like /douyin (leading slash, no trailing slash)", c.Prefix)
	}
	if c.ShutdownTimeout <= 0 {
		return config{}, errors.New("-shutdown-timeout must be positive")
	}
	return c, nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// newMux serves the SPI under cfg.Prefix, with signature checks on, and a
// health check at /healthz.
func newMux(cfg config, impl spi.Service, store ledger.Store, logger *slog.Logger) (*http.ServeMux, error) {
	opts := []spi.Option{
		spi.WithCredentials(cfg.ClientKey, cfg.ClientSecret),
		spi.WithLogger(logger),
		spi.WithErrorHandler(func(ctx context.Context, op spi.Operation, err error) {
			// Our own errors: we know they hold no guest data. A panic's
			// value and stack could, so only its presence is logged.
			var pe *spi.PanicError
			if errors.As(err, &pe) {
				logger.ErrorContext(ctx, "SPI implementation panicked", "op", op)
				return
			}
			logger.ErrorContext(ctx, "SPI implementation failed", "op", op, "error", err)
		}),
	}
	if cfg.Flat {
		opts = append(opts, spi.WithFlatReplies())
	}
	// Each call runs at most once per order_id; Douyin's retries get the
	// first reply. store is this process's memory, or Redis or PostgreSQL
	// shared by the fleet (see openLedgerStore and "Running a fleet").
	opts = append(opts, spi.WithLedger(store, ledger.WithLogger(logger)))
	h, err := spi.NewHandler(impl, opts...)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(cfg.Prefix+"/poi/ext/hotel/order/", h)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	})
	return mux, nil
}

// serve answers on ln until ctx ends, then stops accepting calls and gives
// in-flight ones up to shutdownTimeout to finish. It returns nil after a
// clean shutdown.
func serve(ctx context.Context, ln net.Listener, h http.Handler, shutdownTimeout time.Duration, logger *slog.Logger) error {
	// Timeouts the SPI handler relies on (see go doc spi.Handler): it
	// checks a call's headers before reading its body, but only the server
	// can bound how long a slow sender holds the connection.
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// run is main without the process: testable.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args, getenv, stderr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	if cfg.ClientKey == douyintest.DefaultClientKey {
		logger.Warn("DOUYIN_CLIENT_KEY/SECRET not set: using the douyintest sandbox credentials")
	}
	ledgerStore, closeStore, err := openLedgerStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer func() {
		if err := closeStore.Close(); err != nil {
			logger.Warn("closing the ledger store", "error", err)
		}
	}()
	hotel := newHotel(demoRooms())
	mux, err := newMux(cfg, hotel, ledgerStore, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String() + cfg.Prefix
	logger.Info("serving Douyin SPI", "base_url", base)
	if !cfg.Demo {
		return serve(ctx, ln, mux, cfg.ShutdownTimeout, logger)
	}

	ctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, mux, cfg.ShutdownTimeout, logger) }()
	// A shared store outlives this run: fresh order ids, so that the demo
	// books instead of replaying an earlier run's replies.
	orderPrefix := "DY-DEMO"
	if cfg.Redis != "" || cfg.Postgres != "" {
		orderPrefix = fmt.Sprintf("DY-DEMO-%d", time.Now().UnixNano())
	}
	demoErr := playDouyin(ctx, base, cfg.ClientKey, cfg.ClientSecret, orderPrefix, hotel, stdout)
	stop()
	return errors.Join(demoErr, <-done)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	code := exitCode(err)
	if code != 0 {
		fmt.Fprintln(os.Stderr, "douyin-spi-server:", err)
	}
	stop()
	os.Exit(code)
}
