package transport

import (
	"context"
	"log/slog"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// requestInfo describes attempt a of req, redacted by name and with the
// request's personal values masked wherever they appear (echo.go).
func (c *Client) requestInfo(req *Request, a *Attempt, withBody bool) hotelsdk.RequestInfo {
	echo := c.echoOf(req, a)
	info := hotelsdk.RequestInfo{
		Platform:  c.cfg.Platform,
		Operation: req.Operation,
		Attempt:   a.Number,
		Method:    a.Method,
		URL:       echo.String(c.redactor.URL(a.Path, a.Query)),
		Header:    echo.Header(c.redactor.Header(a.Header)),
	}
	if withBody {
		info.Body = echo.String(c.redactor.Body(a.Body))
	}
	return info
}

func (c *Client) debugEnabled(ctx context.Context) bool {
	return c.cfg.Logger != nil && c.cfg.Logger.Enabled(ctx, slog.LevelDebug)
}

func (c *Client) observeRequest(ctx context.Context, req *Request, a *Attempt) {
	debug := c.debugEnabled(ctx)
	if c.cfg.Hooks.OnRequest == nil && !debug {
		return
	}
	info := c.requestInfo(req, a, true)
	if debug {
		c.cfg.Logger.LogAttrs(ctx, slog.LevelDebug, "hotelsdk request",
			slog.String("platform", info.Platform), slog.String("op", info.Operation),
			slog.Int("attempt", info.Attempt), slog.String("method", info.Method),
			slog.String("url", info.URL), slog.String("body", info.Body))
	}
	if c.cfg.Hooks.OnRequest != nil {
		c.cfg.Hooks.OnRequest(ctx, info)
	}
}

// observeResponse logs the attempt's outcome and calls OnResponse, with the
// retry decision taken for it (retry is false and reason empty on success).
func (c *Client) observeResponse(ctx context.Context, req *Request, a *Attempt, out outcome, retry bool, reason string) {
	if c.cfg.Hooks.OnResponse == nil && c.cfg.Logger == nil {
		return
	}
	debug := c.debugEnabled(ctx)
	resp, d, err := out.resp, out.duration, out.err
	// The log line shows no URL, header or request body: only a hook needs
	// them (and their masking).
	ri := hotelsdk.RequestInfo{Platform: c.cfg.Platform, Operation: req.Operation, Attempt: a.Number, Method: a.Method}
	if c.cfg.Hooks.OnResponse != nil {
		ri = c.requestInfo(req, a, true)
	}
	info := hotelsdk.ResponseInfo{RequestInfo: ri, Duration: d, Err: err,
		WillRetry: retry, RetryReason: reason, MaybeSent: out.maybeSent}
	if resp != nil {
		info.StatusCode = resp.StatusCode
		info.RequestID = resp.RequestID
		echo := c.echoOf(req, a) // a platform may echo the request's personal data
		info.Header = echo.Header(c.redactor.Header(resp.Header))
		if c.cfg.Hooks.OnResponse != nil || debug {
			info.Body = echo.String(c.redactor.Body(resp.Body))
		}
	}
	if c.cfg.Logger != nil {
		level := slog.LevelInfo
		attrs := []slog.Attr{
			slog.String("platform", info.Platform), slog.String("op", info.Operation),
			slog.String("method", info.Method), slog.String("path", a.Path),
			slog.Int("attempt", info.Attempt), slog.Int("status", info.StatusCode),
			slog.Duration("duration", d), slog.String("request_id", info.RequestID),
		}
		if err != nil {
			level = slog.LevelWarn
			attrs = append(attrs, slog.String("error", c.echoOf(req, a).String(err.Error())),
				slog.Bool("retry", retry), slog.String("retry_reason", reason))
		}
		if debug && info.Body != "" {
			attrs = append(attrs, slog.String("body", info.Body))
		}
		c.cfg.Logger.LogAttrs(ctx, level, "hotelsdk response", attrs...)
	}
	if c.cfg.Hooks.OnResponse != nil {
		c.cfg.Hooks.OnResponse(ctx, info)
	}
}
