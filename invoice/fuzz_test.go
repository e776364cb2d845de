package invoice

import (
	"encoding/json"
	"errors"
	"testing"

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
	var de *DecodeError
	var ae *APIError
	if !errors.As(err, &de) && !errors.As(err, &ae) {
		t.Fatalf("untyped error %T: %v", err, err)
	}
}
