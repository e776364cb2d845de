// Package douyintest is an in-process fake of the Douyin Open Platform for
// testing integrations without credentials, in the spirit of
// net/http/httptest.
//
// A Server listens on loopback and serves what package douyin's Client
// calls: POST /oauth/client_token/ (tokens expire; a new token retires the
// previous one after five minutes and only the latest two are valid; too
// many fetches are refused with 10020), POST /oauth/access_token/ (codes
// registered with AddAuthCode, each usable once), and POST
// /poi/order/status and /poi/order/sync (they check the access token, sent
// as header "access-token" or query "access_token", check the body and
// answer with Douyin's {"data":…,"extra":…} envelope and error codes). It
// records every request for assertions, can fail requests on demand
// (FailNext, ExpireTokens, RevokeTokens, and transport-level faults with
// Inject), and can play Douyin towards an integrator's SPI server (SPI).
//
//	s := douyintest.NewServer()
//	defer s.Close()
//	c, _ := s.NewClient()   // a *douyin.Client pointed at s
//	_, err := c.UpdateOrderStatus(ctx, req)
//	got := s.StatusUpdates()
package douyintest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/internal/faults"
)

// Defaults of a Server.
const (
	DefaultClientKey    = "douyintest-client-key"
	DefaultClientSecret = "douyintest-client-secret"
	// DefaultTokenTTL is a client token's lifetime (Douyin: 7200 s).
	DefaultTokenTTL = 2 * time.Hour
	// DefaultUserTokenTTL is a user token's lifetime (15 days).
	DefaultUserTokenTTL = 15 * 24 * time.Hour
	// DefaultTokenFetchLimit is how many client tokens may be fetched in
	// TokenFetchWindow before Douyin answers 10020.
	DefaultTokenFetchLimit = 500
	// TokenFetchWindow is the window of the fetch limit.
	TokenFetchWindow = 5 * time.Minute
	// TokenRetireDelay is how long the previous client token stays valid
	// after a new one is issued.
	TokenRetireDelay = 5 * time.Minute
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes = 1 << 20
)

// Option configures a Server.
type Option func(*Server)

// WithCredentials sets the application's client key and secret (default
// DefaultClientKey, DefaultClientSecret; empty values keep them). SPI calls
// are signed with them.
func WithCredentials(clientKey, clientSecret string) Option {
	return func(s *Server) {
		if clientKey != "" && clientSecret != "" {
			s.clientKey, s.clientSecret = clientKey, clientSecret
		}
	}
}

// WithListener makes the Server serve on l (e.g. a fixed address for a
// CLI) instead of a fresh loopback port; the Server closes l when closed.
// A nil l keeps the default.
func WithListener(l net.Listener) Option {
	return func(s *Server) {
		if l != nil {
			s.listener = l
		}
	}
}

// WithTokenTTL sets the lifetime of client tokens, whole seconds (default
// DefaultTokenTTL; below one second keeps the default).
func WithTokenTTL(d time.Duration) Option {
	return func(s *Server) {
		if d >= time.Second {
			s.tokenTTL = d
		}
	}
}

// WithUserTokenTTL sets the lifetime of user tokens, whole seconds
// (default DefaultUserTokenTTL; below one second keeps the default).
func WithUserTokenTTL(d time.Duration) Option {
	return func(s *Server) {
		if d >= time.Second {
			s.userTTL = d
		}
	}
}

// WithTokenFetchLimit sets how many client tokens may be fetched within
// TokenFetchWindow (default DefaultTokenFetchLimit; n < 1 keeps it).
func WithTokenFetchLimit(n int) Option {
	return func(s *Server) {
		if n >= 1 {
			s.fetchLimit = n
		}
	}
}

// WithClock replaces time.Now for token expiry and the "now" of answers;
// pair it with douyin.WithClock to test token refresh without waiting.
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.now = now
		}
	}
}

// Server is a fake Douyin. Its methods are safe for concurrent use; the
// methods of a nil Server, or a zero one not made by NewServer, do not
// panic.
type Server struct {
	clientKey    string
	clientSecret string
	listener     net.Listener

	hs         *httptest.Server
	handler    http.Handler
	closeOnce  sync.Once
	faults     faults.Injector
	now        func() time.Time
	tokenTTL   time.Duration
	userTTL    time.Duration
	fetchLimit int

	mu           sync.Mutex
	clientTokens []*issuedToken // newest last
	tokens       map[string]*issuedToken
	fetchTimes   []time.Time
	authCodes    map[string]string // code -> open id
	received     []Request
	statuses     []douyin.UpdateOrderStatusRequest
	syncs        []SyncedOrder
	failures     []scriptedFailure
	spi          []SPIExchange
	seq          int64
}

type issuedToken struct {
	value   string
	expires time.Time
	user    bool
}

type scriptedFailure struct {
	path        string
	code        douyin.Code
	description string
}

// Request is one request the Server received, as received.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
	// Token is the access token presented (header "access-token", else
	// query "access_token"); "" for none.
	Token string
	At    time.Time
}

// SyncedOrder is one accepted /poi/order/sync push.
type SyncedOrder struct {
	Request douyin.SyncOrderRequest
	// OrderID is the Douyin order id the Server answered with.
	OrderID string
	// Hotel is the decoded order_detail of an order of type 140 written
	// with douyin.HotelOrderDetail; nil otherwise.
	Hotel *douyin.HotelOrderDetail
}

// NewServer starts a Server on a loopback port. Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{
		clientKey:    DefaultClientKey,
		clientSecret: DefaultClientSecret,
		now:          time.Now,
		tokenTTL:     DefaultTokenTTL,
		userTTL:      DefaultUserTokenTTL,
		fetchLimit:   DefaultTokenFetchLimit,
		tokens:       map[string]*issuedToken{},
		authCodes:    map[string]string{},
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc(douyin.PathClientToken, s.serveClientToken)
	mux.HandleFunc(douyin.PathAccessToken, s.serveAccessToken)
	mux.HandleFunc(douyin.PathOrderStatus, s.serveOrderStatus)
	mux.HandleFunc(douyin.PathOrderSync, s.serveOrderSync)
	s.handler = s.faults.Wrap(s.record(mux), nil)
	s.hs = httptest.NewUnstartedServer(s.handler)
	if s.listener != nil {
		_ = s.hs.Listener.Close()
		s.hs.Listener = s.listener
	}
	s.hs.Start()
	return s
}

// URL returns the Server's base URL, e.g. "http://127.0.0.1:41234"; give
// it to douyin.WithBaseURL ("" for a Server not made by NewServer).
func (s *Server) URL() string {
	if !s.started() {
		return ""
	}
	return s.hs.URL
}

// Credentials returns the application's client key and secret the Server
// accepts (DefaultClientKey and DefaultClientSecret unless WithCredentials
// changed them; both "" for a Server not made by NewServer). They are test
// credentials, not secrets.
func (s *Server) Credentials() (clientKey, clientSecret string) {
	if !s.started() {
		return "", ""
	}
	return s.clientKey, s.clientSecret
}

// Handler returns the Server's http.Handler (with its fault injection and
// recording), to mount on a server of your own.
func (s *Server) Handler() http.Handler {
	if !s.started() {
		return http.NotFoundHandler()
	}
	return s.handler
}

// errNotStarted is returned by a Server not made by NewServer.
var errNotStarted = errors.New("douyintest: Server not started: create it with NewServer")

func (s *Server) started() bool { return s != nil && s.hs != nil }

// Close shuts the Server down. Closing twice, a nil Server or one not made
// by NewServer does nothing.
func (s *Server) Close() {
	if s.started() {
		s.closeOnce.Do(s.hs.Close)
	}
}

// Client returns an *http.Client that talks to the Server
// (http.DefaultClient for a Server not made by NewServer).
func (s *Server) Client() *http.Client {
	if !s.started() {
		return http.DefaultClient
	}
	return s.hs.Client()
}

// NewClient returns a douyin.Client pointed at the Server with its
// credentials; opts are applied after those and may override them.
func (s *Server) NewClient(opts ...douyin.Option) (*douyin.Client, error) {
	if !s.started() {
		return nil, errNotStarted
	}
	all := append([]douyin.Option{
		douyin.WithBaseURL(s.hs.URL),
		douyin.WithClientCredentials(s.clientKey, s.clientSecret),
		douyin.WithHTTPClient(s.hs.Client()),
	}, opts...)
	return douyin.NewClient(all...)
}

// AddAuthCode registers an authorisation code that /oauth/access_token/
// exchanges (once) for a user token of openID.
func (s *Server) AddAuthCode(code, openID string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.authCodes == nil {
		s.authCodes = map[string]string{}
	}
	s.authCodes[code] = openID
}

// FailNext makes the next request to path (e.g. douyin.PathOrderStatus)
// that presents a valid token fail with code and description in
// data.error_code, without taking effect. Calls queue up.
func (s *Server) FailNext(path string, code douyin.Code, description string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, scriptedFailure{path, code, description})
}

// ExpireTokens makes every token issued so far expired: using one is
// answered with 2190008.
func (s *Server) ExpireTokens() {
	if !s.started() {
		return // no token was ever issued
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	past := s.now().Add(-time.Second)
	for _, t := range s.tokens {
		t.expires = past
	}
}

// RevokeTokens forgets every token issued so far: using one is answered
// with 2190002.
func (s *Server) RevokeTokens() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens = map[string]*issuedToken{}
	s.clientTokens = nil
}

// TokenFetches returns how many client tokens were issued.
func (s *Server) TokenFetches() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.fetchTimes)
}

// Requests returns every request that reached the fake's handlers, oldest
// first: refused ones included, and those a hotelsdktest.DropAfterRequest fault served
// before hanging up; not those another fault failed before serving.
func (s *Server) Requests() []Request {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.received...)
}

// RequestsTo returns the requests received for path.
func (s *Server) RequestsTo(path string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// StatusUpdates returns every accepted /poi/order/status body, oldest first.
func (s *Server) StatusUpdates() []douyin.UpdateOrderStatusRequest {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]douyin.UpdateOrderStatusRequest(nil), s.statuses...)
}

// Syncs returns every accepted /poi/order/sync push, oldest first. Like
// (as far as anyone knows) Douyin, the Server records every push, so an
// order pushed twice appears twice with two order ids.
func (s *Server) Syncs() []SyncedOrder {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SyncedOrder(nil), s.syncs...)
}

// Reset forgets the recorded requests, updates, syncs, SPI exchanges,
// scripted failures and queued faults; issued tokens stay valid.
func (s *Server) Reset() {
	if s == nil {
		return
	}
	s.faults.Reset()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received, s.statuses, s.syncs, s.failures, s.spi = nil, nil, nil, nil, nil
}

// record keeps a copy of every request that reaches the Server's handlers.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		if err != nil {
			s.writeError(w, http.StatusRequestEntityTooLarge, douyin.CodeInvalidParameter, "参数不合法: body too large")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.mu.Lock()
		s.received = append(s.received, Request{
			Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(),
			Body: body, Token: presentedToken(r), At: s.now(),
		})
		s.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

func presentedToken(r *http.Request) string {
	if t := r.Header.Get("access-token"); t != "" {
		return t
	}
	return r.URL.Query().Get("access_token")
}

// ---- envelope ----

func (s *Server) logID() string {
	s.mu.Lock()
	s.seq++
	n := s.seq
	s.mu.Unlock()
	return fmt.Sprintf("%s%06d", s.now().UTC().Format("20060102150405"), n)
}

// writeData answers HTTP 200 with {"data":data,"extra":{...}}.
func (s *Server) writeData(w http.ResponseWriter, data any) {
	s.writeEnvelope(w, http.StatusOK, data)
}

func (s *Server) writeEnvelope(w http.ResponseWriter, status int, data any) {
	id := s.logID()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Tt-Logid", id)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"data":  data,
		"extra": douyin.Extra{LogID: id, Now: s.now().UnixMilli()},
	})
}

func (s *Server) writeError(w http.ResponseWriter, status int, code douyin.Code, description string) {
	s.writeEnvelope(w, status, map[string]any{"error_code": code, "description": description})
}

// writeOAuth answers the /oauth/ endpoints' shape: {"data":…,"message":…}.
func (s *Server) writeOAuth(w http.ResponseWriter, data map[string]any) {
	msg := "success"
	if data["error_code"] != douyin.CodeOK {
		msg = "error"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Tt-Logid", s.logID())
	_ = json.NewEncoder(w).Encode(map[string]any{"data": data, "message": msg})
}

func oauthError(code douyin.Code, description string) map[string]any {
	return map[string]any{"error_code": code, "description": description}
}

// decodeJSON reads a POSTed JSON body strictly: unknown fields are
// refused, so a misspelt wire name fails here rather than in production.
func decodeJSON(r *http.Request, v any) error {
	if r.Method != http.MethodPost {
		return fmt.Errorf("method %s not allowed, use POST", r.Method)
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return errors.New("Content-Type must be application/json")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("malformed JSON body: %v", err)
	}
	if dec.More() {
		return errors.New("malformed JSON body: trailing data")
	}
	return nil
}

// ---- OAuth ----

func (s *Server) checkCredentials(key, secret string) map[string]any {
	switch {
	case key == "" || secret == "":
		return oauthError(douyin.CodeOAuthParamError, "参数错误: client_key and client_secret are required")
	case key != s.clientKey:
		return oauthError(douyin.CodeClientKeyNotFound, "client_key 不存在")
	case secret != s.clientSecret:
		return oauthError(douyin.CodeClientSecretWrong, "client_key 或 client_secret 错误")
	}
	return nil
}

func (s *Server) serveClientToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ClientKey    string `json:"client_key"`
		ClientSecret string `json:"client_secret"`
		GrantType    string `json:"grant_type"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.writeOAuth(w, oauthError(douyin.CodeOAuthParamError, "参数错误: "+err.Error()))
		return
	}
	if e := s.checkCredentials(req.ClientKey, req.ClientSecret); e != nil {
		s.writeOAuth(w, e)
		return
	}
	if req.GrantType != "client_credential" {
		s.writeOAuth(w, oauthError(douyin.CodeOAuthParamError, "参数错误: grant_type must be client_credential"))
		return
	}
	now := s.now()
	s.mu.Lock()
	recent := s.fetchTimes[:0:0]
	for _, t := range s.fetchTimes {
		if now.Sub(t) < TokenFetchWindow {
			recent = append(recent, t)
		}
	}
	if len(recent) >= s.fetchLimit {
		s.mu.Unlock()
		s.writeOAuth(w, oauthError(douyin.CodeTooManyTokenFetch, "client_token 获取过于频繁"))
		return
	}
	tok := &issuedToken{value: "clt." + randomHex(16), expires: now.Add(s.tokenTTL)}
	// The previous token is retired after five minutes; older ones at once:
	// only the latest two are valid.
	if n := len(s.clientTokens); n > 0 {
		prev := s.clientTokens[n-1]
		if retire := now.Add(TokenRetireDelay); prev.expires.After(retire) {
			prev.expires = retire
		}
		for _, old := range s.clientTokens[:n-1] {
			delete(s.tokens, old.value)
		}
		s.clientTokens = []*issuedToken{prev}
	}
	s.clientTokens = append(s.clientTokens, tok)
	s.tokens[tok.value] = tok
	s.fetchTimes = append(s.fetchTimes, now)
	s.mu.Unlock()
	s.writeOAuth(w, map[string]any{
		"access_token": tok.value, "expires_in": int64(s.tokenTTL / time.Second),
		"error_code": douyin.CodeOK, "description": "",
	})
}

func (s *Server) serveAccessToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ClientKey    string `json:"client_key"`
		ClientSecret string `json:"client_secret"`
		Code         string `json:"code"`
		GrantType    string `json:"grant_type"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.writeOAuth(w, oauthError(douyin.CodeOAuthParamError, "参数错误: "+err.Error()))
		return
	}
	if e := s.checkCredentials(req.ClientKey, req.ClientSecret); e != nil {
		s.writeOAuth(w, e)
		return
	}
	if req.GrantType != "authorization_code" {
		s.writeOAuth(w, oauthError(douyin.CodeOAuthParamError, "参数错误: grant_type must be authorization_code"))
		return
	}
	s.mu.Lock()
	openID, ok := s.authCodes[req.Code]
	delete(s.authCodes, req.Code) // a code is good for one exchange
	var tok *issuedToken
	if ok {
		tok = &issuedToken{value: "act." + randomHex(16), expires: s.now().Add(s.userTTL), user: true}
		s.tokens[tok.value] = tok
	}
	s.mu.Unlock()
	if !ok {
		s.writeOAuth(w, oauthError(douyin.CodeOAuthParamError, "参数错误: code is unknown or already used"))
		return
	}
	s.writeOAuth(w, map[string]any{
		"access_token": tok.value, "open_id": openID, "scope": "poi.product",
		"expires_in": int64(s.userTTL / time.Second), "refresh_token": "rft." + randomHex(16),
		"refresh_expires_in": int64(2 * s.userTTL / time.Second), "error_code": douyin.CodeOK, "description": "",
	})
}

// ---- /poi/order/* ----

// authorize checks the token and any scripted failure; it answers and
// returns false when the request must stop.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	presented := presentedToken(r)
	s.mu.Lock()
	tok := s.tokens[presented]
	var fail *scriptedFailure
	if tok != nil && s.now().Before(tok.expires) {
		for i, f := range s.failures {
			if f.path == r.URL.Path {
				fail = &f
				s.failures = append(s.failures[:i], s.failures[i+1:]...)
				break
			}
		}
	}
	now := s.now()
	s.mu.Unlock()
	switch {
	case tok == nil:
		s.writeError(w, http.StatusOK, douyin.CodeAccessTokenInvalid, "access_token无效")
		return false
	case !now.Before(tok.expires):
		s.writeError(w, http.StatusOK, douyin.CodeAccessTokenExpired, "access_token过期")
		return false
	case fail != nil:
		s.writeError(w, http.StatusOK, fail.code, fail.description)
		return false
	}
	return true
}

func (s *Server) serveOrderStatus(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r) {
		return
	}
	var req douyin.UpdateOrderStatusRequest
	if err := decodeJSON(r, &req); err != nil {
		s.writeError(w, http.StatusOK, douyin.CodeInvalidParameter, "参数不合法: "+err.Error())
		return
	}
	var problems []string
	for name, v := range map[string]string{"order_id": req.OrderID, "order_ext_id": req.OrderExtID, "supplier_ext_id": req.SupplierExtID} {
		if strings.TrimSpace(v) == "" {
			problems = append(problems, name+" is required")
		}
	}
	if !req.Status.Valid() {
		problems = append(problems, "status must be 0..3")
	}
	if len(problems) > 0 {
		s.writeError(w, http.StatusOK, douyin.CodeInvalidParameter, "参数不合法: "+strings.Join(slices.Sorted(slices.Values(problems)), "; "))
		return
	}
	s.mu.Lock()
	s.statuses = append(s.statuses, req)
	s.mu.Unlock()
	s.writeData(w, map[string]any{"error_code": douyin.CodeOK, "description": "", "balance": 0, "ext": ""})
}

func (s *Server) serveOrderSync(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r) {
		return
	}
	var req douyin.SyncOrderRequest
	if err := decodeJSON(r, &req); err != nil {
		s.writeError(w, http.StatusOK, douyin.CodeInvalidParameter, "参数不合法: "+err.Error())
		return
	}
	var problems []string
	if req.OrderType <= 0 {
		problems = append(problems, "order_type is required")
	}
	if req.DateTime < 1_000_000_000_000 {
		problems = append(problems, "date_time must be the request time in milliseconds")
	}
	var detail map[string]json.RawMessage
	if err := json.Unmarshal([]byte(req.OrderDetail), &detail); err != nil || detail == nil {
		problems = append(problems, "order_detail must be a JSON-encoded object")
	}
	if strings.TrimSpace(req.ExtShopInfo.ExtShopID) == "" {
		problems = append(problems, "ext_shop_info.ext_shop_id is required")
	}
	if req.MiniApp != nil && (req.MiniApp.AppID == "" || req.MiniApp.UserOpenID == "") {
		problems = append(problems, "mini_app needs app_id and user_open_id")
	}
	if len(problems) > 0 {
		s.writeError(w, http.StatusOK, douyin.CodeInvalidParameter, "参数不合法: "+strings.Join(problems, "; "))
		return
	}
	synced := SyncedOrder{Request: req}
	if req.OrderType == douyin.OrderTypeHotel {
		if d, err := douyin.ParseHotelOrderDetail(req.OrderDetail); err == nil {
			synced.Hotel = d
		}
	}
	s.mu.Lock()
	s.seq++
	synced.OrderID = fmt.Sprintf("7%018d", s.seq)
	s.syncs = append(s.syncs, synced)
	s.mu.Unlock()
	s.writeData(w, map[string]any{"order_id": synced.OrderID, "error_code": douyin.CodeOK, "description": ""})
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
