package invoice

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/money"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// FuzzDecodeResponse feeds arbitrary bodies to both operations' decoders:
// they must never panic, and must either fail with a typed error or succeed
// with a result that encodes again.
func FuzzDecodeResponse(f *testing.F) {
	for _, s := range []string{specAddSuccess, specAddFailure, specGetSuccess, specGetFailure,
		`{"code":0,"data":{"orderDtos":[{"orderprice":"1.10","orderTime":1700000000000,"beginDate":"2024-01-01"}]}}`,
		`{"code":0,"data":[{"orderPrice":1e64}]}`, `<html></html>`, `{"code":0,"data":"B",}`, ``, `null`,
		`{"code":0,"data":[{"orderDetailDtos":[{"quantity":"0.5","unitPrice":"-0"}]}]}`} {
		f.Add([]byte(s), 200)
	}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		resp := &transport.Response{Platform: platform, Operation: OpGetOrders, StatusCode: status, Body: body}
		var orders OrderList
		err := decodeEnvelope(resp, &orders)
		checkTyped(t, err)
		if err == nil {
			if _, mErr := json.Marshal(Response[OrderList]{Data: orders}); mErr != nil {
				t.Fatalf("decoded orders do not encode: %v", mErr)
			}
		}
		var batch string
		checkTyped(t, decodeEnvelope(resp, &batch))
	})
}

func checkTyped(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var de *hotelsdk.DecodeError
	var ae *APIError
	if !errors.As(err, &de) && !errors.As(err, &ae) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
}

// FuzzAmountJSON checks that whatever Amount accepts it writes back as a
// number that reads as the same value.
func FuzzAmountJSON(f *testing.F) {
	for _, s := range []string{`24.8`, `"24.80"`, `30`, `-0`, `1e64`, `"0.30000000000000004"`, `null`, `""`, `1.5E-3`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a Amount
		if err := json.Unmarshal(data, &a); err != nil || !a.IsSet() {
			return
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("marshal %q: %v", data, err)
		}
		var b Amount
		if err := json.Unmarshal(out, &b); err != nil || !b.Equal(a) {
			t.Fatalf("%q wrote %s which reads back as %v (%v)", data, out, b, err)
		}
		if !money.IsJSONNumber(string(out)) {
			t.Fatalf("%q wrote %s, not a JSON number", data, out)
		}
	})
}
