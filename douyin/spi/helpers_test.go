package spi

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
)

// The tests of this package sign their requests themselves (package douyintest,
// which signs for integrators, imports this package).
const (
	spiTestKey    = "awx-client-key"
	spiTestSecret = "spi-test-secret"
)

// newSignedRequest returns a POST of body to target signed as Douyin signs
// a call made at time at (what NewSPIRequest of douyintest does).
func newSignedRequest(target, clientKey, clientSecret string, body []byte, at time.Time) (*http.Request, error) {
	r, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Host = "example.com"
	q := r.URL.Query()
	q.Set(lifesign.QueryClientKey, clientKey)
	q.Set(lifesign.QueryTimestamp, strconv.FormatInt(at.UnixMilli(), 10))
	r.Header.Set(lifesign.HeaderClientKey, clientKey)
	r.Header.Set(lifesign.HeaderSign, lifesign.Sign(clientSecret, q, body))
	r.URL.RawQuery = q.Encode()
	return r, nil
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

// wireOnly returns the request without the metadata the handler adds, for
// comparisons with what was sent.
func wireOnly[R CommitOrderRequest | NotifyPaymentRequest | CancelOrderRequest](r R) R {
	switch q := any(&r).(type) {
	case *CommitOrderRequest:
		q.LogID, q.BodySHA256, q.Unverified = "", "", nil
	case *NotifyPaymentRequest:
		q.LogID, q.BodySHA256, q.Unverified = "", "", nil
	case *CancelOrderRequest:
		q.LogID, q.BodySHA256, q.Unverified = "", "", nil
	}
	return r
}
