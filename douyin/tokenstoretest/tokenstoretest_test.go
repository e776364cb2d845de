package tokenstoretest_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/tokenstoretest"
)

// The in-process store passes the fleet check its Redis and PostgreSQL
// counterparts run (contrib/redisstore, contrib/sqlstore).
func TestMemoryTokenStore(t *testing.T) {
	tokenstoretest.FleetFetchBackoff(t, func() douyin.TokenStore { return douyin.NewMemoryTokenStore() })
}
