package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// LedgerStore is a ledger.Store on a SQL database: table hotelsdk_ledger of
// migrations/001_init.sql. Safe for concurrent use.
type LedgerStore struct {
	db *sql.DB
}

var _ ledger.Store = (*LedgerStore)(nil)

// NewLedgerStore returns a LedgerStore using db, whose schema must have been
// applied (Migrate).
func NewLedgerStore(db *sql.DB) (*LedgerStore, error) {
	if db == nil {
		return nil, errors.New("sqlstore: NewLedgerStore: nil *sql.DB")
	}
	return &LedgerStore{db: db}, nil
}

var errNilLedgerStore = errors.New("sqlstore: nil or zero *LedgerStore: use NewLedgerStore")

func (s *LedgerStore) ok() error {
	if s == nil || s.db == nil {
		return errNilLedgerStore
	}
	return nil
}

// after is "now plus $n milliseconds" in the database's clock.
func after(n int) string {
	return fmt.Sprintf("CURRENT_TIMESTAMP + CAST($%d AS DOUBLE PRECISION) * INTERVAL '1 millisecond'", n)
}

var (
	// Claims key when it is absent, released or past its retention.
	ledgerClaim = `INSERT INTO hotelsdk_ledger AS l (key, state, fence, body_hash, started_at, lease_until, expires_at)
VALUES ($1, 'p', 1, $2, CURRENT_TIMESTAMP, ` + after(3) + `, ` + after(4) + `)
ON CONFLICT (key) DO UPDATE SET state = 'p', fence = l.fence + 1, body_hash = EXCLUDED.body_hash,
    started_at = EXCLUDED.started_at, lease_until = EXCLUDED.lease_until, expires_at = EXCLUDED.expires_at,
    reply_status = NULL, reply_body = NULL
WHERE l.state = 'f' OR l.expires_at <= CURRENT_TIMESTAMP
RETURNING fence, started_at, lease_until`
	ledgerGet = `SELECT state, fence, body_hash, started_at, lease_until, reply_status, reply_body,
    CASE WHEN lease_until > CURRENT_TIMESTAMP THEN 1 ELSE 0 END,
    CASE WHEN expires_at > CURRENT_TIMESTAMP THEN 1 ELSE 0 END
FROM hotelsdk_ledger WHERE key = $1`
	// ledgerHeld is the condition "pending with fence $2, not past retention".
	ledgerHeld     = ` WHERE key = $1 AND state = 'p' AND fence = $2 AND expires_at > CURRENT_TIMESTAMP`
	ledgerRenew    = `UPDATE hotelsdk_ledger SET lease_until = ` + after(3) + ledgerHeld
	ledgerComplete = `UPDATE hotelsdk_ledger SET state = 'd', reply_status = $3, reply_body = $4, expires_at = ` + after(5) + ledgerHeld
	ledgerRelease  = `UPDATE hotelsdk_ledger SET state = 'f'` + ledgerHeld
	ledgerTakeOver = `UPDATE hotelsdk_ledger SET fence = fence + 1, lease_until = ` + after(3) + ledgerHeld +
		` AND lease_until <= CURRENT_TIMESTAMP RETURNING fence`
	ledgerPurge = `DELETE FROM hotelsdk_ledger WHERE expires_at <= CURRENT_TIMESTAMP`
)

// Begin implements ledger.Store.
func (s *LedgerStore) Begin(ctx context.Context, key string, bodyHash []byte, lease, retention time.Duration) (ledger.Record, bool, error) {
	if err := s.ok(); err != nil {
		return ledger.Record{}, false, err
	}
	for attempt := 0; attempt < 5; attempt++ {
		rec := ledger.Record{State: ledger.StatePending, BodyHash: bodyHash}
		err := s.db.QueryRowContext(ctx, ledgerClaim, key, bodyHash, lease.Milliseconds(), retention.Milliseconds()).
			Scan(&rec.Fence, &rec.StartedAt, &rec.LeaseUntil)
		if err == nil {
			return rec, true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return ledger.Record{}, false, err
		}
		var (
			state       string
			status      sql.NullInt64
			body        []byte
			live, alive int
		)
		err = s.db.QueryRowContext(ctx, ledgerGet, key).Scan(&state, &rec.Fence, &rec.BodyHash, &rec.StartedAt,
			&rec.LeaseUntil, &status, &body, &live, &alive)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (alive == 0 || state == "f")) {
			continue // purged, released or expired meanwhile: claim again
		}
		if err != nil {
			return ledger.Record{}, false, err
		}
		switch {
		case state == "d":
			rec.State = ledger.StateDone
			rec.Reply = ledger.Reply{Status: int(status.Int64), Body: body}
		case state != "p":
			return ledger.Record{}, false, fmt.Errorf("sqlstore: hotelsdk_ledger: unknown state %q", state)
		case live == 0:
			rec.State = ledger.StateAbandoned
		}
		return rec, false, nil
	}
	return ledger.Record{}, false, errors.New("sqlstore: Begin: the key kept changing under five attempts")
}

// held runs a fenced UPDATE: no row changed means the claim is not current.
func (s *LedgerStore) held(ctx context.Context, query string, args ...any) error {
	if err := s.ok(); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ledger.ErrLeaseLost
	}
	return nil
}

// Renew implements ledger.Store.
func (s *LedgerStore) Renew(ctx context.Context, key string, fence int64, lease time.Duration) error {
	return s.held(ctx, ledgerRenew, key, fence, lease.Milliseconds())
}

// Complete implements ledger.Store.
func (s *LedgerStore) Complete(ctx context.Context, key string, fence int64, reply ledger.Reply, retention time.Duration) error {
	body := reply.Body
	if body == nil {
		body = []byte{}
	}
	return s.held(ctx, ledgerComplete, key, fence, reply.Status, body, retention.Milliseconds())
}

// Release implements ledger.Store.
func (s *LedgerStore) Release(ctx context.Context, key string, fence int64) error {
	return s.held(ctx, ledgerRelease, key, fence)
}

// TakeOver implements ledger.Store.
func (s *LedgerStore) TakeOver(ctx context.Context, key string, fence int64, lease time.Duration) (int64, error) {
	if err := s.ok(); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.QueryRowContext(ctx, ledgerTakeOver, key, fence, lease.Milliseconds()).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ledger.ErrLeaseLost
	}
	return n, err
}

// Purge deletes the records past their retention and returns how many. They
// already count as absent; Purge only frees the space.
func (s *LedgerStore) Purge(ctx context.Context) (int64, error) {
	if err := s.ok(); err != nil {
		return 0, err
	}
	res, err := s.db.ExecContext(ctx, ledgerPurge)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
