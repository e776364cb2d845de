package invoice

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mergeObjects is correct for any valid JSON object, whatever its spacing:
// "{ }" and "{\n}" used to leave a dangling comma ({"appId":"…", }), and an
// empty first object a leading one.
func TestMergeObjectsSpacing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ a, b, want string }{
		{`{"a":1}`, `{}`, `{"a":1}`},
		{`{"a":1}`, ``, `{"a":1}`},
		{`{"a":1}`, `{ }`, `{"a":1}`},
		{`{"a":1}`, "\t{\n}\r\n", `{"a":1}`},
		{`{"a":1}`, ` {"b":2} `, `{"a":1,"b":2}`},
		{`{"a":1}`, "{\n  \"b\" : 2\n}\n", `{"a":1,"b" : 2}`},
		{`{"a":1}`, `{ "b":" x "}`, `{"a":1,"b":" x "}`},
		{`{}`, `{"b":2}`, `{"b":2}`},
		{` { } `, `{ }`, ` { } `}, // a as it is
		{"{ \"a\" : [ ] }", "{ \"b\" : { } }", `{"a" : [ ],"b" : { }}`},
	} {
		got, err := mergeObjects([]byte(tc.a), []byte(tc.b))
		require.NoError(t, err, "%q + %q", tc.a, tc.b)
		assert.Equal(t, tc.want, string(got), "%q + %q", tc.a, tc.b)
		assert.True(t, json.Valid(got), "%q + %q -> %s", tc.a, tc.b, got)
	}
	for _, bad := range []string{`[]`, `"x"`, `{`, `}`, `1`, `null`} {
		_, err := mergeObjects([]byte(`{"a":1}`), []byte(bad))
		assert.Error(t, err, bad)
	}
}

// FuzzMergeObjects: for any two valid JSON objects, the merge is a valid
// JSON object whose keys are the union of theirs, each with its value
// (b's where both have it, as encoding/json reads a repeated key).
func FuzzMergeObjects(f *testing.F) {
	for _, s := range [][2]string{
		{`{"a":1}`, `{}`}, {`{"a":1}`, `{ }`}, {`{"a":1}`, "{\n \"b\": 1 }"}, {`{}`, `{}`},
		{` { "a" : "}" } `, "\t{\"b\":{\"c\":[1,2,{}]}}\n"}, {`{"a":1}`, `{"a":2}`},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var ma, mb map[string]json.RawMessage
		if json.Unmarshal([]byte(a), &ma) != nil || ma == nil || json.Unmarshal([]byte(b), &mb) != nil || mb == nil {
			t.Skip("not two JSON objects")
		}
		got, err := mergeObjects([]byte(a), []byte(b))
		if err != nil {
			t.Fatalf("%q + %q: %v", a, b, err)
		}
		if !json.Valid(got) {
			t.Fatalf("%q + %q -> invalid JSON %q", a, b, got)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(got, &m); err != nil || m == nil {
			t.Fatalf("%q + %q -> not an object %q: %v", a, b, got, err)
		}
		want := maps.Clone(ma)
		maps.Copy(want, mb)
		if len(m) != len(want) {
			t.Fatalf("%q + %q -> %q: keys %v, want %v", a, b, got, maps.Keys(m), maps.Keys(want))
		}
		for k, v := range want {
			if string(m[k]) != string(v) {
				t.Fatalf("%q + %q -> %q: %q is %s, want %s", a, b, got, k, m[k], v)
			}
		}
	})
}
