package douyin

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// signSPIParts adds what Douyin adds to an SPI call made at time at: query
// client_key and timestamp (ms), headers x-life-clientkey and x-life-sign
// over the final query and the raw body.
func signSPIParts(clientKey, clientSecret string, q url.Values, h http.Header, body []byte, at time.Time) {
	q.Set(spiQueryClientKey, clientKey)
	q.Set(spiQueryTimestamp, strconv.FormatInt(at.UnixMilli(), 10))
	h.Set(SPIHeaderClientKey, clientKey)
	h.Set(SPIHeaderSign, SignSPI(clientSecret, q, body))
}

// SignSPIRequest signs r as Douyin signs an SPI call made at time at: it
// sets the query parameters client_key and timestamp (milliseconds) and the
// headers x-life-clientkey and x-life-sign (see SignSPI). The body is read
// and put back, so r can still be sent or served. Use it in your own
// httptest tests of an SPIHandler, or of any handler that checks Douyin's
// signature.
func SignSPIRequest(r *http.Request, clientKey, clientSecret string, at time.Time) error {
	if r == nil || r.URL == nil {
		return errors.New("douyin: SignSPIRequest: request without URL")
	}
	if clientKey == "" || clientSecret == "" {
		return errors.New("douyin: SignSPIRequest: client key and secret are required")
	}
	var body []byte
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		body = []byte{}
	}
	if r.Body != nil && r.Body != http.NoBody {
		b, err := io.ReadAll(r.Body)
		_ = r.Body.Close()
		if err != nil {
			return errors.New("douyin: SignSPIRequest: cannot read body: " + err.Error())
		}
		body = b
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		r.ContentLength = int64(len(b))
	}
	if r.Header == nil {
		r.Header = http.Header{}
	}
	q := r.URL.Query()
	signSPIParts(clientKey, clientSecret, q, r.Header, body, at)
	r.URL.RawQuery = q.Encode()
	return nil
}

// NewSignedSPIRequest returns a POST of body (the raw JSON, sent as is) to
// target, a URL or a path such as SPIPathCommitOrder, with Content-Type
// application/json and signed as Douyin signs a call made at time at. It is
// the SPI counterpart of httptest.NewRequest for tests:
//
//	req, _ := douyin.NewSignedSPIRequest(douyin.SPIPathCommitOrder, key, secret, body, time.Now())
//	rec := httptest.NewRecorder()
//	handler.ServeHTTP(rec, req)
func NewSignedSPIRequest(target, clientKey, clientSecret string, body []byte, at time.Time) (*http.Request, error) {
	r, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("douyin: NewSignedSPIRequest: invalid target URL")
	}
	r.Header.Set("Content-Type", "application/json")
	if r.Host == "" {
		r.Host = "example.com" // as httptest.NewRequest does for a bare path
	}
	r.RemoteAddr = "192.0.2.1:1234"
	if err := SignSPIRequest(r, clientKey, clientSecret, at); err != nil {
		return nil, err
	}
	return r, nil
}
