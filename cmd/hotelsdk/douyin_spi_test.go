package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func spiCmd(t *testing.T, in invocation, args ...string) result {
	t.Helper()
	return in.run(t, append([]string{"douyin", "spi", "call"}, append(args, "-key", testKey, "-secret", testSecret)...)...)
}

func TestSPICallCommitAgainstACorrectHandler(t *testing.T) {
	h := &hotel{idempotent: true}
	base := startHotel(t, h)
	r := spiCmd(t, invocation{}, "commit", "-url", base, "-order-id", "DY-1")
	require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "POST "+base+"/poi/ext/hotel/order/commit (commit, ")
	assert.Contains(t, r.stdout, `valid success reply: order accepted as order_ext_id "H-1"`)
	assert.Contains(t, r.stdout, `reply: {"data":{"order_ext_id":"H-1","error_code":0,"description":""},"extra":{`)
	assert.Contains(t, r.stdout, "\nverdict: valid success reply")
	assert.NotContains(t, r.stdout, "warning:")
	assert.Equal(t, 1, h.roomsBooked())
	assertNoSecret(t, r, testSecret)

	// The operation may follow the flags; status and cancel need our order id.
	r = spiCmd(t, invocation{}, "-url", base, "-order-id", "DY-1", "-order-ext-id", "H-1", "status")
	require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "valid success reply: status 0 (订单确认 confirmed)")
	r = spiCmd(t, invocation{}, "cancel", "-url", base+"/poi/ext/hotel/order/cancel", "-order-id", "DY-1", "-order-ext-id", "H-1", "-json")
	require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	var out spiCallOutput
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	assert.Equal(t, base+"/poi/ext/hotel/order/cancel", out.URL)
	require.Len(t, out.Deliveries, 1)
	assert.Equal(t, http.StatusOK, out.Deliveries[0].HTTPStatus)
	assert.True(t, out.Deliveries[0].Verdict.Success)
	assert.Nil(t, out.Idempotency)
	assert.True(t, out.OK)

	r = spiCmd(t, invocation{}, "status", "-url", base)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "needs -order-ext-id")
}

func TestSPICallRedeliveryFindsTheNonIdempotentHandler(t *testing.T) {
	h := &hotel{idempotent: false}
	base := startHotel(t, h)
	r := spiCmd(t, invocation{}, "commit", "-url", base, "-order-id", "DY-2", "-redeliver", "2", "-interval", "0")
	require.Equal(t, exitFail, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "delivery 1/3: HTTP 200")
	assert.Contains(t, r.stdout, "delivery 3/3: HTTP 200")
	assert.Contains(t, r.stdout, `finding: NOT IDEMPOTENT: delivery 2 answered order_ext_id "H-2", delivery 1 answered "H-1": the handler booked the same Douyin order again`)
	assert.Contains(t, r.stdout, "verdict: the commit handler is NOT idempotent\n")
	assert.Equal(t, 3, h.roomsBooked(), "the broken handler booked on every delivery")

	r = spiCmd(t, invocation{}, "commit", "-url", base, "-order-id", "DY-3", "-redeliver", "1", "-interval", "0", "-json")
	require.Equal(t, exitFail, r.code)
	var out spiCallOutput
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
	require.NotNil(t, out.Idempotency)
	assert.True(t, out.Idempotency.Checked)
	assert.False(t, out.Idempotency.Idempotent)
	assert.False(t, out.OK)
	require.Len(t, out.Deliveries, 2)
	assert.Equal(t, "H-4", out.Deliveries[0].Verdict.OrderExtID)
	assert.Equal(t, "H-5", out.Deliveries[1].Verdict.OrderExtID)
	// Progress goes to stderr with -json.
	assert.Contains(t, r.stderr, "delivery 1/2: HTTP 200 in ")
	assert.Contains(t, r.stderr, "delivery 2/2: HTTP 200 in ")
	assertNoSecret(t, r, testSecret)

	// Sent at once, as a redelivery racing the first delivery.
	r = spiCmd(t, invocation{}, "commit", "-url", base, "-order-id", "DY-4", "-redeliver", "3", "-parallel")
	assert.Equal(t, exitFail, r.code, r.stdout)
	assert.Contains(t, r.stdout, "NOT IDEMPOTENT")
}

func TestSPICallRedeliveryPassesTheIdempotentHandler(t *testing.T) {
	h := &hotel{idempotent: true}
	base := startHotel(t, h)
	for _, extra := range [][]string{{"-interval", "1ms"}, {"-parallel"}, {"-same-signature", "-interval", "0"}} {
		t.Run(strings.Join(extra, " "), func(t *testing.T) {
			orderID := fmt.Sprintf("DY-%d", time.Now().UnixNano())
			r := spiCmd(t, invocation{}, append([]string{"commit", "-url", base, "-order-id", orderID, "-redeliver", "3"}, extra...)...)
			require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
			assert.Contains(t, r.stdout, "verdict: 4 deliveries, every reply the same valid success: the commit handler is idempotent\n")
			assert.NotContains(t, r.stdout, "finding:")
		})
	}
	assert.Equal(t, 3, h.roomsBooked())
}

func TestSPICallVerdictsOnBadServers(t *testing.T) {
	serve := func(status int, contentType, body string, delay time.Duration) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// The call is signed as Douyin signs it.
			b := make([]byte, r.ContentLength)
			_, _ = r.Body.Read(b)
			if !verifySPI(testSecret, r.URL.Query(), b, r.Header.Get(headerSign)) || r.Header.Get(headerClientKey) != testKey ||
				r.Header.Get(headerLogID) == "" || r.Header.Get("Content-Type") != "application/json" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			time.Sleep(delay)
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	for name, tc := range map[string]struct {
		url  string
		code int
		want []string
	}{
		"flat success": {serve(200, "application/json", `{"order_ext_id":"X1","error_code":0,"description":""}`, 0), exitOK,
			[]string{`valid success reply: order accepted as order_ext_id "X1"`, "warning: flat form"}},
		"no order_ext_id": {serve(200, "application/json", `{"data":{"error_code":0},"extra":{}}`, 0), exitFail,
			[]string{"INVALID reply: success without data.order_ext_id"}},
		"error reply": {serve(200, "application/json", `{"data":{"error_code":"2100004","description":"busy"},"extra":{}}`, 0), exitFail,
			[]string{`valid error reply: the integrator refused the commit with error_code 2100004 (系统繁忙, system busy: Douyin tries again): "busy"`,
				"warning: data.error_code is a JSON string", "1 error reply(ies)"}},
		"http 500 error reply": {serve(500, "application/json", `{"data":{"error_code":2100001,"description":"internal error"},"extra":{}}`, 0), exitFail,
			[]string{"valid error reply: the integrator refused the commit with error_code 2100001", "warning: HTTP status 500: Douyin counts the call as failed"}},
		"http 502 page": {serve(502, "text/html", `<html>bad gateway</html>`, 0), exitFail,
			[]string{"INVALID reply: HTTP status 502 without an error code"}},
		"html": {serve(200, "text/html", `<html>oops</html>`, 0), exitFail,
			[]string{"INVALID reply: the body is not a JSON object", "reply (not JSON): <html>oops</html>"}},
		"slow": {serve(200, "application/json", `{}`, time.Second), exitFail,
			[]string{"no reply after", "no reply within 100ms (Douyin would deliver again)", "1 delivery(ies) got no reply"}},
	} {
		t.Run(name, func(t *testing.T) {
			timeout := "10s"
			if name == "slow" {
				timeout = "100ms"
			}
			r := spiCmd(t, invocation{}, "commit", "-url", tc.url, "-timeout", timeout)
			assert.Equal(t, tc.code, r.code, r.stdout+r.stderr)
			for _, w := range tc.want {
				assert.Contains(t, r.stdout, w)
			}
			assertNoSecret(t, r, testSecret)
		})
	}
}

func TestSPICallWithTheWrongSecretIsRejectedByTheHandler(t *testing.T) {
	base := startHotel(t, &hotel{idempotent: true})
	r := invocation{}.run(t, "douyin", "spi", "call", "commit", "-url", base, "-key", testKey, "-secret", "not-the-secret")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stdout, "HTTP status 401: Douyin counts the call as failed")
	assert.Contains(t, r.stdout, "invalid signature (x-life-sign)")
	assertNoSecret(t, r, "not-the-secret")
}

func TestSPICallBodyFromFileAndUsageErrors(t *testing.T) {
	h := &hotel{idempotent: true}
	base := startHotel(t, h)
	body := `{"order_id":"DY-F","spu_ext_id":"r","status":0,"reserve_amount":1,"check_in":"20300101","check_out":"20300102","total_price":100}`
	r := invocation{stdin: body}.run(t, "douyin", "spi", "call", "commit", "-url", base, "-file", "-",
		"-key", testKey, "-secret", testSecret)
	require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, fmt.Sprintf("(commit, %d-byte body)", len(body)))

	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"no op":       {[]string{"-url", base}, "want the operation commit, status or cancel"},
		"bad op":      {[]string{"book", "-url", base}, `got "book"`},
		"no url":      {[]string{"commit"}, "-url: a URL is required"},
		"not json":    {[]string{"commit", "-url", base, "-body", "order"}, "not a JSON object"},
		"bad timeout": {[]string{"commit", "-url", base, "-timeout", "0s"}, "-timeout must be positive"},
		"redeliver":   {[]string{"commit", "-url", base, "-redeliver", "-1"}, "-redeliver must be 0..1000"},
	} {
		t.Run(name, func(t *testing.T) {
			r := spiCmd(t, invocation{}, tc.args...)
			assert.Equal(t, exitUsage, r.code, r.stdout)
			assert.Contains(t, r.stderr, tc.want)
		})
	}
	assert.Equal(t, 1, h.roomsBooked(), "usage errors send nothing")
}

func TestJudgeReply(t *testing.T) {
	for name, tc := range map[string]struct {
		op, body string
		valid    bool
		success  bool
		problem  string
	}{
		"status ok":        {"status", `{"data":{"status":3,"error_code":0},"extra":{"logid":"L"}}`, true, true, ""},
		"status missing":   {"status", `{"data":{"error_code":0},"extra":{"logid":"L"}}`, false, false, "without data.status"},
		"status undoc":     {"status", `{"data":{"status":7},"extra":{"logid":"L"}}`, false, false, "status 7 is not a documented state"},
		"cancel no status": {"cancel", `{"data":{"error_code":0},"extra":{"logid":"L"}}`, true, true, ""},
		"cancel status 1":  {"cancel", `{"data":{"status":1},"extra":{"logid":"L"}}`, true, true, ""},
		"cancel status 9":  {"cancel", `{"data":{"status":9},"extra":{"logid":"L"}}`, false, false, "status 9 is not a documented state"},
		"extra error":      {"commit", `{"data":{"order_ext_id":"x"},"extra":{"error_code":0,"sub_error_code":5,"logid":"L"}}`, true, false, ""},
		"code not int":     {"commit", `{"data":{"error_code":1.5},"extra":{"logid":"L"}}`, false, false, "data.error_code: want an integer"},
		"ext id number":    {"commit", `{"data":{"order_ext_id":12},"extra":{"logid":"L"}}`, false, false, "want a JSON string"},
		"neither form":     {"commit", `{"ok":true}`, false, false, "neither the spec's"},
	} {
		t.Run(name, func(t *testing.T) {
			v := judgeReply(tc.op, 200, "application/json", []byte(tc.body), "L")
			assert.Equal(t, tc.valid, v.Valid, v)
			assert.Equal(t, tc.success, v.Success, v)
			if tc.problem != "" {
				require.NotEmpty(t, v.Problems)
				assert.Contains(t, v.Problems[0], tc.problem)
			}
			assert.NotContains(t, strings.Join(v.Warnings, "\n"), "logid", "the logid is echoed")
		})
	}
	v := judgeReply("commit", 200, "application/json", []byte(`{"data":{"order_ext_id":"x"},"extra":{"logid":"other"}}`), "L")
	assert.True(t, v.Success)
	assert.Contains(t, v.Warnings[0], "is not this delivery's X-Bytedance-Logid")
}

// The SDK's own handler in the flat form passes with a warning only.
func TestSPICallAgainstTheFlatForm(t *testing.T) {
	base := startHotel(t, &hotel{idempotent: true}, spi.WithFlatReplies())
	r := spiCmd(t, invocation{}, "commit", "-url", base, "-redeliver", "1", "-interval", "0")
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, "warning: flat form")
}

// The SDK's idempotency ledger in front of the broken handler makes it pass:
// redeliveries get the first reply replayed, or "retry later" while the
// first is still running.
func TestSPICallLedgerFixesTheBrokenHandler(t *testing.T) {
	h := &hotel{idempotent: false, delay: 300 * time.Millisecond}
	base := startHotel(t, h, spi.WithLedger(ledger.NewMemoryStore(), ledger.WithWait(time.Millisecond)))
	r := spiCmd(t, invocation{}, "commit", "-url", base, "-order-id", "DY-L1", "-redeliver", "3", "-parallel", "-json")
	require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	var out spiCallOutput
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	require.NotNil(t, out.Idempotency)
	assert.True(t, out.Idempotency.Idempotent, out.Idempotency)
	assert.True(t, out.OK, out.Summary)
	assert.Equal(t, 1, h.roomsBooked())

	r = spiCmd(t, invocation{}, "commit", "-url", base, "-order-id", "DY-L1", "-redeliver", "2", "-interval", "0")
	require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "every reply the same valid success")
	assert.Equal(t, 1, h.roomsBooked())
}

func TestSampleSPIBody(t *testing.T) {
	now := time.Date(2030, 1, 1, 20, 0, 0, 0, time.UTC) // 2030-01-02 04:00 in China
	b, err := sampleSPIBody("commit", sampleRequest{orderID: "DY-S", spuExtID: "KING-ROOM", price: 44000}, now)
	require.NoError(t, err)
	var req spi.CommitOrderRequest
	require.NoError(t, json.Unmarshal(b, &req))
	require.NoError(t, req.Validate(), "the sample is a commit the SDK handler accepts")
	assert.Equal(t, "DY-S", req.OrderID)
	assert.Equal(t, "KING-ROOM", req.SPUExtID)
	assert.Equal(t, "20300103", req.CheckIn.String())
	assert.Equal(t, "20300104", req.CheckOut.String())
	assert.JSONEq(t, `44000`, fmt.Sprint(int64(req.TotalPrice)))

	b, err = sampleSPIBody("cancel", sampleRequest{orderID: "DY-S", orderExtID: "H1", supplierExtID: "S1"}, now)
	require.NoError(t, err)
	assert.JSONEq(t, `{"order_id":"DY-S","order_ext_id":"H1","supplier_ext_id":"S1","order_status":1}`, string(b))
	_, err = sampleSPIBody("status", sampleRequest{orderID: "DY-S"}, now)
	assert.ErrorContains(t, err, "-order-ext-id")
}
