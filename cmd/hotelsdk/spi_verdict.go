package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"strconv"
	"strings"
)

// replyVerdict is the judgement of one SPI reply's shape.
type replyVerdict struct {
	// Valid: the reply has a documented shape for the operation (a success
	// or an error reply Douyin can read).
	Valid bool `json:"valid"`
	// Success: valid, every error code 0, and what the operation needs is
	// there (commit: order_ext_id; status: a status 0..3; cancel: status 0).
	Success bool `json:"success"`
	// Form is "wrapped" ({"data":…,"extra":…}, the spec's) or "flat".
	Form        string `json:"form,omitempty"`
	ErrorCode   int64  `json:"error_code"`
	Description string `json:"description,omitempty"`
	OrderExtID  string `json:"order_ext_id,omitempty"`
	Status      *int64 `json:"status,omitempty"`
	LogID       string `json:"logid,omitempty"`
	// Retryable: an error reply with a code Douyin retries on (2100001,
	// 2100004), e.g. a handler's "busy" while the same order is in flight.
	Retryable bool `json:"retryable,omitempty"`
	// Summary says in one line what Douyin makes of the reply.
	Summary string `json:"summary"`
	// Problems make the reply invalid; Warnings do not.
	Problems []string `json:"problems,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// knownCodes are Douyin's generic error codes (REFERENCE §1).
var knownCodes = map[int64]string{
	2100001: "未知错误, unknown error: Douyin tries again",
	2100004: "系统繁忙, system busy: Douyin tries again",
	2100005: "参数不合法, invalid parameter",
}

// confirmStatuses names the status of a payment-status reply.
var confirmStatuses = map[int64]string{0: "订单确认 confirmed", 1: "价格变动 price changed", 2: "库存不足 sold out", 3: "确认中 confirming"}

// judgeReply judges an SPI reply to operation op ("commit", "status",
// "cancel"): HTTP status, content type, form, error codes and the fields the
// operation needs. sentLogID is the X-Bytedance-Logid sent.
func judgeReply(op string, httpStatus int, contentType string, body []byte, sentLogID string) (v replyVerdict) {
	problem := func(f string, args ...any) { v.Problems = append(v.Problems, fmt.Sprintf(f, args...)) }
	warn := func(f string, args ...any) { v.Warnings = append(v.Warnings, fmt.Sprintf(f, args...)) }
	badStatus := httpStatus/100 != 2
	defer func() {
		v.Retryable = v.ErrorCode == 2100001 || v.ErrorCode == 2100004
		if badStatus {
			if v.ErrorCode != 0 && len(v.Problems) == 0 {
				v.Warnings = append([]string{fmt.Sprintf("HTTP status %d: Douyin counts the call as failed (error_code %d)", httpStatus, v.ErrorCode)}, v.Warnings...)
			} else {
				v.Problems = append([]string{fmt.Sprintf("HTTP status %d without an error code: Douyin reads only HTTP 200 replies as answers", httpStatus)}, v.Problems...)
			}
		}
		v.Valid = len(v.Problems) == 0
		if !v.Valid {
			v.Success = false
		}
		v.Summary = summarize(op, v)
	}()

	if mt, _, err := mime.ParseMediaType(contentType); err != nil || mt != "application/json" {
		warn("Content-Type %q: send application/json", contentType)
	}
	trimmed := bytes.TrimSpace(body)
	var top map[string]json.RawMessage
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &top) != nil {
		problem("the body is not a JSON object")
		return v
	}
	data := top
	if raw, ok := top["data"]; ok && isObject(raw) {
		v.Form = "wrapped"
		data = map[string]json.RawMessage{}
		_ = json.Unmarshal(raw, &data)
		if ex, ok := top["extra"]; ok && isObject(ex) {
			var extra map[string]json.RawMessage
			_ = json.Unmarshal(ex, &extra)
			for _, name := range []string{"error_code", "sub_error_code"} {
				if c, ok := extra[name]; ok {
					code, err := parseCode(c)
					if err != nil {
						problem("extra.%s: %v", name, err)
					} else if code != 0 && v.ErrorCode == 0 {
						v.ErrorCode = code
					}
				}
			}
			if l, ok := extra["logid"]; ok {
				_ = json.Unmarshal(l, &v.LogID)
			}
			if sentLogID != "" && v.LogID != sentLogID {
				warn("extra.logid %q is not this delivery's X-Bytedance-Logid (%s): a replayed earlier reply, or the logid is not echoed", v.LogID, sentLogID)
			}
		} else {
			warn("no \"extra\" object (logid, now): the spec's replies carry one")
		}
	} else {
		_, hasCode := top["error_code"]
		_, hasExt := top["order_ext_id"]
		_, hasStatus := top["status"]
		if !hasCode && !hasExt && !hasStatus {
			problem("neither the spec's {\"data\":{...},\"extra\":{...}} nor the flat {\"error_code\":...} form")
			return v
		}
		v.Form = "flat"
		warn("flat form: other SDKs and the hotelsdk-go client accept it, the spec's form is {\"data\":{...},\"extra\":{...}}")
	}
	prefix := ""
	if v.Form == "wrapped" {
		prefix = "data."
	}
	if raw, ok := data["error_code"]; ok {
		code, err := parseCode(raw)
		switch {
		case err != nil:
			problem("%serror_code: %v", prefix, err)
		case code != 0:
			v.ErrorCode = code
		}
		if err == nil && raw[0] == '"' {
			warn("%serror_code is a JSON string: send a number", prefix)
		}
	} else {
		warn("%serror_code is missing: it reads as 0 (success)", prefix)
	}
	if raw, ok := data["description"]; ok && json.Unmarshal(raw, &v.Description) != nil {
		problem("%sdescription: want a string", prefix)
	}
	if v.ErrorCode != 0 {
		if v.Description == "" {
			warn("an error reply without description: say why")
		}
		return v
	}
	switch op {
	case "commit":
		raw, ok := data["order_ext_id"]
		switch {
		case !ok || isNull(raw):
			problem("success without %sorder_ext_id: Douyin cannot tie the order to yours", prefix)
		case json.Unmarshal(raw, &v.OrderExtID) != nil:
			problem("%sorder_ext_id: want a JSON string", prefix)
		case strings.TrimSpace(v.OrderExtID) == "":
			problem("success with an empty %sorder_ext_id", prefix)
		}
	case "status", "cancel":
		raw, ok := data["status"]
		if !ok || isNull(raw) {
			if op == "status" {
				problem("success without %sstatus: say whether the order is confirmed (0..3)", prefix)
			} else {
				warn("no %sstatus: it reads as 0 (订单确认: cancellation accepted)", prefix)
				zero := int64(0)
				v.Status = &zero
			}
			break
		}
		var s int64
		if err := json.Unmarshal(raw, &s); err != nil {
			problem("%sstatus: want an integer", prefix)
			break
		}
		v.Status = &s
		// The spec's cancel reply reuses the payment reply's data: the same
		// four states, 0 accepting the cancellation.
		if _, ok := confirmStatuses[s]; !ok {
			problem("%sstatus %d is not a documented state (0..3)", prefix, s)
		}
	}
	v.Success = true
	return v
}

func summarize(op string, v replyVerdict) string {
	switch {
	case !v.Valid:
		return "INVALID reply: " + v.Problems[0]
	case v.ErrorCode != 0:
		s := fmt.Sprintf("valid error reply: the integrator refused the %s with error_code %d", op, v.ErrorCode)
		if m, ok := knownCodes[v.ErrorCode]; ok {
			s += " (" + m + ")"
		}
		if v.Description != "" {
			s += fmt.Sprintf(": %q", v.Description)
		}
		return s
	case op == "commit":
		return fmt.Sprintf("valid success reply: order accepted as order_ext_id %q", v.OrderExtID)
	case op == "status":
		return fmt.Sprintf("valid success reply: status %d (%s)", *v.Status, confirmStatuses[*v.Status])
	case *v.Status == 0:
		return "valid success reply: status 0, cancellation accepted"
	default:
		return fmt.Sprintf("valid success reply: status %d (%s), cancellation not simply accepted", *v.Status, confirmStatuses[*v.Status])
	}
}

// parseCode reads an error code sent as a JSON number or numeric string.
func parseCode(raw json.RawMessage) (int64, error) {
	s := string(bytes.TrimSpace(raw))
	if s == "null" {
		return 0, nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, fmt.Errorf("want an integer")
		}
		if s == "" {
			return 0, nil
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("want an integer")
	}
	return n, nil
}

func isObject(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '{'
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }
