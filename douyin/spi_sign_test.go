package douyin

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignSPIMatchesDouyinExample(t *testing.T) {
	t.Parallel()
	// REFERENCE §1: str1 = "yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body=zzzzzz";
	// the digest is sha256sum of that literal string.
	q := url.Values{"timestamp": {"1624293280123"}, "client_key": {"xxxxxx"}}
	got := SignSPI("yyyyyy", q, []byte("zzzzzz"))
	assert.Equal(t, "1cb07147475e76d0a8b9f6c7e201c7d8cde1617fb9f5d7e576bec5268fa887ae", got)
}

func TestSignSPISortsByNameAndSkipsSign(t *testing.T) {
	t.Parallel()
	q := url.Values{
		"timestamp":  {"1"},
		"b":          {"x y"},
		"a_b":        {"2"},
		"client_key": {"ck"},
		"a":          {"1"},
		"sign":       {"old-style-signature"},
	}
	// sha256sum of: sec&a=1&a_b=2&b=x y&client_key=ck&timestamp=1&http_body={"order_id":"1"}
	got := SignSPI("sec", q, []byte(`{"order_id":"1"}`))
	assert.Equal(t, "ff93ed050d8f77aeea58025eedd532b3e4da78a22f10849a23bafe034d281593", got)
}

func TestSignSPINilBodyHasNoHTTPBodyPart(t *testing.T) {
	t.Parallel()
	// sha256sum of "sec"
	assert.Equal(t, "add93534eeb463800fe0ed0946048d33636dd2a014fab92e8a37f77ce98c740b", SignSPI("sec", nil, nil))
	assert.NotEqual(t, SignSPI("sec", nil, nil), SignSPI("sec", nil, []byte{}))
}

func TestVerifySPISign(t *testing.T) {
	t.Parallel()
	q := url.Values{"client_key": {"ck"}, "timestamp": {"1700000000000"}}
	body := []byte(`{"order_id":"1"}`)
	sig := SignSPI("secret", q, body)
	assert.True(t, VerifySPISign("secret", q, body, sig))
	assert.True(t, VerifySPISign("secret", q, body, strings.ToUpper(sig)), "hex case does not matter")
	assert.False(t, VerifySPISign("other", q, body, sig))
	assert.False(t, VerifySPISign("secret", q, []byte(`{"order_id":"2"}`), sig))
	assert.False(t, VerifySPISign("secret", q, []byte(`{"order_id": "1"}`), sig), "re-serialised JSON is a different body")
	assert.False(t, VerifySPISign("secret", q, body, ""))
	assert.False(t, VerifySPISign("secret", q, body, "zz"+sig[2:]))
	assert.False(t, VerifySPISign("secret", q, body, sig[:10]))
	q2 := url.Values{"client_key": {"ck"}, "timestamp": {"1700000000001"}}
	assert.False(t, VerifySPISign("secret", q2, body, sig))
}

func TestSignSPIRequest(t *testing.T) {
	t.Parallel()
	at := time.UnixMilli(1700000000123)
	body := []byte(`{"order_id":"o1"}`)
	r, err := http.NewRequest(http.MethodPost, "https://h.example/cb"+SPIPathCommitOrder+"?x=1", bytes.NewReader(body))
	require.NoError(t, err)
	require.NoError(t, SignSPIRequest(r, "ck", "secret", at))

	q := r.URL.Query()
	assert.Equal(t, "ck", q.Get("client_key"))
	assert.Equal(t, "1700000000123", q.Get("timestamp"))
	assert.Equal(t, "1", q.Get("x"))
	assert.Equal(t, "ck", r.Header.Get("x-life-clientkey"))
	assert.Equal(t, SignSPI("secret", q, body), r.Header.Get("x-life-sign"))
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
	assert.Equal(t, SignSPI("s", get.URL.Query(), nil), get.Header.Get(SPIHeaderSign))

	post, _ := http.NewRequest(http.MethodPost, "/x", nil)
	post.Header = nil
	require.NoError(t, SignSPIRequest(post, "ck", "s", at))
	assert.Equal(t, SignSPI("s", post.URL.Query(), []byte{}), post.Header.Get(SPIHeaderSign))
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
	r, err := NewSignedSPIRequest(SPIPathCancelOrder, "ck", "secret", body, at)
	require.NoError(t, err)
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, SPIPathCancelOrder, r.URL.Path)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "example.com", r.Host)
	assert.True(t, VerifySPISign("secret", r.URL.Query(), body, r.Header.Get(SPIHeaderSign)))

	_, err = NewSignedSPIRequest("http://[::1", "ck", "secret", body, at)
	assert.Error(t, err)
	_, err = NewSignedSPIRequest("/x", "", "secret", body, at)
	assert.Error(t, err)
}
