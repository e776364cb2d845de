package douyin

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
// values never panic: each is a clear error or a working client.
func TestNewClientExtremeOptions(t *testing.T) {
	t.Parallel()
	creds := WithClientCredentials("ck", "cs")
	for name, tc := range map[string]struct {
		opts       []Option
		wantPolicy bool
		wantErr    bool
	}{
		"nil option":              {opts: []Option{nil}},
		"nil http client":         {opts: []Option{WithHTTPClient(nil)}, wantErr: true},
		"nil transport":           {opts: []Option{WithTransport(nil)}, wantErr: true},
		"nil logger":              {opts: []Option{WithLogger(nil)}, wantErr: true},
		"nil clock":               {opts: []Option{WithClock(nil)}, wantErr: true},
		"nil token store":         {opts: []Option{WithTokenStore(nil)}, wantErr: true},
		"negative refresh before": {opts: []Option{WithTokenRefreshBefore(math.MinInt64)}, wantErr: true},
		"max refresh before":      {opts: []Option{WithTokenRefreshBefore(maxDur)}},
		"negative attempts":       {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: math.MinInt})}, wantPolicy: true},
		"absurd attempts":         {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: math.MaxInt})}, wantPolicy: true},
		"negative delay":          {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{BaseDelay: math.MinInt64})}, wantPolicy: true},
		"max durations": {opts: []Option{WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: hotelsdk.MaxRetryAttempts,
			BaseDelay: maxDur, MaxDelay: maxDur, MaxRetryAfter: maxDur, PerAttemptTimeout: maxDur})}},
		"huge user agent": {opts: []Option{WithUserAgent(string(make([]byte, 1<<16)))}},
		"bad base URL":    {opts: []Option{WithBaseURL("\x00")}, wantErr: true},
		"huge token key":  {opts: []Option{WithTokenStoreKey(string(make([]byte, 1<<16)))}},
		"bad placement":   {opts: []Option{WithTokenPlacement(TokenPlacement(math.MaxInt))}, wantErr: true},
	} {
		t.Run(name, func(t *testing.T) {
			var c *Client
			var err error
			require.NotPanics(t, func() { c, err = NewClient(append([]Option{creds}, tc.opts...)...) })
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

// TestMaxDurationPolicyCallDoesNotPanic: under a policy of math.MaxInt64
// durations a 503 ends the call (the backoff would outlive its context)
// instead of panicking in the jitter.
func TestMaxDurationPolicyCallDoesNotPanic(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	obMock(mt, http.MethodPost, obStatusURL, obJSON(503, `busy`))
	c, err := NewClient(WithTransport(mt), WithClientCredentials("ck", "cs"), WithRetryPolicy(hotelsdk.RetryPolicy{
		BaseDelay: maxDur, MaxDelay: maxDur, MaxRetryAfter: maxDur, PerAttemptTimeout: maxDur}))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	require.NotPanics(t, func() {
		_, err := c.UpdateOrderStatus(ctx, validStatusRequest())
		require.Error(t, err)
	})
}
