package invoice

import (
	"context"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const maxDur = time.Duration(math.MaxInt64)

// TestNewClientExtremeOptions (issue 10 §16): nil, negative and huge option
// values never panic: each is a clear error (matching ErrInvalidConfig) or
// a working client. An invalid retry policy was accepted before.
func TestNewClientExtremeOptions(t *testing.T) {
	t.Parallel()
	base := []Option{WithBaseURL(testBaseURL), WithApp("app", "secret"), WithUserID("u")}
	for name, tc := range map[string]struct {
		opts       []Option
		wantPolicy bool
		wantErr    bool
	}{
		"nil option":        {opts: []Option{nil}},
		"nil http client":   {opts: []Option{WithHTTPClient(nil)}, wantErr: true},
		"nil transport":     {opts: []Option{WithTransport(nil)}, wantErr: true},
		"nil logger":        {opts: []Option{WithLogger(nil)}, wantErr: true},
		"nil clock":         {opts: []Option{WithClock(nil)}, wantErr: true},
		"nil nonce source":  {opts: []Option{WithNonceSource(nil)}, wantErr: true},
		"negative attempts": {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: math.MinInt})}, wantPolicy: true},
		"absurd attempts":   {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: math.MaxInt})}, wantPolicy: true},
		"negative timeout":  {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{PerAttemptTimeout: -time.Second})}, wantPolicy: true},
		"negative delays":   {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{BaseDelay: -1, MaxDelay: -1, MaxRetryAfter: -1})}, wantPolicy: true},
		"max durations": {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: hotelsdk.MaxRetryAttempts,
			BaseDelay: maxDur, MaxDelay: maxDur, MaxRetryAfter: maxDur, PerAttemptTimeout: maxDur})}},
		"bad sign type":     {opts: []Option{WithSignType(SignType("\xff"))}, wantErr: true},
		"bad signed params": {opts: []Option{WithSignedParams(SignedParams(math.MaxInt))}, wantErr: true},
		"huge user agent":   {opts: []Option{WithUserAgent(string(make([]byte, 1<<16)))}},
		"empty base URL":    {opts: []Option{WithBaseURL("")}, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			var c *Client
			var err error
			require.NotPanics(t, func() { c, err = NewClient(append(append([]Option{}, base...), tc.opts...)...) })
			switch {
			case tc.wantPolicy:
				require.ErrorIs(t, err, hotelsdk.ErrInvalidRetryPolicy)
				require.ErrorIs(t, err, ErrInvalidConfig)
				assert.Nil(t, c)
			case tc.wantErr:
				require.ErrorIs(t, err, ErrInvalidConfig)
				assert.Nil(t, c)
			default:
				require.NoError(t, err)
				require.NotNil(t, c)
				require.NoError(t, c.Close())
			}
		})
	}
}

// TestMaxDurationPolicyCallDoesNotPanic: under a policy of math.MaxInt64
// durations a 503 ends the call (the backoff would outlive its context)
// instead of panicking in the jitter.
func TestMaxDurationPolicyCallDoesNotPanic(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(503, `busy`))
	c := newTestClient(t, mt, WithRetryPolicy(hotelsdk.RetryPolicy{
		BaseDelay: maxDur, MaxDelay: maxDur, MaxRetryAfter: maxDur, PerAttemptTimeout: maxDur}), WithClock(time.Now))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	require.NotPanics(t, func() {
		_, err := c.GetOrders(ctx, &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
		require.Error(t, err)
	})
}
