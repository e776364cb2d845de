package douyin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// envelope is what every Douyin-served response shares:
// {"data":{"error_code":0,"description":"",...},"extra":{...}}. The OAuth
// endpoints add "message" and may leave "extra" out.
type envelope struct {
	Data    json.RawMessage `json:"data"`
	Extra   *Extra          `json:"extra"`
	Message string          `json:"message"`
}

// dataStatus is the error part of an envelope's data object.
type dataStatus struct {
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
}

// failed reports whether an answer with data code and extra reports failure.
func failed(code Code, extra Extra) bool {
	return code != 0 || extra.ErrorCode != 0 || extra.SubErrorCode != 0
}

// newAPIError builds the error of an answer that reports failure: data's
// code and description, else extra's; extra's logid, else the logid header.
func newAPIError(r *transport.Response, code Code, desc string, extra Extra) *APIError {
	e := &APIError{
		Operation:      r.Operation,
		HTTPStatus:     r.StatusCode,
		ErrorCode:      code,
		Description:    r.Mask(desc), // Douyin may quote the guest's name or phone
		SubErrorCode:   extra.SubErrorCode,
		SubDescription: r.Mask(extra.SubDescription),
		RequestID:      extra.LogID,
		Raw:            append([]byte(nil), r.Body...),
	}
	if e.ErrorCode == 0 {
		e.ErrorCode = extra.ErrorCode
	}
	if e.Description == "" {
		e.Description = r.Mask(extra.Description)
	}
	if e.RequestID == "" {
		e.RequestID = r.RequestID
	}
	return e
}

// decodeResponse checks a Douyin envelope and, when it reports success,
// decodes the whole body into out. A call failed when any of
// data.error_code, extra.error_code and extra.sub_error_code is non-zero;
// that is an *APIError keeping the codes, descriptions and logid. A body
// that is not the documented JSON is a *hotelsdk.DecodeError.
func decodeResponse(r *transport.Response, out any) error {
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 || body[0] != '{' {
		if r.StatusCode/100 != 2 {
			return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
		}
		return r.DecodeError(errors.New("response is not a JSON object"))
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return r.DecodeError(err)
	}
	var st dataStatus
	if len(env.Data) > 0 && !isJSONNull(env.Data) {
		if err := json.Unmarshal(env.Data, &st); err != nil {
			return r.DecodeError(fmt.Errorf("data: %w", err))
		}
	}
	var extra Extra
	if env.Extra != nil {
		extra = *env.Extra
		if extra.LogID != "" {
			r.RequestID = extra.LogID
		}
	}
	if failed(st.ErrorCode, extra) {
		return newAPIError(r, st.ErrorCode, st.Description, extra)
	}
	if r.StatusCode/100 != 2 {
		return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
	}
	if len(env.Data) == 0 || isJSONNull(env.Data) {
		return r.DecodeError(errors.New(`response has no "data" object`))
	}
	if err := json.Unmarshal(body, out); err != nil {
		return r.DecodeError(err)
	}
	if v, ok := out.(interface{ check() error }); ok {
		if err := v.check(); err != nil {
			return r.DecodeError(err)
		}
	}
	return nil
}
