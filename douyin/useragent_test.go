package douyin_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// callEveryOperation makes c send each of its requests once: the client
// token fetch, the user token exchange, an order status update and an order
// sync.
func callEveryOperation(t *testing.T, srv *douyintest.Server, c *douyin.Client) {
	t.Helper()
	ctx := context.Background()
	_, err := c.FetchClientToken(ctx)
	require.NoError(t, err)
	srv.AddAuthCode("code-1", "open-1")
	_, err = c.ExchangeUserToken(ctx, "code-1")
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(ctx, &douyin.UpdateOrderStatusRequest{
		OrderID: "7000000000001", OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9", Status: douyin.ConfirmStatusConfirmed,
	})
	require.NoError(t, err)
	req, err := douyin.NewHotelSyncOrder(douyin.ExtShopInfo{ExtShopID: "HOTEL-9"}, &douyin.HotelOrderDetail{
		OrderID: "7000000000001", OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9", SPUExtID: "ROOM-KING",
		CheckIn: douyin.NewDate(2024, 3, 1), CheckOut: douyin.NewDate(2024, 3, 3), ReserveAmount: 1,
		TotalPrice: douyin.Yuan(440), Status: douyin.ConfirmStatusConfirmed, PayStatus: douyin.PayStatusPaid,
	})
	require.NoError(t, err)
	_, err = c.SyncOrder(ctx, req)
	require.NoError(t, err)
}

// Every request of the client says "hotelsdk-go/<hotelsdk.Version> (douyin)",
// the token requests its token source makes included (issue 13 §4).
func TestUserAgentIsBuiltFromVersion(t *testing.T) {
	t.Parallel()
	srv := douyintest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient()
	require.NoError(t, err)
	defer c.Close()

	callEveryOperation(t, srv, c)
	assert.Equal(t, userAgents("hotelsdk-go/"+hotelsdk.Version+" (douyin)"), userAgentsSeen(srv))
}

// userAgents is the User-Agent expected on each path callEveryOperation
// reaches.
func userAgents(ua string) map[string][]string {
	return map[string][]string{douyin.PathClientToken: {ua}, douyin.PathAccessToken: {ua},
		douyin.PathOrderStatus: {ua}, douyin.PathOrderSync: {ua}}
}

// userAgentsSeen is the distinct User-Agents srv received, by path.
func userAgentsSeen(srv *douyintest.Server) map[string][]string {
	seen := map[string][]string{}
	for _, r := range srv.Requests() {
		ua := r.Header.Get("User-Agent")
		if !slices.Contains(seen[r.Path], ua) {
			seen[r.Path] = append(seen[r.Path], ua)
		}
	}
	return seen
}

// WithUserAgent replaces the default on every request, token requests too.
func TestWithUserAgentReplacesItEverywhere(t *testing.T) {
	t.Parallel()
	srv := douyintest.NewServer()
	defer srv.Close()
	c, err := srv.NewClient(douyin.WithUserAgent("my-app/2.0"))
	require.NoError(t, err)
	defer c.Close()

	callEveryOperation(t, srv, c)
	assert.Equal(t, userAgents("my-app/2.0"), userAgentsSeen(srv))
}
