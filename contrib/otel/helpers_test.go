package hotelsdkotel_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	hotelsdkotel "github.com/hotelsdk/hotelsdk-go/contrib/otel"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// fastRetry retries without waiting, so tests do not sleep.
var fastRetry = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond,
	MaxRetryAfter: time.Second, PerAttemptTimeout: 5 * time.Second}

// harness is an Instrumentation recording into memory.
type harness struct {
	t      *testing.T
	inst   *hotelsdkotel.Instrumentation
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() {
		_ = tp.Shutdown(context.Background())
		_ = mp.Shutdown(context.Background())
	})
	inst, err := hotelsdkotel.New(hotelsdkotel.WithTracerProvider(tp), hotelsdkotel.WithMeterProvider(mp))
	require.NoError(t, err)
	return &harness{t: t, inst: inst, spans: sr, reader: reader}
}

// ended returns the ended spans named name, in the order they ended.
func (h *harness) ended(name string) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range h.spans.Ended() {
		if s.Name() == name {
			out = append(out, s)
		}
	}
	return out
}

// one returns the single ended span named name.
func (h *harness) one(name string) sdktrace.ReadOnlySpan {
	h.t.Helper()
	got := h.ended(name)
	require.Len(h.t, got, 1, "spans named %q; all: %v", name, h.names())
	return got[0]
}

func (h *harness) names() []string {
	var out []string
	for _, s := range h.spans.Ended() {
		out = append(out, s.Name())
	}
	return out
}

// children returns the ended spans whose parent is p, in the order they ended.
func (h *harness) children(p sdktrace.ReadOnlySpan) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range h.spans.Ended() {
		if s.Parent().SpanID() == p.SpanContext().SpanID() && s.SpanContext().TraceID() == p.SpanContext().TraceID() {
			out = append(out, s)
		}
	}
	return out
}

// attrs returns a span's attributes by key.
func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		m[kv.Key] = kv.Value
	}
	return m
}

// allText is every attribute, event attribute, event name, status
// description and span name recorded, for scanning for secrets.
func (h *harness) allText() string {
	var b strings.Builder
	for _, s := range h.spans.Ended() {
		fmt.Fprintln(&b, s.Name(), s.Status().Description)
		for _, kv := range s.Attributes() {
			fmt.Fprintln(&b, kv.Key, kv.Value.String())
		}
		for _, e := range s.Events() {
			fmt.Fprintln(&b, e.Name)
			for _, kv := range e.Attributes {
				fmt.Fprintln(&b, kv.Key, kv.Value.String())
			}
		}
	}
	var rm metricdata.ResourceMetrics
	require.NoError(h.t, h.reader.Collect(context.Background(), &rm))
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			for _, set := range dataSets(m) {
				for _, kv := range set.ToSlice() {
					fmt.Fprintln(&b, m.Name, kv.Key, kv.Value.String())
				}
			}
		}
	}
	return b.String()
}

func dataSets(m metricdata.Metrics) []attribute.Set {
	var out []attribute.Set
	switch d := m.Data.(type) {
	case metricdata.Sum[int64]:
		for _, p := range d.DataPoints {
			out = append(out, p.Attributes)
		}
	case metricdata.Histogram[float64]:
		for _, p := range d.DataPoints {
			out = append(out, p.Attributes)
		}
	}
	return out
}

// noSecrets fails when any recorded text contains one of secrets.
func (h *harness) noSecrets(secrets ...string) {
	h.t.Helper()
	text := h.allText()
	for _, s := range secrets {
		require.NotEmpty(h.t, s)
		require.NotContains(h.t, text, s)
	}
}

// match reports whether set holds every key/value of want.
func match(set attribute.Set, want []attribute.KeyValue) bool {
	for _, kv := range want {
		v, ok := set.Value(kv.Key)
		if !ok || v != kv.Value {
			return false
		}
	}
	return true
}

// counter sums the counter name's points that carry want.
func (h *harness) counter(name string, want ...attribute.KeyValue) int64 {
	h.t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(h.t, h.reader.Collect(context.Background(), &rm))
	var n int64
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != name {
				continue
			}
			sum, ok := m.Data.(metricdata.Sum[int64])
			require.True(h.t, ok, "%s is a %T", name, m.Data)
			for _, p := range sum.DataPoints {
				if match(p.Attributes, want) {
					n += p.Value
				}
			}
		}
	}
	return n
}

// histogramCount counts the histogram name's recordings that carry want.
func (h *harness) histogramCount(name string, want ...attribute.KeyValue) uint64 {
	h.t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(h.t, h.reader.Collect(context.Background(), &rm))
	var n uint64
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != name {
				continue
			}
			hist, ok := m.Data.(metricdata.Histogram[float64])
			require.True(h.t, ok, "%s is a %T", name, m.Data)
			for _, p := range hist.DataPoints {
				if match(p.Attributes, want) {
					n += p.Count
				}
			}
		}
	}
	return n
}

// kindOf is a span's kind, for readable failures.
func kindOf(s sdktrace.ReadOnlySpan) trace.SpanKind { return s.SpanKind() }
