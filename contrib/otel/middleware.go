package hotelsdkotel

import (
	"context"
	"net/http"
	"sync"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// headerLogID is the header Douyin puts its log id in on SPI requests.
const headerLogID = "X-Bytedance-Logid"

// ServerSpanName is the name of the SPI server span until the handler's
// verdict names the operation ("douyin.spi commit_order"…).
const ServerSpanName = "douyin.spi"

type serverKey struct{}

// serverState lets the SPI handler's verdict event, which runs inside the
// request, name the server span and its metric after the operation.
type serverState struct {
	span trace.Span

	mu        sync.Mutex
	operation string
	verdictV  string
}

func (s *serverState) verdict(dims []attribute.KeyValue) {
	var op, v string
	for _, kv := range dims {
		switch kv.Key {
		case AttrOperation:
			op = kv.Value.AsString()
		case AttrVerdict:
			v = kv.Value.AsString()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if op != "" && s.operation == "" {
		s.operation = op
		s.span.SetName(ServerSpanName + " " + op)
		s.span.SetAttributes(AttrOperation.String(op))
	}
	if v != "" {
		s.verdictV = v
		s.span.SetAttributes(AttrVerdict.String(v))
	}
}

func (s *serverState) get() (op, verdict string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.operation, s.verdictV
}

// Middleware wraps the SPI handler (or any handler serving Douyin's calls)
// with one SERVER span per request and the hotelsdk.spi.server.duration
// metric. The span is named "douyin.spi"; once the handler reports its
// verdict through Hooks.OnEvent it is renamed "douyin.spi <operation>" and
// carries hotelsdk.operation and hotelsdk.verdict. So give the SPI handler
// this Instrumentation's Hooks too (spi.WithHooks(inst.Hooks())): its
// verdicts and idempotency-ledger hits become events of the span.
//
// A trace context in the request's headers is continued with the global
// propagator (otel.GetTextMapPropagator; none is set by default). Douyin's
// log id (X-Bytedance-Logid) becomes hotelsdk.request_id. A nil next serves
// 404s, traced.
func (in *Instrumentation) Middleware(next http.Handler) http.Handler {
	if next == nil {
		next = http.NotFoundHandler()
	}
	if in == nil || in.tracer == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		method := knownMethod(r.Method)
		ctx := otel.GetTextMapPropagator().Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := in.tracer.Start(ctx, ServerSpanName,
			trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(
				AttrPlatform.String("douyin"),
				attribute.String("http.request.method", method),
				attribute.String("url.path", clip(r.URL.Path))))
		defer span.End()
		if id := r.Header.Get(headerLogID); id != "" {
			span.SetAttributes(AttrRequestID.String(clip(id)))
		}
		st := &serverState{span: span}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(withServer(ctx, st)))
		span.SetAttributes(attribute.Int("http.response.status_code", sw.status))
		if sw.status >= 500 {
			span.SetStatus(codes.Error, http.StatusText(sw.status))
		}
		op, verdict := st.get()
		attrs := []attribute.KeyValue{AttrPlatform.String("douyin"), attribute.String("http.request.method", method),
			attribute.Int("http.response.status_code", sw.status)}
		if op != "" {
			attrs = append(attrs, AttrOperation.String(op))
		}
		if verdict != "" {
			attrs = append(attrs, AttrVerdict.String(verdict))
		}
		in.serverDuration.Record(ctx, time.Since(start).Seconds(), metric.WithAttributes(attrs...))
	})
}

// knownMethod keeps the method label's cardinality bounded, as the HTTP
// semantic conventions ask.
func knownMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return m
	}
	return "_OTHER"
}

type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func withServer(ctx context.Context, st *serverState) context.Context {
	return context.WithValue(ctx, serverKey{}, st)
}
