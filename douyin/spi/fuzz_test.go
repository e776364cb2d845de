package spi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

var fuzzPaths = []string{OpCommitOrder.Path(), OpNotifyPayment.Path(), OpCancelOrder.Path(), "/poi/ext/hotel/order/other"}

// FuzzSPIHandler feeds arbitrary bodies, signed or not, to every path. The
// handler must never panic, must always answer a JSON reply, and may answer
// success only for a body that decodes and validates.
func FuzzSPIHandler(f *testing.F) {
	for i, body := range []string{sampleCommitJSON, paymentJSON, cancelJSON, `{"order_id":"x"}`} {
		f.Add(uint8(i), []byte(body), true, false)
		f.Add(uint8(i), []byte(body), true, true)
	}
	f.Add(uint8(0), []byte(`{"order_id":"panic","spu_ext_id":"R","status":0,"reserve_amount":1,"check_in":"20240101","check_out":"20240102","total_price":1}`), true, false)
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
		opts := []Option{nil}
		if flat {
			opts = append(opts, WithFlatReplies())
		}
		h, err := NewHandler(impl, append(opts, WithCredentials(spiTestKey, spiTestSecret),
			WithClock(func() time.Time { return spiHandlerNow }), WithMaxBodyBytes(4096))...)
		if err != nil {
			t.Fatal(err)
		}
		var r *http.Request
		if sign {
			r, err = newSignedRequest(path, spiTestKey, spiTestSecret, body, spiHandlerNow)
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
		var code douyin.Code
		if err := json.Unmarshal(data["error_code"], &code); err != nil {
			t.Fatalf("reply without error_code: %q", rec.Body.String())
		}
		switch rec.Code {
		case http.StatusOK:
			if code != 0 {
				t.Fatalf("200 with error_code %d from a handler whose Service never returns Error", code)
			}
			if !sign || path == fuzzPaths[3] {
				t.Fatalf("success for an unsigned call or an unknown path")
			}
			// Success only for a body that decodes and validates.
			var v interface{ Validate() error }
			switch path {
			case OpCommitOrder.Path():
				v = &CommitOrderRequest{}
			case OpNotifyPayment.Path():
				v = &NotifyPaymentRequest{}
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
			t.Fatalf("Service called %d times", calls)
		}
	})
}
