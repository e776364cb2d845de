package douyintest_test

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fastRetry = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}

func newSandbox(t *testing.T, opts ...douyintest.Option) *douyintest.Server {
	t.Helper()
	s := douyintest.NewServer(opts...)
	t.Cleanup(s.Close)
	return s
}

func newClient(t *testing.T, s *douyintest.Server, opts ...douyin.Option) *douyin.Client {
	t.Helper()
	c, err := s.NewClient(append([]douyin.Option{douyin.WithRetryPolicy(fastRetry)}, opts...)...)
	require.NoError(t, err)
	return c
}

func statusReq() *douyin.UpdateOrderStatusRequest {
	return &douyin.UpdateOrderStatusRequest{OrderID: "DY1", OrderExtID: "EXT1", SupplierExtID: "H1", Status: douyin.ConfirmStatusConfirmed}
}

func syncReq(t *testing.T) *douyin.SyncOrderRequest {
	t.Helper()
	r, err := douyin.NewHotelSyncOrder(douyin.ExtShopInfo{ExtShopID: "H1"}, &douyin.HotelOrderDetail{
		OrderID: "DY1", OrderExtID: "EXT1", SupplierExtID: "H1", SPUExtID: "R1",
		CheckIn: douyin.NewDate(2024, 3, 1), CheckOut: douyin.NewDate(2024, 3, 2), ReserveAmount: 1, TotalPrice: 22000,
	})
	require.NoError(t, err)
	return r
}

func TestStatusAndSyncAreServedAndRecorded(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	c := newClient(t, s)
	ctx := context.Background()

	res, err := c.UpdateOrderStatus(ctx, statusReq())
	require.NoError(t, err)
	assert.NotEmpty(t, res.RequestID)
	assert.Equal(t, []douyin.UpdateOrderStatusRequest{*statusReq()}, s.StatusUpdates())

	sy, err := c.SyncOrder(ctx, syncReq(t))
	require.NoError(t, err)
	syncs := s.Syncs()
	require.Len(t, syncs, 1)
	assert.Equal(t, sy.OrderID, syncs[0].OrderID)
	assert.Len(t, sy.OrderID, 19)
	require.NotNil(t, syncs[0].Hotel)
	assert.Equal(t, douyin.Fen(22000), syncs[0].Hotel.TotalPrice)
	assert.Greater(t, syncs[0].Request.DateTime, int64(1_000_000_000_000))

	st := s.RequestsTo(douyin.PathOrderStatus)
	require.Len(t, st, 1)
	assert.Equal(t, http.MethodPost, st[0].Method)
	assert.Equal(t, st[0].Token, st[0].Header.Get("access-token"))
	assert.Equal(t, st[0].Token, st[0].Query.Get("access_token"))
	assert.Contains(t, string(st[0].Body), `"status":0`)
	assert.Equal(t, 1, s.TokenFetches())
	assert.Len(t, s.Requests(), 3)

	s.Reset()
	assert.Empty(t, s.Requests())
	assert.Empty(t, s.StatusUpdates())
	assert.Empty(t, s.Syncs())
	_, err = c.UpdateOrderStatus(ctx, statusReq())
	require.NoError(t, err, "tokens survive Reset")
	assert.Equal(t, 1, s.TokenFetches())
}

func TestTokenPlacementsAreAccepted(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	for _, p := range []douyin.TokenPlacement{douyin.TokenInHeader, douyin.TokenInQuery} {
		c := newClient(t, s, douyin.WithTokenPlacement(p))
		_, err := c.UpdateOrderStatus(context.Background(), statusReq())
		require.NoError(t, err)
	}
}

func TestExpiredAndRevokedTokensAreRefreshedOnce(t *testing.T) {
	t.Parallel()
	for name, spoil := range map[string]func(*douyintest.Server){
		"expired (2190008)": (*douyintest.Server).ExpireTokens,
		"revoked (2190002)": (*douyintest.Server).RevokeTokens,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			c := newClient(t, s)
			ctx := context.Background()
			_, err := c.UpdateOrderStatus(ctx, statusReq())
			require.NoError(t, err)
			spoil(s)
			_, err = c.SyncOrder(ctx, syncReq(t))
			require.NoError(t, err)
			assert.Equal(t, 2, s.TokenFetches())
			reqs := s.RequestsTo(douyin.PathOrderSync)
			require.Len(t, reqs, 2, "the refused push and its single repeat")
			assert.NotEqual(t, reqs[0].Token, reqs[1].Token)
			assert.Len(t, s.Syncs(), 1, "the refused push had no effect")
		})
	}
}

func TestTokenRejectedAgainIsRepeatedOnlyOnce(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	c := newClient(t, s)
	s.FailNext(douyin.PathOrderStatus, douyin.CodeAccessTokenExpired, "access_token过期")
	s.FailNext(douyin.PathOrderStatus, douyin.CodeAccessTokenExpired, "access_token过期")
	s.FailNext(douyin.PathOrderStatus, douyin.CodeAccessTokenExpired, "access_token过期")
	_, err := c.UpdateOrderStatus(context.Background(), statusReq())
	require.ErrorIs(t, err, douyin.ErrTokenRejected)
	var ae *douyin.APIError
	require.ErrorAs(t, err, &ae)
	assert.NotEmpty(t, ae.RequestID)
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 2)
	assert.Equal(t, 2, s.TokenFetches())
	assert.Empty(t, s.StatusUpdates())
}

func TestUnknownStaticTokenIsRejected(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	c := newClient(t, s, douyin.WithTokenSource(douyin.StaticTokenSource(douyin.Token{AccessToken: "act.bogus"})))
	_, err := c.UpdateOrderStatus(context.Background(), statusReq())
	var ae *douyin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, douyin.CodeAccessTokenInvalid, ae.ErrorCode)
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 1)
}

func TestScriptedErrorCodes(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	c := newClient(t, s)
	ctx := context.Background()

	s.FailNext(douyin.PathOrderStatus, douyin.CodeSystemBusy, "系统繁忙")
	_, err := c.UpdateOrderStatus(ctx, statusReq())
	require.NoError(t, err, "2100004 is retried for an idempotent call")
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 2)

	s.FailNext(douyin.PathOrderSync, douyin.CodeSystemBusy, "系统繁忙")
	_, err = c.SyncOrder(ctx, syncReq(t))
	var ae *douyin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, douyin.CodeSystemBusy, ae.ErrorCode)
	assert.Equal(t, "系统繁忙", ae.Description)
	assert.Len(t, s.RequestsTo(douyin.PathOrderSync), 1, "SyncOrder is not retried")
	assert.Empty(t, s.Syncs())
}

func TestEveryFault(t *testing.T) {
	t.Parallel()
	type outcome struct {
		err      string // "" success, else "transport", "decode"
		recorded int    // requests that reached the fake's handlers
		applied  int    // accepted updates/pushes
	}
	for _, tc := range []struct {
		fault  hotelsdktest.Fault
		status outcome // UpdateOrderStatus (idempotent)
		sync   outcome // SyncOrder (not idempotent)
	}{
		{hotelsdktest.Fault{Kind: hotelsdktest.Latency, Delay: 5 * time.Millisecond}, outcome{"", 1, 1}, outcome{"", 1, 1}},
		// The failed attempt never reaches the handlers; the status is sent again.
		{hotelsdktest.Fault{Kind: hotelsdktest.ServerError}, outcome{"", 1, 1}, outcome{"decode", 0, 0}},
		{hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Status: 500, RetryAfter: 1}, outcome{"", 1, 1}, outcome{"decode", 0, 0}},
		// The push took effect but its answer was lost: the client must not
		// push again (a status update is harmlessly repeated).
		{hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest}, outcome{"", 2, 2}, outcome{"transport", 1, 1}},
		{hotelsdktest.Fault{Kind: hotelsdktest.DropBeforeRequest}, outcome{"", 1, 1}, outcome{"transport", 0, 0}},
		{hotelsdktest.Fault{Kind: hotelsdktest.NonJSON}, outcome{"decode", 0, 0}, outcome{"decode", 0, 0}},
	} {
		t.Run(tc.fault.Kind.String(), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			check := func(t *testing.T, s *douyintest.Server, err error, want outcome, path string, applied int) {
				t.Helper()
				switch want.err {
				case "":
					require.NoError(t, err)
				case "transport":
					var te *hotelsdk.TransportError
					require.ErrorAs(t, err, &te)
					assert.True(t, te.MaybeSent)
				case "decode":
					var de *hotelsdk.DecodeError
					require.ErrorAs(t, err, &de)
				}
				assert.Equal(t, want.applied, applied)
				assert.Len(t, s.RequestsTo(path), want.recorded)
				assert.Equal(t, 1, s.FaultsInjected(tc.fault.Kind))
				assert.Zero(t, s.PendingFaults())
			}

			s := newSandbox(t)
			c := newClient(t, s)
			// Warm the token cache, so that the call under test is the
			// only request the fault can meet.
			_, err := c.TokenSource().Token(ctx)
			require.NoError(t, err)
			f := tc.fault
			f.Path = douyin.PathOrderStatus
			s.Inject(f)
			_, err = c.UpdateOrderStatus(ctx, statusReq())
			check(t, s, err, tc.status, douyin.PathOrderStatus, len(s.StatusUpdates()))

			s2 := newSandbox(t)
			c2 := newClient(t, s2)
			_, err = c2.TokenSource().Token(ctx)
			require.NoError(t, err)
			f.Path = douyin.PathOrderSync
			s2.Inject(f)
			_, err = c2.SyncOrder(ctx, syncReq(t))
			check(t, s2, err, tc.sync, douyin.PathOrderSync, len(s2.Syncs()))
		})
	}
}

func TestLatencyBeyondAttemptTimeout(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	c := newClient(t, s, douyin.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond,
		PerAttemptTimeout: 500 * time.Millisecond}))
	_, err := c.FetchClientToken(context.Background())
	require.NoError(t, err)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Delay: 5 * time.Second, Path: douyin.PathOrderStatus})
	_, err = c.UpdateOrderStatus(context.Background(), statusReq())
	require.NoError(t, err, "the slow attempt times out and the status is sent again")
	assert.Len(t, s.StatusUpdates(), 1)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Delay: 5 * time.Second, Path: douyin.PathOrderSync})
	_, err = c.SyncOrder(context.Background(), syncReq(t))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, s.Syncs())
}

func TestTokenEndpointFaultIsRetried(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	c := newClient(t, s)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: douyin.PathClientToken})
	_, err := c.UpdateOrderStatus(context.Background(), statusReq())
	require.NoError(t, err)
	assert.Equal(t, 2, s.TokenFetches(), "the lost token is simply replaced")
	assert.Len(t, s.StatusUpdates(), 1)
}

func TestClientTokenLifecycle(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	s := newSandbox(t, douyintest.WithClock(clock), douyintest.WithTokenTTL(time.Hour))
	c := newClient(t, s, douyin.WithClock(clock))
	ctx := context.Background()

	t1, err := c.FetchClientToken(ctx)
	require.NoError(t, err)
	assert.Equal(t, time.Hour, t1.Token.ExpiresAt.Sub(t1.Token.IssuedAt))
	t2, err := c.FetchClientToken(ctx)
	require.NoError(t, err)
	use := func(tok string) error {
		uc := newClient(t, s, douyin.WithTokenSource(douyin.StaticTokenSource(douyin.Token{AccessToken: tok})))
		_, err := uc.UpdateOrderStatus(ctx, statusReq())
		return err
	}
	require.NoError(t, use(t1.Token.AccessToken), "the previous token stays valid for five minutes")
	require.NoError(t, use(t2.Token.AccessToken))
	advance(douyintest.TokenRetireDelay)
	var ae *douyin.APIError
	require.ErrorAs(t, use(t1.Token.AccessToken), &ae)
	assert.Equal(t, douyin.CodeAccessTokenExpired, ae.ErrorCode)
	require.NoError(t, use(t2.Token.AccessToken))

	t3, err := c.FetchClientToken(ctx)
	require.NoError(t, err)
	_, err = c.FetchClientToken(ctx)
	require.NoError(t, err)
	require.ErrorAs(t, use(t2.Token.AccessToken), &ae, "only the latest two are valid")
	assert.Equal(t, douyin.CodeAccessTokenInvalid, ae.ErrorCode)
	require.NoError(t, use(t3.Token.AccessToken))

	advance(time.Hour)
	require.ErrorAs(t, use(t3.Token.AccessToken), &ae)
	assert.Equal(t, douyin.CodeAccessTokenExpired, ae.ErrorCode)
	// The client's own source refreshes by itself after expiry.
	_, err = c.UpdateOrderStatus(ctx, statusReq())
	require.NoError(t, err)
}

func TestOAuthErrors(t *testing.T) {
	t.Parallel()
	s := newSandbox(t, douyintest.WithCredentials("key", "secret"), douyintest.WithTokenFetchLimit(2))
	ctx := context.Background()
	code := func(c *douyin.Client, err error) douyin.Code {
		t.Helper()
		require.NoError(t, err)
		_, err = c.FetchClientToken(ctx)
		var ae *douyin.APIError
		require.ErrorAs(t, err, &ae)
		return ae.ErrorCode
	}
	assert.Equal(t, douyin.CodeClientKeyNotFound, code(s.NewClient(douyin.WithClientCredentials("nope", "secret"))))
	assert.Equal(t, douyin.CodeClientSecretWrong, code(s.NewClient(douyin.WithClientCredentials("key", "wrong"))))

	c := newClient(t, s)
	for range 2 {
		_, err := c.FetchClientToken(ctx)
		require.NoError(t, err)
	}
	assert.Equal(t, douyin.CodeTooManyTokenFetch, code(c, nil))

	for _, body := range []string{`{"client_key":"key","client_secret":"secret","grant_type":"password"}`,
		`{"client_key":"key"}`, `not json`, `{"client_key":"key","client_secret":"secret","grant_type":"client_credential","extra":1}`} {
		resp, err := http.Post(s.URL()+douyin.PathClientToken, "application/json", bytes.NewBufferString(body))
		require.NoError(t, err)
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(resp.Body)
		resp.Body.Close()
		assert.Contains(t, buf.String(), `"error_code":10002`, body)
	}
	resp, err := http.Get(s.URL() + douyin.PathClientToken)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
}

func TestUserTokenExchange(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	s.AddAuthCode("CODE1", "open-1")
	c := newClient(t, s)
	ctx := context.Background()
	res, err := c.ExchangeUserToken(ctx, "CODE1")
	require.NoError(t, err)
	assert.Equal(t, "open-1", res.OpenID)
	assert.Equal(t, "poi.product", res.Scope)
	assert.Equal(t, douyintest.DefaultUserTokenTTL, res.Token.ExpiresAt.Sub(res.Token.IssuedAt))
	assert.NotEmpty(t, res.RefreshToken)

	uc := newClient(t, s, douyin.WithTokenSource(douyin.StaticTokenSource(res.Token)))
	_, err = uc.UpdateOrderStatus(ctx, statusReq())
	require.NoError(t, err)

	_, err = c.ExchangeUserToken(ctx, "CODE1")
	var ae *douyin.APIError
	require.ErrorAs(t, err, &ae, "a code is good for one exchange")
	assert.Equal(t, douyin.CodeOAuthParamError, ae.ErrorCode)
}

func TestBadOrderBodiesAre2100005(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	c := newClient(t, s)
	tok, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	for _, tc := range []struct{ path, body, want string }{
		{douyin.PathOrderStatus, `{"order_id":"","order_ext_id":"E","supplier_ext_id":"S","status":5}`, "order_id is required; status must be 0..3"},
		{douyin.PathOrderStatus, `{"order_id":"D","orderExtId":"E"}`, "unknown field"},
		{douyin.PathOrderStatus, `{`, "malformed JSON"},
		{douyin.PathOrderSync, `{"order_type":0,"date_time":1700000000,"order_detail":"x","ext_shop_info":{"ext_shop_id":""},"mini_app":{"app_id":"a","user_open_id":""}}`,
			"order_type is required; date_time must be the request time in milliseconds; order_detail must be a JSON-encoded object; ext_shop_info.ext_shop_id is required; mini_app needs app_id and user_open_id"},
	} {
		req, err := http.NewRequest(http.MethodPost, s.URL()+tc.path, bytes.NewBufferString(tc.body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("access-token", tok.AccessToken)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(resp.Body)
		resp.Body.Close()
		assert.Contains(t, buf.String(), `"error_code":2100005`)
		assert.Contains(t, buf.String(), tc.want)
		assert.NotEmpty(t, resp.Header.Get("X-Tt-Logid"))
	}
	req, _ := http.NewRequest(http.MethodPost, s.URL()+douyin.PathOrderStatus, bytes.NewBufferString(`{}`))
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("access-token", tok.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	resp.Body.Close()
	assert.Contains(t, buf.String(), "Content-Type must be application/json")
	assert.Empty(t, s.StatusUpdates())
	assert.Empty(t, s.Syncs())
}

func TestConcurrentClientsShareTokenThroughStore(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	store := douyin.NewMemoryTokenStore()
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 4 {
		c := newClient(t, s, douyin.WithTokenStore(store))
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i%2 == 0 {
					_, err := c.UpdateOrderStatus(context.Background(), statusReq())
					errs <- err
					return
				}
				_, err := c.SyncOrder(context.Background(), syncReq(t))
				errs <- err
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, s.TokenFetches(), "processes sharing a store fetch one token in all")
	assert.Len(t, s.StatusUpdates(), 20)
	assert.Len(t, s.Syncs(), 20)
}

func TestOptionsOutOfRangeKeepDefaults(t *testing.T) {
	t.Parallel()
	s := newSandbox(t, douyintest.WithCredentials("", ""), douyintest.WithTokenTTL(0), douyintest.WithUserTokenTTL(time.Millisecond),
		douyintest.WithTokenFetchLimit(0), douyintest.WithClock(nil), nil)
	key, secret := s.Credentials()
	assert.Equal(t, douyintest.DefaultClientKey, key)
	assert.Equal(t, douyintest.DefaultClientSecret, secret)
	c := newClient(t, s)
	res, err := c.FetchClientToken(context.Background())
	require.NoError(t, err)
	assert.Equal(t, douyintest.DefaultTokenTTL, res.Token.ExpiresAt.Sub(res.Token.IssuedAt))
	s.AddAuthCode("C", "o")
	ur, err := c.ExchangeUserToken(context.Background(), "C")
	require.NoError(t, err)
	assert.Equal(t, douyintest.DefaultUserTokenTTL, ur.Token.ExpiresAt.Sub(ur.Token.IssuedAt))

	s2 := newSandbox(t, douyintest.WithUserTokenTTL(time.Hour))
	s2.AddAuthCode("C", "o")
	ur, err = newClient(t, s2).ExchangeUserToken(context.Background(), "C")
	require.NoError(t, err)
	assert.Equal(t, time.Hour, ur.Token.ExpiresAt.Sub(ur.Token.IssuedAt))
	assert.Equal(t, 2*time.Hour, ur.RefreshExpiresAt.Sub(ur.Token.IssuedAt))
}

// A Server not made by its constructor returns errors, never panics.
func TestUninitialisedServerAndCaller(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]*douyintest.Server{"nil": nil, "zero": {}} {
		s.Close()
		s.Close()
		s.ExpireTokens()
		assert.Equal(t, http.DefaultClient, s.Client(), name)
		c, err := s.NewClient()
		require.ErrorContains(t, err, "create it with NewServer", name)
		assert.Nil(t, c, name)
	}
	var zero douyintest.Server
	zero.AddAuthCode("code", "open-1") // the zero value's map is made on demand
}
