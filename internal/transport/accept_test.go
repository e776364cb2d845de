package transport

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Accept header a request goes out with: what resty set before the
// transport set the JSON case itself (presetAccept): the Content-Type of a
// JSON or XML body when the request has no Accept, nothing for a form.
func TestAcceptHeaderAsSent(t *testing.T) {
	t.Parallel()
	got := make(chan []string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Values("Accept")
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL})
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		req  Request
		want []string
	}{
		{"json", Request{JSON: map[string]int{"a": 1}}, []string{"application/json"}},
		{"json with charset", Request{JSON: 1, ContentType: "application/json; charset=utf-8"},
			[]string{"application/json; charset=utf-8"}},
		{"json, the caller's Accept", Request{JSON: 1, Header: http.Header{"Accept": {"text/plain"}}}, []string{"text/plain"}},
		{"form", Request{Form: url.Values{"a": {"1"}}}, nil},
		{"xml body", Request{Body: []byte("<a/>"), ContentType: "application/xml"}, []string{"application/xml"}},
		{"no body", Request{}, nil},
	} {
		req := tc.req
		req.Operation, req.Method, req.Path, req.Idempotent = "accept", http.MethodPost, "/x", true
		require.NoError(t, c.Do(context.Background(), &req), tc.name)
		assert.Equal(t, tc.want, <-got, tc.name)
	}
}
