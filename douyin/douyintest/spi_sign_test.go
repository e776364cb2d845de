package douyintest

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignSPIRequest(t *testing.T) {
	t.Parallel()
	at := time.UnixMilli(1700000000123)
	body := []byte(`{"order_id":"o1"}`)
	r, err := http.NewRequest(http.MethodPost, "https://h.example/cb"+spi.OpCommitOrder.Path()+"?x=1", bytes.NewReader(body))
	require.NoError(t, err)
	require.NoError(t, SignSPIRequest(r, "ck", "secret", at))

	q := r.URL.Query()
	assert.Equal(t, "ck", q.Get("client_key"))
	assert.Equal(t, "1700000000123", q.Get("timestamp"))
	assert.Equal(t, "1", q.Get("x"))
	assert.Equal(t, "ck", r.Header.Get("x-life-clientkey"))
	assert.Equal(t, lifesign.Sign("secret", q, body), r.Header.Get("x-life-sign"))
	again, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, body, again, "the body is put back")
	rb, err := r.GetBody()
	require.NoError(t, err)
	again, _ = io.ReadAll(rb)
	assert.Equal(t, body, again)
	assert.EqualValues(t, len(body), r.ContentLength)
}

func TestSignSPIRequestBodiless(t *testing.T) {
	t.Parallel()
	at := time.UnixMilli(5)
	get, _ := http.NewRequest(http.MethodGet, "/x", nil)
	require.NoError(t, SignSPIRequest(get, "ck", "s", at))
	assert.Equal(t, lifesign.Sign("s", get.URL.Query(), nil), get.Header.Get(lifesign.HeaderSign))

	post, _ := http.NewRequest(http.MethodPost, "/x", nil)
	post.Header = nil
	require.NoError(t, SignSPIRequest(post, "ck", "s", at))
	assert.Equal(t, lifesign.Sign("s", post.URL.Query(), []byte{}), post.Header.Get(lifesign.HeaderSign))
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestSignSPIRequestErrors(t *testing.T) {
	t.Parallel()
	assert.Error(t, SignSPIRequest(nil, "ck", "s", time.Now()))
	r, _ := http.NewRequest(http.MethodPost, "/x", nil)
	assert.Error(t, SignSPIRequest(r, "", "s", time.Now()))
	assert.Error(t, SignSPIRequest(r, "ck", "", time.Now()))
	bad, _ := http.NewRequest(http.MethodPost, "/x", io.NopCloser(failingReader{}))
	err := SignSPIRequest(bad, "ck", "s", time.Now())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot read body")
}

func TestNewSignedSPIRequest(t *testing.T) {
	t.Parallel()
	at := time.UnixMilli(1700000000000)
	body := []byte(`{"order_id":"o1","order_status":1}`)
	r, err := NewSPIRequest(spi.OpCancelOrder.Path(), "ck", "secret", body, at)
	require.NoError(t, err)
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, spi.OpCancelOrder.Path(), r.URL.Path)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "example.com", r.Host)
	assert.True(t, lifesign.Verify("secret", r.URL.Query(), body, r.Header.Get(lifesign.HeaderSign)))

	_, err = NewSPIRequest("http://[::1", "ck", "secret", body, at)
	assert.Error(t, err)
	_, err = NewSPIRequest("/x", "", "secret", body, at)
	assert.Error(t, err)
}
