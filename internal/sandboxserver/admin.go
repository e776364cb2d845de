package sandboxserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
)

// FaultSpec is a fault as the admin API and the -fault flag take it.
type FaultSpec struct {
	// Kind is latency, server-error, drop-after-request,
	// drop-before-request or non-json.
	Kind string `json:"kind"`
	// Path limits the fault to requests whose path (the shop: route) ends
	// with it; empty for any request.
	Path string `json:"path,omitempty"`
	// Times is how many matching requests fail (default 1).
	Times int `json:"times,omitempty"`
	// Delay is the latency, a Go duration ("2s").
	Delay string `json:"delay,omitempty"`
	// Status is the server-error status (default 503).
	Status int `json:"status,omitempty"`
	// RetryAfter is sent as Retry-After (seconds) with server-error.
	RetryAfter int `json:"retry_after,omitempty"`
}

// kinds maps fault kind names to kinds.
var kinds = map[string]hotelsdktest.FaultKind{}

func init() {
	for _, k := range []hotelsdktest.FaultKind{hotelsdktest.Latency, hotelsdktest.ServerError, hotelsdktest.DropAfterRequest, hotelsdktest.DropBeforeRequest, hotelsdktest.NonJSON} {
		kinds[k.String()] = k
	}
}

// KindNames lists the fault kinds, sorted.
func KindNames() []string {
	out := make([]string, 0, len(kinds))
	for n := range kinds {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Fault checks the spec and returns the fault.
func (f FaultSpec) Fault() (hotelsdktest.Fault, error) {
	k, ok := kinds[f.Kind]
	if !ok {
		return hotelsdktest.Fault{}, fmt.Errorf("unknown fault kind %q (want one of %s)", f.Kind, strings.Join(KindNames(), ", "))
	}
	out := hotelsdktest.Fault{Kind: k, Path: f.Path, Times: f.Times, Status: f.Status, RetryAfter: f.RetryAfter}
	switch {
	case f.Times < 0 || f.Times > 1_000_000:
		return hotelsdktest.Fault{}, errors.New("times must be 0..1000000 (0: once)")
	case f.RetryAfter < 0:
		return hotelsdktest.Fault{}, errors.New("retry_after must not be negative")
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return hotelsdktest.Fault{}, errors.New("status must be an HTTP status 100..599")
	case f.Delay != "" && k != hotelsdktest.Latency:
		return hotelsdktest.Fault{}, errors.New("delay applies to latency faults only")
	case (f.Status != 0 || f.RetryAfter != 0) && k != hotelsdktest.ServerError:
		return hotelsdktest.Fault{}, errors.New("status and retry_after apply to server-error faults only")
	}
	if k == hotelsdktest.Latency {
		d, err := time.ParseDuration(f.Delay)
		if err != nil || d < 0 || d > 10*time.Minute {
			return hotelsdktest.Fault{}, errors.New(`a latency fault needs a delay between 0 and 10m, e.g. "2s"`)
		}
		out.Delay = d
	}
	if err := out.Validate(); err != nil {
		return hotelsdktest.Fault{}, err
	}
	return out, nil
}

// ParseFault parses the -fault flag's form
//
//	PLATFORM:KIND[,path=P][,times=N][,delay=D][,status=S][,retry-after=S]
//
// e.g. "douyin:server-error,path=/poi/order/sync,times=2".
func ParseFault(s string) (PlatformFault, error) {
	plat, rest, ok := strings.Cut(s, ":")
	if !ok {
		return PlatformFault{}, fmt.Errorf("fault %q: want PLATFORM:KIND[,key=value...]", s)
	}
	p := Platform(plat)
	if p != Douyin && p != HotelSupply && p != Invoice {
		return PlatformFault{}, fmt.Errorf("fault %q: unknown platform %q (want douyin, hotelsupply or invoice)", s, plat)
	}
	parts := strings.Split(rest, ",")
	spec := FaultSpec{Kind: parts[0]}
	for _, kv := range parts[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return PlatformFault{}, fmt.Errorf("fault %q: %q is not key=value", s, kv)
		}
		var err error
		switch k {
		case "path":
			spec.Path = v
		case "times":
			spec.Times, err = strconv.Atoi(v)
		case "delay":
			spec.Delay = v
		case "status":
			spec.Status, err = strconv.Atoi(v)
		case "retry-after", "retry_after":
			spec.RetryAfter, err = strconv.Atoi(v)
		default:
			return PlatformFault{}, fmt.Errorf("fault %q: unknown key %q (want path, times, delay, status, retry-after)", s, k)
		}
		if err != nil {
			return PlatformFault{}, fmt.Errorf("fault %q: %s: not a number", s, k)
		}
	}
	f, err := spec.Fault()
	if err != nil {
		return PlatformFault{}, fmt.Errorf("fault %q: %v", s, err)
	}
	return PlatformFault{Platform: p, Fault: f}, nil
}

// faultState is what GET /_admin/faults answers.
type faultState struct {
	Pending  int            `json:"pending"`
	Injected map[string]int `json:"injected"`
}

func (sb *sandbox) faultState() faultState {
	st := faultState{Pending: sb.pending(), Injected: map[string]int{}}
	for name, k := range kinds {
		st.Injected[name] = sb.injected(k)
	}
	return st
}

// adminMux serves the admin API under AdminPrefix and the sandbox
// everywhere else.
func adminMux(sb *sandbox, all *Sandboxes) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, AdminPrefix) && r.URL.Path != strings.TrimSuffix(AdminPrefix, "/") {
			sb.handler.ServeHTTP(w, r)
			return
		}
		route := strings.Trim(strings.TrimPrefix(r.URL.Path, strings.TrimSuffix(AdminPrefix, "/")), "/")
		switch route {
		case "":
			if r.Method != http.MethodGet {
				writeError(w, http.StatusMethodNotAllowed, "use GET")
				return
			}
			var endpoints []string
			endpoints = append(endpoints, "GET "+AdminPrefix, "GET "+AdminPrefix+"faults", "POST "+AdminPrefix+"faults", "DELETE "+AdminPrefix+"faults")
			for k := range sb.routes {
				m, p, _ := strings.Cut(k, " ")
				endpoints = append(endpoints, m+" "+AdminPrefix+p)
			}
			sort.Strings(endpoints[4:])
			writeJSON(w, http.StatusOK, map[string]any{
				"platform": sb.platform, "info": all.Info(), "endpoints": endpoints, "fault_kinds": KindNames(),
			})
			return
		case "faults":
			switch r.Method {
			case http.MethodGet:
				writeJSON(w, http.StatusOK, sb.faultState())
			case http.MethodPost:
				body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
				if err != nil {
					writeError(w, http.StatusBadRequest, "cannot read the body")
					return
				}
				var specs []FaultSpec
				if t := strings.TrimSpace(string(body)); strings.HasPrefix(t, "[") {
					err = json.Unmarshal(body, &specs)
				} else {
					var one FaultSpec
					err = json.Unmarshal(body, &one)
					specs = []FaultSpec{one}
				}
				if err != nil {
					writeError(w, http.StatusBadRequest, `want a fault {"kind":"server-error","path":"...","times":1} or a list of them`)
					return
				}
				var fs []hotelsdktest.Fault
				for _, s := range specs {
					f, err := s.Fault()
					if err != nil {
						writeError(w, http.StatusBadRequest, err.Error())
						return
					}
					fs = append(fs, f)
				}
				for _, f := range fs {
					_ = sb.inject(f) // validated by s.Fault above
				}
				writeJSON(w, http.StatusOK, sb.faultState())
			case http.MethodDelete:
				sb.reset()
				writeJSON(w, http.StatusOK, sb.faultState())
			default:
				w.Header().Set("Allow", "GET, POST, DELETE")
				writeError(w, http.StatusMethodNotAllowed, "use GET, POST or DELETE")
			}
			return
		}
		if h, ok := sb.routes[r.Method+" "+route]; ok {
			h(w, r)
			return
		}
		for k := range sb.routes {
			if _, p, _ := strings.Cut(k, " "); p == route {
				writeError(w, http.StatusMethodNotAllowed, "method not allowed; see GET "+AdminPrefix)
				return
			}
		}
		writeError(w, http.StatusNotFound, "unknown admin endpoint; see GET "+AdminPrefix)
	})
}

func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "the body is not the expected JSON object")
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
