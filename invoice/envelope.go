package invoice

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Response is the envelope of every answer: {"code":0,"data":…} on success,
// {"code":4002,"message":"门店不存在"} on failure. order/add answers
// Response[string] (data is the batch number), order/get answers
// Response[OrderList]. A server written on these types answers like the
// platform.
type Response[T any] struct {
	Code    Code   `json:"code"`
	Message string `json:"message,omitempty"`
	Data    T      `json:"data,omitzero"`
}

// rawEnvelope is the envelope before data is decoded; Code is a pointer so
// that a body without one is recognised as not an answer of this API.
type rawEnvelope struct {
	Code    *Code           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// decodeEnvelope checks the envelope of r and decodes its data into out. A
// code other than 0 is an *APIError; anything that is not an envelope, or a
// success whose data does not fit out, is a *DecodeError.
func decodeEnvelope(r *transport.Response, out any) error {
	var env rawEnvelope
	if err := json.Unmarshal(r.Body, &env); err != nil {
		if r.StatusCode/100 != 2 {
			err = fmt.Errorf("HTTP status %d: %w", r.StatusCode, err)
		}
		return r.DecodeError(err)
	}
	if env.Code == nil {
		if r.StatusCode/100 != 2 {
			return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
		}
		return r.DecodeError(errors.New(`no "code" in the envelope`))
	}
	if *env.Code != CodeOK {
		return &APIError{
			Code: *env.Code, Message: env.Message, Operation: r.Operation,
			HTTPStatus: r.StatusCode, Raw: append([]byte(nil), r.Body...),
		}
	}
	if r.StatusCode/100 != 2 {
		return r.DecodeError(fmt.Errorf("HTTP status %d with code 0", r.StatusCode))
	}
	data := env.Data
	if len(data) == 0 {
		data = []byte("null")
	}
	if err := json.Unmarshal(data, out); err != nil {
		return r.DecodeError(fmt.Errorf("data: %w", err))
	}
	return nil
}
