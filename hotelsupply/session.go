package hotelsupply

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// The shop keeps a member's login in a PHP session: the login answer sets a
// session cookie that every later call presents. Each Client has a cookie
// jar of its own (a session never leaks to another shop or member), logs in
// before its first call when it has credentials, and logs in again once
// when the shop answers "please log in" — that answer proves the shop did
// nothing, so the call is then repeated, even a CreateOrder.

// newSessionJar returns the cookie jar that holds one Client's session.
func newSessionJar() (*cookiejar.Jar, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, fmt.Errorf("hotelsupply: cookie jar: %w", err)
	}
	return jar, nil
}

// loginParams is the login form.
type loginParams struct {
	Mobile   string `url:"mobile"`
	Password string `url:"password"`
}

func (c *Client) hasCredentials() bool { return c.secrets != nil && c.secrets().mobile != "" }

// Login logs the member in (route member.login.index) and keeps the session
// cookie. Calls log in by themselves; Login is for checking credentials
// early. It needs WithCredentials.
func (c *Client) Login(ctx context.Context, opts ...hotelsdk.CallOption) error {
	ctx, v, err := c.begin(ctx, opLogin, false)
	if err != nil {
		return err
	}
	if !c.hasCredentials() {
		v.Add("mobile", "no credentials configured (WithCredentials)")
		return v.Err()
	}
	_, err = c.login(ctx, true, c.generation(), opts)
	return err
}

func (c *Client) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// ensureLogin logs in when credentials are configured and no login has
// succeeded yet. It returns the login generation the caller runs under.
func (c *Client) ensureLogin(ctx context.Context, opts []hotelsdk.CallOption) (uint64, error) {
	if !c.hasCredentials() {
		return 0, nil
	}
	c.mu.Lock()
	loggedIn, gen := c.loggedIn, c.gen
	c.mu.Unlock()
	if loggedIn {
		return gen, nil
	}
	return c.login(ctx, false, gen, opts)
}

// login sends the login request unless another caller has logged in since
// generation seen (force: even when logged in under seen).
func (c *Client) login(ctx context.Context, force bool, seen uint64, opts []hotelsdk.CallOption) (uint64, error) {
	select {
	case c.loginToken <- struct{}{}:
	case <-ctx.Done():
		return 0, &hotelsdk.TransportError{Platform: platform, Operation: opLogin, Method: http.MethodPost, Path: c.path,
			Err: fmt.Errorf("waiting for another login: %w", ctx.Err())}
	}
	defer func() { <-c.loginToken }()

	c.mu.Lock()
	loggedIn, gen := c.loggedIn, c.gen
	c.mu.Unlock()
	if loggedIn && (!force || gen != seen) {
		return gen, nil // someone else logged in meanwhile
	}

	q, err := c.query(RouteLogin)
	if err != nil {
		return 0, c.encodeErr(opLogin, err)
	}
	sec := c.secrets()
	form, err := values(loginParams{Mobile: sec.mobile, Password: sec.password})
	if err != nil {
		return 0, c.encodeErr(opLogin, err)
	}
	err = c.t.Do(ctx, &transport.Request{
		Operation: opLogin, Method: http.MethodPost, Path: c.path, Query: q, Form: form,
		// Logging in twice has the effect of logging in once.
		Idempotent: true,
		// A refusal may quote the mobile ("手机号 … 不存在").
		Sensitive: []string{sec.mobile, sec.password},
		Decode: func(r *transport.Response) error {
			return decodeEnvelope(r, RouteLogin, nil)
		},
	}, opts...)

	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.loggedIn = false
		return 0, err
	}
	c.loggedIn = true
	c.gen++
	return c.gen, nil
}

// call sends req under a session: it logs in first when needed and, when
// the shop answers "please log in" (proof that it did nothing), logs in
// again once and repeats req. Any other failure is returned as is.
func (c *Client) call(ctx context.Context, req *transport.Request, opts []hotelsdk.CallOption) error {
	gen, err := c.ensureLogin(ctx, opts)
	if err != nil {
		return err
	}
	err = c.t.Do(ctx, req, opts...)
	if err == nil || !c.hasCredentials() || !errors.Is(err, ErrNotLoggedIn) {
		return err
	}
	if _, lerr := c.login(ctx, true, gen, opts); lerr != nil {
		return lerr
	}
	return c.t.Do(ctx, req, opts...)
}
