package hotelsupplytest

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

type recordCtxKey struct{}

func contextWithRecord(r *http.Request, rec *Request) context.Context {
	return context.WithValue(r.Context(), recordCtxKey{}, rec)
}

// miniProgramType is the client type of the WeChat mini-program, which gets
// result 41009 instead of 请登录 with login_status.
const miniProgramType = "2"

var shopZone = hotelsupply.ShopTimeZone()

// serveShop is the shop itself, behind the fault injector.
func (s *Server) serveShop(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != APIPath {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	env := s.dispatch(w, r, q)
	if rec, ok := r.Context().Value(recordCtxKey{}).(*Request); ok {
		s.mu.Lock()
		rec.Served, rec.Result = true, env.Result
		s.mu.Unlock()
	}
	body, err := json.Marshal(env)
	if err != nil {
		http.Error(w, "marshal: "+err.Error(), http.StatusInternalServerError)
		return
	}
	// PHP labels its JSON as HTML; the status is 200 for errors too.
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func fail(msg string, data any) hotelsupply.Envelope {
	return hotelsupply.Envelope{Result: 0, Msg: msg, Data: data}
}

func ok(data any) hotelsupply.Envelope {
	return hotelsupply.Envelope{Result: 1, Msg: "成功", Data: data}
}

func loginStatus(n int64) hotelsupply.ErrorData {
	v := hotelsupply.Int(n)
	return hotelsupply.ErrorData{LoginStatus: &v}
}

func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, q url.Values) hotelsupply.Envelope {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return fail("站点已关闭", -1)
	}
	if q.Get("i") != strconv.FormatInt(s.cfg.uniacid, 10) {
		return fail("无此公众号", loginStatus(-2))
	}
	switch q.Get("route") {
	case hotelsupply.RouteLogin:
		return s.login(w, r)
	case hotelsupply.RouteGoodsBuy:
		return s.withSession(r, s.goodsBuy)
	case hotelsupply.RouteCreate:
		return s.withSession(r, s.create)
	}
	return fail("不存在的接口", nil)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) hotelsupply.Envelope {
	mobile, password := trimmed(r.Form, "mobile"), r.Form.Get("password")
	if mobile == "" || password == "" {
		return fail("请输入手机号和密码", nil)
	}
	var m *Member
	for i := range s.cfg.members {
		if s.cfg.members[i].Mobile == mobile {
			m = &s.cfg.members[i]
		}
	}
	switch {
	case m == nil:
		return fail("用户不存在", hotelsupply.ErrorData{Status: intPtr(7)})
	case m.Password != password:
		return fail("手机号或密码错误", hotelsupply.ErrorData{Status: intPtr(6)})
	case m.Blacklisted:
		return fail("黑名单用户", loginStatus(-1))
	}
	sid := sessionID(r)
	if sid == "" {
		sid = newSessionID()
	}
	s.mu.Lock()
	s.sessions[sid] = m.UID
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: sid, Path: "/", HttpOnly: true})
	return ok(map[string]any{"status": 1, "uid": hotelsupply.IntString(m.UID)})
}

func intPtr(n int64) *hotelsupply.Int {
	v := hotelsupply.Int(n)
	return &v
}

// withSession runs h for the logged-in member, or answers "please log in".
func (s *Server) withSession(r *http.Request, h func(*http.Request, int64) hotelsupply.Envelope) hotelsupply.Envelope {
	sid := sessionID(r)
	s.mu.Lock()
	uid, ok := s.sessions[sid]
	s.mu.Unlock()
	if sid == "" || !ok {
		if r.URL.Query().Get("type") == miniProgramType {
			return hotelsupply.Envelope{Result: 41009, Msg: "请登录", Data: ""}
		}
		return fail("请登录", map[string]any{"login_status": 1, "login_url": ""})
	}
	return h(r, uid)
}

// stay is the parsed stay of a goods-buy or create request.
type stay struct {
	hotel   Hotel
	room    RoomType
	nums    int
	nights  []hotelsupply.DatePrice
	coupons []int64
}

func (s *Server) parseStay(form url.Values) (stay, string) {
	var st stay
	hotelID, err1 := strconv.ParseInt(trimmed(form, "hotel_id"), 10, 64)
	sid, err2 := strconv.ParseInt(trimmed(form, "sid"), 10, 64)
	nums, err3 := strconv.Atoi(trimmed(form, "nums"))
	if err1 != nil || err2 != nil || err3 != nil || nums <= 0 {
		return st, "参数错误"
	}
	found := false
	for _, h := range s.cfg.hotels {
		if h.ID != hotelID {
			continue
		}
		for _, rt := range h.Rooms {
			if rt.ID == sid {
				st.hotel, st.room, found = h, rt, true
			}
		}
	}
	if !found {
		return st, "酒店或房型不存在"
	}
	if st.room.MaxRooms > 0 && nums > st.room.MaxRooms {
		return st, "库存不足"
	}
	st.nums = nums
	var prices hotelsupply.List[struct {
		Date  hotelsupply.String `json:"date"`
		Price hotelsupply.Money  `json:"price"`
	}]
	if err := json.Unmarshal([]byte(form.Get("date_price")), &prices); err != nil || len(prices) == 0 {
		return st, "价格组错误"
	}
	for i, p := range prices {
		d, ok := parseDay(string(p.Date))
		if !ok || p.Price.IsNegative() {
			return st, "价格组错误"
		}
		if i > 0 && d != st.nights[i-1].Date.AddDays(1) {
			return st, "日期不连续"
		}
		st.nights = append(st.nights, hotelsupply.DatePrice{Date: d, Price: p.Price})
	}
	if raw := form.Get("member_coupon_ids"); raw != "" {
		var ids hotelsupply.List[hotelsupply.Int]
		if err := json.Unmarshal([]byte(raw), &ids); err != nil {
			return st, "优惠券参数错误"
		}
		for _, id := range ids {
			st.coupons = append(st.coupons, int64(id))
		}
	}
	return st, ""
}

// parseDay reads a date_price date: dd/mm/yyyy (the wiki) or yyyy-mm-dd
// (the H5 front end).
func parseDay(s string) (hotelsupply.Date, bool) {
	for _, layout := range []string{"02/01/2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), shopZone); err == nil {
			return hotelsupply.DateOf(t), true
		}
	}
	return hotelsupply.Date{}, false
}

func (st stay) total() hotelsupply.Money {
	var sum hotelsupply.Money
	for _, n := range st.nights {
		sum = sum.Add(n.Price.Mul(int64(st.nums)))
	}
	return sum
}

// preID is md5 over the priced stay, like the real shop's md5 of the goods.
func (st stay) preID(uid int64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%d|%d|%d", uid, st.hotel.ID, st.room.ID, st.nums)
	for _, n := range st.nights {
		fmt.Fprintf(&b, "|%s=%s", n.Date, n.Price)
	}
	sum := md5.Sum([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

func (s *Server) goodsBuy(r *http.Request, uid int64) hotelsupply.Envelope {
	st, msg := s.parseStay(r.Form)
	if msg != "" {
		return fail(msg, nil)
	}
	total := st.total()
	id := st.preID(uid)
	s.mu.Lock()
	s.snSeq++
	sn := fmt.Sprintf("SN%s%02d", s.cfg.now().In(shopZone).Format("20060102150405"), s.snSeq%100)
	s.preOrders[id] = &preOrder{id: id, uid: uid, hotel: st.hotel, room: st.room, nums: st.nums,
		nights: st.nights, total: total, orderSN: sn}
	s.mu.Unlock()
	return ok(s.quote(st, uid, id, sn, total))
}

// quote builds the goods-buy data tree in the shape of the wiki's example.
func (s *Server) quote(st stay, uid int64, id, sn string, total hotelsupply.Money) *hotelsupply.GoodsBuyResult {
	zero := hotelsupply.Money{}
	uniacid := s.cfg.uniacid
	checkIn := st.nights[0].Date.Time()
	checkOut := st.nights[len(st.nights)-1].Date.AddDays(1).Time()
	shopName := st.hotel.Name
	if s.cfg.shopName != "" {
		shopName = s.cfg.shopName + "-" + st.hotel.Name
	}
	return &hotelsupply.GoodsBuyResult{
		AmountItems: hotelsupply.List[hotelsupply.AmountItem]{
			{Code: "total_goods_price", Name: "订单总金额", Amount: total},
			{Code: "total_dispatch_price", Name: "总运费", Amount: zero},
		},
		TotalPrice: total,
		Orders: hotelsupply.List[hotelsupply.PreOrder]{{
			PluginID: 48, IsVirtual: true, GoodsPrice: total, Price: total, OrderGoodsPrice: total,
			CostAmount: total, GoodsTotal: hotelsupply.Int(st.nums), OrderSN: hotelsupply.String(sn),
			ShopName: hotelsupply.String(shopName), NeedAddress: true, PreID: hotelsupply.String(id),
			HotelOrder: hotelsupply.HotelSupplyOrder{
				Uniacid: hotelsupply.IntString(uniacid), HuilianOID: hotelsupply.String(sn), Price: total,
				HotelID: hotelsupply.IntString(st.hotel.ID), Sid: hotelsupply.IntString(st.room.ID),
				Nums:    hotelsupply.IntString(st.nums),
				StartAt: hotelsupply.UnixTime{Time: checkIn}, EndAt: hotelsupply.UnixTime{Time: checkOut},
				Hotel: hotelsupply.Hotel{
					ID: hotelsupply.Int(st.hotel.ID), Uniacid: hotelsupply.Int(uniacid), HotelID: hotelsupply.Int(st.hotel.ID),
					Name: hotelsupply.String(st.hotel.Name), ShortName: hotelsupply.String(st.hotel.ShortName),
					Latitude: hotelsupply.String(st.hotel.Latitude), Longitude: hotelsupply.String(st.hotel.Longitude),
					Tel: hotelsupply.String(st.hotel.Tel), Province: hotelsupply.String(st.hotel.Province),
					City: hotelsupply.String(st.hotel.City), Area: hotelsupply.String(st.hotel.Area),
					Address: hotelsupply.String(st.hotel.Address), Level: 3, LevelName: hotelsupply.String(st.hotel.LevelName),
					Other: hotelsupply.CSV{"PARKING", "WIFI"}, OtherName: hotelsupply.CSV{"停车位", "WIFI"},
					CreatedAt: hotelsupply.DateTime{Time: time.Date(2020, 3, 11, 14, 49, 50, 0, shopZone)},
					Room: hotelsupply.Room{ID: hotelsupply.Int(st.room.ID), Name: hotelsupply.String(st.room.Name),
						Image1: hotelsupply.String(st.room.Image)},
				},
			},
			OrderGoods: hotelsupply.List[hotelsupply.OrderGoods]{{
				GoodsID: hotelsupply.Int(st.room.GoodsID), Total: hotelsupply.Int(st.nums), UID: hotelsupply.Int(uid),
				Uniacid: hotelsupply.Int(uniacid), Title: hotelsupply.String(st.room.Name), Thumb: hotelsupply.String(st.room.Image),
				GoodsPrice: total, Price: total, GoodsCostPrice: total, GoodsMarketPrice: total, NeedAddress: true,
				PaymentAmount: total, Buttons: hotelsupply.List[hotelsupply.Button]{{Name: "评价"}},
				Deductions: hotelsupply.Map[hotelsupply.Deduction]{"1": {Name: "积分", Code: "point", UID: hotelsupply.Int(uid)}},
			}},
		}},
		Dispatch: hotelsupply.Dispatch{DeliveryMethods: hotelsupply.List[hotelsupply.DeliveryMethod]{
			{DispatchTypeID: 1, Name: "快递"}, {DispatchTypeID: 8, Name: "上门自提"},
		}},
	}
}

type orderRef struct {
	PreID        hotelsupply.String                   `json:"pre_id"`
	DeductionIDs hotelsupply.List[hotelsupply.String] `json:"deduction_ids"`
	Note         hotelsupply.String                   `json:"note"`
}

func (s *Server) create(r *http.Request, uid int64) hotelsupply.Envelope {
	f := r.Form
	name, tel := trimmed(f, "user_name"), trimmed(f, "tel")
	if name == "" {
		return fail("请填写入住人姓名", nil)
	}
	if tel == "" {
		return fail("请填写联系电话", nil)
	}
	var refs hotelsupply.List[orderRef]
	if err := json.Unmarshal([]byte(f.Get("orders")), &refs); err != nil || len(refs) == 0 {
		return fail("订单参数错误", nil)
	}
	var coupons []int64
	if raw := f.Get("member_coupon_ids"); raw != "" {
		var ids hotelsupply.List[hotelsupply.Int]
		if err := json.Unmarshal([]byte(raw), &ids); err != nil {
			return fail("优惠券参数错误", nil)
		}
		for _, id := range ids {
			coupons = append(coupons, int64(id))
		}
	}
	inv, msg := parseInvoice(f)
	if msg != "" {
		return fail(msg, nil)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	pres := make([]*preOrder, len(refs))
	for i, ref := range refs {
		p, ok := s.preOrders[string(ref.PreID)]
		if !ok || p.uid != uid {
			return fail("预下单不存在或已失效", nil)
		}
		if h := trimmed(f, "hotel_id"); h != "" && h != strconv.FormatInt(p.hotel.ID, 10) {
			return fail("酒店与预下单不符", nil)
		}
		pres[i] = p
	}
	ids := make(hotelsupply.OrderIDs, len(refs))
	for i, ref := range refs {
		p := pres[i]
		codes := make([]string, len(ref.DeductionIDs))
		for j, c := range ref.DeductionIDs {
			codes[j] = string(c)
		}
		o := Order{
			ID: s.nextID, OrderSN: p.orderSN, PreID: p.id, MemberUID: uid, HotelID: p.hotel.ID,
			RoomTypeID: p.room.ID, Rooms: p.nums, Nights: p.nights, Total: p.total,
			GuestName: name, Phone: tel, Note: string(ref.Note), DeductionCodes: codes,
			MemberCouponIDs: coupons, Invoice: inv, CreatedAt: s.cfg.now(),
		}
		s.nextID++
		s.orders = append(s.orders, o)
		ids[i] = o.ID
	}
	// The pre-order stays valid, as on the real shop: creating again makes
	// another order (create is not idempotent).
	return ok(hotelsupply.CreateOrderData{OrderIDs: ids})
}

func parseInvoice(f url.Values) (*Invoice, string) {
	if _, ok := f["invoice_type"]; !ok {
		return nil, ""
	}
	t, err1 := strconv.Atoi(trimmed(f, "invoice_type"))
	rt, err2 := strconv.Atoi(trimmed(f, "rise_type"))
	if err1 != nil || err2 != nil {
		return nil, "发票参数错误"
	}
	var total hotelsupply.Money
	if err := total.UnmarshalText([]byte(f.Get("total_price"))); err != nil {
		return nil, "发票金额错误"
	}
	inv := &Invoice{Type: t, RiseType: rt, Title: trimmed(f, "call"), TaxID: trimmed(f, "ncompany_numberote"), TotalPrice: total}
	if inv.Title == "" {
		return nil, "请填写发票抬头"
	}
	return inv, ""
}
