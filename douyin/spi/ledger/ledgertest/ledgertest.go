// Package ledgertest checks a ledger.Store implementation against the
// contract of ledger.Store: atomic claims, fencing, lease expiry into the
// abandoned state, byte-exact replies and retention. The in-memory store,
// contrib/redisstore and contrib/sqlstore run it; run it on your own Store.
package ledgertest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// TestStore runs the contract tests against the Store newStore returns. The
// keys it uses carry a random prefix, so a shared server may hold other data.
// It sleeps past short leases (hundreds of milliseconds) and one retention
// (a little over a second).
func TestStore(t *testing.T, newStore func(t *testing.T) ledger.Store) {
	t.Helper()
	ctx := context.Background()
	hash := func(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }
	prefix := randomPrefix()
	key := func(t *testing.T) string { return "ledgertest:" + prefix + ":" + t.Name() }
	const long = time.Minute
	const keep = time.Hour

	t.Run("ClaimReplay", func(t *testing.T) {
		s, k := newStore(t), key(t)
		rec, claimed, err := s.Begin(ctx, k, hash("a"), long, keep)
		if err != nil || !claimed || rec.State != ledger.StatePending || rec.Fence <= 0 || !bytes.Equal(rec.BodyHash, hash("a")) {
			t.Fatalf("first Begin = %+v, %v, %v; want a pending claim with a positive fence and the hash", rec, claimed, err)
		}
		again, claimed, err := s.Begin(ctx, k, hash("b"), long, keep)
		if err != nil || claimed || again.State != ledger.StatePending || again.Fence != rec.Fence || !bytes.Equal(again.BodyHash, hash("a")) {
			t.Fatalf("second Begin = %+v, %v, %v; want the first claim, unclaimed", again, claimed, err)
		}
		if err := s.Complete(ctx, k, rec.Fence+1, ledger.Reply{Status: 200, Body: []byte("x")}, keep); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Complete with a wrong fence = %v, want ErrLeaseLost", err)
		}
		body := []byte("{\"data\":{}}\x00\xff\n ")
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 409, Body: body}, keep); err != nil {
			t.Fatalf("Complete = %v", err)
		}
		done, claimed, err := s.Begin(ctx, k, hash("a"), long, keep)
		if err != nil || claimed || done.State != ledger.StateDone || done.Reply.Status != 409 || !bytes.Equal(done.Reply.Body, body) {
			t.Fatalf("Begin after Complete = %+v, %v, %v; want the reply byte for byte", done, claimed, err)
		}
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 200, Body: []byte("other")}, keep); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("second Complete = %v, want ErrLeaseLost", err)
		}
		if err := s.Release(ctx, k, rec.Fence); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Release of a done key = %v, want ErrLeaseLost", err)
		}
		if _, err := s.TakeOver(ctx, k, rec.Fence, long); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("TakeOver of a done key = %v, want ErrLeaseLost", err)
		}
	})

	t.Run("EmptyReply", func(t *testing.T) {
		s, k := newStore(t), key(t)
		rec, _, err := s.Begin(ctx, k, hash(""), long, keep)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 204}, keep); err != nil {
			t.Fatal(err)
		}
		done, _, err := s.Begin(ctx, k, hash(""), long, keep)
		if err != nil || done.State != ledger.StateDone || done.Reply.Status != 204 || len(done.Reply.Body) != 0 {
			t.Fatalf("Begin = %+v, %v; want an empty 204 reply", done, err)
		}
	})

	t.Run("ReleaseClaimsAgainWithLargerFence", func(t *testing.T) {
		s, k := newStore(t), key(t)
		rec, _, err := s.Begin(ctx, k, hash("a"), long, keep)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Release(ctx, k, rec.Fence+1); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Release with a wrong fence = %v, want ErrLeaseLost", err)
		}
		if err := s.Release(ctx, k, rec.Fence); err != nil {
			t.Fatalf("Release = %v", err)
		}
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 200}, keep); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Complete after Release = %v, want ErrLeaseLost", err)
		}
		next, claimed, err := s.Begin(ctx, k, hash("b"), long, keep)
		if err != nil || !claimed || next.Fence <= rec.Fence || !bytes.Equal(next.BodyHash, hash("b")) {
			t.Fatalf("Begin after Release = %+v, %v, %v; want a new claim with a larger fence", next, claimed, err)
		}
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 200}, keep); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Complete with the released fence = %v, want ErrLeaseLost", err)
		}
	})

	t.Run("LeaseRunsOutIntoAbandoned", func(t *testing.T) {
		s, k := newStore(t), key(t)
		lease := 150 * time.Millisecond
		rec, _, err := s.Begin(ctx, k, hash("a"), lease, keep)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.TakeOver(ctx, k, rec.Fence, long); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("TakeOver of a live lease = %v, want ErrLeaseLost", err)
		}
		time.Sleep(lease + 150*time.Millisecond)
		ab, claimed, err := s.Begin(ctx, k, hash("a"), long, keep)
		if err != nil || claimed || ab.State != ledger.StateAbandoned || ab.Fence != rec.Fence {
			t.Fatalf("Begin after the lease = %+v, %v, %v; want abandoned, unclaimed", ab, claimed, err)
		}
		if !ab.LeaseUntil.IsZero() && !ab.StartedAt.IsZero() && !ab.LeaseUntil.After(ab.StartedAt) {
			t.Errorf("LeaseUntil %v not after StartedAt %v", ab.LeaseUntil, ab.StartedAt)
		}
		if _, err := s.TakeOver(ctx, k, rec.Fence+1, long); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("TakeOver with a wrong fence = %v, want ErrLeaseLost", err)
		}
		nf, err := s.TakeOver(ctx, k, rec.Fence, long)
		if err != nil || nf <= rec.Fence {
			t.Fatalf("TakeOver = %d, %v; want a larger fence", nf, err)
		}
		if _, err := s.TakeOver(ctx, k, rec.Fence, long); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("second TakeOver = %v, want ErrLeaseLost", err)
		}
		pend, _, err := s.Begin(ctx, k, hash("a"), long, keep)
		if err != nil || pend.State != ledger.StatePending || pend.Fence != nf {
			t.Fatalf("Begin after TakeOver = %+v, %v; want pending with the new fence", pend, err)
		}
		// The slow first holder comes back: it must not overwrite.
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 200, Body: []byte("old")}, keep); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Complete by the old holder = %v, want ErrLeaseLost", err)
		}
		if err := s.Renew(ctx, k, rec.Fence, long); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Renew by the old holder = %v, want ErrLeaseLost", err)
		}
		if err := s.Complete(ctx, k, nf, ledger.Reply{Status: 200, Body: []byte("new")}, keep); err != nil {
			t.Fatal(err)
		}
		done, _, _ := s.Begin(ctx, k, hash("a"), long, keep)
		if string(done.Reply.Body) != "new" {
			t.Fatalf("reply = %q, want the new holder's", done.Reply.Body)
		}
	})

	t.Run("CompleteAfterLeaseRanOutUntakenSucceeds", func(t *testing.T) {
		s, k := newStore(t), key(t)
		rec, _, err := s.Begin(ctx, k, hash("a"), 50*time.Millisecond, keep)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 200, Body: []byte("late")}, keep); err != nil {
			t.Fatalf("Complete = %v; a late holder nobody took over from records its reply", err)
		}
	})

	t.Run("RenewKeepsAliveAndZeroAbandons", func(t *testing.T) {
		s, k := newStore(t), key(t)
		lease := 600 * time.Millisecond // renewed every 200ms: a loaded machine has margin
		rec, _, err := s.Begin(ctx, k, hash("a"), lease, keep)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 4; i++ {
			time.Sleep(lease / 3)
			if err := s.Renew(ctx, k, rec.Fence, lease); err != nil {
				t.Fatalf("Renew = %v", err)
			}
		}
		if got, _, err := s.Begin(ctx, k, hash("a"), lease, keep); err != nil || got.State != ledger.StatePending {
			t.Fatalf("Begin of a renewed key = %+v, %v; want pending", got, err)
		}
		if err := s.Renew(ctx, k, rec.Fence+1, lease); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Renew with a wrong fence = %v, want ErrLeaseLost", err)
		}
		if err := s.Renew(ctx, k, rec.Fence, 0); err != nil {
			t.Fatalf("Renew(0) = %v", err)
		}
		if got, _, err := s.Begin(ctx, k, hash("a"), lease, keep); err != nil || got.State != ledger.StateAbandoned {
			t.Fatalf("Begin after Renew(0) = %+v, %v; want abandoned", got, err)
		}
		if err := s.Renew(ctx, k+":absent", 1, lease); !errors.Is(err, ledger.ErrLeaseLost) {
			t.Fatalf("Renew of an absent key = %v, want ErrLeaseLost", err)
		}
	})

	t.Run("ConcurrentBeginClaimsOnce", func(t *testing.T) {
		s, k := newStore(t), key(t)
		var wg sync.WaitGroup
		var mu sync.Mutex
		claims, fences := 0, map[int64]bool{}
		for i := 0; i < 32; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec, claimed, err := s.Begin(ctx, k, hash("a"), long, keep)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				fences[rec.Fence] = true
				if claimed {
					claims++
				}
			}()
		}
		wg.Wait()
		if claims != 1 || len(fences) != 1 {
			t.Fatalf("%d claims, fences %v; want exactly one claim seen by all", claims, fences)
		}
	})

	t.Run("RetentionExpires", func(t *testing.T) {
		s, k := newStore(t), key(t)
		rec, _, err := s.Begin(ctx, k, hash("a"), long, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Complete(ctx, k, rec.Fence, ledger.Reply{Status: 200, Body: []byte("x")}, time.Second); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1300 * time.Millisecond)
		again, claimed, err := s.Begin(ctx, k, hash("b"), long, keep)
		if err != nil || !claimed || again.State != ledger.StatePending {
			t.Fatalf("Begin after the retention = %+v, %v, %v; want a new claim", again, claimed, err)
		}
	})

	t.Run("KeysAreIndependent", func(t *testing.T) {
		s, k := newStore(t), key(t)
		for _, sub := range []string{"a", "b", "a:b", "测试"} {
			if _, claimed, err := s.Begin(ctx, k+":"+sub, hash("a"), long, keep); err != nil || !claimed {
				t.Fatalf("Begin(%q) = %v, %v; want a claim", sub, claimed, err)
			}
		}
	})
}

func randomPrefix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
