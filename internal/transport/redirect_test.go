package transport

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRedirectsAreNeverFollowed: a redirect from the API host to another
// host (another port) for every redirect status and for a read and a write
// ends the call with a *hotelsdk.RedirectError; the other host receives
// nothing (no access-token header, no body secret) and the API host
// receives the write once.
func TestRedirectsAreNeverFollowed(t *testing.T) {
	var otherHits atomic.Int32
	var otherMu sync.Mutex
	var otherSaw []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		b, _ := io.ReadAll(r.Body)
		otherMu.Lock()
		otherSaw = append(otherSaw, r.Header.Get("Access-Token")+" "+string(b))
		otherMu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"code":0,"data":{"evil":true}}`)
	}))
	defer other.Close()
	otherURL, _ := url.Parse(other.URL)

	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			t.Run(http.StatusText(status)+"/"+method, func(t *testing.T) {
				var apiHits atomic.Int32
				api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					apiHits.Add(1)
					_, _ = io.Copy(io.Discard, r.Body)
					http.Redirect(w, r, other.URL+"/steal?access_token=LEAKED-TOKEN", status)
				}))
				defer api.Close()
				before := otherHits.Load()
				c, err := New(Config{Platform: "test", BaseURL: api.URL,
					Retry: hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: 1}})
				require.NoError(t, err)
				req := &Request{
					Operation:  "thing.op",
					Method:     method,
					Path:       "/v1/things",
					Header:     http.Header{"Access-Token": {"ACCESS-TOKEN-SECRET"}},
					Idempotent: method == http.MethodGet,
				}
				if method == http.MethodPost {
					req.JSON = map[string]any{"client_secret": "BODY-SECRET", "guest": "张三"}
				}
				var out map[string]any
				req.Decode = decodeInto(&out)
				err = c.Do(context.Background(), req)

				var re *hotelsdk.RedirectError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, status, re.StatusCode)
				assert.Equal(t, otherURL.Host, re.Host)
				assert.Equal(t, "/v1/things", re.Path)
				assert.Nil(t, out, "the other host's answer is never taken")
				assert.Equal(t, before, otherHits.Load(), "nothing reached the other host")
				assert.Equal(t, int32(1), apiHits.Load(), "a redirect is not retried")
				assert.NotContains(t, err.Error(), "LEAKED-TOKEN")
				assert.NotContains(t, err.Error(), "/steal")
				assert.Contains(t, err.Error(), otherURL.Host)
				assert.Equal(t, method == http.MethodPost, hotelsdk.OutcomeUnknown(err), "a redirected write was received")
			})
		}
	}
	otherMu.Lock()
	defer otherMu.Unlock()
	assert.Empty(t, otherSaw)
}

// TestCallerClientRedirectPolicyUntouched: the caller's http.Client keeps
// its own CheckRedirect; only the SDK's copy refuses redirects.
func TestCallerClientRedirectPolicyUntouched(t *testing.T) {
	hc := &http.Client{}
	_, err := New(Config{BaseURL: "http://127.0.0.1:1", HTTPClient: hc})
	require.NoError(t, err)
	assert.Nil(t, hc.CheckRedirect)
}

// TestWritesCannotBeReplayedByNetHTTP: what reaches the RoundTripper for a
// non-idempotent request has no GetBody (net/http cannot rewind and resend
// it); an idempotent one keeps it.
func TestWritesCannotBeReplayedByNetHTTP(t *testing.T) {
	for _, idempotent := range []bool{false, true} {
		var got *http.Request
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			got = r
			return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"code":0,"data":{}}`)),
				Header: http.Header{}, Request: r}, nil
		})
		c, err := New(Config{BaseURL: testBase, RoundTripper: rt})
		require.NoError(t, err)
		req := signedRequest(idempotent, new(any))
		require.NoError(t, c.Do(context.Background(), req))
		require.NotNil(t, got)
		assert.Equal(t, idempotent, got.GetBody != nil, "idempotent=%v", idempotent)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
