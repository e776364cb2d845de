package hotelsupply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

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
// the envelope a *DecodeError that keeps the start of the body.
func decodeEnvelope(r *transport.Response, route string, fill func(data []byte) error) error {
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 || body[0] != '{' {
		if r.StatusCode/100 != 2 {
			return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
		}
		return r.DecodeError(errors.New("the answer is not a JSON object"))
	}
	var env wireEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
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
		Msg:        msg,
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
