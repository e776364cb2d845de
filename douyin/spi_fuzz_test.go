package douyin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

var fuzzPaths = []string{SPIPathCommitOrder, SPIPathPaymentStatus, SPIPathCancelOrder, "/poi/ext/hotel/order/other"}

// FuzzSPIHandler feeds arbitrary bodies, signed or not, to every path. The
// handler must never panic, must always answer a JSON reply, and may answer
// success only for a body that decodes and validates.
func FuzzSPIHandler(f *testing.F) {
	for i, body := range []string{sampleCommitJSON, paymentJSON, cancelJSON, `{"order_id":"x"}`} {
		f.Add(uint8(i), []byte(body), true, false)
		f.Add(uint8(i), []byte(body), true, true)
	}
	f.Add(uint8(0), []byte(`{"order_id":"panic","spu_ext_id":"R","reserve_amount":1,"check_in":"20240101","check_out":"20240102"}`), true, false)
	f.Add(uint8(1), []byte(`{"order_id":"DY1","status":1,"date_price":[{"date":"20240230"}]}`), true, false)
	f.Add(uint8(2), []byte(`{"order_id":"DY1"`), false, false)
	f.Add(uint8(0), []byte(`{"customer_phone":1e400}`), true, true)

	f.Fuzz(func(t *testing.T, pathIdx uint8, body []byte, sign, flat bool) {
		path := fuzzPaths[int(pathIdx)%len(fuzzPaths)]
		calls := 0
		impl := &fakeSPI{commit: func(_ context.Context, r *CommitOrderRequest) (*CommitOrderResult, error) {
			calls++
			switch r.OrderID {
			case "panic":
				panic("boom")
			case "fail":
				return nil, errors.New("fail")
			}
			return &CommitOrderResult{OrderExtID: "H"}, nil
		}}
		form := SPIReplyWrapped
		if flat {
			form = SPIReplyFlat
		}
		h, err := NewSPIHandler(impl, WithSPICredentials(spiTestKey, spiTestSecret), WithSPIReplyForm(form),
			WithSPIClock(func() time.Time { return spiHandlerNow }), WithSPIMaxBodyBytes(4096))
		if err != nil {
			t.Fatal(err)
		}
		var r *http.Request
		if sign {
			r, err = NewSignedSPIRequest(path, spiTestKey, spiTestSecret, body, spiHandlerNow)
			if err != nil {
				t.Fatal(err)
			}
		} else {
			r, _ = http.NewRequest(http.MethodPost, path, strings.NewReader(string(body)))
			r.Header.Set("Content-Type", "application/json")
		}
		rec := serve(h, r)

		var top map[string]json.RawMessage
		if err := json.Unmarshal(rec.Body.Bytes(), &top); err != nil {
			t.Fatalf("reply is not a JSON object: %q", rec.Body.String())
		}
		data := top
		if !flat {
			if err := json.Unmarshal(top["data"], &data); err != nil {
				t.Fatalf("wrapped reply without data object: %q", rec.Body.String())
			}
		}
		var code Code
		if err := json.Unmarshal(data["error_code"], &code); err != nil {
			t.Fatalf("reply without error_code: %q", rec.Body.String())
		}
		switch rec.Code {
		case http.StatusOK:
			if code != 0 {
				t.Fatalf("200 with error_code %d from a handler whose SPI never returns SPIError", code)
			}
			if !sign || path == fuzzPaths[3] {
				t.Fatalf("success for an unsigned call or an unknown path")
			}
			// Success only for a body that decodes and validates.
			var v interface{ Validate() error }
			switch path {
			case SPIPathCommitOrder:
				v = &CommitOrderRequest{}
			case SPIPathPaymentStatus:
				v = &PaymentStatusRequest{}
			default:
				v = &CancelOrderRequest{}
			}
			if err := json.Unmarshal(body, v); err != nil {
				t.Fatalf("success for a body that does not decode: %v", err)
			}
			if err := v.Validate(); err != nil {
				t.Fatalf("success for an invalid request: %v", err)
			}
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusNotFound,
			http.StatusRequestEntityTooLarge, http.StatusInternalServerError:
			if code == 0 {
				t.Fatalf("HTTP %d with error_code 0", rec.Code)
			}
			if _, ok := data["status"]; ok {
				t.Fatalf("error reply with a status field: %q", rec.Body.String())
			}
		default:
			t.Fatalf("unexpected HTTP status %d", rec.Code)
		}
		if calls > 1 {
			t.Fatalf("SPI called %d times", calls)
		}
	})
}

// FuzzSPIReplyDecode feeds arbitrary replies to the SPIClient's decoder: it
// must never panic, and must either succeed with a usable reply or return an
// *APIError or a *DecodeError.
func FuzzSPIReplyDecode(f *testing.F) {
	for _, s := range []string{
		`{"data":{"order_ext_id":"H1","error_code":0,"description":""},"extra":{"logid":"L","now":1}}`,
		`{"order_ext_id":"H1","error_code":0,"description":""}`,
		`{"data":{"status":0,"error_code":0,"description":"","balance":1,"ext":""},"extra":{}}`,
		`{"status":3,"error_code":"0"}`,
		`{"data":{"error_code":2100005,"description":"bad"}}`,
		`{"data":"x","error_code":1}`,
		`{"extra":{"sub_error_code":"9"}}`,
		`<html></html>`,
		``,
	} {
		for op := uint8(0); op < 3; op++ {
			f.Add(op, 200, []byte(s))
		}
	}
	f.Add(uint8(0), 500, []byte(`{"order_ext_id":"H1"}`))

	ops := []SPIOperation{SPICommitOrder, SPINotifyPayment, SPICancelOrder}
	f.Fuzz(func(t *testing.T, opIdx uint8, status int, body []byte) {
		op := ops[int(opIdx)%len(ops)]
		r := &transport.Response{Platform: "douyin", Operation: string(op), StatusCode: status, Body: body}
		var extra Extra
		var data spiReplyData
		switch op {
		case SPICommitOrder:
			data = &CommitOrderReplyData{}
		case SPINotifyPayment:
			data = &PaymentStatusReplyData{}
		default:
			data = &CancelOrderReplyData{}
		}
		err := decodeSPIReply(r, op, data, &extra)
		if err != nil {
			var ae *APIError
			var de *DecodeError
			if !errors.As(err, &ae) && !errors.As(err, &de) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			if ae != nil && ae.ErrorCode == 0 && ae.SubErrorCode == 0 {
				t.Fatalf("APIError without a code: %+v", ae)
			}
			return
		}
		if status/100 != 2 {
			t.Fatalf("success with HTTP %d", status)
		}
		switch d := data.(type) {
		case *CommitOrderReplyData:
			if d.OrderExtID == "" || d.ErrorCode != 0 {
				t.Fatalf("unusable commit reply %+v", d)
			}
		case *PaymentStatusReplyData:
			if !d.Status.Valid() || d.ErrorCode != 0 {
				t.Fatalf("unusable payment reply %+v", d)
			}
		case *CancelOrderReplyData:
			if d.Status != CancelStatusAccepted || d.ErrorCode != 0 {
				t.Fatalf("unusable cancel reply %+v", d)
			}
		}
		if extra.ErrorCode != 0 || extra.SubErrorCode != 0 {
			t.Fatalf("success with extra error %+v", extra)
		}
	})
}
