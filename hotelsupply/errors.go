package hotelsupply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Sentinel errors matched by *APIError (errors.Is).
var (
	// ErrNotLoggedIn: the shop asked to log in (请登录; login_status 1 or 0,
	// or result 41009). With credentials configured the client logs in
	// again once by itself before returning it.
	ErrNotLoggedIn = errors.New("hotelsupply: not logged in")
	// ErrLoginFailed: wrong mobile or password (data.status 6) or no such
	// member (data.status 7).
	ErrLoginFailed = errors.New("hotelsupply: login failed")
	// ErrBlacklisted: the member is blacklisted (login_status -1).
	ErrBlacklisted = errors.New("hotelsupply: member blacklisted")
	// ErrUnknownShop: no shop with this uniacid (无此公众号, login_status -2).
	ErrUnknownShop = errors.New("hotelsupply: unknown shop (uniacid)")
	// ErrAppAuth: the app failed the shop's authorisation (login_status -4).
	ErrAppAuth = errors.New("hotelsupply: app authorisation failed")
	// ErrSiteClosed: the shop is closed (data is -1).
	ErrSiteClosed = errors.New("hotelsupply: site closed")
	// ErrUnknownRoute: the shop has no such route (不存在的接口), usually
	// because the hotel-supply plugin is not installed.
	ErrUnknownRoute = errors.New("hotelsupply: unknown route")
	// ErrPriceAboveLimit: Book found the quoted total above
	// BookRequest.MaxTotal and created nothing.
	ErrPriceAboveLimit = errors.New("hotelsupply: quoted total above the limit")
)

// Wire values of the error envelope.
const (
	resultOK          = 1
	resultLoginNeeded = 41009 // the mini-program's "please log in"
	msgUnknownRoute   = "不存在的接口"
)

// APIError is an error answer of the shop: result other than 1.
type APIError struct {
	// Operation is the SDK call ("goods-buy"), Route the shop route.
	Operation string
	Route     string
	// HTTPStatus is almost always 200: the shop answers errors with 200.
	HTTPStatus int
	// Result is the envelope's result (0, or 41009 for "please log in").
	Result int
	// Msg is the shop's message, e.g. "请登录", with the personal data of
	// the request masked ("***") where the shop repeats it: the guest's
	// name and phone, the member's mobile.
	Msg string
	// LoginStatus is data.login_status when the answer has one: 1 or 0
	// not logged in, -1 blacklisted, -2 unknown uniacid, -4 app auth.
	LoginStatus *int
	// Status is data.status when present (login: 6 wrong mobile or
	// password, 7 no such member).
	Status *int
	// SiteClosed is true when data is -1.
	SiteClosed bool
	// Raw is the body as received. It may hold personal data and is never
	// part of Error().
	Raw []byte
}

// longDigits finds phone-like runs of digits, masked in Error() in case the
// shop echoes a phone number in its message.
var longDigits = regexp.MustCompile(`\d{7,}`)

// Error describes the answer: operation, result, message and codes. Digit
// runs long enough to be phone numbers are masked; Raw is never included.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("hotelsupply: ")
	if e.Operation != "" {
		b.WriteString(e.Operation + ": ")
	}
	fmt.Fprintf(&b, "shop answered result %d", e.Result)
	if e.Msg != "" {
		b.WriteString(": " + longDigits.ReplaceAllString(e.Msg, "***"))
	}
	if e.LoginStatus != nil {
		fmt.Fprintf(&b, " (login_status %d)", *e.LoginStatus)
	}
	if e.Status != nil {
		fmt.Fprintf(&b, " (status %d)", *e.Status)
	}
	if e.SiteClosed {
		b.WriteString(" (site closed)")
	}
	return b.String()
}

// NotLoggedIn reports whether the shop asked to log in.
func (e *APIError) NotLoggedIn() bool {
	if e.Result == resultLoginNeeded {
		return true
	}
	return e.LoginStatus != nil && (*e.LoginStatus == 1 || *e.LoginStatus == 0)
}

// Is matches the sentinel errors of this package.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotLoggedIn:
		return e.NotLoggedIn()
	case ErrBlacklisted:
		return e.LoginStatus != nil && *e.LoginStatus == -1
	case ErrUnknownShop:
		return e.LoginStatus != nil && *e.LoginStatus == -2
	case ErrAppAuth:
		return e.LoginStatus != nil && *e.LoginStatus == -4
	case ErrSiteClosed:
		return e.SiteClosed
	case ErrUnknownRoute:
		return e.Msg == msgUnknownRoute
	case ErrLoginFailed:
		// A refused login: status 6/7, or any refusal not explained by a
		// more specific sentinel.
		if e.Operation != opLogin || e.SiteClosed || e.Msg == msgUnknownRoute {
			return false
		}
		return e.LoginStatus == nil || *e.LoginStatus >= 0
	}
	return false
}

// Retryable reports false: the shop documents no transient error codes, and
// "please log in" is handled by logging in again, not by a plain retry.
func (e *APIError) Retryable() bool { return false }

// Every answer of the shop is the envelope {"result":1,"msg":"成功","data":…},
// with HTTP status 200 for errors too; decodeEnvelope turns an error answer
// into an *APIError and anything else into a *hotelsdk.DecodeError.

// Envelope is the shop's answer wrapper: {"result":1,"msg":"成功","data":…}.
// Clients never see it; servers written on this package (a fake shop, a
// proxy) marshal it. A nil Data marshals as [], as PHP sends it.
type Envelope struct {
	// Result is 1 for success, 0 for an error, 41009 for "please log in"
	// (mini-program clients).
	Result int    `json:"result"`
	Msg    string `json:"msg"`
	Data   any    `json:"data"`
}

// MarshalJSON writes the envelope with an empty Data as [].
func (e Envelope) MarshalJSON() ([]byte, error) {
	type plain Envelope
	p := plain(e)
	if p.Data == nil {
		p.Data = json.RawMessage("[]")
	}
	return json.Marshal(p)
}

// ErrorData is the data of an error answer when it carries codes:
// login_status for session problems, status for refused logins.
type ErrorData struct {
	LoginStatus *Int `json:"login_status,omitempty"`
	Status      *Int `json:"status,omitempty"`
}

// wireEnvelope is the envelope as decoded: result may be 1 or "1", data any
// shape.
type wireEnvelope struct {
	Result json.RawMessage `json:"result"`
	Msg    String          `json:"msg"`
	Data   json.RawMessage `json:"data"`
}

// decodeEnvelope checks the envelope of r and hands a successful answer's
// data to fill. An error answer becomes an *APIError, anything that is not
// the envelope a *hotelsdk.DecodeError that keeps the start of the body.
func decodeEnvelope(r *transport.Response, route string, fill func(data []byte) error) error {
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 || body[0] != '{' {
		if r.StatusCode/100 != 2 {
			return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
		}
		return r.DecodeError(errors.New("the answer is not a JSON object"))
	}
	var env wireEnvelope
	if err := readEnvelope(body, &env); err != nil {
		return r.DecodeError(fmt.Errorf("malformed JSON: %w", err))
	}
	if len(env.Result) == 0 {
		return r.DecodeError(errors.New(`the answer has no "result"`))
	}
	result, err := decodeInt(env.Result)
	if err != nil {
		return r.DecodeError(fmt.Errorf(`"result": %w`, err))
	}
	if result != resultOK {
		return newAPIError(r, route, int(result), string(env.Msg), env.Data)
	}
	if r.StatusCode/100 != 2 {
		return r.DecodeError(fmt.Errorf("HTTP status %d with a success envelope", r.StatusCode))
	}
	if fill == nil {
		return nil
	}
	if err := fill(env.Data); err != nil {
		return r.DecodeError(fmt.Errorf("data: %w", err))
	}
	return nil
}

func newAPIError(r *transport.Response, route string, result int, msg string, data json.RawMessage) *APIError {
	e := &APIError{
		Operation:  r.Operation,
		Route:      route,
		HTTPStatus: r.StatusCode,
		Result:     result,
		Msg:        r.Mask(msg),
		Raw:        append([]byte(nil), r.Body...),
	}
	data = bytes.TrimSpace(data)
	switch {
	case len(data) > 0 && data[0] == '{':
		var d ErrorData
		if json.Unmarshal(data, &d) == nil { // best effort: codes are optional
			if d.LoginStatus != nil {
				v := int(*d.LoginStatus)
				e.LoginStatus = &v
			}
			if d.Status != nil {
				v := int(*d.Status)
				e.Status = &v
			}
		}
	case len(data) > 0 && (data[0] == '-' || data[0] == '"'):
		if n, err := decodeInt(data); err == nil && n == -1 {
			e.SiteClosed = true
		}
	}
	return e
}
