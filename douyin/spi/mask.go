package spi

import (
	"fmt"
	"log/slog"
)

// mask replaces a credential when a Handler is printed.
const mask = "***"

// The methods below have value receivers so that a Handler prints masked
// both as *Handler and as a dereferenced Handler, which fmt would otherwise
// print field by field, secret included.

// String describes the handler's settings, with the client key and secret
// masked.
func (h Handler) String() string {
	return fmt.Sprintf("spi.Handler{client_key: %s, client_secret: %s, tolerance: %s, max_body_bytes: %d, flat_replies: %t}",
		h.maskedKey(), h.maskedSecret(), h.toleranceText(), h.cfg.maxBody, h.cfg.flat)
}

// GoString is String in Go syntax, for %#v.
func (h Handler) GoString() string {
	return fmt.Sprintf("spi.Handler{ClientKey:%q, ClientSecret:%q, Tolerance:%q, MaxBodyBytes:%d, FlatReplies:%t}",
		h.maskedKey(), h.maskedSecret(), h.toleranceText(), h.cfg.maxBody, h.cfg.flat)
}

// LogValue makes slog print the settings, masked.
func (h Handler) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_key", h.maskedKey()), slog.String("client_secret", h.maskedSecret()),
		slog.String("tolerance", h.toleranceText()), slog.Int64("max_body_bytes", h.cfg.maxBody),
		slog.Bool("flat_replies", h.cfg.flat))
}

func (h Handler) maskedKey() string {
	switch {
	case h.cfg.insecure:
		return "(signature checks off)"
	case h.cfg.clientKey == "":
		return ""
	}
	return mask
}

func (h Handler) maskedSecret() string {
	switch {
	case h.cfg.insecure:
		return "(signature checks off)"
	case h.cfg.secret == "":
		return ""
	}
	return mask
}

func (h Handler) toleranceText() string {
	return fmt.Sprintf("%s past, %s future", h.cfg.past, h.cfg.future)
}
