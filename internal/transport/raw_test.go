package transport

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckRawPath(t *testing.T) {
	good := []string{"/a", "/poi/order/query", "/a/b%20c", "/a/", "/goodlife/v1/x/", "/a..b/c", "/a/.well-known"}
	for _, p := range good {
		v := Validator{}
		CheckRawPath(&v, "Path", p)
		assert.NoError(t, v.Err(), p)
	}
	bad := []string{"", "a/b", "http://h/a", "https://h/a", "//h/a", "/a/../b", "/..", "/./a", "/a/%2e%2e/b",
		"/a%2f..%2fb", "/a?b=1", "/a#f", `/a\b`, "/a b", "/a\tb", "/ä", "/a%zz", "/a%00b", "/a/%2E"}
	for _, p := range bad {
		v := Validator{}
		CheckRawPath(&v, "Path", p)
		assert.Error(t, v.Err(), p)
	}
}

func TestEncodeRawBody(t *testing.T) {
	var nilMap map[string]any
	var nilPtr *struct{ A int }
	cases := []struct {
		name     string
		body     any
		form     bool
		wantJSON string
		wantForm string
		wantErr  bool
	}{
		{"nil", nil, true, "", "", false},
		{"nil map", nilMap, true, "", "", false},
		{"nil pointer", nilPtr, true, "", "", false},
		{"struct", struct {
			A int `json:"a"`
		}{1}, true, `{"a":1}`, "", false},
		{"raw message as is", json.RawMessage(`{ "a" : 1 }`), true, `{ "a" : 1 }`, "", false},
		{"bytes as is", []byte(`[1, 2]`), true, `[1, 2]`, "", false},
		{"empty bytes", []byte{}, true, "", "", false},
		{"invalid bytes", []byte(`{`), true, "", "", true},
		{"form", url.Values{"a": {"1"}}, true, "", "a=1", false},
		{"form refused", url.Values{"a": {"1"}}, false, "", "", true},
		{"string", "x", true, "", "", true},
		{"reader", strings.NewReader("{}"), true, "", "", true},
		{"unmarshalable", func() {}, true, "", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := Validator{}
			got := EncodeRawBody(&v, tc.body, tc.form)
			assert.Equal(t, tc.wantErr, v.Err() != nil, "%v", v.Err())
			assert.Equal(t, tc.wantJSON, string(got.JSON))
			assert.Equal(t, tc.wantForm, got.Form.Encode())
		})
	}
}

func TestRawCheck(t *testing.T) {
	v := Validator{}
	m, b := RawCheck{Operation: "op", Body: map[string]int{"a": 1}, Out: &struct{}{}}.Check(&v)
	assert.NoError(t, v.Err())
	assert.Equal(t, "POST", m)
	assert.Equal(t, `{"a":1}`, string(b.JSON))

	v = Validator{}
	RawCheck{Operation: "", Method: "GET", Body: map[string]int{"a": 1}, Out: struct{}{},
		Query: url.Values{"token": {"x"}, "": {"y"}}, ReservedQuery: []string{"token"}}.Check(&v)
	var fields []string
	for _, p := range v.problems {
		fields = append(fields, p.Field)
	}
	assert.ElementsMatch(t, []string{"Operation", "Query", "Query", "Body", "out"}, fields)
	assert.Equal(t, "raw", RawOperation(" "))
	assert.Equal(t, "a.b", RawOperation("a.b"))
}

func TestRawStringsRedact(t *testing.T) {
	r := Redactor{Extra: []string{"remark"}}
	s := RawRequestString(r, "x.RawRequest", "op", "POST", "Path", "/a", url.Values{"access_token": {"TOK"}, "page": {"2"}},
		map[string]any{"remark": "Zhang", "mobile": "13800138000", "n": 1, "contact": "Wang Wu"}, true, []string{"Wang Wu"})
	assert.NotContains(t, s, "TOK")
	assert.NotContains(t, s, "Zhang")
	assert.NotContains(t, s, "13800138000")
	assert.Contains(t, s, "page=2")
	assert.Contains(t, s, `"n":1`)
	assert.NotContains(t, s, "Wang Wu")
	assert.Contains(t, s, "Idempotent: true")
	assert.Contains(t, s, "Sensitive: [1 values]")
	s = RawRequestString(r, "x.RawRequest", "op", "", "Path", "/a", nil, url.Values{"password": {"pw"}, "c": {"Wang Wu"}}, false, []string{"Wang Wu"})
	assert.NotContains(t, s, "Wang")
	assert.NotContains(t, s, "pw")
	s = RawResultString(r, "x.RawResult", "id", 200, []byte(`{"guest_name":"Li","ok":true}`))
	assert.NotContains(t, s, "Li")
	assert.Contains(t, s, `"ok":true`)
}
