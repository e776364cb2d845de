package douyin

import (
	"errors"
	"fmt"
)

// Douyin error codes the SDK acts on.
const (
	CodeOK                 Code = 0
	CodeUnknownError       Code = 2100001 // 未知错误: transient, retried
	CodeSystemBusy         Code = 2100004 // 系统繁忙: transient, retried
	CodeInvalidParameter   Code = 2100005 // 参数不合法
	CodeAccessTokenInvalid Code = 2190002 // access_token 无效: token refreshed, call repeated once
	CodeAccessTokenExpired Code = 2190008 // access_token 过期: token refreshed, call repeated once
	CodeOAuthParamError    Code = 10002   // 参数错误 (oauth)
	CodeClientKeyNotFound  Code = 10003   // client_key 不存在 (oauth)
	CodeClientSecretWrong  Code = 10013   // client_key/secret 错误 (oauth)
	CodeTooManyTokenFetch  Code = 10020   // more than 500 token fetches in 5 minutes
)

// ErrTokenRejected is matched (errors.Is) by an *APIError whose code says
// the access token is invalid or expired.
var ErrTokenRejected = errors.New("douyin: access token rejected")

// APIError is an answer that reports failure: a non-zero data.error_code,
// extra.error_code or extra.sub_error_code, from Douyin (Client) or from an
// integrator's SPI server (douyintest.SPIClient).
type APIError struct {
	// Operation is the SDK's name of the call, e.g. "order.status" or
	// "spi.commit_order".
	Operation string
	// HTTPStatus is the status of the answer (Douyin answers 200).
	HTTPStatus int
	// ErrorCode is the first non-zero of data.error_code and extra.error_code.
	ErrorCode Code
	// Description is the description that goes with ErrorCode. Personal
	// data of the request that Douyin repeats in it (a guest's name, the
	// booker's phone) is masked ("***"); Raw keeps the body as received.
	Description string
	// SubErrorCode and SubDescription are extra.sub_error_code and
	// extra.sub_description (masked like Description).
	SubErrorCode   Code
	SubDescription string
	// RequestID is Douyin's logid of the call (extra.logid, else the
	// X-Tt-Logid header): quote it to Douyin support.
	RequestID string
	// Raw is the response body as received (not part of Error()).
	Raw []byte
}

// Error names the operation, both codes with their descriptions and the
// logid; never the body.
func (e *APIError) Error() string {
	if e == nil {
		return "douyin: <nil *APIError>"
	}
	msg := fmt.Sprintf("douyin: %s: error_code %d", e.Operation, e.ErrorCode)
	if e.Description != "" {
		msg += " (" + e.Description + ")"
	}
	if e.SubErrorCode != 0 || e.SubDescription != "" {
		msg += fmt.Sprintf(", sub_error_code %d", e.SubErrorCode)
		if e.SubDescription != "" {
			msg += " (" + e.SubDescription + ")"
		}
	}
	if e.RequestID != "" {
		msg += ", logid " + e.RequestID
	}
	return msg
}

// Retryable reports whether Douyin calls the failure transient.
func (e *APIError) Retryable() bool {
	return e != nil && (e.ErrorCode == CodeUnknownError || e.ErrorCode == CodeSystemBusy)
}

// TokenRejected reports whether the failure is an invalid or expired token.
func (e *APIError) TokenRejected() bool {
	if e == nil {
		return false
	}
	for _, c := range []Code{e.ErrorCode, e.SubErrorCode} {
		if c == CodeAccessTokenInvalid || c == CodeAccessTokenExpired {
			return true
		}
	}
	return false
}

// Is makes errors.Is(err, ErrTokenRejected) work.
func (e *APIError) Is(target error) bool {
	return target == ErrTokenRejected && e.TokenRejected()
}
