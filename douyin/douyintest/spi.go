package douyintest

import (
	"context"
	"errors"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// SPIExchange is one SPI call the Server made to an integrator, as Douyin
// would, and what came back.
type SPIExchange struct {
	Operation douyin.SPIOperation
	// BaseURL is the integrator's base URL the call went to.
	BaseURL string
	// Request is the *douyin.CommitOrderRequest,
	// *douyin.PaymentStatusRequest or *douyin.CancelOrderRequest sent.
	Request any
	// Reply is the decoded *douyin.CommitOrderReply,
	// *douyin.PaymentStatusReply or *douyin.CancelOrderReply; nil when Err
	// is set.
	Reply any
	// Err is the call's error (*douyin.APIError for an error reply).
	Err error
}

// errCallerNotMade is returned by an SPICaller not made by Server.SPI.
var errCallerNotMade = errors.New("douyintest: SPICaller not initialised: create it with Server.SPI")

// SPICaller calls an integrator's SPI server exactly as Douyin does: a
// signed JSON POST (x-life-sign over the server's client secret, client_key
// and a fresh timestamp), through douyin.SPIClient. Every call and its
// reply are recorded on the Server (SPIExchanges).
type SPICaller struct {
	s *Server
	c *douyin.SPIClient
}

// SPI returns a caller for the integrator's SPI server at baseURL (the
// prefix the three SPI paths are appended to), signing with the Server's
// ClientKey and ClientSecret. The signed timestamp is the real time unless
// opts set a clock (douyin.WithSPIClientClock).
func (s *Server) SPI(baseURL string, opts ...douyin.SPIClientOption) (*SPICaller, error) {
	if !s.started() {
		return nil, errNotStarted
	}
	c, err := douyin.NewSPIClient(baseURL, s.ClientKey, s.ClientSecret, opts...)
	if err != nil {
		return nil, err
	}
	return &SPICaller{s: s, c: c}, nil
}

// CommitOrder sends a commit (下单) to the integrator and records it.
func (c *SPICaller) CommitOrder(ctx context.Context, req *douyin.CommitOrderRequest, opts ...douyin.CallOption) (*douyin.CommitOrderReply, error) {
	if c == nil || c.s == nil || c.c == nil {
		return nil, errCallerNotMade
	}
	reply, err := c.c.CommitOrder(ctx, req, opts...)
	c.s.recordSPI(douyin.SPICommitOrder, c.c.BaseURL(), req, reply, err)
	return reply, err
}

// NotifyPayment sends a payment-status notification (支付状态通知) and
// records it.
func (c *SPICaller) NotifyPayment(ctx context.Context, req *douyin.PaymentStatusRequest, opts ...douyin.CallOption) (*douyin.PaymentStatusReply, error) {
	if c == nil || c.s == nil || c.c == nil {
		return nil, errCallerNotMade
	}
	reply, err := c.c.NotifyPayment(ctx, req, opts...)
	c.s.recordSPI(douyin.SPINotifyPayment, c.c.BaseURL(), req, reply, err)
	return reply, err
}

// CancelOrder sends a cancellation (取消订单) and records it.
func (c *SPICaller) CancelOrder(ctx context.Context, req *douyin.CancelOrderRequest, opts ...douyin.CallOption) (*douyin.CancelOrderReply, error) {
	if c == nil || c.s == nil || c.c == nil {
		return nil, errCallerNotMade
	}
	reply, err := c.c.CancelOrder(ctx, req, opts...)
	c.s.recordSPI(douyin.SPICancelOrder, c.c.BaseURL(), req, reply, err)
	return reply, err
}

func (s *Server) recordSPI(op douyin.SPIOperation, baseURL string, req, reply any, err error) {
	ex := SPIExchange{Operation: op, BaseURL: baseURL, Request: req, Err: err}
	if err == nil {
		ex.Reply = reply
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.spi = append(s.spi, ex)
}

// SPIExchanges returns every SPI call made through the Server's callers,
// oldest first.
func (s *Server) SPIExchanges() []SPIExchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SPIExchange(nil), s.spi...)
}
