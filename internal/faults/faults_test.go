package faults

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newServer(t *testing.T, in *Injector) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var served atomic.Int32
	srv := httptest.NewServer(in.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		_, _ = w.Write([]byte(`{"ok":true}`))
	}), nil))
	t.Cleanup(srv.Close)
	return srv, &served
}

func get(t *testing.T, url string) (*http.Response, string, error) {
	t.Helper()
	// No keep-alive: Go's transport silently repeats a GET that fails on a
	// reused connection, which would hide the dropped connection.
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get(url)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b), nil
}

func TestFaultKinds(t *testing.T) {
	var in Injector
	srv, served := newServer(t, &in)

	in.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Status: 502, RetryAfter: 3})
	resp, body, err := get(t, srv.URL+"/a")
	require.NoError(t, err)
	assert.Equal(t, 502, resp.StatusCode)
	assert.Equal(t, "3", resp.Header.Get("Retry-After"))
	assert.Equal(t, "Bad Gateway", body)
	assert.Equal(t, int32(0), served.Load())

	in.Inject(hotelsdktest.Fault{Kind: hotelsdktest.NonJSON})
	resp, body, err = get(t, srv.URL+"/a")
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Contains(t, body, "<html>")
	assert.Equal(t, int32(0), served.Load())

	in.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropBeforeRequest})
	_, _, err = get(t, srv.URL+"/a")
	require.Error(t, err)
	assert.Equal(t, int32(0), served.Load())

	in.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest})
	_, _, err = get(t, srv.URL+"/a")
	require.Error(t, err)
	assert.Equal(t, int32(1), served.Load(), "served, then dropped")

	in.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Delay: time.Millisecond})
	resp, body, err = get(t, srv.URL+"/a")
	require.NoError(t, err)
	assert.Equal(t, `{"ok":true}`, body)
	assert.Equal(t, 200, resp.StatusCode)

	for _, k := range []hotelsdktest.FaultKind{hotelsdktest.ServerError, hotelsdktest.NonJSON, hotelsdktest.DropBeforeRequest, hotelsdktest.DropAfterRequest, hotelsdktest.Latency} {
		assert.Equal(t, 1, in.Injected(k), k.String())
	}
	assert.Equal(t, 0, in.Pending())
}

func TestFaultMatchingTimesAndReset(t *testing.T) {
	var in Injector
	srv, _ := newServer(t, &in)
	in.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: "/b", Times: 2})
	assert.Equal(t, 2, in.Pending())
	resp, _, _ := get(t, srv.URL+"/a")
	assert.Equal(t, 200, resp.StatusCode, "other paths pass")
	for i := 0; i < 2; i++ {
		resp, _, _ = get(t, srv.URL+"/x/b")
		assert.Equal(t, 503, resp.StatusCode)
	}
	resp, _, _ = get(t, srv.URL+"/x/b")
	assert.Equal(t, 200, resp.StatusCode, "used up")

	in.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError})
	in.Reset()
	assert.Equal(t, 0, in.Pending())
	resp, _, _ = get(t, srv.URL+"/a")
	assert.Equal(t, 200, resp.StatusCode)

	// A custom key routes by query parameter.
	var in2 Injector
	srv2 := httptest.NewServer(in2.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}),
		func(r *http.Request) string { return r.URL.Query().Get("route") }))
	defer srv2.Close()
	in2.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: "create.index"})
	resp, _, _ = get(t, srv2.URL+"/api.php?route=goods-buy.index")
	assert.Equal(t, 200, resp.StatusCode)
	resp, _, _ = get(t, srv2.URL+"/api.php?route=plugin.create.index")
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, "unknown", hotelsdktest.FaultKind(99).String())
	assert.Equal(t, "none", hotelsdktest.None.String())
}
