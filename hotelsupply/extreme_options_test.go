package hotelsupply_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const maxDur = time.Duration(math.MaxInt64)

// TestNewClientExtremeOptions (issue 10 §16): nil, negative and huge option
// values never panic: each is a clear error or a working client.
func TestNewClientExtremeOptions(t *testing.T) {
	t.Parallel()
	base := []hotelsupply.Option{hotelsupply.WithBaseURL(testBase), hotelsupply.WithUniacid(6)}
	for name, tc := range map[string]struct {
		opts       []hotelsupply.Option
		wantPolicy bool // the error is an invalid retry policy
		wantErr    bool
	}{
		"nil option":             {opts: []hotelsupply.Option{nil}},
		"nil http client":        {opts: []hotelsupply.Option{hotelsupply.WithHTTPClient(nil)}, wantErr: true},
		"nil transport":          {opts: []hotelsupply.Option{hotelsupply.WithTransport(nil)}, wantErr: true},
		"nil logger":             {opts: []hotelsupply.Option{hotelsupply.WithLogger(nil)}, wantErr: true},
		"negative attempts":      {opts: []hotelsupply.Option{hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: math.MinInt})}, wantPolicy: true},
		"absurd attempts":        {opts: []hotelsupply.Option{hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: math.MaxInt})}, wantPolicy: true},
		"negative per-attempt":   {opts: []hotelsupply.Option{hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{PerAttemptTimeout: -1})}, wantPolicy: true},
		"max durations":          {opts: []hotelsupply.Option{hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{BaseDelay: maxDur, MaxDelay: maxDur, MaxRetryAfter: maxDur, PerAttemptTimeout: maxDur})}},
		"negative uniacid":       {opts: []hotelsupply.Option{hotelsupply.WithUniacid(math.MinInt64)}, wantErr: true},
		"huge uniacid":           {opts: []hotelsupply.Option{hotelsupply.WithUniacid(math.MaxInt64)}},
		"negative client type":   {opts: []hotelsupply.Option{hotelsupply.WithClientType(math.MinInt)}, wantErr: true},
		"negative member id":     {opts: []hotelsupply.Option{hotelsupply.WithMemberID(math.MinInt64)}, wantErr: true},
		"empty base URL":         {opts: []hotelsupply.Option{hotelsupply.WithBaseURL("")}, wantErr: true},
		"huge user agent":        {opts: []hotelsupply.Option{hotelsupply.WithUserAgent(string(make([]byte, 1<<16)))}},
		"zero hooks":             {opts: []hotelsupply.Option{hotelsupply.WithHooks(hotelsdk.Hooks{})}},
		"unknown date format":    {opts: []hotelsupply.Option{hotelsupply.WithDateFormat(hotelsupply.DateFormat(math.MaxInt))}, wantErr: true},
		"credentials half given": {opts: []hotelsupply.Option{hotelsupply.WithCredentials("13800138000", "")}, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			var c *hotelsupply.Client
			var err error
			require.NotPanics(t, func() { c, err = hotelsupply.NewClient(append(append([]hotelsupply.Option{}, base...), tc.opts...)...) })
			switch {
			case tc.wantPolicy:
				require.ErrorIs(t, err, hotelsdk.ErrInvalidRetryPolicy)
				assert.Nil(t, c)
			case tc.wantErr:
				require.Error(t, err)
				assert.Nil(t, c)
			default:
				require.NoError(t, err)
				require.NotNil(t, c)
				require.NoError(t, c.Close())
			}
		})
	}
}

// TestMaxDurationPolicyCallDoesNotPanic: a call under a policy of
// math.MaxInt64 durations that meets a 503 ends by its context (the backoff
// would outlive it) instead of panicking in the jitter.
func TestMaxDurationPolicyCallDoesNotPanic(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(503, `busy`))
	c := newTestClient(t, shop, hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{
		BaseDelay: maxDur, MaxDelay: maxDur, MaxRetryAfter: maxDur, PerAttemptTimeout: maxDur}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	require.NotPanics(t, func() {
		_, err := c.GoodsBuy(ctx, wikiGoodsBuy())
		require.Error(t, err)
		assert.False(t, errors.Is(err, hotelsdk.ErrInvalidRetryPolicy))
	})
}
