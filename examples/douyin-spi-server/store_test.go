package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// redisURL returns the test server's URL from HOTELSDK_REDIS_URL (set by
// `bash .ci/test`). A test that needs Redis fails when it is not set, unless
// HOTELSDK_NO_REDIS=1 says Redis is deliberately absent (then it skips), as
// in contrib/redisstore.
func redisURL(t testing.TB) string {
	t.Helper()
	if os.Getenv("HOTELSDK_NO_REDIS") == "1" {
		t.Skip("HOTELSDK_NO_REDIS=1: SKIPPING a test that needs a Redis server")
	}
	u := os.Getenv("HOTELSDK_REDIS_URL")
	if u == "" {
		t.Fatal("HOTELSDK_REDIS_URL is not set: run the tests through `bash .ci/test`, which starts redis-server, " +
			"or set it to a disposable server (redis://127.0.0.1:6379/0), or set HOTELSDK_NO_REDIS=1 to skip")
	}
	return u
}

// postgresDSN returns the test database from HOTELSDK_POSTGRES_DSN, with the
// same rules as redisURL (HOTELSDK_NO_POSTGRES=1 skips), as in
// contrib/sqlstore.
func postgresDSN(t testing.TB) string {
	t.Helper()
	if os.Getenv("HOTELSDK_NO_POSTGRES") == "1" {
		t.Skip("HOTELSDK_NO_POSTGRES=1: SKIPPING a test that needs PostgreSQL")
	}
	dsn := os.Getenv("HOTELSDK_POSTGRES_DSN")
	if dsn == "" {
		t.Fatal("HOTELSDK_POSTGRES_DSN is not set: run the tests through `bash .ci/test`, which starts PostgreSQL, " +
			"or point it at a disposable database, or set HOTELSDK_NO_POSTGRES=1 to skip")
	}
	return dsn
}

var testCreds = map[string]string{"DOUYIN_CLIENT_KEY": "ck", "DOUYIN_CLIENT_SECRET": "cs"}

// countingHotel is the fleet's one booking system: every instance calls it,
// and it counts the commits it is asked to book.
type countingHotel struct {
	*hotel
	commits atomic.Int32
}

func (h *countingHotel) CommitOrder(ctx context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	h.commits.Add(1)
	time.Sleep(300 * time.Millisecond) // a booking slow enough for the duplicates to overlap it
	return h.hotel.CommitOrder(ctx, req)
}

// startInstance starts one server ("instance") as main would with args:
// its own connection to the store the flags name.
func startInstance(t *testing.T, svc spi.Service, args ...string) string {
	t.Helper()
	cfg, err := parseConfig(append([]string{"-addr", "127.0.0.1:0"}, args...), envOf(testCreds), io.Discard)
	require.NoError(t, err)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, closer, err := openLedgerStore(context.Background(), cfg, logger)
	require.NoError(t, err)
	t.Cleanup(func() { _ = closer.Close() })
	mux, err := newMux(cfg, svc, store, logger)
	require.NoError(t, err)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + cfg.Prefix
}

// deliver sends body as Douyin's signed commit and returns the reply.
func deliver(t *testing.T, base string, body []byte) (int, []byte, error) {
	r, err := douyintest.NewSPIRequest(base+spi.OpCommitOrder.Path(), "ck", "cs", body, time.Now())
	if err != nil {
		return 0, nil, err
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// testFleet: two instances started with the same store flags, one signed
// commit delivered to both at once, then redelivered to both: the hotel
// books once and every reply is the same bytes.
func testFleet(t *testing.T, args ...string) {
	h := &countingHotel{hotel: newHotel(demoRooms())}
	bases := []string{startInstance(t, h, args...), startInstance(t, h, args...)}
	orderID := fmt.Sprintf("DY-FLEET-%d", time.Now().UnixNano()) // the store outlives the test
	body := []byte(`{"order_id":"` + orderID + `","spu_ext_id":"TWIN-ROOM","status":1,"reserve_amount":1,` +
		`"check_in":"20300101","check_out":"20300102","total_price":39900}`)

	var replies [][]byte
	for round := 0; round < 2; round++ { // delivery, then Douyin's redelivery
		got := make([][]byte, len(bases))
		var wg sync.WaitGroup
		for i, base := range bases {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, b, err := deliver(t, base, body)
				if err != nil || status != http.StatusOK {
					t.Errorf("round %d, instance %d: HTTP %d %s %v", round, i, status, b, err)
				}
				got[i] = b
			}()
		}
		wg.Wait()
		replies = append(replies, got...)
	}
	for i, r := range replies {
		assert.Equal(t, string(replies[0]), string(r), "reply %d: want the first reply's bytes", i)
	}
	assert.Contains(t, string(replies[0]), `"order_ext_id":"H000001"`)
	assert.Equal(t, int32(1), h.commits.Load(), "commits booked across 2 instances, 2 deliveries each")
	assert.Equal(t, int64(2), h.roomsLeft("TWIN-ROOM"))
	t.Logf("2 instances (%s), 2 concurrent deliveries + 2 redeliveries: booked %d time(s), %d replies",
		strings.Join(args, " "), h.commits.Load(), len(replies))
}

func TestFleetOnRedisBooksOnce(t *testing.T) { testFleet(t, "-redis", redisURL(t)) }

func TestFleetOnPostgresBooksOnce(t *testing.T) {
	testFleet(t, "-postgres", postgresDSN(t), "-migrate")
	testFleet(t, "-postgres", postgresDSN(t)) // the schema is there now: no -migrate needed
}

// The demo against a shared store books afresh on every run (new order
// ids), instead of replaying an earlier run's replies or refusing them.
func TestDemoOnSharedStores(t *testing.T) {
	for name, args := range map[string]func() []string{
		"redis":    func() []string { return []string{"-redis", redisURL(t)} },
		"postgres": func() []string { return []string{"-postgres", postgresDSN(t), "-migrate"} },
	} {
		t.Run(name, func(t *testing.T) {
			a := append([]string{"-demo"}, args()...)
			for run1 := 0; run1 < 2; run1++ {
				var out, logs bytes.Buffer
				require.NoError(t, run(context.Background(), a, noEnv, &out, &logs), "run %d: %s", run1, logs.String())
				assert.Regexp(t, `(?m)^commit DY-DEMO-\d+-1: 2 x KING-ROOM, 2 nights, 1760.00 yuan -> order_ext_id H000001 \(rooms left 3\)$`, out.String())
				assert.Contains(t, out.String(), "refused: error_code 40001 (sold out)")
				assert.Regexp(t, `(?m)^cancel DY-DEMO-\d+-1 -> accepted \(rooms left 5\)$`, out.String())
				assert.Contains(t, logs.String(), "SPI ledger on "+map[string]string{"redis": "Redis", "postgres": "PostgreSQL"}[name])
			}
		})
	}
}

// Without -migrate, a database without the schema stops the start-up with
// the way out; with -migrate the schema is applied and the server starts.
func TestPostgresSchemaCheck(t *testing.T) {
	dsn := postgresDSN(t)
	db, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	defer db.Close()
	schema := fmt.Sprintf("spi_server_test_%d", time.Now().UnixNano())
	_, err = db.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	defer func() { _, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE") }()
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema) // a database, as the server sees it, without the tables
	u.RawQuery = q.Encode()

	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	_, _, err = openLedgerStore(context.Background(), config{Postgres: u.String()}, logger)
	require.ErrorContains(t, err, "table hotelsdk_ledger is not usable")
	require.ErrorContains(t, err, "-migrate")

	_, closer, err := openLedgerStore(context.Background(), config{Postgres: u.String(), Migrate: true}, logger)
	require.NoError(t, err)
	require.NoError(t, closer.Close())
	_, closer, err = openLedgerStore(context.Background(), config{Postgres: u.String()}, logger)
	require.NoError(t, err, "the schema applied by -migrate")
	require.NoError(t, closer.Close())
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// An unreachable store stops the start-up with a clear error that does not
// show the password: never a fallback to the memory ledger.
func TestUnreachableStoreStopsStartUp(t *testing.T) {
	addr := closedPort(t)
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"redis":    {[]string{"-redis", "redis://:hunter2@" + addr + "/0"}, "-redis: Redis at " + addr + " (db 0) does not answer"},
		"postgres": {[]string{"-postgres", "postgres://app:hunter2@" + addr + "/hotel?sslmode=disable"}, "-postgres: PostgreSQL does not answer"},
		"bad url":  {[]string{"-redis", "http://" + addr}, "-redis: not a Redis URL"},
		"bad dsn":  {[]string{"-postgres", "postgres://app:hunter2@127.0.0.1:notaport/hotel"}, "-postgres: PostgreSQL does not answer"},
	} {
		var logs syncBuffer
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a server that starts would block
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0"}, tc.args...), envOf(testCreds), io.Discard, &logs)
		cancel()
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), tc.want, name)
		assert.Equal(t, 1, exitCode(err), name)
		assert.NotContains(t, err.Error()+logs.String(), "hunter2", name)
		assert.NotContains(t, logs.String(), "serving Douyin SPI", name)
		assert.NotContains(t, logs.String(), "ledger in memory", name)
	}
}

func TestStoreFlagsUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"both stores":          {"-redis", "redis://127.0.0.1:6379/0", "-postgres", "postgres://127.0.0.1/db"},
		"migrate without a db": {"-migrate"},
		"migrate with redis":   {"-migrate", "-redis", "redis://127.0.0.1:6379/0"},
		"unknown flag":         {"-nope"},
	} {
		err := run(context.Background(), args, envOf(testCreds), io.Discard, io.Discard)
		require.Error(t, err, name)
		assert.Equal(t, 2, exitCode(err), "%s: %v", name, err)
	}
	_, err := parseConfig([]string{"-redis", "redis://a", "-postgres", "postgres://b"}, envOf(testCreds), io.Discard)
	assert.EqualError(t, err, "-redis and -postgres are exclusive: the ledger lives in one store")
	cfg, err := parseConfig([]string{"-postgres", "postgres://b", "-migrate"}, envOf(testCreds), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, config{Addr: ":8080", Prefix: "/douyin", ClientKey: "ck", ClientSecret: "cs",
		ShutdownTimeout: 10 * time.Second, Postgres: "postgres://b", Migrate: true}, cfg)
}

// The process's exit status, from main itself (run in a child process).
func TestMainExitStatus(t *testing.T) {
	if args, ok := os.LookupEnv("SPI_SERVER_MAIN_ARGS"); ok {
		os.Args = append([]string{"douyin-spi-server"}, strings.Fields(args)...)
		main()
		return
	}
	addr := closedPort(t)
	for _, tc := range []struct {
		args   string
		status int
		stderr string
	}{
		{"-redis redis://127.0.0.1:6379/0 -postgres postgres://127.0.0.1/db", 2, "douyin-spi-server: -redis and -postgres are exclusive"},
		{"-redis redis://" + addr + "/0", 1, "douyin-spi-server: -redis: Redis at " + addr + " (db 0) does not answer"},
		{"-h", 0, "Usage of douyin-spi-server"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMainExitStatus$")
		cmd.Env = append(os.Environ(), "SPI_SERVER_MAIN_ARGS="+tc.args, "DOUYIN_CLIENT_KEY=ck", "DOUYIN_CLIENT_SECRET=cs")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		status := 0
		if ee, ok := err.(*exec.ExitError); ok {
			status = ee.ExitCode()
		} else {
			require.NoError(t, err, tc.args)
		}
		assert.Equal(t, tc.status, status, "%s: %s", tc.args, stderr.String())
		assert.Contains(t, stderr.String(), tc.stderr, tc.args)
	}
}
