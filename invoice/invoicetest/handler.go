package invoicetest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/invoice"
)

// maxBody bounds a request body.
const maxBody = 1 << 20

// Messages of the documented answers.
const (
	msgStoreNotFound = "门店不存在"
	msgStoreMissing  = "storeId和storeNo不能都为空"
)

// answer is what the sandbox replies: an envelope with code, message, data.
type answer struct {
	status  int
	code    invoice.Code
	message string
	data    any // string or invoice.OrderList on success
	batchNo string
}

func fail(code invoice.Code, format string, args ...any) answer {
	return answer{status: http.StatusOK, code: code, message: fmt.Sprintf(format, args...)}
}

// serve handles every request that got past the fault injector.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != invoice.PathAddOrders && r.URL.Path != invoice.PathGetOrders {
		a := fail(invoice.CodeInvalidParams, "接口不存在")
		a.status = http.StatusNotFound
		write(w, a)
		return
	}
	if r.Method != http.MethodPost {
		a := fail(invoice.CodeInvalidParams, "请求方式错误,仅支持POST")
		a.status = http.StatusMethodNotAllowed
		w.Header().Set("Allow", http.MethodPost)
		write(w, a)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	now := s.cfg.now()
	rec := Received{Path: r.URL.Path, Body: body, At: now}
	var a answer
	switch {
	case err != nil:
		a = fail(invoice.CodeInvalidParams, "请求体读取失败")
	case len(body) > maxBody:
		a = fail(invoice.CodeInvalidParams, "请求体过大")
	default:
		a = s.handle(r.URL.Path, body, now, &rec)
	}
	rec.Code, rec.Message, rec.OrderBatchNo = a.code, a.message, a.batchNo
	s.mu.Lock()
	s.received = append(s.received, rec)
	s.mu.Unlock()
	write(w, a)
}

func (s *Server) handle(path string, body []byte, now time.Time, rec *Received) answer {
	if err := json.Unmarshal(body, &rec.Auth); err != nil {
		return fail(invoice.CodeInvalidParams, "请求体不是有效的JSON或参数类型错误")
	}
	if a, ok := s.checkAuth(rec.Auth, now); !ok {
		return a
	}
	if path == invoice.PathAddOrders {
		var req invoice.AddOrdersRequest
		if err := json.Unmarshal(body, &req); err != nil {
			return fail(invoice.CodeInvalidParams, "参数格式错误")
		}
		return s.addOrders(&req, now)
	}
	var req invoice.GetOrdersRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return fail(invoice.CodeInvalidParams, "参数格式错误")
	}
	return s.getOrders(&req)
}

// checkAuth verifies the authentication parameters: app, identity, nonce,
// timestamp window and signature.
func (s *Server) checkAuth(p invoice.AuthParams, now time.Time) (answer, bool) {
	switch {
	case p.AppID == "":
		return fail(invoice.CodeInvalidParams, "appId不能为空"), false
	case p.AppID != s.cfg.appID:
		return fail(invoice.CodeInvalidParams, "appId不存在"), false
	}
	ids := 0
	for _, v := range []string{p.UserID, p.UserNo} {
		if v != "" {
			ids++
		}
	}
	if p.AccessKey != "" || p.AccessSecret != "" {
		if p.AccessKey == "" || p.AccessSecret == "" {
			return fail(invoice.CodeInvalidParams, "accessKey和accessSecret须同时提供"), false
		}
		ids++
	}
	if ids != 1 {
		return fail(invoice.CodeInvalidParams, "userId、userNo、accessKey+accessSecret须且只能提供其一"), false
	}
	if p.NonceStr == "" {
		return fail(invoice.CodeInvalidParams, "nonceStr不能为空"), false
	}
	if !p.SignType.Valid() {
		return fail(invoice.CodeInvalidParams, "signType不支持"), false
	}
	ms, err := strconv.ParseInt(p.Timestamp, 10, 64)
	if err != nil {
		return fail(invoice.CodeInvalidParams, "timestamp格式错误,应为毫秒"), false
	}
	if d := now.Sub(time.UnixMilli(ms)); d > s.cfg.tolerance || d < -s.cfg.tolerance {
		return fail(invoice.CodeInvalidParams, "timestamp已过期"), false
	}
	if p.Sign == "" {
		return fail(invoice.CodeInvalidParams, "sign不能为空"), false
	}
	if !p.VerifySign(s.cfg.signedParams, s.cfg.appSecret) {
		return fail(invoice.CodeInvalidParams, "签名错误"), false
	}
	if !s.useNonce(p.NonceStr, now) {
		return fail(invoice.CodeInvalidParams, "nonceStr重复"), false
	}
	return answer{}, true
}

// useNonce records nonce and reports whether it was new. A nonce is
// remembered for twice the timestamp tolerance: after that a replay fails
// the timestamp check anyway.
func (s *Server) useNonce(nonce string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, seen := s.nonces[nonce]; seen {
		return false
	}
	if len(s.nonces) >= 4096 {
		for n, at := range s.nonces {
			if now.Sub(at) > 2*s.cfg.tolerance || at.Sub(now) > 2*s.cfg.tolerance {
				delete(s.nonces, n)
			}
		}
	}
	s.nonces[nonce] = now
	return true
}

// store finds the store a request names: exactly one of id and number.
func (s *Server) store(id int64, no string) (Store, answer, bool) {
	switch {
	case id == 0 && no == "":
		return Store{}, fail(invoice.CodeInvalidParams, msgStoreMissing), false
	case id != 0 && no != "":
		return Store{}, fail(invoice.CodeInvalidParams, "storeId和storeNo只能填写一个"), false
	}
	for _, st := range s.cfg.stores {
		if (id != 0 && st.ID == id) || (no != "" && st.No == no) {
			return st, answer{}, true
		}
	}
	return Store{}, fail(invoice.CodeStoreNotFound, msgStoreNotFound), false
}

func (s *Server) addOrders(req *invoice.AddOrdersRequest, now time.Time) answer {
	st, a, ok := s.store(req.StoreID, req.StoreNo)
	if !ok {
		return a
	}
	if len(req.OrderList) == 0 {
		return fail(invoice.CodeInvalidParams, "orderList不能为空")
	}
	if msg := checkOrders(req.OrderList); msg != "" {
		return fail(invoice.CodeInvalidParams, "%s", msg)
	}
	records := make([]invoice.OrderRecord, len(req.OrderList))
	for i, o := range req.OrderList {
		records[i] = s.record(o, now)
	}
	s.mu.Lock()
	no := fmt.Sprintf("SBX%s%06d", now.In(invoice.ChinaTime()).Format("20060102"), len(s.batches)+1)
	s.byNo[no] = len(s.batches)
	s.batches = append(s.batches, Batch{No: no, StoreID: st.ID, StoreNo: st.No, Orders: records})
	s.mu.Unlock()
	return answer{status: http.StatusOK, code: invoice.CodeOK, data: no, batchNo: no}
}

// checkOrders applies the documented rules; it returns the first problem.
func checkOrders(orders []invoice.Order) string {
	for i, o := range orders {
		p := fmt.Sprintf("orderList[%d]", i)
		switch {
		case strings.TrimSpace(o.ErpOrderNo) == "":
			return p + ".erpOrderNo不能为空"
		case !o.OrderPrice.IsSet():
			return p + ".orderPrice不能为空"
		case o.OrderPrice.Sign() < 0:
			return p + ".orderPrice不能为负数"
		case len(o.Items) == 0:
			return p + ".items不能为空"
		}
		sum := invoice.AmountFromFen(0)
		for j, it := range o.Items {
			ip := fmt.Sprintf("%s.items[%d]", p, j)
			switch {
			case strings.TrimSpace(it.Identifier) == "":
				return ip + ".identifier不能为空"
			case !it.TotalPrice.IsSet():
				return ip + ".totalPrice不能为空"
			case it.TotalPrice.Sign() < 0 || (it.UnitPrice.IsSet() && it.UnitPrice.Sign() < 0):
				return ip + "金额不能为负数"
			}
			if it.UnitPrice.IsSet() && it.Quantity.IsSet() {
				prod := it.UnitPrice.Mul(it.Quantity)
				if !it.TotalPrice.Equal(prod) && !it.TotalPrice.Equal(prod.Round(2)) {
					return ip + ".totalPrice须等于单价*数量"
				}
			}
			sum = sum.Add(it.TotalPrice)
		}
		if !o.OrderPrice.Equal(sum) {
			return p + ".orderPrice须等于商品总价之和"
		}
	}
	return ""
}

// record is an order as the platform stores it: the lines priced, with the
// catalogue's names and tax fields and no discount.
func (s *Server) record(o invoice.Order, now time.Time) invoice.OrderRecord {
	rec := invoice.OrderRecord{
		PartnerOrderNo: o.PartnerOrderNo, ErpOrderNo: o.ErpOrderNo, OrderPrice: o.OrderPrice,
		OrderTime: invoice.NewTime(now),
	}
	for _, it := range o.Items {
		p := s.cfg.products[it.Identifier]
		rec.OrderDetailDtos = append(rec.OrderDetailDtos, invoice.OrderDetail{
			Quantity: it.Quantity, UnitPrice: it.UnitPrice, TotalPrice: it.TotalPrice,
			DiscountPrice: invoice.AmountFromFen(0), FinalPrice: it.TotalPrice,
			TaxTypeNo: p.TaxTypeNo, TaxRate: p.TaxRate, Name: p.Name, Identifier: it.Identifier,
			ItemSpec: p.ItemSpec, Unit: p.Unit, Abbreviation: p.Abbreviation,
		})
	}
	return rec
}

// getOrders answers the batch's orders; an unknown batch, or one of another
// store (stores may share an empty id or number, so both are compared), is
// an empty list.
func (s *Server) getOrders(req *invoice.GetOrdersRequest) answer {
	st, a, ok := s.store(req.StoreID, req.StoreNo)
	if !ok {
		return a
	}
	if strings.TrimSpace(req.OrderBatchNo) == "" {
		return fail(invoice.CodeInvalidParams, "orderBatchNo不能为空")
	}
	orders := invoice.OrderList{}
	if b, found := s.Batch(req.OrderBatchNo); found && b.StoreID == st.ID && b.StoreNo == st.No {
		orders = b.Orders
	}
	return answer{status: http.StatusOK, code: invoice.CodeOK, data: orders, batchNo: req.OrderBatchNo}
}

// write sends a's envelope as the platform does: {"code":0,"data":…} or
// {"code":…,"message":…}.
func write(w http.ResponseWriter, a answer) {
	var body []byte
	var err error
	switch d := a.data.(type) {
	case string:
		body, err = json.Marshal(invoice.Response[string]{Code: a.code, Message: a.message, Data: d})
	case invoice.OrderList:
		body, err = json.Marshal(invoice.Response[invoice.OrderList]{Code: a.code, Message: a.message, Data: d})
	default:
		body, err = json.Marshal(invoice.Response[string]{Code: a.code, Message: a.message})
	}
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(a.status)
	_, _ = w.Write(body)
}
