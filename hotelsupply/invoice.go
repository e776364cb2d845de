package hotelsupply

import (
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// An invoice can be asked for with an order (create's invoice_type,
// rise_type, call, ncompany_numberote and total_price parameters).

// InvoiceType is the kind of invoice requested (invoice_type).
type InvoiceType int

const (
	// InvoiceElectronic is an electronic invoice (0, 电子发票).
	InvoiceElectronic InvoiceType = 0
	// InvoicePaper is a paper invoice (1, 纸质发票).
	InvoicePaper InvoiceType = 1
)

// RiseType is the kind of invoice title (rise_type). Sources disagree: the
// wiki documents 0 = company and 1 = personal, the shop's H5 front end sends
// 1 = personal and 2 = company. 1 means personal in both.
type RiseType int

const (
	// RiseCompany is a company title as the wiki documents it (0, 单位).
	RiseCompany RiseType = 0
	// RisePersonal is a personal title (1, 个人) in both conventions.
	RisePersonal RiseType = 1
	// RiseCompanyFrontEnd is a company title as the H5 front end sends it (2).
	RiseCompanyFrontEnd RiseType = 2
)

// isCompany reports whether the title type needs a tax id.
func (r RiseType) isCompany() bool { return r == RiseCompany || r == RiseCompanyFrontEnd }

// Invoice asks for an invoice with the order.
type Invoice struct {
	// Type is electronic or paper (invoice_type).
	Type InvoiceType
	// TitleType is company or personal (rise_type).
	TitleType RiseType
	// Title is the invoice title, a company or person name (call).
	Title string
	// TaxID is the company's taxpayer id (单位识别号), required for a
	// company title. It is sent under the server's misspelled key
	// ncompany_numberote.
	TaxID string
	// TotalPrice is the invoiced total (total_price). Book fills it from the
	// quote when it is zero.
	TotalPrice Money
}

// validateInvoice checks the invoice fields; totalFromQuote allows a zero
// total that Book fills from the quote.
func validateInvoice(v *transport.Validator, inv *Invoice, totalFromQuote bool) {
	v.Check(inv.Type == InvoiceElectronic || inv.Type == InvoicePaper, "invoice_type", "must be 0 (electronic) or 1 (paper)")
	switch inv.TitleType {
	case RiseCompany, RisePersonal, RiseCompanyFrontEnd:
	default:
		v.Add("rise_type", "must be 0 or 2 (company) or 1 (personal)")
	}
	v.Check(strings.TrimSpace(inv.Title) != "", "call", "is required (the invoice title)")
	if inv.TitleType.isCompany() {
		v.Check(strings.TrimSpace(inv.TaxID) != "", "ncompany_numberote", "is required for a company title (the tax id)")
	}
	if inv.TotalPrice.IsZero() && !totalFromQuote {
		v.Add("total_price", "is required with an invoice")
	}
	checkAmount(v, "total_price", inv.TotalPrice)
}
