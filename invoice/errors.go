package invoice

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// ErrInvalidConfig is matched by every error NewClient returns for a bad
// option.
var ErrInvalidConfig = errors.New("invalid invoice client configuration")

// ErrStoreNotFound is matched (errors.Is) by an *APIError with code 4002.
var ErrStoreNotFound = errors.New("store not found")

// ErrRejectedParams is matched by an *APIError with code -1: the platform
// rejected the request's parameters (its documented example: both storeId
// and storeNo empty).
var ErrRejectedParams = errors.New("parameters rejected")

// Code is the envelope's code; 0 is success.
type Code int

// The codes the platform documents.
const (
	// CodeOK is success.
	CodeOK Code = 0
	// CodeStoreNotFound (4002, 门店不存在): no store with the given
	// storeId or storeNo.
	CodeStoreNotFound Code = 4002
	// CodeInvalidParams (-1): the parameters were rejected, e.g. "storeId和
	// storeNo不能都为空" (storeId and storeNo are both empty).
	CodeInvalidParams Code = -1
)

// APIError is an answer with a code other than 0.
type APIError struct {
	// Code is the platform's code, e.g. CodeStoreNotFound.
	Code Code
	// Message is the platform's message, e.g. "门店不存在". Secrets and
	// personal data of the request it repeats are masked ("***").
	Message string
	// Operation is the SDK operation: "order.add" or "order.get".
	Operation string
	// HTTPStatus is the HTTP status of the answer.
	HTTPStatus int
	// Raw is the body as received; it is not part of Error().
	Raw []byte
}

// Error returns "invoice: <operation>: code <code>: <message>"; Raw is
// left out.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("invoice: %s: code %d", e.Operation, int(e.Code))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// Is matches ErrStoreNotFound for code 4002 and ErrRejectedParams for -1.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrStoreNotFound:
		return e.Code == CodeStoreNotFound
	case ErrRejectedParams:
		return e.Code == CodeInvalidParams
	}
	return false
}

// Retryable reports whether the same request may succeed later. The
// platform documents no transient codes, so only an error answered with a
// 502, 503 or 504 status (a gateway in the way) is retryable; it is
// consulted for GetOrders only.
func (e *APIError) Retryable() bool {
	switch e.HTTPStatus {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// newValidator starts the checks of op; a nil request is the first problem.
func newValidator(op string, nilRequest bool) *transport.Validator {
	v := &transport.Validator{Platform: platform, Operation: op}
	if nilRequest {
		v.Add("", "request is required")
	}
	return v
}

// checkText requires a non-blank value.
func checkText(v *transport.Validator, field, s string) {
	switch {
	case s == "":
		v.Add(field, "is required")
	case strings.TrimSpace(s) == "":
		v.Add(field, "must not be blank")
	}
}
