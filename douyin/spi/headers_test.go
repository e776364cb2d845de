package spi

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingReader counts the reads of a request body.
type countingReader struct {
	r     io.Reader
	reads atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads.Add(1)
	return c.r.Read(p)
}

// The handler decides on the headers (method, content type, client key,
// timestamp window, presence of the signature) before it reads a byte of
// the body, so that a slow or endless body from a caller that cannot be
// Douyin costs nothing (issue 10 §9c).
func TestHeadersAreCheckedBeforeTheBody(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		mutate func(r *http.Request)
		status int
	}{
		{"no signature", func(r *http.Request) { r.Header.Del("X-Life-Sign") }, http.StatusUnauthorized},
		{"no client key", func(r *http.Request) {
			r.Header.Del("X-Life-Clientkey")
			setQuery(r, "client_key", "")
		}, http.StatusUnauthorized},
		{"wrong client key", func(r *http.Request) { r.Header.Set("X-Life-Clientkey", "other") }, http.StatusUnauthorized},
		{"no timestamp", func(r *http.Request) { setQuery(r, "timestamp", "") }, http.StatusUnauthorized},
		{"stale timestamp", func(r *http.Request) { setQuery(r, "timestamp", "1600000000000") }, http.StatusUnauthorized},
		{"wrong method", func(r *http.Request) { r.Method = http.MethodPut }, http.StatusMethodNotAllowed},
		{"wrong content type", func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, http.StatusUnsupportedMediaType},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			impl := &fakeSPI{}
			r := signedReq(t, OpCancelOrder.Path(), cancelJSON)
			body := &countingReader{r: strings.NewReader(cancelJSON)}
			r.Body = io.NopCloser(body)
			tc.mutate(r)
			rec := serve(newTestHandler(t, impl), r)
			assert.Equal(t, tc.status, rec.Code)
			assert.Zero(t, body.reads.Load(), "the body was read before the headers were checked")

			r2 := signedReq(t, OpCancelOrder.Path(), cancelJSON)
			body2 := &countingReader{r: strings.NewReader(cancelJSON)}
			r2.Body = io.NopCloser(body2)
			tc.mutate(r2)
			_, err := newTestHandler(t, impl).ParseRequest(r2)
			require.Error(t, err)
			assert.Zero(t, body2.reads.Load(), "ParseRequest read the body before the headers were checked")
		})
	}
}

// Douyin's clock may run a little ahead of ours, never minutes ahead: the
// window allows far less forward than back (issue 10 §9c).
func TestTimestampWindowIsAsymmetric(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		skew time.Duration // timestamp minus the handler's clock
		want error
	}{
		{-5 * time.Minute, nil},
		{-5*time.Minute - time.Millisecond, ErrTooOld},
		{30 * time.Second, nil},
		{30*time.Second + time.Millisecond, ErrTimestampInFuture},
		{time.Minute, ErrTimestampInFuture},
		{5 * time.Minute, ErrTimestampInFuture},
	} {
		r, err := newSignedRequest(OpCancelOrder.Path(), spiTestKey, spiTestSecret, []byte(cancelJSON), spiHandlerNow.Add(tc.skew))
		require.NoError(t, err)
		_, err = newTestHandler(t, &fakeSPI{}).ParseRequest(r)
		if tc.want == nil {
			assert.NoError(t, err, "skew %v", tc.skew)
			continue
		}
		assert.True(t, errors.Is(err, tc.want), "skew %v: %v", tc.skew, err)
	}
	// Both sides are configurable.
	h := newTestHandler(t, &fakeSPI{}, WithTimestampTolerance(time.Minute, 2*time.Minute))
	r, _ := newSignedRequest(OpCancelOrder.Path(), spiTestKey, spiTestSecret, []byte(cancelJSON), spiHandlerNow.Add(90*time.Second))
	_, err := h.ParseRequest(r)
	assert.NoError(t, err)
	r, _ = newSignedRequest(OpCancelOrder.Path(), spiTestKey, spiTestSecret, []byte(cancelJSON), spiHandlerNow.Add(-90*time.Second))
	_, err = h.ParseRequest(r)
	assert.ErrorIs(t, err, ErrTooOld)
}
