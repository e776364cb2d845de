package douyin

import (
	"errors"
	"net/http"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statusEnvelope is the whole answer of /poi/order/status, for tests that
// look at the envelope's codes after decoding.
type statusEnvelope struct {
	Data struct {
		ErrorCode Code   `json:"error_code"`
		Balance   Fen    `json:"balance"`
		Ext       string `json:"ext"`
	} `json:"data"`
	Extra Extra `json:"extra"`
}

func decodeStatus(status int, body string, header http.Header) (*statusEnvelope, *transport.Response, error) {
	r := &transport.Response{Platform: "douyin", Operation: "order.status", StatusCode: status, Body: []byte(body), Header: header}
	var out statusEnvelope
	err := decodeResponse(r, &out)
	return &out, r, err
}

func TestDecodeResponse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		code     Code
		sub      Code
		desc     string
		logid    string
		decode   bool // a *DecodeError is expected
		retry    bool
		rejected bool
	}{
		{name: "ok", status: 200, body: obOKStatus},
		{name: "ok with string codes", status: 200, body: `{"data":{"error_code":"0","description":""},"extra":{"error_code":"0","sub_error_code":"","logid":"L"}}`},
		{name: "ok without extra", status: 200, body: `{"data":{"error_code":0}}`},
		{name: "data error", status: 200, body: obErrorBody(2100004, "系统繁忙"), code: CodeSystemBusy, desc: "系统繁忙", logid: "LOG-ERR", retry: true},
		{name: "extra error", status: 200, body: `{"data":{"error_code":0},"extra":{"error_code":2100001,"description":"未知错误","logid":"X"}}`, code: CodeUnknownError, desc: "未知错误", logid: "X", retry: true},
		{name: "sub error only", status: 200, body: `{"data":{"error_code":0},"extra":{"sub_error_code":"2190008","sub_description":"expired","logid":"Y"}}`, sub: CodeAccessTokenExpired, logid: "Y", rejected: true},
		{name: "error on 500 keeps code", status: 500, body: obErrorBody(2100004, "busy"), code: CodeSystemBusy, desc: "busy", logid: "LOG-ERR", retry: true},
		{name: "logid from header", status: 200, body: `{"data":{"error_code":2100005,"description":"bad"}}`, code: CodeInvalidParameter, desc: "bad", logid: "HDR-LOG"},
		{name: "html", status: 200, body: "<html>oops</html>", decode: true},
		{name: "empty", status: 200, body: "", decode: true},
		{name: "5xx text", status: 502, body: "Bad Gateway", decode: true},
		{name: "5xx json without code", status: 503, body: `{"data":{"error_code":0}}`, decode: true},
		{name: "no data", status: 200, body: `{"extra":{"logid":"L"}}`, decode: true},
		{name: "null data", status: 200, body: `{"data":null}`, decode: true},
		{name: "data not object", status: 200, body: `{"data":[1]}`, decode: true},
		{name: "bad code", status: 200, body: `{"data":{"error_code":"x"}}`, decode: true},
		{name: "bad extra", status: 200, body: `{"data":{"error_code":0},"extra":[]}`, decode: true},
		{name: "truncated", status: 200, body: `{"data":{"error_code":0`, decode: true},
		{name: "wrong field type", status: 200, body: `{"data":{"error_code":0,"balance":"12"}}`, decode: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			if tc.logid == "HDR-LOG" {
				h.Set("X-Tt-Logid", "HDR-LOG")
			}
			r := &transport.Response{Platform: "douyin", Operation: "order.status", StatusCode: tc.status, Body: []byte(tc.body), Header: h,
				RequestID: h.Get("X-Tt-Logid")}
			var out statusEnvelope
			err := decodeResponse(r, &out)
			switch {
			case tc.decode:
				var de *hotelsdk.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, tc.status, de.HTTPStatus)
			case tc.code != 0 || tc.sub != 0:
				var ae *APIError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, tc.code, ae.ErrorCode)
				assert.Equal(t, tc.sub, ae.SubErrorCode)
				assert.Equal(t, tc.desc, ae.Description)
				assert.Equal(t, tc.logid, ae.RequestID)
				assert.Equal(t, tc.status, ae.HTTPStatus)
				assert.Equal(t, tc.retry, ae.Retryable())
				assert.Equal(t, tc.rejected, errors.Is(err, ErrTokenRejected))
				assert.Equal(t, tc.logid, r.RequestID, "logs and hooks show the logid")
			default:
				require.NoError(t, err)
			}
		})
	}
}

func TestDecodeResponseSuccessFillsResult(t *testing.T) {
	t.Parallel()
	out, r, err := decodeStatus(200, obOKStatus, http.Header{})
	require.NoError(t, err)
	assert.Equal(t, "2024030112000001", out.Extra.LogID)
	assert.Equal(t, "2024030112000001", r.RequestID)
}

// FuzzDecodeResponse checks that no body makes decoding panic, and that a
// nil error always comes with a success envelope.
func FuzzDecodeResponse(f *testing.F) {
	for _, s := range []string{obOKStatus, obSyncOK, obErrorBody(2100004, "x"), `{"data":{"error_code":"7"}}`, `<html>`, ``, `{"data":null}`,
		`{"data":{"access_token":"clt","expires_in":1}}`} {
		f.Add(200, s)
		f.Add(503, s)
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		r := &transport.Response{Platform: "douyin", Operation: "fuzz", StatusCode: status, Body: []byte(body)}
		var st statusEnvelope
		if err := decodeResponse(r, &st); err == nil {
			if st.Data.ErrorCode != 0 || st.Extra.ErrorCode != 0 || st.Extra.SubErrorCode != 0 || status/100 != 2 {
				t.Fatalf("success with failure codes or status %d", status)
			}
		} else {
			var ae *APIError
			var de *hotelsdk.DecodeError
			if !errors.As(err, &ae) && !errors.As(err, &de) {
				t.Fatalf("unexpected error type %T", err)
			}
		}
		var sy syncOrderResponse
		if err := decodeResponse(r, &sy); err == nil && sy.Data.OrderID == "" {
			t.Fatal("sync success without order_id")
		}
		var tk clientTokenResponse
		if err := decodeResponse(r, &tk); err == nil && (tk.Data.AccessToken == "" || tk.Data.ExpiresIn <= 0) {
			t.Fatal("token success without token")
		}
	})
}
