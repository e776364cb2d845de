package douyin

import (
	"encoding/json"
	"testing"
)

func BenchmarkDateUnmarshalJSON(b *testing.B) {
	b.ReportAllocs()
	in := []byte(`"20240301"`)
	var d Date
	for i := 0; i < b.N; i++ {
		if err := d.UnmarshalJSON(in); err != nil {
			b.Fatal(err)
		}
	}
}

// The fast path of Date.UnmarshalJSON agrees with ParseDate over the JSON
// string for every input: the same date, or an error for both.
func FuzzDateUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"20240301"`, `"20230230"`, `"20240229"`, `"20230229"`, `"00000101"`, `"99991231"`,
		`"20241301"`, `"20240100"`, `"20240132"`, `"2024030"`, `"2024-03-01"`, `"2024\u00301"`, `null`, `""`, `20240301`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got Date
		gotErr := got.UnmarshalJSON(b)
		var want Date
		var wantErr error
		var s string
		switch {
		case string(b) == "null" || string(b) == `""`:
		case len(b) >= 2 && b[0] == '"':
			if wantErr = json.Unmarshal(b, &s); wantErr == nil {
				want, wantErr = ParseDate(s)
			}
		default:
			want, wantErr = ParseDate(string(b))
		}
		if (gotErr == nil) != (wantErr == nil) || got != want {
			t.Fatalf("%q: got %v, %v; want %v, %v", b, got, gotErr, want, wantErr)
		}
	})
}
