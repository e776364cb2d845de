package transport

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
)

func TestSmoke(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder("POST", "https://api.test/x", httpmock.NewStringResponder(200, `{"code":0,"data":"ok"}`))
	c, err := New(Config{Platform: "t", BaseURL: "https://api.test", RoundTripper: mt})
	if err != nil {
		t.Fatal(err)
	}
	var got string
	err = c.Do(context.Background(), &Request{Operation: "x", Method: "POST", Path: "/x", JSON: map[string]int{"a": 1},
		Decode: func(r *Response) error {
			var env struct{ Data string }
			if err := json.Unmarshal(r.Body, &env); err != nil {
				return r.DecodeError(err)
			}
			got = env.Data
			return nil
		}})
	if err != nil || got != "ok" {
		t.Fatal(err, got)
	}
	_ = http.MethodPost
}
