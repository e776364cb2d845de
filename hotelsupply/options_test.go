package hotelsupply_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// TestOptionsRefuseNilArguments: an option given nothing to use is an
// error naming the option, never a silent default.
func TestOptionsRefuseNilArguments(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		opt  hotelsupply.Option
		want string
	}{
		{hotelsupply.WithHTTPClient(nil), "hotelsupply: WithHTTPClient: nil *http.Client"},
		{hotelsupply.WithTransport(nil), "hotelsupply: WithTransport: nil http.RoundTripper"},
		{hotelsupply.WithLogger(nil), "hotelsupply: WithLogger: nil *slog.Logger"},
		{hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{BaseDelay: -time.Second}), "hotelsupply: WithRetryPolicy: invalid retry policy: BaseDelay is negative (-1s)"},
		{hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: -1}), "hotelsupply: WithRetryPolicy: invalid retry policy: MaxAttempts is negative (-1)"},
		{hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1 << 40}), "hotelsupply: WithRetryPolicy: invalid retry policy: MaxAttempts is 1099511627776, above the limit of 100"},
	} {
		c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(testBase), hotelsupply.WithUniacid(6), tc.opt)
		assert.EqualError(t, err, tc.want)
		assert.Nil(t, c)
	}
	// The option error comes before the configuration check.
	_, err := hotelsupply.NewClient(hotelsupply.WithHTTPClient(nil))
	assert.EqualError(t, err, "hotelsupply: WithHTTPClient: nil *http.Client")

	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(testBase), hotelsupply.WithUniacid(6),
		hotelsupply.WithHTTPClient(&http.Client{}), hotelsupply.WithRetryPolicy(hotelsdk.RetryPolicy{}))
	require.NoError(t, err)
	assert.Equal(t, testBase, c.BaseURL())
}
