package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noEnv(string) string { return "" }

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestRunAgainstTheSandbox(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), nil, noEnv, &out))
	got := out.String()
	assert.Contains(t, got, "read 5 orders (6 lines) from orders.csv (shipped), total 2111.04 yuan\n")
	assert.Regexp(t, regexp.MustCompile(`using the in-process sandbox at http://127\.0\.0\.1:\d+`), got)
	assert.Contains(t, got, "submitting 5 orders to store 100021 ...\n")
	assert.Regexp(t, regexp.MustCompile(`batch SBX\d{14} accepted`), got)
	assert.Contains(t, got, "      ZSF0000001 住宿费: 2 × 12.4 = 24.8 (tax 3%)\n")
	assert.Contains(t, got, "      ZSF0000001 住宿费: 100 × 19.99 = 1999 (tax 3%)\n")
	assert.Contains(t, got, "      ZSF0000002 早餐: 30 (tax 6%)\n")
	assert.Contains(t, got, "  HT20240302003     49.99 yuan, invoice    49.99 yuan\n")
	assert.True(t, strings.HasSuffix(got, "read back 5 orders, total 2111.04 yuan: matches what was sent\n"), got)
}

// A sandbox started by the test stands in for the real endpoint.
func newEndpoint(t *testing.T) *invoicetest.Server {
	t.Helper()
	srv := invoicetest.NewServer(invoicetest.WithApp("app-7", "secret-7"), invoicetest.WithStores(invoicetest.Store{ID: 7, No: "S-7"}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRunAgainstAnEndpointFromTheEnvironment(t *testing.T) {
	t.Parallel()
	srv := newEndpoint(t)
	env := envOf(map[string]string{
		"INVOICE_BASE_URL": srv.URL(), "INVOICE_APP_ID": "app-7", "INVOICE_APP_SECRET": "secret-7",
		"INVOICE_USER_NO": "hotel-7", "INVOICE_STORE_NO": "S-7", "INVOICE_SIGN_TYPE": "SHA256",
	})
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), nil, env, &out))
	assert.Contains(t, out.String(), "using "+srv.URL()+"\n")
	assert.Contains(t, out.String(), "submitting 5 orders to store S-7 ...\n")
	assert.NotContains(t, out.String(), "secret-7")

	rcv := srv.Received()
	require.Len(t, rcv, 2)
	for _, r := range rcv {
		assert.Equal(t, "app-7", r.Auth.AppID)
		assert.Equal(t, "hotel-7", r.Auth.UserNo)
		assert.Equal(t, invoice.SignSHA256, r.Auth.SignType)
	}
	b := srv.Batches()
	require.Len(t, b, 1)
	assert.Equal(t, int64(7), b[0].StoreID)
	assert.Len(t, b[0].Orders, 5)
	assert.Equal(t, "2111.04", sumRecords(b[0].Orders).String())
}

func TestFlagsOverrideTheEnvironment(t *testing.T) {
	t.Parallel()
	srv := newEndpoint(t)
	env := envOf(map[string]string{"INVOICE_BASE_URL": "https://wrong.invalid", "INVOICE_STORE_NO": "wrong", "INVOICE_USER_NO": "u"})
	csv := filepath.Join(t.TempDir(), "mine.csv")
	require.NoError(t, os.WriteFile(csv, []byte("erpOrderNo,partnerOrderNo,identifier,quantity,unitPrice,totalPrice\nE1,,ZSF0000001,3,33.333333,100\n"), 0o600))
	args := []string{"-base-url", srv.URL(), "-app-id", "app-7", "-app-secret", "secret-7", "-user-no", "",
		"-access-key", "ak", "-access-secret", "as", "-store-id", "7", "-store-no", "", "-csv", csv}
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), args, env, &out))
	assert.Contains(t, out.String(), "read 1 orders (1 lines) from "+csv+", total 100 yuan\n")
	assert.Contains(t, out.String(), "ZSF0000001 住宿费: 3 × 33.333333 = 100 (tax 3%)")
	assert.Equal(t, "ak", srv.Received()[0].Auth.AccessKey)
}

func TestRunFailures(t *testing.T) {
	t.Parallel()
	srv := newEndpoint(t)
	endpoint := []string{"-base-url", srv.URL(), "-app-id", "app-7", "-app-secret", "secret-7", "-user-no", "u"}
	write := func(content string) string {
		p := filepath.Join(t.TempDir(), "orders.csv")
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	const header = "erpOrderNo,partnerOrderNo,identifier,quantity,unitPrice,totalPrice\n"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"-csv", "/nonexistent/orders.csv"}, "no such file"},
		{"empty file", []string{"-csv", write("")}, "no header row"},
		{"wrong header", []string{"-csv", write("a,b,c,d,e,f\n")}, "header must be erpOrderNo,partnerOrderNo,identifier,quantity,unitPrice,totalPrice"},
		{"no orders", []string{"-csv", write(header)}, "no orders"},
		{"short row", []string{"-csv", write(header + "E1,ZSF0000001,1\n")}, "wrong number of fields"},
		{"bad amount", []string{"-csv", write(header + "E1,,ZSF0000001,1,1,1\nE2,,ZSF0000001,1,12.4.0,12.4\n")}, "line 3: unitPrice: invoice: amount \"12.4.0\": not a decimal number"},
		{"bad quantity", []string{"-csv", write(header + "E1,,ZSF0000001,two,1,2\n")}, "line 2: quantity"},
		{"missing total", []string{"-csv", write(header + "E1,,ZSF0000001,1,1,\n")}, "line 2: totalPrice"},
		{"rejected before sending", []string{"-csv", write(header + "E1,,ZSF0000001,2,12.4,24.79\n")},
			"orderList[0].items[0].totalPrice: must equal unitPrice × quantity: 12.4 × 2 = 24.8, got 24.79"},
		{"bad store id", []string{"-store-id", "x"}, "store id must be a positive integer"},
		{"extra arguments", []string{"now"}, "unexpected arguments"},
		{"unknown flag", []string{"-nope"}, "flag provided but not defined"},
		{"bad sign type", []string{"-sign-type", "CRC32"}, "unknown sign type"},
		{"endpoint without credentials", []string{"-base-url", srv.URL()}, "appId is required"},
		{"unknown store", append(append([]string{}, endpoint...), "-store-id", "8"), "code 4002: 门店不存在"},
		{"no store", endpoint, "one of storeId and storeNo is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := run(context.Background(), tt.args, noEnv, &out)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	assert.Empty(t, srv.Batches())
}

func TestRunReportsAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	srv := newEndpoint(t)
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: invoice.PathAddOrders})
	var out bytes.Buffer
	err := run(context.Background(), []string{"-base-url", srv.URL(), "-app-id", "app-7", "-app-secret", "secret-7",
		"-user-no", "u", "-store-no", "S-7"}, noEnv, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the orders may have been stored: check them by erpOrderNo before running again")
	assert.Len(t, srv.Batches(), 1, "the sandbox stored them; the example did not resubmit")
	assert.Len(t, srv.Received(), 1)
}

func TestHelp(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-h"}, noEnv, &out))
	assert.Contains(t, out.String(), "INVOICE_BASE_URL")
}

func TestCompare(t *testing.T) {
	t.Parallel()
	sent := []invoice.Order{{ErpOrderNo: "E1", OrderPrice: invoice.MustAmount("24.8")}}
	require.NoError(t, compare(sent, []invoice.OrderRecord{{ErpOrderNo: "E1", OrderPrice: invoice.MustAmount("24.80")}}))
	assert.EqualError(t, compare(sent, nil), "order E1 is missing from the batch")
	assert.EqualError(t, compare(sent, []invoice.OrderRecord{{ErpOrderNo: "E1", OrderPrice: invoice.MustAmount("24.7")}}),
		"order E1 came back with 24.7 yuan, sent 24.8")
}
