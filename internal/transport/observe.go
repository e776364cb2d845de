package transport

import (
	"context"
	"log/slog"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

func (c *Client) requestInfo(req *Request, a *Attempt, withBody bool) hotelsdk.RequestInfo {
	info := hotelsdk.RequestInfo{
		Platform:  c.cfg.Platform,
		Operation: req.Operation,
		Attempt:   a.Number,
		Method:    a.Method,
		URL:       c.redactor.URL(a.Path, a.Query),
		Header:    c.redactor.Header(a.Header),
	}
	if withBody {
		info.Body = c.redactor.Body(a.Body)
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
	info := hotelsdk.ResponseInfo{RequestInfo: c.requestInfo(req, a, c.cfg.Hooks.OnResponse != nil), Duration: d, Err: err,
		WillRetry: retry, RetryReason: reason, MaybeSent: out.maybeSent}
	if resp != nil {
		info.StatusCode = resp.StatusCode
		info.RequestID = resp.RequestID
		info.Header = c.redactor.Header(resp.Header)
		if c.cfg.Hooks.OnResponse != nil || debug {
			info.Body = c.redactor.Body(resp.Body)
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
			attrs = append(attrs, slog.String("error", err.Error()),
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
