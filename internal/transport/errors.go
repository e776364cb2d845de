package transport

import (
	"errors"
	"fmt"
	"net/url"
	"unicode/utf8"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// maxRawInError bounds how much of a response body a DecodeError keeps.
const maxRawInError = 512

// NewDecodeError builds a DecodeError for resp, keeping a truncated copy of
// its body.
func NewDecodeError(platform, op string, status int, body []byte, err error) *hotelsdk.DecodeError {
	raw, trunc := truncate(body, maxRawInError)
	return &hotelsdk.DecodeError{Platform: platform, Operation: op, HTTPStatus: status, Raw: raw, Truncated: trunc, Err: err}
}

func truncate(b []byte, n int) ([]byte, bool) {
	if len(b) <= n {
		return append([]byte(nil), b...), false
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return append([]byte(nil), b[:cut]...), true
}

// Validator collects FieldErrors; its Err is nil when nothing was added.
type Validator struct {
	Platform  string
	Operation string
	problems  []hotelsdk.FieldError
}

// Add records a problem with field.
func (v *Validator) Add(field, format string, args ...any) {
	v.problems = append(v.problems, hotelsdk.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Check records a problem when ok is false.
func (v *Validator) Check(ok bool, field, format string, args ...any) {
	if !ok {
		v.Add(field, format, args...)
	}
}

// Err returns a *ValidationError with every recorded problem, or nil.
func (v *Validator) Err() error {
	if len(v.problems) == 0 {
		return nil
	}
	return &hotelsdk.ValidationError{Platform: v.Platform, Operation: v.Operation, Problems: v.problems}
}

func prefix(platform, op string) string {
	s := ""
	if platform != "" {
		s = platform + ": "
	}
	if op != "" {
		s += op + ": "
	}
	return s
}

// cleanURLError strips *url.Error, whose message holds the full URL with its
// query (where a token may travel), keeping only the cause.
func cleanURLError(err error) error {
	var ue *url.Error
	for errors.As(err, &ue) {
		err = ue.Err
	}
	return err
}

// unknownOutcome marks a platform's own error answered with a 5xx status to
// a non-idempotent request: the platform (or a gateway in front of it) may
// have processed the write. It keeps the platform's error reachable
// (errors.As) and its text, adding "outcome unknown".
type unknownOutcome struct{ err error }

func (e *unknownOutcome) Error() string {
	return e.err.Error() + " (outcome unknown: the server failed after receiving the request)"
}
func (e *unknownOutcome) Unwrap() error        { return e.err }
func (e *unknownOutcome) OutcomeUnknown() bool { return true }
