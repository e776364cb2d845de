package redisstore_test

import (
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

// redisURL returns the test server's URL from HOTELSDK_REDIS_URL. A test
// that needs Redis fails when it is not set, unless HOTELSDK_NO_REDIS=1
// says Redis is deliberately absent (then it skips).
func redisURL(t testing.TB) string {
	t.Helper()
	if os.Getenv("HOTELSDK_NO_REDIS") == "1" {
		t.Skip("HOTELSDK_NO_REDIS=1: skipping a test that needs a Redis server")
	}
	u := os.Getenv("HOTELSDK_REDIS_URL")
	if u == "" {
		t.Fatal("HOTELSDK_REDIS_URL is not set: run the tests through `bash .ci/test`, which starts redis-server, " +
			"or set it to a disposable server (redis://127.0.0.1:6379/0), or set HOTELSDK_NO_REDIS=1 to skip")
	}
	return u
}

// newRedis returns a client of the test server, closed at the end of the test.
func newRedis(t testing.TB) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(redisURL(t))
	if err != nil {
		t.Fatalf("HOTELSDK_REDIS_URL: %v", err)
	}
	rdb := redis.NewClient(opt)
	t.Cleanup(func() { _ = rdb.Close() })
	if err := rdb.Ping(t.Context()).Err(); err != nil {
		t.Fatalf("Redis at HOTELSDK_REDIS_URL does not answer: %v", err)
	}
	return rdb
}
