package hotelsdkotel

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// ScopeName is the instrumentation scope of the SDK's tracer and meter.
const ScopeName = "github.com/hotelsdk/hotelsdk-go/contrib/otel"

// Attribute keys set on spans and metrics.
const (
	AttrPlatform       = attribute.Key("hotelsdk.platform")
	AttrOperation      = attribute.Key("hotelsdk.operation")
	AttrIdempotent     = attribute.Key("hotelsdk.idempotent")
	AttrAttempt        = attribute.Key("hotelsdk.attempt")
	AttrAttempts       = attribute.Key("hotelsdk.attempts")
	AttrRequestID      = attribute.Key("hotelsdk.request_id")
	AttrWillRetry      = attribute.Key("hotelsdk.will_retry")
	AttrRetryReason    = attribute.Key("hotelsdk.retry_reason")
	AttrMaybeSent      = attribute.Key("hotelsdk.maybe_sent")
	AttrOutcomeUnknown = attribute.Key("hotelsdk.outcome_unknown")
	AttrOutcome        = attribute.Key("hotelsdk.outcome")
	AttrVerdict        = attribute.Key("hotelsdk.verdict")
	AttrReason         = attribute.Key("hotelsdk.reason")
	AttrState          = attribute.Key("hotelsdk.state")
	AttrErrorType      = attribute.Key("error.type")
)

// Names of the metric instruments.
const (
	MetricAttempts        = "hotelsdk.client.attempts"
	MetricRetries         = "hotelsdk.client.retries"
	MetricAttemptDuration = "hotelsdk.client.attempt.duration"
	MetricCallDuration    = "hotelsdk.client.call.duration"
	MetricTokenRefreshes  = "hotelsdk.token.refreshes"
	MetricSPIVerdicts     = "hotelsdk.spi.verdicts"
	MetricLedgerHits      = "hotelsdk.spi.ledger.hits"
	MetricServerDuration  = "hotelsdk.spi.server.duration"
)

// durationBuckets are the histogram boundaries in seconds (the OpenTelemetry
// semantic conventions' HTTP duration buckets; the SDK's default buckets are
// made for milliseconds).
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60}

// Option configures New.
type Option func(*config) error

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets the tracer provider (default: otel.GetTracerProvider()).
// A nil provider is an error.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) error {
		if tp == nil {
			return errors.New("hotelsdkotel: WithTracerProvider: nil TracerProvider")
		}
		c.tp = tp
		return nil
	}
}

// WithMeterProvider sets the meter provider (default: otel.GetMeterProvider()).
// A nil provider is an error.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) error {
		if mp == nil {
			return errors.New("hotelsdkotel: WithMeterProvider: nil MeterProvider")
		}
		c.mp = mp
		return nil
	}
}

// Instrumentation turns the SDK's hooks into spans and metrics. Build it
// with New; it is safe for concurrent use and may serve many clients and
// handlers at once.
type Instrumentation struct {
	tracer trace.Tracer

	attempts        metric.Int64Counter
	retries         metric.Int64Counter
	attemptDuration metric.Float64Histogram
	callDuration    metric.Float64Histogram
	tokenRefreshes  metric.Int64Counter
	spiVerdicts     metric.Int64Counter
	ledgerHits      metric.Int64Counter
	serverDuration  metric.Float64Histogram
}

// New returns an Instrumentation using the given providers, or the global
// ones (otel.GetTracerProvider, otel.GetMeterProvider). It returns the first
// option's error; nil options are skipped.
func New(opts ...Option) (*Instrumentation, error) {
	var c config
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = otel.GetMeterProvider()
	}
	m := c.mp.Meter(ScopeName, metric.WithInstrumentationVersion(hotelsdk.Version))
	in := &Instrumentation{tracer: c.tp.Tracer(ScopeName, trace.WithInstrumentationVersion(hotelsdk.Version))}
	var errs []error
	counter := func(name, unit, desc string) metric.Int64Counter {
		ctr, err := m.Int64Counter(name, metric.WithDescription(desc), metric.WithUnit(unit))
		errs = append(errs, err)
		return ctr
	}
	histogram := func(name, desc string) metric.Float64Histogram {
		h, err := m.Float64Histogram(name, metric.WithDescription(desc), metric.WithUnit("s"),
			metric.WithExplicitBucketBoundaries(durationBuckets...))
		errs = append(errs, err)
		return h
	}
	in.attempts = counter(MetricAttempts, "{attempt}", "HTTP attempts made by SDK clients")
	in.retries = counter(MetricRetries, "{retry}", "failed attempts that were followed by another attempt")
	in.attemptDuration = histogram(MetricAttemptDuration, "duration of one HTTP attempt")
	in.callDuration = histogram(MetricCallDuration, "duration of one SDK call, every attempt and backoff included")
	in.tokenRefreshes = counter(MetricTokenRefreshes, "{fetch}", "Douyin access-token fetches")
	in.spiVerdicts = counter(MetricSPIVerdicts, "{request}", "SPI requests accepted or rejected by the handler")
	in.ledgerHits = counter(MetricLedgerHits, "{request}", "SPI idempotency-ledger lookups, by state")
	in.serverDuration = histogram(MetricServerDuration, "duration of one SPI request served")
	if err := errors.Join(errs...); err != nil {
		return nil, errors.Join(errors.New("hotelsdkotel: creating instruments"), err)
	}
	return in, nil
}

type callKey struct{}
type attemptKey struct{}

// callState is the call span kept in the context between OnCallStart and
// OnCallEnd; ended makes sure a span is ended once, and only by the call
// that opened it.
type callState struct {
	span  trace.Span
	info  hotelsdk.CallInfo
	start time.Time
	ended atomic.Bool
}

type attemptState struct {
	span      trace.Span
	operation string
	attempt   int
	ended     atomic.Bool
}

// Hooks returns hooks that trace and measure every call, attempt and event.
// Give them to each client (douyin.WithHooks, hotelsupply.WithHooks,
// invoice.WithHooks) and to the SPI handler (spi.WithHooks).
func (in *Instrumentation) Hooks() hotelsdk.Hooks { return in.Wrap(hotelsdk.Hooks{}) }

// Wrap returns hooks that trace and measure, and also call each of next's
// hooks with the same arguments (the context-returning hooks get the
// context holding the span, so next's spans or values nest under it). A nil
// Instrumentation returns next unchanged.
func (in *Instrumentation) Wrap(next hotelsdk.Hooks) hotelsdk.Hooks {
	if in == nil || in.tracer == nil {
		return next
	}
	return hotelsdk.Hooks{
		OnCallStart: func(ctx context.Context, info hotelsdk.CallInfo) context.Context {
			ctx = in.callStart(ctx, info)
			if next.OnCallStart != nil {
				if c := next.OnCallStart(ctx, info); c != nil {
					ctx = c
				}
			}
			return ctx
		},
		OnCallEnd: func(ctx context.Context, info hotelsdk.CallInfo, res hotelsdk.CallResult) {
			if next.OnCallEnd != nil {
				next.OnCallEnd(ctx, info, res)
			}
			in.callEnd(ctx, info, res)
		},
		OnAttemptStart: func(ctx context.Context, info hotelsdk.RequestInfo) context.Context {
			ctx = in.attemptStart(ctx, info)
			if next.OnAttemptStart != nil {
				if c := next.OnAttemptStart(ctx, info); c != nil {
					ctx = c
				}
			}
			return ctx
		},
		OnRequest: next.OnRequest,
		OnResponse: func(ctx context.Context, info hotelsdk.ResponseInfo) {
			if next.OnResponse != nil {
				next.OnResponse(ctx, info)
			}
			in.attemptEnd(ctx, info)
		},
		OnEvent: func(ctx context.Context, e hotelsdk.Event) {
			if next.OnEvent != nil {
				next.OnEvent(ctx, e)
			}
			in.event(ctx, e)
		},
	}
}

func ctxOrBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

func (in *Instrumentation) callStart(ctx context.Context, info hotelsdk.CallInfo) context.Context {
	ctx, span := in.tracer.Start(ctxOrBackground(ctx), spanName(info.Platform, info.Operation),
		trace.WithSpanKind(trace.SpanKindInternal),
		trace.WithAttributes(AttrPlatform.String(info.Platform), AttrOperation.String(info.Operation),
			AttrIdempotent.Bool(info.Idempotent)))
	return context.WithValue(ctx, callKey{}, &callState{span: span, info: info, start: time.Now()})
}

func (in *Instrumentation) callEnd(ctx context.Context, info hotelsdk.CallInfo, res hotelsdk.CallResult) {
	ctx = ctxOrBackground(ctx)
	oc := outcome(res.Err, 0)
	if res.OutcomeUnknown {
		oc = "outcome_unknown"
	}
	st, _ := ctx.Value(callKey{}).(*callState)
	if st != nil && st.info != info {
		st = nil // an enclosing call's span: not ours to end
	}
	d := res.Duration
	if d <= 0 && st != nil {
		d = time.Since(st.start)
	}
	in.callDuration.Record(ctx, d.Seconds(), metric.WithAttributes(AttrPlatform.String(info.Platform),
		AttrOperation.String(info.Operation), AttrOutcome.String(oc)))
	if st == nil || st.ended.Swap(true) {
		return
	}
	st.span.SetAttributes(AttrAttempts.Int(res.Attempts), AttrOutcomeUnknown.Bool(res.OutcomeUnknown),
		AttrOutcome.String(oc))
	if res.RequestID != "" {
		st.span.SetAttributes(AttrRequestID.String(clip(res.RequestID)))
	}
	if res.Err != nil {
		st.span.SetAttributes(AttrErrorType.String(errorKind(res.Err)))
		st.span.RecordError(res.Err)
		st.span.SetStatus(codes.Error, errorKind(res.Err))
	}
	st.span.End()
}

func (in *Instrumentation) attemptStart(ctx context.Context, info hotelsdk.RequestInfo) context.Context {
	path, query, _ := strings.Cut(info.URL, "?")
	attrs := []attribute.KeyValue{AttrPlatform.String(info.Platform), AttrOperation.String(info.Operation),
		AttrAttempt.Int(info.Attempt), attribute.String("http.request.method", info.Method),
		attribute.String("url.path", path)}
	if query != "" {
		attrs = append(attrs, attribute.String("url.query", query)) // redacted by the SDK
	}
	ctx, span := in.tracer.Start(ctxOrBackground(ctx), spanName(info.Platform, info.Operation)+" attempt",
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	return context.WithValue(ctx, attemptKey{}, &attemptState{span: span, operation: info.Operation, attempt: info.Attempt})
}

func (in *Instrumentation) attemptEnd(ctx context.Context, info hotelsdk.ResponseInfo) {
	ctx = ctxOrBackground(ctx)
	oc := outcome(info.Err, info.StatusCode)
	attrs := []attribute.KeyValue{AttrPlatform.String(info.Platform), AttrOperation.String(info.Operation),
		AttrOutcome.String(oc)}
	in.attempts.Add(ctx, 1, metric.WithAttributes(attrs...))
	in.attemptDuration.Record(ctx, info.Duration.Seconds(), metric.WithAttributes(attrs...))
	if info.WillRetry {
		in.retries.Add(ctx, 1, metric.WithAttributes(attrs...))
	}
	st, _ := ctx.Value(attemptKey{}).(*attemptState)
	// An attempt that failed before it was sent (e.g. no access token) had
	// no OnAttemptStart: the state found is then an enclosing call's.
	if st == nil || st.operation != info.Operation || st.attempt != info.Attempt || st.ended.Swap(true) {
		return
	}
	span := st.span
	span.SetAttributes(AttrWillRetry.Bool(info.WillRetry), AttrMaybeSent.Bool(info.MaybeSent), AttrOutcome.String(oc))
	if info.StatusCode != 0 {
		span.SetAttributes(attribute.Int("http.response.status_code", info.StatusCode))
	}
	if info.RequestID != "" {
		span.SetAttributes(AttrRequestID.String(clip(info.RequestID)))
	}
	if info.RetryReason != "" {
		span.SetAttributes(AttrRetryReason.String(info.RetryReason))
	}
	if info.Err != nil {
		span.SetAttributes(AttrErrorType.String(errorKind(info.Err)))
		span.RecordError(info.Err)
		span.SetStatus(codes.Error, errorKind(info.Err))
	}
	span.End()
}

// event turns an OnEvent into an event on the current span (the call span
// for a token refresh, the SPI server span for verdicts and ledger hits)
// and a metric. Metrics take only the low-cardinality attributes (platform,
// operation, outcome, verdict, reason, state); the span event takes every
// attribute the SDK sent except those whose name suggests a secret or
// personal data.
func (in *Instrumentation) event(ctx context.Context, e hotelsdk.Event) {
	ctx = ctxOrBackground(ctx)
	all := make([]attribute.KeyValue, 0, len(e.Attrs)+3)
	all = append(all, AttrPlatform.String(e.Platform))
	all = appendSlog(all, "hotelsdk.", e.Attrs)
	if e.Err != nil {
		all = append(all, AttrErrorType.String(errorKind(e.Err)))
	}
	var dims []attribute.KeyValue
	hasOutcome := false
	for _, kv := range all {
		switch kv.Key {
		case AttrPlatform, AttrOperation, AttrVerdict, AttrReason, AttrState, AttrErrorType:
			dims = append(dims, kv)
		case AttrOutcome:
			dims, hasOutcome = append(dims, kv), true
		}
	}
	if !hasOutcome && e.Name == hotelsdk.EventTokenRefresh {
		dims = append(dims, AttrOutcome.String(outcome(e.Err, 0)))
	}
	if span := trace.SpanFromContext(ctx); span.IsRecording() {
		span.AddEvent(e.Name, trace.WithAttributes(all...))
	}
	switch e.Name {
	case hotelsdk.EventTokenRefresh:
		in.tokenRefreshes.Add(ctx, 1, metric.WithAttributes(dims...))
	case hotelsdk.EventSPIVerdict:
		in.spiVerdicts.Add(ctx, 1, metric.WithAttributes(dims...))
		if st, _ := ctx.Value(serverKey{}).(*serverState); st != nil {
			st.verdict(dims)
		}
	case hotelsdk.EventLedgerHit:
		in.ledgerHits.Add(ctx, 1, metric.WithAttributes(dims...))
	}
}

func spanName(platform, operation string) string {
	if operation == "" {
		return platform
	}
	return platform + " " + operation
}

// clip bounds a value that came from the network.
func clip(s string) string {
	const max = 128
	if len(s) > max {
		return s[:max]
	}
	return s
}

// outcome is a low-cardinality label for an attempt or call.
func outcome(err error, status int) string {
	switch {
	case err == nil && status < 400:
		return "ok"
	case status >= 500:
		return "5xx"
	case status >= 400:
		return "4xx"
	}
	return errorKind(err)
}

// errorKind names an error by its SDK type, never by its text.
func errorKind(err error) string {
	var (
		ve *hotelsdk.ValidationError
		te *hotelsdk.TransportError
		de *hotelsdk.DecodeError
	)
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.As(err, &ve):
		return "validation"
	case errors.As(err, &te):
		return "transport"
	case errors.As(err, &de):
		return "decode"
	}
	return "api"
}

// sensitive reports whether an attribute name suggests a secret or
// personal data; such attributes are dropped even though the SDK redacts
// what it sends, as a second line of defence.
func sensitive(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"secret", "token", "sign", "password", "passwd", "phone", "mobile", "name", "guest",
		"contact", "id_card", "idcard", "email", "cookie", "authorization"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// appendSlog converts slog attributes, flattening groups, dropping
// sensitive keys.
func appendSlog(dst []attribute.KeyValue, prefix string, attrs []slog.Attr) []attribute.KeyValue {
	for _, a := range attrs {
		if a.Key == "" || sensitive(a.Key) {
			continue
		}
		v := a.Value.Resolve()
		k := attribute.Key(prefix + a.Key)
		switch v.Kind() {
		case slog.KindGroup:
			dst = appendSlog(dst, string(k)+".", v.Group())
		case slog.KindBool:
			dst = append(dst, k.Bool(v.Bool()))
		case slog.KindInt64:
			dst = append(dst, k.Int64(v.Int64()))
		case slog.KindUint64:
			dst = append(dst, k.Int64(int64(min(v.Uint64(), 1<<63-1))))
		case slog.KindFloat64:
			dst = append(dst, k.Float64(v.Float64()))
		case slog.KindDuration:
			dst = append(dst, k.Float64(v.Duration().Seconds()))
		default:
			dst = append(dst, k.String(clip(v.String())))
		}
	}
	return dst
}
