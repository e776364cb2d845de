package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/internal/sandboxserver"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var freePorts = []string{"-douyin-addr", "127.0.0.1:0", "-shop-addr", "127.0.0.1:0", "-invoice-addr", "127.0.0.1:0"}

// startSandbox runs "hotelsdk sandbox args..." in-process until the test
// ends, and returns what it serves and its output.
func startSandbox(t *testing.T, args ...string) (sandboxserver.Info, *syncBuffer, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	a := invocation{ctx: ctx}.app(&out, &errOut)
	ready := make(chan sandboxserver.Info, 1)
	a.sandboxReady = func(i sandboxserver.Info) { ready <- i }
	done := make(chan int, 1)
	go func() { done <- a.main(append([]string{"sandbox"}, args...)) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			assert.Equal(t, exitOK, code, errOut.String())
		case <-time.After(20 * time.Second):
			t.Error("the sandbox did not shut down")
		}
	})
	select {
	case info := <-ready:
		return info, &out, &errOut
	case code := <-done:
		t.Fatalf("sandbox exited with %d: %s", code, errOut.String())
	}
	return sandboxserver.Info{}, nil, nil
}

func httpDo(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestSandboxServesTheThreePlatforms(t *testing.T) {
	info, out, errOut := startSandbox(t, freePorts...)
	require.NotNil(t, info.Douyin)
	require.NotNil(t, info.HotelSupply)
	require.NotNil(t, info.Invoice)
	text := out.String()
	for _, want := range []string{
		"douyin       " + info.Douyin.URL + "\n", "client secret  " + douyintest.DefaultClientSecret,
		"hotel supply " + info.HotelSupply.URL + "\n", "invoice      " + info.Invoice.URL + "\n",
		"export DOUYIN_BASE_URL='" + info.Douyin.URL + "'\n", "export INVOICE_APP_SECRET='" + invoicetest.DefaultAppSecret + "'\n",
	} {
		assert.Contains(t, text, want)
	}

	t.Run("douyin: a client token through the token command", func(t *testing.T) {
		r := cmd(t, "douyin", "token", "-url", info.Douyin.URL, "-key", info.Douyin.ClientKey, "-secret", info.Douyin.ClientSecret, "-json")
		require.Equal(t, exitOK, r.code, r.stderr)
		var tok tokenOutput
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &tok))
		assert.Equal(t, "clt.***", tok.AccessToken)
		assert.Equal(t, int64(7200), tok.ExpiresIn)
		assert.WithinDuration(t, time.Now().Add(2*time.Hour), tok.ExpiresAt, time.Minute)

		r = cmd(t, "douyin", "token", "-url", info.Douyin.URL, "-key", info.Douyin.ClientKey, "-secret", "wrong-secret-123")
		assert.Equal(t, exitFail, r.code)
		assert.Contains(t, r.stderr, "10013")
		assertNoSecret(t, r, "wrong-secret-123")
	})

	t.Run("hotelsupply: a member logs in and prices a stay", func(t *testing.T) {
		c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(info.HotelSupply.URL), hotelsupply.WithUniacid(info.HotelSupply.Uniacid),
			hotelsupply.WithCredentials(info.HotelSupply.Mobile, info.HotelSupply.Password))
		require.NoError(t, err)
		require.NoError(t, c.Login(context.Background()))
		code, body := httpDo(t, http.MethodGet, info.HotelSupply.AdminURL+"orders", "")
		assert.Equal(t, http.StatusOK, code)
		assert.JSONEq(t, `[]`, body)
	})

	t.Run("invoice: faults from the admin API", func(t *testing.T) {
		code, body := httpDo(t, http.MethodPost, info.Invoice.AdminURL+"faults", `{"kind":"non-json","times":2}`)
		require.Equal(t, http.StatusOK, code, body)
		assert.Contains(t, body, `"pending": 2`)
		c, err := invoice.NewClient(invoice.WithBaseURL(info.Invoice.URL), invoice.WithApp(info.Invoice.AppID, info.Invoice.AppSecret),
			invoice.WithUserNo(info.Invoice.UserNo))
		require.NoError(t, err)
		_, err = c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreID: info.Invoice.StoreID, OrderBatchNo: "B1"})
		require.Error(t, err)
		code, body = httpDo(t, http.MethodGet, info.Invoice.AdminURL+"faults", "")
		assert.Equal(t, http.StatusOK, code)
		var st struct {
			Pending  int            `json:"pending"`
			Injected map[string]int `json:"injected"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &st))
		assert.GreaterOrEqual(t, st.Injected["non-json"], 1)
		assert.Equal(t, 2, st.Injected["non-json"]+st.Pending)
		code, body = httpDo(t, http.MethodDelete, info.Invoice.AdminURL+"faults", "")
		assert.Equal(t, http.StatusOK, code)
		assert.Contains(t, body, `"pending": 0`)
	})

	t.Run("a dropped connection is dropped, not answered", func(t *testing.T) {
		code, body := httpDo(t, http.MethodPost, info.Invoice.AdminURL+"faults", `{"kind":"drop-before-request","path":"/openapi/order/get"}`)
		require.Equal(t, http.StatusOK, code, body)
		resp, err := http.Post(info.Invoice.URL+"/openapi/order/get", "application/json", strings.NewReader(`{}`))
		if err == nil {
			resp.Body.Close()
		}
		require.Error(t, err, "the connection is cut without an answer")
		assert.Eventually(t, func() bool { return strings.Contains(errOut.String(), "invoice     POST /openapi/order/get dropped") },
			5*time.Second, 10*time.Millisecond)
		// Served, then cut: the shop's order is created, the answer lost.
		code, body = httpDo(t, http.MethodPost, info.HotelSupply.AdminURL+"faults", `{"kind":"drop-after-request","path":"member.login.index"}`)
		require.Equal(t, http.StatusOK, code, body)
		resp, err = http.PostForm(info.HotelSupply.URL+"?i=6&type=5&route=member.login.index",
			map[string][]string{"mobile": {info.HotelSupply.Mobile}, "password": {info.HotelSupply.Password}})
		if err == nil {
			resp.Body.Close()
		}
		require.Error(t, err, "the login is served but its answer never arrives")
		assert.Eventually(t, func() bool {
			return strings.Contains(errOut.String(), "hotelsupply POST /addons/yun_shop/api.php route=member.login.index dropped")
		}, 5*time.Second, 10*time.Millisecond)
	})

	t.Run("admin errors", func(t *testing.T) {
		for _, tc := range []struct{ method, path, body, want string }{
			{http.MethodPost, "faults", `{"kind":"meteor"}`, "unknown fault kind"},
			{http.MethodPost, "faults", `{"kind":"latency"}`, "needs a delay"},
			{http.MethodPost, "faults", `{"kind":"server-error","delay":"1s"}`, "latency faults only"},
			{http.MethodPost, "faults", `nope`, "want a fault"},
			{http.MethodPut, "faults", ``, "use GET, POST or DELETE"},
			{http.MethodGet, "nothing", ``, "unknown admin endpoint"},
			{http.MethodGet, "tokens/expire", ``, "method not allowed"},
		} {
			code, body := httpDo(t, tc.method, info.Douyin.AdminURL+tc.path, tc.body)
			assert.GreaterOrEqual(t, code, 400, tc)
			assert.Contains(t, body, tc.want, tc)
		}
		code, body := httpDo(t, http.MethodGet, info.Douyin.AdminURL, "")
		assert.Equal(t, http.StatusOK, code)
		assert.Contains(t, body, `"POST /_admin/tokens/expire"`)
	})

	// The access log names requests, never their query strings.
	assert.Eventually(t, func() bool { return strings.Contains(errOut.String(), "douyin      POST /oauth/client_token/ 200") }, 5*time.Second, 10*time.Millisecond)
	assert.Contains(t, errOut.String(), "hotelsupply POST /addons/yun_shop/api.php route=member.login.index 200")
	assert.NotContains(t, errOut.String(), "?")
}

func TestSandboxFaultFlags(t *testing.T) {
	info, out, _ := startSandbox(t, append(freePorts, "-quiet", "-json", "-shop-addr", "off",
		"-fault", "douyin:server-error,path=/oauth/client_token/,times=5,status=502")...)
	assert.Nil(t, info.HotelSupply)
	var printed struct {
		Sandboxes sandboxserver.Info     `json:"sandboxes"`
		Env       []sandboxserver.EnvVar `json:"env"`
	}
	require.NoError(t, json.Unmarshal([]byte(out.String()), &printed), out.String())
	assert.Equal(t, info, printed.Sandboxes)
	assert.Contains(t, printed.Env, sandboxserver.EnvVar{Name: "HOTELSDK_DOUYIN_BASE_URL", Value: info.Douyin.URL})
	code, body := httpDo(t, http.MethodPost, info.Douyin.URL+"/oauth/client_token/", `{}`)
	assert.Equal(t, http.StatusBadGateway, code, body)

	for _, bad := range []string{"douyin", "mars:latency", "douyin:latency", "douyin:latency,delay=x", "douyin:server-error,times=x", "douyin:non-json,color=red"} {
		r := cmd(t, append([]string{"sandbox", "-fault", bad}, freePorts...)...)
		assert.Equal(t, exitUsage, r.code, bad)
		assert.Contains(t, r.stderr, "fault", bad)
	}
}

func TestSandboxUsageErrors(t *testing.T) {
	r := cmd(t, "sandbox", "-douyin-addr", "nonsense")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "want host:port")
	r = cmd(t, "sandbox", "-douyin-addr", "off", "-shop-addr", "off", "-invoice-addr", "off")
	assert.Equal(t, exitUsage, r.code)

	// A port in use is a failure, not a usage error.
	info, _, _ := startSandbox(t, append(freePorts, "-quiet")...)
	addr := strings.TrimPrefix(info.Douyin.URL, "http://")
	r = cmd(t, "sandbox", "-douyin-addr", addr, "-shop-addr", "off", "-invoice-addr", "off")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "address already in use")
}

func TestSandboxEnv(t *testing.T) {
	r := cmd(t, "sandbox", "env", "-douyin-addr", "0.0.0.0:9001", "-shop-addr", "127.0.0.1:9002", "-invoice-addr", "off")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "export DOUYIN_BASE_URL='http://127.0.0.1:9001'\n")
	assert.Contains(t, r.stdout, "export HOTELSUPPLY_BASE_URL='http://127.0.0.1:9002/addons/yun_shop/api.php'\n")
	assert.NotContains(t, r.stdout, "INVOICE_")
	r = cmd(t, "sandbox", "env", "-json")
	require.Equal(t, exitOK, r.code)
	var env []sandboxserver.EnvVar
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &env))
	assert.Contains(t, env, sandboxserver.EnvVar{Name: "INVOICE_BASE_URL", Value: "http://127.0.0.1:8083"})
	r = cmd(t, "sandbox", "env", "-douyin-addr", "127.0.0.1:0")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "a fixed port is needed")
}

// SIGTERM (and SIGINT) shut the sandbox down gracefully through run.
func TestSandboxShutsDownOnSIGTERM(t *testing.T) {
	ready := make(chan sandboxserver.Info, 1)
	sandboxReadyHook = func(i sandboxserver.Info) { ready <- i }
	t.Cleanup(func() { sandboxReadyHook = nil })
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(append([]string{"sandbox", "-quiet"}, freePorts...), strings.NewReader(""), &out, &errOut)
	}()
	var info sandboxserver.Info
	select {
	case info = <-ready:
	case code := <-done:
		t.Fatalf("exited with %d: %s", code, errOut.String())
	}
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	select {
	case code := <-done:
		assert.Equal(t, exitOK, code, errOut.String())
	case <-time.After(20 * time.Second):
		t.Fatal("no shutdown")
	}
	assert.Contains(t, errOut.String(), "shutting down")
	_, err := http.Get(info.Douyin.URL + "/_admin/")
	assert.Error(t, err, "the port is closed")
}
