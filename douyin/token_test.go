package douyin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClientTokenIsCachedUntilShortlyBeforeExpiry(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200), obTokenAnswer("clt.2", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
	clock := newObClock()
	c := newOutboundClient(t, mt, clock)
	ctx := context.Background()

	for range 3 {
		_, err := c.UpdateOrderStatus(ctx, validStatusRequest())
		require.NoError(t, err)
	}
	assert.Equal(t, 1, tok.count(), "the token is cached")

	clock.Advance(7200*time.Second - DefaultTokenRefreshBefore - time.Second)
	_, err := c.UpdateOrderStatus(ctx, validStatusRequest())
	require.NoError(t, err)
	assert.Equal(t, 1, tok.count(), "still outside the refresh window")

	clock.Advance(2 * time.Second) // now inside the last five minutes
	_, err = c.UpdateOrderStatus(ctx, validStatusRequest())
	require.NoError(t, err)
	assert.Equal(t, 2, tok.count(), "refreshed before expiry")
	reqs := st.requests()
	assert.Equal(t, "clt.1", reqs[3].Header.Get("access-token"))
	assert.Equal(t, "clt.2", reqs[4].Header.Get("access-token"))
}

func TestShortLivedTokenRefreshesAtHalfLife(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 60), obTokenAnswer("clt.2", 60))
	clock := newObClock()
	c := newOutboundClient(t, mt, clock)
	src := c.TokenSource()
	ctx := context.Background()

	got, err := src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "clt.1", got.AccessToken)
	clock.Advance(29 * time.Second)
	got, err = src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "clt.1", got.AccessToken, "a 60 s token is kept for half its life, not refreshed on every call")
	clock.Advance(2 * time.Second)
	got, err = src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "clt.2", got.AccessToken)
	assert.Equal(t, 2, tok.count())
}

func TestConcurrentCallersShareOneTokenFetch(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	gate := make(chan struct{})
	var fetches atomic.Int32
	mt.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		fetches.Add(1)
		<-gate
		return obTokenAnswer("clt.shared", 7200)(r)
	})
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
	c := newOutboundClient(t, mt, newObClock())

	const n = 64
	var entered sync.WaitGroup
	entered.Add(n)
	var done sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		done.Add(1)
		go func() {
			defer done.Done()
			entered.Done()
			_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
			errs <- err
		}()
	}
	entered.Wait()
	// Let the callers reach the token source and queue behind the one fetch.
	require.Eventually(t, func() bool { return fetches.Load() >= 1 }, 5*time.Second, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	close(gate)
	done.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), fetches.Load(), "exactly one token fetch for all callers")
	assert.Equal(t, n, st.count())
	for _, r := range st.requests() {
		assert.Equal(t, "clt.shared", r.Header.Get("access-token"))
	}
}

func TestRejectedTokenIsRefreshedAndCallRepeatedOnce(t *testing.T) {
	t.Parallel()
	for _, code := range []Code{CodeAccessTokenInvalid, CodeAccessTokenExpired} {
		t.Run(fmt.Sprint(int64(code)), func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.old", 7200), obTokenAnswer("clt.new", 7200))
			sy := obMock(mt, http.MethodPost, obSyncURL, obJSON(200, obErrorBody(int64(code), "access_token过期")), obJSON(200, obSyncOK))
			c := newOutboundClient(t, mt, newObClock())

			res, err := c.SyncOrder(context.Background(), validSyncRequest())
			require.NoError(t, err)
			assert.Equal(t, "7000000000001", res.OrderID)
			assert.Equal(t, 2, tok.count())
			reqs := sy.requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, "clt.old", reqs[0].Header.Get("access-token"))
			assert.Equal(t, "clt.new", reqs[1].Header.Get("access-token"))
			assert.Equal(t, []string{"clt.new"}, reqs[1].Query["access_token"])
			assert.Equal(t, reqs[0].Body, reqs[1].Body)
		})
	}
}

func TestTokenRejectedTwiceIsReturnedAfterOneRepeat(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200), obTokenAnswer("clt.2", 7200), obTokenAnswer("clt.3", 7200))
	// The rejection may also arrive in extra.sub_error_code.
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200,
		`{"data":{"error_code":0,"description":""},"extra":{"error_code":2190002,"description":"access_token无效","sub_error_code":2190002,"sub_description":"","logid":"L2","now":1}}`))
	c := newOutboundClient(t, mt, newObClock())

	_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.ErrorIs(t, err, ErrTokenRejected)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, CodeAccessTokenInvalid, ae.ErrorCode)
	assert.Equal(t, "access_token无效", ae.Description)
	assert.Equal(t, "L2", ae.RequestID)
	assert.Equal(t, 2, st.count(), "repeated exactly once")
	assert.Equal(t, 2, tok.count())
}

func TestStaticTokenIsNotRepeatedWhenRejected(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obErrorBody(2190008, "access_token过期")))
	c, err := NewClient(WithTransport(mt), WithTokenSource(StaticTokenSource(Token{AccessToken: "act.user"})), WithRetryPolicy(obFastRetry))
	require.NoError(t, err)

	_, err = c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.ErrorIs(t, err, ErrTokenRejected)
	assert.Equal(t, 1, st.count())
	assert.Equal(t, "act.user", st.requests()[0].Header.Get("access-token"))

	_, err = StaticTokenSource(Token{}).Token(context.Background())
	require.Error(t, err)
}

func TestTokenStoreIsSharedBetweenClients(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200), obTokenAnswer("clt.2", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
	store := NewMemoryTokenStore()
	clock := newObClock()
	a := newOutboundClient(t, mt, clock, WithTokenStore(store))
	b := newOutboundClient(t, mt, clock, WithTokenStore(store))
	ctx := context.Background()

	_, err := a.UpdateOrderStatus(ctx, validStatusRequest())
	require.NoError(t, err)
	_, err = b.UpdateOrderStatus(ctx, validStatusRequest())
	require.NoError(t, err)
	assert.Equal(t, 1, tok.count(), "the second process reuses the stored token")
	stored, err := store.Load(ctx, "ck")
	require.NoError(t, err)
	assert.Equal(t, Token{AccessToken: "clt.1", IssuedAt: obNow, ExpiresAt: obNow.Add(2 * time.Hour)}, stored)
	assert.Equal(t, "clt.1", st.requests()[1].Header.Get("access-token"))

	// b learns that clt.1 is rejected: it must not take it from the store again.
	b.TokenSource().(TokenInvalidator).InvalidateToken(ctx, "clt.1")
	got, err := b.TokenSource().Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "clt.2", got.AccessToken)
	// a finds its cached token gone stale only through Douyin; the store now holds clt.2.
	stored, _ = store.Load(ctx, "ck")
	assert.Equal(t, "clt.2", stored.AccessToken)
}

type failingStore struct {
	loadErr, saveErr error
	saved            atomic.Int32
}

func (s *failingStore) Load(context.Context, string) (Token, error) { return Token{}, s.loadErr }
func (s *failingStore) Save(context.Context, string, Token) error {
	s.saved.Add(1)
	return s.saveErr
}

func TestTokenStoreFailuresStillYieldAToken(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200))
	var logs bytes.Buffer
	store := &failingStore{loadErr: errors.New("redis down"), saveErr: errors.New("redis down")}
	c := newOutboundClient(t, mt, newObClock(), WithTokenStore(store),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	got, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "clt.1", got.AccessToken)
	assert.Equal(t, int32(1), store.saved.Load())
	assert.Contains(t, logs.String(), "token store load failed")
	assert.Contains(t, logs.String(), "token store save failed")
	assert.NotContains(t, logs.String(), "clt.1")
}

func TestTokenFetchErrors(t *testing.T) {
	t.Parallel()
	t.Run("bad secret stops the call", func(t *testing.T) {
		t.Parallel()
		mt := httpmock.NewMockTransport()
		tok := obMock(mt, http.MethodPost, obTokenURL, obJSON(200, `{"data":{"error_code":10013,"description":"client_key或client_secret错误"},"message":"error"}`))
		st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
		c := newOutboundClient(t, mt, newObClock())
		_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
		var ae *APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, CodeClientSecretWrong, ae.ErrorCode)
		assert.Equal(t, "oauth.client_token", ae.Operation)
		assert.Contains(t, err.Error(), "order.status: cannot get an access token")
		assert.NotContains(t, err.Error(), "cs")
		assert.Equal(t, 1, tok.count(), "10013 is not transient")
		assert.Zero(t, st.count(), "nothing is sent without a token")
	})
	t.Run("5xx is retried", func(t *testing.T) {
		t.Parallel()
		mt := httpmock.NewMockTransport()
		tok := obMock(mt, http.MethodPost, obTokenURL, obJSON(502, "bad gateway"), obTokenAnswer("clt.1", 7200))
		c := newOutboundClient(t, mt, newObClock())
		res, err := c.FetchClientToken(context.Background())
		require.NoError(t, err)
		assert.Equal(t, &ClientTokenResult{Token: Token{AccessToken: "clt.1", IssuedAt: obNow, ExpiresAt: obNow.Add(7200 * time.Second)}}, res)
		assert.Equal(t, 2, tok.count())
	})
	t.Run("missing token is a decode error", func(t *testing.T) {
		t.Parallel()
		mt := httpmock.NewMockTransport()
		obMock(mt, http.MethodPost, obTokenURL, obJSON(200, `{"data":{"error_code":0,"description":"","expires_in":7200},"message":"success"}`))
		c := newOutboundClient(t, mt, newObClock())
		_, err := c.TokenSource().Token(context.Background())
		var de *hotelsdk.DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "access_token")
	})
	t.Run("missing expiry is a decode error", func(t *testing.T) {
		t.Parallel()
		mt := httpmock.NewMockTransport()
		obMock(mt, http.MethodPost, obTokenURL, obJSON(200, `{"data":{"error_code":0,"access_token":"clt.x"},"message":"success"}`))
		c := newOutboundClient(t, mt, newObClock())
		_, err := c.FetchClientToken(context.Background())
		var de *hotelsdk.DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "expires_in")
	})
	t.Run("failure is not cached beyond its backoff", func(t *testing.T) {
		t.Parallel()
		mt := httpmock.NewMockTransport()
		tok := obMock(mt, http.MethodPost, obTokenURL, obJSON(200, `{"data":{"error_code":10020,"description":"too many"},"message":"error"}`), obTokenAnswer("clt.1", 7200))
		clock := newObClock()
		c := newOutboundClient(t, mt, clock)
		_, err := c.TokenSource().Token(context.Background())
		require.Error(t, err)
		// A failure is held for a short interval (issue 10 §14), not
		// for good.
		clock.Advance(time.Second)
		got, err := c.TokenSource().Token(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "clt.1", got.AccessToken)
		assert.Equal(t, 2, tok.count())
	})
}

func TestTokenWaitEndsWithCallersContext(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	gate := make(chan struct{})
	defer close(gate)
	var fetches atomic.Int32
	mt.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		fetches.Add(1)
		<-gate
		return obTokenAnswer("clt.1", 7200)(r)
	})
	c := newOutboundClient(t, mt, newObClock())
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := c.TokenSource().Token(ctx)
		errc <- err
	}()
	require.Eventually(t, func() bool { return fetches.Load() == 1 }, 5*time.Second, time.Millisecond)
	cancel()
	require.ErrorIs(t, <-errc, context.Canceled)
}

func TestExchangeUserToken(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	u := obMock(mt, http.MethodPost, obUserURL, obJSON(200,
		`{"data":{"access_token":"act.u1","open_id":"OPEN1","scope":"poi.product","expires_in":1296000,"refresh_token":"rft.1","refresh_expires_in":2592000,"error_code":0,"description":""},"message":"success"}`))
	c := newOutboundClient(t, mt, newObClock())

	res, err := c.ExchangeUserToken(context.Background(), "AUTHCODE")
	require.NoError(t, err)
	got := u.requests()[0]
	assert.Equal(t, "/oauth/access_token/", got.Path)
	assert.Equal(t, `{"client_key":"ck","client_secret":"cs","code":"AUTHCODE","grant_type":"authorization_code"}`, got.Body)
	assert.Empty(t, got.Header.Get("access-token"))
	assert.Equal(t, &UserTokenResult{
		Token:  Token{AccessToken: "act.u1", IssuedAt: obNow, ExpiresAt: obNow.Add(1296000 * time.Second)},
		OpenID: "OPEN1", Scope: "poi.product",
		RefreshToken: "rft.1", RefreshExpiresAt: obNow.Add(2592000 * time.Second),
	}, res)

	// Without expires_in the token's expiry is unknown (zero), not "now".
	mt2 := httpmock.NewMockTransport()
	obMock(mt2, http.MethodPost, obUserURL, obJSON(200, `{"data":{"access_token":"x","error_code":0},"message":"success"}`))
	res, err = newOutboundClient(t, mt2, newObClock()).ExchangeUserToken(context.Background(), "C2")
	require.NoError(t, err)
	assert.Equal(t, Token{AccessToken: "x", IssuedAt: obNow}, res.Token)
	for _, out := range []string{fmt.Sprintf("%v", res), fmt.Sprintf("%+v", res), fmt.Sprintf("%#v", *res)} {
		assert.NotContains(t, out, "rft.")
	}
}

func TestExchangeUserTokenErrors(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	u := obMock(mt, http.MethodPost, obUserURL, obJSON(503, "unavailable"))
	c := newOutboundClient(t, mt, newObClock())

	_, err := c.ExchangeUserToken(context.Background(), "AUTHCODE")
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 1, u.count(), "an authorisation code is single-use: never re-sent")

	_, err = c.ExchangeUserToken(context.Background(), "")
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)

	mt2 := httpmock.NewMockTransport()
	obMock(mt2, http.MethodPost, obUserURL, obJSON(200, `{"data":{"error_code":10002,"description":"参数错误"},"message":"error"}`))
	c2 := newOutboundClient(t, mt2, newObClock())
	_, err = c2.ExchangeUserToken(context.Background(), "USED")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, CodeOAuthParamError, ae.ErrorCode)

	mt3 := httpmock.NewMockTransport()
	obMock(mt3, http.MethodPost, obUserURL, obJSON(200, `{"data":{"error_code":0},"message":"success"}`))
	c3 := newOutboundClient(t, mt3, newObClock())
	_, err = c3.ExchangeUserToken(context.Background(), "C")
	require.ErrorAs(t, err, &de)

	noCreds, err := NewClient(WithTransport(mt), WithTokenSource(StaticTokenSource(Token{AccessToken: "x"})))
	require.NoError(t, err)
	_, err = noCreds.ExchangeUserToken(context.Background(), "C")
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	_, err = noCreds.FetchClientToken(context.Background())
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
}

func TestTokensAndSecretsNeverLogged(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.SECRET-TOKEN", 7200))
	obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obErrorBody(2100005, "bad")))
	obMock(mt, http.MethodPost, obSyncURL, obJSON(200, obSyncOK))
	obMock(mt, http.MethodPost, obUserURL, obJSON(200,
		`{"data":{"access_token":"act.USER-TOKEN","open_id":"OPEN-ID-1","scope":"s","expires_in":10,"refresh_token":"rft.REFRESH","refresh_expires_in":20,"error_code":0,"description":""},"message":"success"}`))
	var logs bytes.Buffer
	var hooked bytes.Buffer
	var mu sync.Mutex
	c, err := NewClient(WithTransport(mt), WithClientCredentials("ck", "CLIENT-SECRET-VALUE"), WithRetryPolicy(obFastRetry),
		WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithHooks(hotelsdk.Hooks{
			OnRequest: func(_ context.Context, i hotelsdk.RequestInfo) {
				mu.Lock()
				defer mu.Unlock()
				hooked.WriteString(i.URL + i.Body)
				for k, v := range i.Header {
					hooked.WriteString(k + "=" + v[0])
				}
			},
			OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) {
				mu.Lock()
				defer mu.Unlock()
				hooked.WriteString(i.Body)
			},
		}))
	require.NoError(t, err)
	ctx := context.Background()
	_, err = c.UpdateOrderStatus(ctx, validStatusRequest())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "SECRET-TOKEN")
	detail, err := MarshalOrderDetail(map[string]string{"customer_name": "张三", "customer_phone": "13800138000"})
	require.NoError(t, err)
	req := validSyncRequest()
	req.OrderDetail = detail
	_, err = c.SyncOrder(ctx, req)
	require.NoError(t, err)
	_, err = c.ExchangeUserToken(ctx, "AUTH-CODE-VALUE")
	require.NoError(t, err)

	out := logs.String()
	require.Contains(t, out, `"op":"order.status"`, "the calls are logged")
	require.Contains(t, out, `"op":"oauth.client_token"`)
	require.Contains(t, hooked.String(), "Access-Token=***")
	for _, secret := range []string{"SECRET-TOKEN", "CLIENT-SECRET-VALUE", "USER-TOKEN", "rft.REFRESH", "AUTH-CODE-VALUE", "OPEN-ID-1", "13800138000", "张三"} {
		assert.NotContains(t, out, secret)
		assert.NotContains(t, hooked.String(), secret)
	}
}

func TestZeroClientCredentialsSourceFailsCleanly(t *testing.T) {
	t.Parallel()
	_, err := (&reuseTokenSource{}).Token(context.Background())
	require.ErrorContains(t, err, "not made by ReuseTokenSource or NewClient")
}

func TestMemoryTokenStoreRefreshLock(t *testing.T) {
	t.Parallel()
	var s MemoryTokenStore // the zero value is ready
	ctx := context.Background()
	unlock, err := s.LockRefresh(ctx, "k", time.Minute)
	require.NoError(t, err)
	other, err := s.LockRefresh(ctx, "other-key", time.Minute)
	require.NoError(t, err, "keys lock independently")
	require.NoError(t, other.Release(ctx))

	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	_, err = s.LockRefresh(short, "k", time.Minute)
	require.ErrorIs(t, err, context.DeadlineExceeded, "held by another refresher")

	require.NoError(t, unlock.Release(ctx))
	require.NoError(t, unlock.Release(ctx)) // releasing twice is harmless
	again, err := s.LockRefresh(ctx, "k", time.Minute)
	require.NoError(t, err)
	require.NoError(t, again.Release(ctx))
	require.NoError(t, s.Save(ctx, "k", Token{AccessToken: "x"}))
	got, err := s.Load(ctx, "k")
	require.NoError(t, err)
	assert.Equal(t, "x", got.AccessToken)
}

// lockFailStore is a shared store whose lock service is down.
type lockFailStore struct{ *MemoryTokenStore }

func (lockFailStore) LockRefresh(context.Context, string, time.Duration) (TokenLease, error) {
	return nil, errors.New("lock service down")
}

func TestClientsSharingAStoreFetchOneTokenInAll(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var fetches atomic.Int32
	mt.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		n := fetches.Add(1)
		return obTokenAnswer(fmt.Sprintf("clt.%d", n), 7200)(r)
	})
	obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
	store := NewMemoryTokenStore()
	clock := newObClock()
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 8 { // eight "processes" starting at once
		c := newOutboundClient(t, mt, clock, WithTokenStore(store))
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
				errs <- err
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), fetches.Load(), "the store's refresh lock lets one process fetch")
}

func TestTokenStoreLockFailureStillYieldsAToken(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200))
	var logs bytes.Buffer
	c := newOutboundClient(t, mt, newObClock(), WithTokenStore(lockFailStore{NewMemoryTokenStore()}),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	got, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "clt.1", got.AccessToken)
	assert.Contains(t, logs.String(), "token store lock failed")
}
