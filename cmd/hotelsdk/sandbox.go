package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/sandboxserver"
)

// faultFlags collects repeated -fault flags.
type faultFlags []sandboxserver.PlatformFault

func (f *faultFlags) String() string { return fmt.Sprint(len(*f), " fault(s)") }

func (f *faultFlags) Set(s string) error {
	pf, err := sandboxserver.ParseFault(s)
	if err != nil {
		return err
	}
	*f = append(*f, pf)
	return nil
}

// addrFlags registers the three address flags.
func addrFlags(fs *flag.FlagSet) (douyin, shop, invoice *string) {
	douyin = fs.String("douyin-addr", sandboxserver.DefaultDouyinAddr, "listen address of the Douyin sandbox (port 0: a free port; \"off\": not started)")
	shop = fs.String("shop-addr", sandboxserver.DefaultHotelSupplyAddr, "listen address of the hotel-supply shop sandbox (port 0: a free port; \"off\": not started)")
	invoice = fs.String("invoice-addr", sandboxserver.DefaultInvoiceAddr, "listen address of the invoice sandbox (port 0: a free port; \"off\": not started)")
	return
}

func addrMap(douyin, shop, invoice string) (map[sandboxserver.Platform]string, error) {
	m := map[sandboxserver.Platform]string{}
	for p, a := range map[sandboxserver.Platform]string{sandboxserver.Douyin: douyin, sandboxserver.HotelSupply: shop, sandboxserver.Invoice: invoice} {
		if a == "off" {
			continue
		}
		if _, _, err := net.SplitHostPort(a); err != nil {
			return nil, fmt.Errorf("%s address %q: want host:port", p, a)
		}
		m[p] = a
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("every sandbox is off")
	}
	return m, nil
}

const sandboxDescription = `
Run the Douyin Open Platform, hotel-supply shop and invoice sandboxes in one
process on fixed addresses (loopback by default), for curl, Postman and any
language. Prints their base URLs and test credentials, and the environment
that points the quickstart and this command at them.

Each sandbox also serves an admin API under /_admin/ (GET /_admin/ lists it):
  GET    /_admin/faults   pending and injected faults
  POST   /_admin/faults   queue a fault, e.g.
           curl -X POST http://127.0.0.1:8081/_admin/faults \
             -d '{"kind":"server-error","path":"/poi/order/sync","times":2}'
  DELETE /_admin/faults   drop queued faults
  douyin:      POST tokens/expire, POST tokens/revoke, POST fail-next, GET syncs, GET status-updates
  hotelsupply: POST sessions/expire, PUT closed, GET orders
  invoice:     GET batches
Fault kinds: latency (with delay), server-error (status, retry_after),
drop-after-request (served, then the connection is cut: the outcome is
unknown to the client), drop-before-request, non-json. A fault applies to
the next "times" requests whose path (the shop: route) ends with "path".

The admin API has no authentication: keep the sandboxes on loopback.
SIGINT or SIGTERM shuts down gracefully (requests in flight finish).`

func (a *app) sandbox(args []string) int {
	const cmd = "sandbox"
	fs, jsonOut := a.newFlags(cmd)
	dAddr, sAddr, iAddr := addrFlags(fs)
	var fl faultFlags
	fs.Var(&fl, "fault", "inject a fault at start, repeatable: PLATFORM:KIND[,path=P][,times=N][,delay=D][,status=S][,retry-after=S], e.g. douyin:server-error,path=/poi/order/sync")
	quiet := fs.Bool("quiet", false, "no access log on standard error")
	grace := fs.Duration("shutdown-timeout", 10*time.Second, "how long a shutdown waits for requests in flight")
	if code, done := a.parse(fs, args, "sandbox [-douyin-addr A] [-shop-addr A] [-invoice-addr A] [-fault SPEC]... [-json]", sandboxDescription); done {
		return code
	}
	if fs.NArg() > 0 {
		return a.usageError(cmd, "unexpected arguments %q", fs.Args())
	}
	addrs, err := addrMap(*dAddr, *sAddr, *iAddr)
	if err != nil {
		return a.usageError(cmd, "%v", err)
	}
	cfg := sandboxserver.Config{Addrs: addrs, Faults: fl}
	if !*quiet {
		cfg.AccessLog = a.stderr
	}
	sb, err := sandboxserver.Start(cfg)
	if err != nil {
		return a.fail(cmd, err)
	}
	info := sb.Info()
	if *jsonOut {
		if c := a.writeJSON(map[string]any{"sandboxes": info, "env": info.Env()}); c != exitOK {
			_ = sb.Close()
			return c
		}
	} else {
		printSandboxInfo(a.stdout, info, len(fl))
	}
	for p, addr := range addrs {
		if host, _, _ := net.SplitHostPort(addr); !isLoopbackHost(host) {
			fmt.Fprintf(a.stderr, "hotelsdk sandbox: warning: %s listens on %s, beyond loopback: its admin API has no authentication\n", p, addr)
		}
	}
	if a.sandboxReady != nil {
		a.sandboxReady(info)
	}
	<-a.ctx.Done()
	fmt.Fprintln(a.stderr, "hotelsdk sandbox: shutting down")
	ctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := sb.Shutdown(ctx); err != nil {
		return a.fail(cmd, err)
	}
	return exitOK
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func printSandboxInfo(w io.Writer, info sandboxserver.Info, faults int) {
	fmt.Fprintln(w, "hotelsdk sandbox: serving (Ctrl-C to stop)")
	if d := info.Douyin; d != nil {
		fmt.Fprintf(w, "\ndouyin       %s\n  client key     %s\n  client secret  %s\n  admin          %s\n",
			d.URL, d.ClientKey, d.ClientSecret, d.AdminURL)
	}
	if h := info.HotelSupply; h != nil {
		fmt.Fprintf(w, "\nhotel supply %s\n  uniacid %d, member %s / %s, hotel %d, room type %d\n  admin          %s\n",
			h.URL, h.Uniacid, h.Mobile, h.Password, h.HotelID, h.RoomTypeID, h.AdminURL)
	}
	if i := info.Invoice; i != nil {
		fmt.Fprintf(w, "\ninvoice      %s\n  appId %s, app secret %s, userNo %s, store %d (%s)\n  admin          %s\n",
			i.URL, i.AppID, i.AppSecret, i.UserNo, i.StoreID, i.StoreNo, i.AdminURL)
	}
	if faults > 0 {
		fmt.Fprintf(w, "\n%d fault(s) queued from -fault\n", faults)
	}
	fmt.Fprintf(w, "\nenvironment for clients (or: eval \"$(hotelsdk sandbox env)\"):\n%s", info.ShellExports())
}

func (a *app) sandboxEnv(args []string) int {
	const cmd = "sandbox env"
	fs, jsonOut := a.newFlags(cmd)
	dAddr, sAddr, iAddr := addrFlags(fs)
	if code, done := a.parse(fs, args, "sandbox env [-douyin-addr A] [-shop-addr A] [-invoice-addr A] [-json]", `
Print the environment that points the quickstart example (DOUYIN_*,
HOTELSUPPLY_*, INVOICE_*) and this command (HOTELSDK_*) at a running
"hotelsdk sandbox" with the same address flags, as shell export lines:

  eval "$(hotelsdk sandbox env)"

It starts nothing. The values are the sandboxes' public test credentials.`); done {
		return code
	}
	if fs.NArg() > 0 {
		return a.usageError(cmd, "unexpected arguments %q", fs.Args())
	}
	addrs, err := addrMap(*dAddr, *sAddr, *iAddr)
	if err != nil {
		return a.usageError(cmd, "%v", err)
	}
	info, err := sandboxserver.Describe(addrs)
	if err != nil {
		return a.usageError(cmd, "%v", err)
	}
	if *jsonOut {
		return a.writeJSON(info.Env())
	}
	fmt.Fprint(a.stdout, info.ShellExports())
	return exitOK
}
