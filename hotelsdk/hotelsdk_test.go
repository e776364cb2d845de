package hotelsdk_test

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/callopt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorStrings(t *testing.T) {
	te := &hotelsdk.TransportError{Platform: "p", Operation: "op", Method: "POST", Path: "/x", Attempts: 2, MaybeSent: true, Err: errors.New("boom")}
	assert.Equal(t, "p: op: POST /x: after 2 attempts: boom (outcome unknown: the request may have reached the server)", te.Error())
	te.Idempotent = true
	assert.Equal(t, "p: op: POST /x: after 2 attempts: boom (the request may have reached the server)", te.Error())
	assert.Equal(t, "boom", errors.Unwrap(te).Error())

	ve := &hotelsdk.ValidationError{Platform: "p", Operation: "op", Problems: []hotelsdk.FieldError{{Field: "a", Message: "is required"}, {Message: "bad"}}}
	assert.Equal(t, "p: op: invalid request: a: is required; bad", ve.Error())
	assert.ErrorIs(t, fmt.Errorf("wrapped: %w", ve), hotelsdk.ErrInvalidRequest)

	de := &hotelsdk.DecodeError{Platform: "p", Operation: "op", HTTPStatus: 502, Raw: []byte("<html>13800138000</html>"), Err: errors.New("HTTP status 502")}
	assert.Equal(t, "p: op: cannot decode response (HTTP 502, HTML or XML body): HTTP status 502 (outcome unknown: the server received the request)", de.Error())
	assert.True(t, hotelsdk.OutcomeUnknown(de))
	de.Idempotent = true
	assert.Equal(t, "p: op: cannot decode response (HTTP 502, HTML or XML body): HTTP status 502", de.Error())
	assert.False(t, hotelsdk.OutcomeUnknown(de))
	assert.Equal(t, "p: op: cannot decode response (HTTP 200, empty body)", (&hotelsdk.DecodeError{Platform: "p", Operation: "op", HTTPStatus: 200, Idempotent: true}).Error())

	re := &hotelsdk.RedirectError{Platform: "p", Operation: "op", Method: "POST", Path: "/x", StatusCode: 307, Host: "sso.example"}
	assert.Equal(t, `p: op: POST /x: the server answered HTTP 307, a redirect to host "sso.example" (not followed: API calls follow no redirects; check the base URL); outcome unknown: the server received the request`, re.Error())
	assert.True(t, hotelsdk.OutcomeUnknown(re))
}

func TestOutcomeUnknown(t *testing.T) {
	assert.False(t, hotelsdk.OutcomeUnknown(nil))
	assert.False(t, hotelsdk.OutcomeUnknown(errors.New("x")))
	assert.False(t, hotelsdk.OutcomeUnknown(&hotelsdk.TransportError{}))
	assert.True(t, hotelsdk.OutcomeUnknown(fmt.Errorf("w: %w", &hotelsdk.TransportError{MaybeSent: true})))
	assert.False(t, hotelsdk.OutcomeUnknown(&hotelsdk.TransportError{MaybeSent: true, Idempotent: true}), "a read's outcome is never in doubt")
	assert.False(t, hotelsdk.OutcomeUnknown(&hotelsdk.ValidationError{}))
	var nilTE *hotelsdk.TransportError
	assert.False(t, nilTE.OutcomeUnknown())
}

func TestCallOptions(t *testing.T) {
	var s callopt.Settings
	hotelsdk.WithHeader("X-A", "1")(&s)
	hotelsdk.WithHeader("X-A", "2")(&s)
	hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1})(&s)
	assert.Equal(t, []string{"1", "2"}, s.Header.Values("X-A"))
	p, ok := s.Policy.(*hotelsdk.RetryPolicy)
	require.True(t, ok)
	assert.Equal(t, 1, p.MaxAttempts)
}

func TestDefaultHTTPTransport(t *testing.T) {
	a, b := hotelsdk.DefaultHTTPTransport(), hotelsdk.DefaultHTTPTransport()
	assert.NotSame(t, a, b, "each call has its own pool")
	assert.GreaterOrEqual(t, a.MaxIdleConnsPerHost, 32)
	assert.NotZero(t, a.TLSHandshakeTimeout)
	assert.NotZero(t, a.ResponseHeaderTimeout)
	assert.NotNil(t, a.DialContext)
	var _ http.RoundTripper = a
}

func TestDefaultRetryPolicy(t *testing.T) {
	assert.Equal(t, 3, hotelsdk.DefaultRetryPolicy.MaxAttempts)
	assert.Equal(t, 200*time.Millisecond, hotelsdk.DefaultRetryPolicy.BaseDelay)
}

func TestRetryPolicyValidate(t *testing.T) {
	for _, tc := range []struct {
		p    hotelsdk.RetryPolicy
		want string
	}{
		{hotelsdk.RetryPolicy{}, ""},
		{hotelsdk.DefaultRetryPolicy, ""},
		{hotelsdk.RetryPolicy{MaxAttempts: hotelsdk.MaxRetryAttempts, BaseDelay: math.MaxInt64, MaxDelay: math.MaxInt64, MaxRetryAfter: math.MaxInt64, PerAttemptTimeout: math.MaxInt64}, ""},
		{hotelsdk.RetryPolicy{MaxAttempts: -1}, "invalid retry policy: MaxAttempts is negative (-1)"},
		{hotelsdk.RetryPolicy{MaxAttempts: 101}, "invalid retry policy: MaxAttempts is 101, above the limit of 100"},
		{hotelsdk.RetryPolicy{BaseDelay: -time.Millisecond}, "invalid retry policy: BaseDelay is negative (-1ms)"},
		{hotelsdk.RetryPolicy{MaxDelay: -1}, "invalid retry policy: MaxDelay is negative (-1ns)"},
		{hotelsdk.RetryPolicy{MaxRetryAfter: -time.Second}, "invalid retry policy: MaxRetryAfter is negative (-1s)"},
		{hotelsdk.RetryPolicy{PerAttemptTimeout: -time.Minute}, "invalid retry policy: PerAttemptTimeout is negative (-1m0s)"},
	} {
		err := tc.p.Validate()
		if tc.want == "" {
			assert.NoError(t, err, "%+v", tc.p)
			continue
		}
		assert.EqualError(t, err, tc.want)
		assert.ErrorIs(t, err, hotelsdk.ErrInvalidRetryPolicy)
		var pe *hotelsdk.RetryPolicyError
		assert.ErrorAs(t, err, &pe)
	}
}
