package spi

import (
	"encoding/json"
	"fmt"
	"testing"
)

// FuzzCheckShapeScanMatchesDecoded: checkShape reads the members of a body
// in one pass; for every valid JSON object and every operation it must
// report exactly what the decode into a map (checkShapeDecoded) reports.
func FuzzCheckShapeScanMatchesDecoded(f *testing.F) {
	for _, s := range []string{
		sampleCommitJSON, `{}`, ` { } `, `{"order_id":"DY1","status":1}`, `{"order_id":null,"status":1}`,
		`{"order_id":"DY1","order_status":0,"status":null}`, `{"order_id":"a","order_id":null,"status":1}`,
		`{"order_id":null,"order_id":"a","status":1}`, `{"order\\u005fid":"a","status":1}`,
		`{"x":{"order_status":1},"order_id":"a","status":[1,{"a":"}"}]}`, `{"order_id":"a\\"}","status":"1"}`,
		`{"spu_ext_id":"r","check_in":"20300101","remark":"","order_id":"1","order_status":1}`,
		`{"order_id" : "1" , "status" : 1 , "total_price" : -1.5e3 }`, `[1]`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var obj map[string]json.RawMessage
		if json.Unmarshal(body, &obj) != nil {
			return // checkShape only sees bodies decoded as an object
		}
		for _, op := range []Operation{OpCommitOrder, OpNotifyPayment, OpCancelOrder} {
			got, want := fmt.Sprint(checkShape(op, body)), fmt.Sprint(checkShapeDecoded(op, body))
			if got != want {
				t.Fatalf("%s %s:\n scan:   %s\n decode: %s", op, body, got, want)
			}
		}
	})
}
