package spi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badSignatures are the calls a signature check fails, each with the
// sentinel the check returns.
var badSignatures = []struct {
	name   string
	want   error
	code   string // the check's code in logs and LogValue
	mangle func(t *testing.T, op Operation, body string) *http.Request
}{
	{"invalid signature", ErrInvalidSignature, "invalid_signature", func(t *testing.T, op Operation, body string) *http.Request {
		r := signedReq(t, op.Path(), body)
		r.Header.Set(lifesign.HeaderSign, "deadbeefdeadbeef")
		return r
	}},
	{"wrong secret", ErrInvalidSignature, "invalid_signature", func(t *testing.T, op Operation, body string) *http.Request {
		r, err := newSignedRequest(op.Path(), spiTestKey, "not-the-secret", []byte(body), spiHandlerNow)
		require.NoError(t, err)
		return r
	}},
	{"unsigned", ErrNotSigned, "not_signed", func(t *testing.T, op Operation, body string) *http.Request {
		r := signedReq(t, op.Path(), body)
		r.Header.Del(lifesign.HeaderSign)
		return r
	}},
	{"wrong client key", ErrWrongClientKey, "wrong_client_key", func(t *testing.T, op Operation, body string) *http.Request {
		r, err := newSignedRequest(op.Path(), "someone-else", spiTestSecret, []byte(body), spiHandlerNow)
		require.NoError(t, err)
		return r
	}},
	{"too old", ErrTooOld, "too_old", func(t *testing.T, op Operation, body string) *http.Request {
		r, err := newSignedRequest(op.Path(), spiTestKey, spiTestSecret, []byte(body), spiHandlerNow.Add(-time.Hour))
		require.NoError(t, err)
		return r
	}},
	{"in the future", ErrTimestampInFuture, "timestamp_in_future", func(t *testing.T, op Operation, body string) *http.Request {
		r, err := newSignedRequest(op.Path(), spiTestKey, spiTestSecret, []byte(body), spiHandlerNow.Add(time.Hour))
		require.NoError(t, err)
		return r
	}},
}

// opBodies is a valid body of each operation.
var opBodies = map[Operation]string{OpCommitOrder: sampleCommitJSON, OpNotifyPayment: paymentJSON, OpCancelOrder: cancelJSON}

// unverifiedOf returns the Unverified field of a request ParseRequest or
// the handler made.
func unverifiedOf(t *testing.T, req any) error {
	t.Helper()
	switch q := req.(type) {
	case *CommitOrderRequest:
		return q.Unverified
	case *NotifyPaymentRequest:
		return q.Unverified
	case *CancelOrderRequest:
		return q.Unverified
	}
	t.Fatalf("unexpected request type %T", req)
	return nil
}

// checkUnverified asserts that u is the check's *Error for want, and that
// its text holds neither the secret nor a signature.
func checkUnverified(t *testing.T, u error, want error, r *http.Request) {
	t.Helper()
	require.Error(t, u, "a call that failed the signature check must say so in Unverified")
	assert.ErrorIs(t, u, want)
	assert.NotErrorIs(t, u, ErrSignatureNotChecked)
	var se *Error
	require.ErrorAs(t, u, &se)
	assert.Equal(t, http.StatusUnauthorized, se.HTTPStatus)
	assert.NotContains(t, u.Error(), spiTestSecret)
	if sign := r.Header.Get(lifesign.HeaderSign); sign != "" {
		assert.NotContains(t, u.Error(), sign)
	}
}

// In report-only mode ParseRequest returns the decoded request and a nil
// error for a call that failed a signature check (err != nil still means
// "do not use req"), and says in the request's Unverified which check
// failed.
func TestParseRequestReportOnlyUnverified(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, &fakeSPI{}, WithSignatureReportOnly())
	for _, bad := range badSignatures {
		for op, body := range opBodies {
			t.Run(bad.name+"/"+string(op), func(t *testing.T) {
				r := bad.mangle(t, op, body)
				req, err := h.ParseRequest(r)
				require.NoError(t, err)
				require.NotNil(t, req)
				assert.Equal(t, op, opOf(t, req))
				checkUnverified(t, unverifiedOf(t, req), bad.want, r)
				rest, err := io.ReadAll(r.Body)
				require.NoError(t, err)
				assert.Equal(t, body, string(rest), "the body is put back")
			})
		}
	}
}

func opOf(t *testing.T, req any) Operation {
	t.Helper()
	switch req.(type) {
	case *CommitOrderRequest:
		return OpCommitOrder
	case *NotifyPaymentRequest:
		return OpNotifyPayment
	case *CancelOrderRequest:
		return OpCancelOrder
	}
	t.Fatalf("unexpected request type %T", req)
	return ""
}

// unverifiedSPI records the Unverified field of every request its three
// callbacks receive.
type unverifiedSPI struct {
	mu   sync.Mutex
	seen map[Operation][]error
}

func (s *unverifiedSPI) note(op Operation, u error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[Operation][]error{}
	}
	s.seen[op] = append(s.seen[op], u)
}

func (s *unverifiedSPI) got(op Operation) []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.seen[op]...)
}

func (s *unverifiedSPI) CommitOrder(_ context.Context, req *CommitOrderRequest) (*CommitOrderResult, error) {
	s.note(OpCommitOrder, req.Unverified)
	return &CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (s *unverifiedSPI) NotifyPayment(_ context.Context, req *NotifyPaymentRequest) (*NotifyPaymentResult, error) {
	s.note(OpNotifyPayment, req.Unverified)
	return &NotifyPaymentResult{}, nil
}

func (s *unverifiedSPI) CancelOrder(_ context.Context, req *CancelOrderRequest) (*CancelOrderResult, error) {
	s.note(OpCancelOrder, req.Unverified)
	return &CancelOrderResult{}, nil
}

// The Service's callbacks see the failed check too, and nil for the
// verified call that follows.
func TestServiceSeesUnverifiedInReportOnly(t *testing.T) {
	t.Parallel()
	for _, bad := range badSignatures {
		for op, body := range opBodies {
			t.Run(bad.name+"/"+string(op), func(t *testing.T) {
				t.Parallel()
				svc := &unverifiedSPI{}
				h := newTestHandler(t, svc, WithSignatureReportOnly())
				r := bad.mangle(t, op, body)
				rec := serve(h, r)
				require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
				require.Equal(t, http.StatusOK, serve(h, signedReq(t, op.Path(), body)).Code)
				got := svc.got(op)
				require.Len(t, got, 2)
				checkUnverified(t, got[0], bad.want, r)
				assert.NoError(t, got[1], "a verified call has a nil Unverified")
			})
		}
	}
}

// A verified call has a nil Unverified, enforcing or not, through
// ParseRequest and through the Service.
func TestVerifiedCallHasNilUnverified(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string][]Option{"enforcing": nil, "report-only": {WithSignatureReportOnly()}} {
		for op, body := range opBodies {
			t.Run(name+"/"+string(op), func(t *testing.T) {
				t.Parallel()
				svc := &unverifiedSPI{}
				h := newTestHandler(t, svc, opts...)
				req, err := h.ParseRequest(signedReq(t, op.Path(), body))
				require.NoError(t, err)
				assert.NoError(t, unverifiedOf(t, req))
				require.Equal(t, http.StatusOK, serve(h, signedReq(t, op.Path(), body)).Code)
				require.Len(t, svc.got(op), 1)
				assert.NoError(t, svc.got(op)[0])
			})
		}
	}
}

// With WithInsecureSkipSignature nothing is checked: Unverified is
// ErrSignatureNotChecked, never nil, so that nil always means verified.
func TestInsecureSkipSignatureUnverifiedIsNotChecked(t *testing.T) {
	t.Parallel()
	for op, body := range opBodies {
		t.Run(string(op), func(t *testing.T) {
			t.Parallel()
			svc := &unverifiedSPI{}
			h, err := NewHandler(svc, WithInsecureSkipSignature(), WithClock(func() time.Time { return spiHandlerNow }))
			require.NoError(t, err)
			for _, r := range []*http.Request{signedReq(t, op.Path(), body), badSignatures[0].mangle(t, op, body)} {
				req, err := h.ParseRequest(r)
				require.NoError(t, err)
				u := unverifiedOf(t, req)
				assert.ErrorIs(t, u, ErrSignatureNotChecked)
				assert.NotErrorIs(t, u, ErrInvalidSignature)
				require.Equal(t, http.StatusOK, serve(h, r.Clone(context.Background())).Code)
			}
			got := svc.got(op)
			require.Len(t, got, 2)
			for _, u := range got {
				assert.ErrorIs(t, u, ErrSignatureNotChecked)
			}
		})
	}
}

// Enforcing (no report-only), a failed check is still a nil request and
// the *Error, and the Service is not called.
func TestEnforcingStillRejectsUnverified(t *testing.T) {
	t.Parallel()
	for _, bad := range badSignatures {
		for op, body := range opBodies {
			t.Run(bad.name+"/"+string(op), func(t *testing.T) {
				t.Parallel()
				svc := &unverifiedSPI{}
				h := newTestHandler(t, svc)
				req, err := h.ParseRequest(bad.mangle(t, op, body))
				require.Nil(t, req)
				require.ErrorIs(t, err, bad.want)
				var se *Error
				require.ErrorAs(t, err, &se)
				assert.Equal(t, http.StatusUnauthorized, se.HTTPStatus)
				assert.Equal(t, http.StatusUnauthorized, serve(h, bad.mangle(t, op, body)).Code)
				assert.Empty(t, svc.got(op))
			})
		}
	}
}

// The requests' LogValue says how the signature went (never the
// signature): verified, not_checked, or the failed check's code; nothing
// for a request the handler did not make.
func TestRequestLogValueSignatureState(t *testing.T) {
	t.Parallel()
	logged := func(v slog.LogValuer) string {
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("req", "req", v)
		return buf.String()
	}
	valuer := func(req any) slog.LogValuer { return req.(slog.LogValuer) }
	deref := func(req any) any {
		switch q := req.(type) {
		case *CommitOrderRequest:
			return *q
		case *NotifyPaymentRequest:
			return *q
		case *CancelOrderRequest:
			return *q
		}
		return nil
	}

	strict := newTestHandler(t, &fakeSPI{})
	reportOnly := newTestHandler(t, &fakeSPI{}, WithSignatureReportOnly())
	insecure, err := NewHandler(&fakeSPI{}, WithInsecureSkipSignature())
	require.NoError(t, err)
	for op, body := range opBodies {
		req, err := strict.ParseRequest(signedReq(t, op.Path(), body))
		require.NoError(t, err)
		assert.Contains(t, logged(valuer(deref(req))), "req.signature=verified", op)

		req, err = insecure.ParseRequest(signedReq(t, op.Path(), body))
		require.NoError(t, err)
		assert.Contains(t, logged(valuer(deref(req))), "req.signature=not_checked", op)

		for _, bad := range badSignatures {
			r := bad.mangle(t, op, body)
			req, err = reportOnly.ParseRequest(r)
			require.NoError(t, err)
			out := logged(valuer(deref(req)))
			assert.Contains(t, out, "req.signature="+bad.code, op)
			assert.NotContains(t, out, spiTestSecret)
			if sign := r.Header.Get(lifesign.HeaderSign); sign != "" {
				assert.NotContains(t, out, sign)
			}
		}
	}
	for _, v := range []slog.LogValuer{CommitOrderRequest{OrderID: "X"}, NotifyPaymentRequest{OrderID: "X"}, CancelOrderRequest{OrderID: "X"}} {
		assert.NotContains(t, logged(v), "signature", "a request the handler did not make claims no verification")
	}
	// A request with an Unverified the handler does not make still never
	// reads as verified.
	other := CommitOrderRequest{OrderID: "X", BodySHA256: "00", Unverified: errors.New("custom")}
	assert.Contains(t, logged(other), "req.signature=unverified")
}
