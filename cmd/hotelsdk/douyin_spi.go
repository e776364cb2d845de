package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// maxReplyBytes bounds a reply read from an SPI server.
const maxReplyBytes = 1 << 20

// delivery is one SPI call and its reply.
type delivery struct {
	N int `json:"n"`
	// SentAt is when the delivery started; Timestamp is the signed one.
	SentAt     time.Time `json:"sent_at"`
	Timestamp  int64     `json:"timestamp"`
	LogID      string    `json:"logid"`
	DurationMS int64     `json:"duration_ms"`
	HTTPStatus int       `json:"http_status,omitempty"`
	// Reply is the reply body when it is JSON, ReplyText otherwise
	// (truncated to 2000 bytes).
	Reply     json.RawMessage `json:"reply,omitempty"`
	ReplyText string          `json:"reply_text,omitempty"`
	// Error is a failure below HTTP (no reply): timeout, refused, reset.
	Error   string        `json:"error,omitempty"`
	Verdict *replyVerdict `json:"verdict,omitempty"`
}

// idempotencyReport compares the replies of repeated deliveries.
type idempotencyReport struct {
	// Checked is false when no delivery succeeded, so there was nothing
	// to compare.
	Checked bool `json:"checked"`
	// Idempotent: every reply after the first success is the same success.
	Idempotent bool     `json:"idempotent"`
	Findings   []string `json:"findings,omitempty"`
	// Notes are replies that are not findings: a "retry later" (2100001,
	// 2100004) after a success, which a handler may answer while the same
	// order is still in flight; Douyin delivers again.
	Notes []string `json:"notes,omitempty"`
}

// spiCallOutput is the -json output of douyin spi call.
type spiCallOutput struct {
	Operation   string             `json:"operation"`
	URL         string             `json:"url"`
	Deliveries  []delivery         `json:"deliveries"`
	Idempotency *idempotencyReport `json:"idempotency,omitempty"`
	OK          bool               `json:"ok"`
	Summary     string             `json:"summary"`
}

type spiCallConfig struct {
	op, target, key, secret string
	body                    []byte
	timeout, interval       time.Duration
	redeliver               int
	parallel, sameSignature bool
}

func (a *app) spiCall(args []string) int {
	const cmd = "douyin spi call"
	// The operation may come before or after the flags.
	op := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		op, args = args[0], args[1:]
	}
	fs, jsonOut := a.newFlags(cmd)
	target := fs.String("url", "", "the integrator's SPI base URL, to which the operation's path is appended (e.g. https://hotel.example.com/douyin), or the endpoint's full URL (required)")
	key := fs.String("key", "", "client key Douyin signs with (default $"+envDouyinClientKey+")")
	secretFlag := fs.String("secret", "", "client secret; \"-\" reads it from standard input (default $"+envDouyinClientSecret+")")
	file := fs.String("file", "", "file holding the JSON body to send, byte for byte; \"-\" for standard input (default: a sample request)")
	body := fs.String("body", "", "the JSON body (instead of -file)")
	orderID := fs.String("order-id", "", "order_id of the sample request (default DY + the current time in ms)")
	orderExtID := fs.String("order-ext-id", "", "order_ext_id of the sample status or cancel request (your order id, from the commit's reply)")
	supplierExtID := fs.String("supplier-ext-id", "", "supplier_ext_id of the sample status or cancel request")
	spuExtID := fs.String("spu-ext-id", "hotelsdk-sample-room", "spu_ext_id (your room type) of the sample commit")
	price := fs.Int64("price", 38800, "the sample commit's price of its one night, in fen")
	timeout := fs.Duration("timeout", 5*time.Second, "how long one delivery waits for its reply")
	redeliver := fs.Int("redeliver", 0, "deliver the same body N more times, as Douyin redelivers a call whose answer it missed, and compare the replies")
	interval := fs.Duration("interval", time.Second, "wait between deliveries")
	parallel := fs.Bool("parallel", false, "send all deliveries at once (a redelivery arriving while the first is still being handled)")
	sameSig := fs.Bool("same-signature", false, "repeat the first delivery's timestamp and x-life-sign instead of signing each delivery anew")
	quiet := fs.Bool("quiet", false, "no progress lines on standard error (with -json)")
	if code, done := a.parse(fs, args, cmd+" commit|status|cancel -url URL -key KEY -secret SECRET [-file BODY.json] [-redeliver N] [-json]", `
Call an integrator's SPI endpoint exactly as Douyin does: a JSON POST whose
query carries client_key and timestamp (ms) and whose headers carry
x-life-clientkey, x-life-sign and X-Bytedance-Logid. Prints the reply and a
verdict on its shape for the operation: HTTP 200, the {"data":…,"extra":…}
form (the flat form is accepted with a warning), integer error codes, and on
success what Douyin needs (commit: order_ext_id; status: status 0..3;
cancel: status 0).

-redeliver N repeats the same body N more times, each signed anew with a fresh
timestamp (unless -same-signature), -interval apart (or all at once with
-parallel), and compares the replies: once a delivery succeeded, every later
one must answer the same (a commit the same order_ext_id). A different
order_ext_id means the handler booked the order twice; a refusal means Douyin
would read a booked order as failed. Exit 1 on any invalid or failed reply,
or a non-idempotent handler.

Without -file a sample request is sent (a one-night, one-room commit with
test guest data; status and cancel need -order-ext-id).`); done {
		return code
	}
	if op == "" && fs.NArg() > 0 {
		op = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return a.usageError(cmd, "%v", err)
		}
	}
	if fs.NArg() > 0 {
		return a.usageError(cmd, "unexpected arguments %q", fs.Args())
	}
	path, ok := spiPaths[op]
	if !ok {
		return a.usageError(cmd, "want the operation commit, status or cancel, got %q", op)
	}
	switch {
	case *timeout <= 0:
		return a.usageError(cmd, "-timeout must be positive")
	case *redeliver < 0 || *redeliver > 1000:
		return a.usageError(cmd, "-redeliver must be 0..1000")
	case *interval < 0:
		return a.usageError(cmd, "-interval must not be negative")
	}
	u, err := parseHTTPURL(*target)
	if err != nil {
		return a.usageError(cmd, "-url: %v", err)
	}
	if !strings.HasSuffix(u.Path, path) {
		u.Path = strings.TrimRight(u.Path, "/") + path
	}
	raw, code := a.bodyFlags(cmd, fs, *file, *body, false)
	if code != exitOK {
		return code
	}
	if raw == nil {
		if *price < 0 {
			return a.usageError(cmd, "-price must not be negative")
		}
		sample := sampleRequest{orderID: *orderID, orderExtID: *orderExtID, supplierExtID: *supplierExtID, spuExtID: *spuExtID, price: *price}
		if raw, err = sampleSPIBody(op, sample, a.now()); err != nil {
			return a.usageError(cmd, "%v", err)
		}
	} else if !isObject(raw) || !json.Valid(raw) {
		return a.usageError(cmd, "the body is not a JSON object (Douyin sends one)")
	}
	k, s, code := a.douyinCredentials(cmd, *key, *secretFlag)
	if code != exitOK {
		return code
	}
	cfg := spiCallConfig{op: op, target: u.String(), key: k, secret: s, body: raw, timeout: *timeout,
		interval: *interval, redeliver: *redeliver, parallel: *parallel, sameSignature: *sameSig}

	progress := io.Discard
	if *jsonOut && !*quiet {
		progress = a.stderr
	}
	if !*jsonOut {
		fmt.Fprintf(a.stdout, "POST %s (%s, %d-byte body)\n", cfg.target, op, len(raw))
	}
	out := a.deliver(cfg, func(d delivery) {
		if *jsonOut {
			fmt.Fprintf(progress, "delivery %d/%d: %s\n", d.N, cfg.redeliver+1, deliveryLine(d))
			return
		}
		printDelivery(a.stdout, d, cfg.redeliver+1)
	})
	if *jsonOut {
		if c := a.writeJSON(out); c != exitOK {
			return c
		}
	} else {
		if out.Idempotency != nil {
			fmt.Fprintln(a.stdout)
			for _, f := range out.Idempotency.Findings {
				fmt.Fprintf(a.stdout, "finding: %s\n", f)
			}
			for _, n := range out.Idempotency.Notes {
				fmt.Fprintf(a.stdout, "note: %s\n", n)
			}
		}
		fmt.Fprintf(a.stdout, "\nverdict: %s\n", out.Summary)
	}
	if !out.OK {
		return exitFail
	}
	return exitOK
}

// deliver makes the deliveries of cfg, reporting each as it completes, and
// judges them.
func (a *app) deliver(cfg spiCallConfig, report func(delivery)) spiCallOutput {
	out := spiCallOutput{Operation: cfg.op, URL: cfg.target}
	hc := &http.Client{
		Timeout: cfg.timeout,
		// Douyin reads the answer of the URL it called: a redirect is a
		// reply like any other, judged as not HTTP 200.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer hc.CloseIdleConnections()
	n := cfg.redeliver + 1
	var first *http.Request // the first delivery's signed request (-same-signature)
	sign := func() (*http.Request, error) {
		if cfg.sameSignature && first != nil {
			r := first.Clone(a.ctx)
			r.Body = io.NopCloser(bytes.NewReader(cfg.body))
			return r, nil
		}
		r, err := newSignedSPIRequest(cfg.target, cfg.key, cfg.secret, cfg.body, a.now())
		if err != nil {
			return nil, err
		}
		r.RemoteAddr, r.Host = "", "" // a client request: Host comes from the URL
		r = r.WithContext(a.ctx)
		if first == nil {
			first = r.Clone(a.ctx)
		}
		return r, nil
	}
	deliveries := make([]delivery, 0, n)
	interrupted := false
	if cfg.parallel {
		reqs := make([]*http.Request, n)
		for i := range reqs {
			r, err := sign()
			if err != nil {
				out.Summary = "cannot build the request: " + err.Error()
				return out
			}
			reqs[i] = r
		}
		done := make([]delivery, n)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i, r := range reqs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d := a.send(hc, r, cfg, i+1)
				mu.Lock()
				done[i] = d
				report(d)
				mu.Unlock()
			}()
		}
		wg.Wait()
		deliveries = done
	} else {
		for i := 1; i <= n; i++ {
			if i > 1 && cfg.interval > 0 {
				select {
				case <-a.ctx.Done():
				case <-time.After(cfg.interval):
				}
			}
			if a.ctx.Err() != nil {
				interrupted = true
				break
			}
			r, err := sign()
			if err != nil {
				out.Summary = "cannot build the request: " + err.Error()
				return out
			}
			d := a.send(hc, r, cfg, i)
			report(d)
			deliveries = append(deliveries, d)
		}
	}
	out.Deliveries = deliveries
	if cfg.redeliver > 0 {
		out.Idempotency = compareDeliveries(cfg.op, deliveries)
	}
	out.OK, out.Summary = overall(cfg, deliveries, out.Idempotency, interrupted)
	return out
}

// send makes one delivery.
func (a *app) send(hc *http.Client, r *http.Request, cfg spiCallConfig, n int) delivery {
	logID := randomHex(16)
	r.Header.Set(headerLogID, logID)
	r.Header.Set("User-Agent", "hotelsdk-go/"+sdkVersion+" (douyin spi call)")
	d := delivery{N: n, LogID: logID, SentAt: a.now().UTC()}
	if ts := r.URL.Query().Get(queryTimestamp); ts != "" {
		_, _ = fmt.Sscan(ts, &d.Timestamp)
	}
	start := time.Now()
	resp, err := hc.Do(r)
	if err != nil {
		d.DurationMS = time.Since(start).Milliseconds()
		d.Error = transportErrorText(err, cfg.timeout)
		return d
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	d.DurationMS = time.Since(start).Milliseconds()
	d.HTTPStatus = resp.StatusCode
	if err != nil {
		d.Error = "reading the reply: " + transportErrorText(err, cfg.timeout)
		return d
	}
	if t := bytes.TrimSpace(body); json.Valid(t) && len(t) > 0 {
		d.Reply = json.RawMessage(t)
	} else {
		d.ReplyText = string(body)
		if len(d.ReplyText) > 2000 {
			d.ReplyText = d.ReplyText[:2000] + "…"
		}
	}
	v := judgeReply(cfg.op, resp.StatusCode, resp.Header.Get("Content-Type"), body, logID)
	d.Verdict = &v
	return d
}

// transportErrorText describes a failure below HTTP without the URL (its
// query is not secret, but it is noise).
func transportErrorText(err error, timeout time.Duration) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return "interrupted"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no reply within %s (Douyin would deliver again)", timeout)
	}
	return err.Error()
}

// compareDeliveries checks that every reply after the first success is the
// same success.
func compareDeliveries(op string, ds []delivery) *idempotencyReport {
	rep := &idempotencyReport{}
	firstOK := -1
	for i, d := range ds {
		if d.Verdict != nil && d.Verdict.Success {
			firstOK = i
			break
		}
	}
	if firstOK < 0 {
		rep.Findings = append(rep.Findings, "no delivery succeeded: idempotency was not tested")
		return rep
	}
	rep.Checked = true
	f := ds[firstOK]
	seen := map[string]int{f.Verdict.OrderExtID: f.N}
	for _, d := range ds[firstOK+1:] {
		v := d.Verdict
		switch {
		case v == nil:
			rep.Findings = append(rep.Findings, fmt.Sprintf("delivery %d got no reply (%s) after delivery %d succeeded", d.N, d.Error, f.N))
		case !v.Valid:
			rep.Findings = append(rep.Findings, fmt.Sprintf("delivery %d got an invalid reply after delivery %d succeeded: %s", d.N, f.N, v.Problems[0]))
		case !v.Success && v.Retryable:
			rep.Notes = append(rep.Notes, fmt.Sprintf("delivery %d answered error_code %d (retry later) after delivery %d succeeded: fine while the order is in flight, Douyin delivers again", d.N, v.ErrorCode, f.N))
		case !v.Success:
			rep.Findings = append(rep.Findings, fmt.Sprintf("NOT IDEMPOTENT: delivery %d was refused (error_code %d) after delivery %d succeeded: Douyin redelivers a call whose answer it missed, and would read the %s as failed", d.N, v.ErrorCode, f.N, op))
		case op == "commit" && v.OrderExtID != f.Verdict.OrderExtID:
			if prev, ok := seen[v.OrderExtID]; ok && prev != d.N {
				rep.Findings = append(rep.Findings, fmt.Sprintf("NOT IDEMPOTENT: delivery %d answered order_ext_id %q again, but delivery %d answered %q", d.N, v.OrderExtID, f.N, f.Verdict.OrderExtID))
			} else {
				rep.Findings = append(rep.Findings, fmt.Sprintf("NOT IDEMPOTENT: delivery %d answered order_ext_id %q, delivery %d answered %q: the handler booked the same Douyin order again", d.N, v.OrderExtID, f.N, f.Verdict.OrderExtID))
			}
			seen[v.OrderExtID] = d.N
		case op != "commit" && v.Status != nil && f.Verdict.Status != nil && *v.Status != *f.Verdict.Status:
			rep.Findings = append(rep.Findings, fmt.Sprintf("NOT IDEMPOTENT: delivery %d answered status %d, delivery %d answered status %d", d.N, *v.Status, f.N, *f.Verdict.Status))
		}
	}
	rep.Idempotent = len(rep.Findings) == 0
	return rep
}

// overall returns the command's verdict.
func overall(cfg spiCallConfig, ds []delivery, idem *idempotencyReport, interrupted bool) (bool, string) {
	// In a redelivery run that found the handler idempotent, a "retry
	// later" is what a handler answers to a duplicate in flight.
	tolerateRetry := idem != nil && idem.Checked && idem.Idempotent
	failed, invalid, refused, retried := 0, 0, 0, 0
	for _, d := range ds {
		switch {
		case d.Verdict == nil:
			failed++
		case !d.Verdict.Valid:
			invalid++
		case !d.Verdict.Success && d.Verdict.Retryable && tolerateRetry:
			retried++
		case !d.Verdict.Success:
			refused++
		}
	}
	var parts []string
	if interrupted {
		parts = append(parts, fmt.Sprintf("interrupted after %d of %d deliveries", len(ds), cfg.redeliver+1))
	}
	if failed > 0 {
		parts = append(parts, fmt.Sprintf("%d delivery(ies) got no reply", failed))
	}
	if invalid > 0 {
		parts = append(parts, fmt.Sprintf("%d invalid reply(ies)", invalid))
	}
	if refused > 0 {
		parts = append(parts, fmt.Sprintf("%d error reply(ies)", refused))
	}
	if idem != nil && idem.Checked && !idem.Idempotent {
		parts = append([]string{fmt.Sprintf("the %s handler is NOT idempotent", cfg.op)}, parts...)
	}
	if len(parts) > 0 {
		return false, strings.Join(parts, "; ")
	}
	if len(ds) == 1 {
		return true, ds[0].Verdict.Summary
	}
	if retried > 0 {
		return true, fmt.Sprintf("%d deliveries, every success the same, %d answered retry later: the %s handler is idempotent", len(ds), retried, cfg.op)
	}
	return true, fmt.Sprintf("%d deliveries, every reply the same valid success: the %s handler is idempotent", len(ds), cfg.op)
}

// deliveryLine is a one-line account of a delivery.
func deliveryLine(d delivery) string {
	if d.Verdict == nil {
		return fmt.Sprintf("no reply after %dms: %s", d.DurationMS, d.Error)
	}
	return fmt.Sprintf("HTTP %d in %dms: %s", d.HTTPStatus, d.DurationMS, d.Verdict.Summary)
}

func printDelivery(w io.Writer, d delivery, of int) {
	if of > 1 {
		fmt.Fprintf(w, "\ndelivery %d/%d: %s\n", d.N, of, deliveryLine(d))
	} else {
		fmt.Fprintf(w, "\n%s\n", deliveryLine(d))
	}
	switch {
	case d.Reply != nil:
		fmt.Fprintf(w, "reply: %s\n", d.Reply)
	case d.ReplyText != "":
		fmt.Fprintf(w, "reply (not JSON): %s\n", d.ReplyText)
	}
	if d.Verdict != nil {
		for _, p := range d.Verdict.Problems {
			fmt.Fprintf(w, "problem: %s\n", p)
		}
		for _, wn := range d.Verdict.Warnings {
			fmt.Fprintf(w, "warning: %s\n", wn)
		}
	}
}

// sampleRequest holds what the flags set of a sample request.
type sampleRequest struct {
	orderID, orderExtID, supplierExtID, spuExtID string
	price                                        int64 // fen, one night
}

// sampleSPIBody returns a sample request of op, as Douyin would send it.
func sampleSPIBody(op string, in sampleRequest, now time.Time) ([]byte, error) {
	orderID, orderExtID, supplierExtID := in.orderID, in.orderExtID, in.supplierExtID
	if orderID == "" {
		orderID = fmt.Sprintf("DY%d", now.UnixMilli())
	}
	var body any
	switch op {
	case "commit":
		day := now.In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, 1)
		checkIn, checkOut := day.Format("20060102"), day.AddDate(0, 0, 1).Format("20060102")
		body = map[string]any{
			"order_id": orderID, "spu_ext_id": in.spuExtID, "status": 0, "reserve_amount": 1,
			"customer_name": "测试", "customer_phone": "13800000000",
			"customer_list": []map[string]string{{"cn_name": "测试", "given_name": "", "surname": ""}},
			"check_in":      checkIn, "check_out": checkOut, "total_price": in.price, "remark": "hotelsdk spi call sample",
			"date_price": []map[string]any{{"date": checkIn, "date_price": in.price}},
		}
	case "status", "cancel":
		if orderExtID == "" {
			return nil, fmt.Errorf("the sample %s request needs -order-ext-id (your order id from the commit's reply), or give -file", op)
		}
		m := map[string]any{"supplier_ext_id": supplierExtID, "order_id": orderID, "order_ext_id": orderExtID}
		if op == "status" {
			m["status"] = 1
		} else {
			m["order_status"] = 1
		}
		body = m
	}
	return json.Marshal(body)
}

// randomHex returns 2n random hex digits.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
