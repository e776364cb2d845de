package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/internal/sandboxserver"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstartAgainstTheStandaloneSandbox is the two-terminal recipe of
// the README in one process: the sandboxes of "hotelsdk sandbox" on free
// loopback ports, and the quickstart pointed at them by the environment
// "hotelsdk sandbox env" prints.
func TestQuickstartAgainstTheStandaloneSandbox(t *testing.T) {
	sb, err := sandboxserver.Start(sandboxserver.Config{Addrs: map[sandboxserver.Platform]string{
		sandboxserver.Douyin: "127.0.0.1:0", sandboxserver.HotelSupply: "127.0.0.1:0", sandboxserver.Invoice: "127.0.0.1:0",
	}})
	require.NoError(t, err)
	defer func() { assert.NoError(t, sb.Shutdown(context.Background())) }()
	info := sb.Info()
	env := map[string]string{}
	for _, e := range info.Env() {
		env[e.Name] = e.Value
	}
	cfg, err := parseConfig([]string{"-order-id", "DY-CLI-1"}, func(k string) string { return env[k] }, &bytes.Buffer{})
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), cfg, &out), out.String())
	got := out.String()
	assert.Contains(t, got, "using douyin: "+info.Douyin.URL+"\n")
	assert.Contains(t, got, "using hotel supply: "+info.HotelSupply.URL+"\n")
	assert.Contains(t, got, "using invoice: "+info.Invoice.URL+"\n")
	assert.Contains(t, got, "done: booked, confirmed, synced and invoiced\n")

	// Each platform of the standalone sandbox really got its part.
	for _, check := range []struct{ url, want string }{
		{info.Douyin.AdminURL + "status-updates", `"order_id": "DY-CLI-1"`},
		{info.Douyin.AdminURL + "syncs", `"OrderID": "7`},
		{info.HotelSupply.AdminURL + "orders", `"ID": 1`},
		{info.Invoice.AdminURL + "batches", `"partnerOrderNo": "DY-CLI-1"`},
	} {
		assert.Contains(t, get(t, check.url), check.want, check.url)
	}
}

func TestQuickstartDouyinURLNeedsCredentials(t *testing.T) {
	cfg, err := parseConfig([]string{"-douyin-url", "http://127.0.0.1:1"}, func(string) string { return "" }, &bytes.Buffer{})
	require.NoError(t, err)
	err = run(context.Background(), cfg, &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-douyin-url needs -douyin-client-key")
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}
