package hotelsupply

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPHPEmptyArrayIsAnEmptyObjectInRawObject (issue 10 §9): PHP sends an
// empty object as []. Where the SDK keeps an object raw (goods_option,
// has_one_dispatch_type, the elements of order_coupons…), [] must decode as
// an empty object, like {} and null, not as a list a struct cannot take.
func TestPHPEmptyArrayIsAnEmptyObjectInRawObject(t *testing.T) {
	t.Parallel()
	type option struct {
		ID    Int    `json:"id"`
		Title String `json:"title"`
	}
	body := string(wikiBody(t))
	for _, e := range [][2]string{
		{`"goods_option": null,`, `"goods_option": [],`},
		{`"has_one_dispatch_type": null,`, `"has_one_dispatch_type": [ ],`},
		{`"order_coupons": [ ],`, `"order_coupons": [[], {"id": 3}],`},
	} {
		require.Equal(t, 1, strings.Count(body, e[0]), e[0])
		body = strings.Replace(body, e[0], e[1], 1)
	}
	check := func(t *testing.T, raw RawObject) {
		t.Helper()
		var o option
		require.NoError(t, raw.Decode(&o), "RawObject(%s).Decode", raw)
		assert.Equal(t, option{}, o)
		require.NoError(t, json.Unmarshal(raw, &o), "the bytes themselves are an object")
		var m map[string]any
		require.NoError(t, raw.Decode(&m))
		assert.Empty(t, m)
	}
	for name, decode := range map[string]func() (*GoodsBuyResult, error){
		"client path": func() (*GoodsBuyResult, error) { return decodeGoodsBuyResponse([]byte(body)) },
		"encoding/json": func() (*GoodsBuyResult, error) {
			var env struct {
				Data GoodsBuyResult `json:"data"`
			}
			err := json.Unmarshal([]byte(body), &env)
			return &env.Data, err
		},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := decode()
			require.NoError(t, err)
			o := res.Orders[0]
			require.NotNil(t, o.OrderGoods[0].GoodsOption)
			check(t, *o.OrderGoods[0].GoodsOption)
			require.NotNil(t, o.DispatchType)
			check(t, *o.DispatchType)
			require.Len(t, o.OrderCoupons, 2)
			check(t, o.OrderCoupons[0])
			var c option
			require.NoError(t, o.OrderCoupons[1].Decode(&c))
			assert.Equal(t, Int(3), c.ID)
		})
	}
	var r RawObject
	require.NoError(t, r.UnmarshalJSON([]byte(" [ ] ")))
	check(t, r)
	assert.Equal(t, "{}", string(r))
	require.NoError(t, r.UnmarshalJSON([]byte(`[1]`)))
	assert.Equal(t, "[1]", string(r), "a list that is not empty is kept as it is")
}

// TestObjectTypesUnmarshalThroughDecodeObject: the engine decodes a struct
// of this package that has an UnmarshalJSON by reading its fields in place,
// without calling the method (see isPHPObject). That is only right while
// every such method is exactly `type plain T; return decodeObject(b,
// (*plain)(t))`, or the type reads itself (decodePHP). This holds every
// file of the package to it.
func TestObjectTypesUnmarshalThroughDecodeObject(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", nil, 0)
	require.NoError(t, err)
	structs := map[string]bool{}
	selfDecoding := map[string]bool{}
	var methods []*ast.FuncDecl
	for name, pkg := range pkgs {
		if name != "hotelsupply" {
			continue
		}
		for _, f := range pkg.Files {
			for _, decl := range f.Decls {
				switch decl := decl.(type) {
				case *ast.GenDecl:
					for _, spec := range decl.Specs {
						if ts, ok := spec.(*ast.TypeSpec); ok {
							if _, ok := ts.Type.(*ast.StructType); ok {
								structs[ts.Name.Name] = true
							}
						}
					}
				case *ast.FuncDecl:
					if decl.Recv == nil {
						continue
					}
					switch decl.Name.Name {
					case "decodePHP":
						selfDecoding[recvType(decl)] = true
					case "UnmarshalJSON":
						methods = append(methods, decl)
					}
				}
			}
		}
	}
	require.NotEmpty(t, methods)
	checked := 0
	for _, m := range methods {
		typ := recvType(m)
		if !structs[typ] || selfDecoding[typ] {
			continue
		}
		checked++
		assert.True(t, isDecodeObjectBody(m, typ), "%s: (*%s).UnmarshalJSON must be exactly "+
			"`type plain %s; return decodeObject(b, (*plain)(x))`, or %s must read itself with a decodePHP method "+
			"(the engine decodes its fields without calling UnmarshalJSON)", fset.Position(m.Pos()), typ, typ, typ)
	}
	assert.GreaterOrEqual(t, checked, 10, "the goods-buy types are checked")
	// And the engine agrees on which types those are.
	for _, v := range []any{GoodsBuyResult{}, PreOrder{}, Hotel{}, MemberAddress{}} {
		assert.True(t, isPHPObject(reflect.TypeOf(v)), "%T", v)
	}
	for _, v := range []any{Money{}, UnixTime{}, DateTime{}, wireEnvelope{}} {
		assert.False(t, isPHPObject(reflect.TypeOf(v)) && !reflect.PointerTo(reflect.TypeOf(v)).Implements(phpValueType), "%T", v)
	}
}

func recvType(f *ast.FuncDecl) string {
	x := f.Recv.List[0].Type
	if s, ok := x.(*ast.StarExpr); ok {
		x = s.X
	}
	if ix, ok := x.(*ast.IndexExpr); ok {
		x = ix.X
	}
	if id, ok := x.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// isDecodeObjectBody matches `type P T; return decodeObject(b, (*P)(r))`.
func isDecodeObjectBody(f *ast.FuncDecl, typ string) bool {
	if f.Body == nil || len(f.Body.List) != 2 || len(f.Recv.List[0].Names) != 1 ||
		len(f.Type.Params.List) != 1 || len(f.Type.Params.List[0].Names) != 1 {
		return false
	}
	recv, param := f.Recv.List[0].Names[0].Name, f.Type.Params.List[0].Names[0].Name
	decl, ok := f.Body.List[0].(*ast.DeclStmt)
	if !ok {
		return false
	}
	gen, ok := decl.Decl.(*ast.GenDecl)
	if !ok || gen.Tok != token.TYPE || len(gen.Specs) != 1 {
		return false
	}
	spec := gen.Specs[0].(*ast.TypeSpec)
	if id, ok := spec.Type.(*ast.Ident); !ok || id.Name != typ || spec.Assign.IsValid() {
		return false
	}
	ret, ok := f.Body.List[1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return false
	}
	if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "decodeObject" {
		return false
	}
	if id, ok := call.Args[0].(*ast.Ident); !ok || id.Name != param {
		return false
	}
	conv, ok := call.Args[1].(*ast.CallExpr)
	if !ok || len(conv.Args) != 1 {
		return false
	}
	if id, ok := conv.Args[0].(*ast.Ident); !ok || id.Name != recv {
		return false
	}
	paren, ok := conv.Fun.(*ast.ParenExpr)
	if !ok {
		return false
	}
	star, ok := paren.X.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == spec.Name.Name
}

// FuzzScannerAgreesWithEncodingJSON: the engine accepts exactly the
// documents encoding/json accepts, so a body it decodes is valid JSON.
func FuzzScannerAgreesWithEncodingJSON(f *testing.F) {
	f.Add(wikiBody(f))
	f.Add(phpBody(f))
	for _, s := range []string{``, ` `, `{}`, `[]`, `[ ]`, `{"a":1,}`, `[1,]`, `{"a" 1}`, `"\u12"`, `"\u00e9\ud83d\ude00"`,
		`"a\x"`, "\"a\tb\"", `01`, `-`, `-0`, `1.`, `1.5e`, `1e+5`, `.5`, `tru`, `nul`, `null x`, `[[[]]]`, `{"a":[{"b":null}]}`,
		`"\/"`, `'a'`, `{"a":1}}`, `[1 2]`, `{,}`, "\"\xff\"", `"\'"`, `1 2`, `[-]`, `{"a":-01}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d := &decoder{data: b}
		err := d.skip()
		if err == nil {
			err = d.end()
		}
		if (err == nil) != json.Valid(b) {
			t.Fatalf("%q: engine error %v, encoding/json valid %v", b, err, json.Valid(b))
		}
		for _, v := range []phpValue{new(Int), new(String), new(Bool), new(Money), new(UnixTime), new(List[Int]),
			new(Map[String]), new(RawObject), new(CSV)} {
			d := &decoder{data: b}
			if v.decodePHP(d) == nil && d.end() == nil && !json.Valid(b) {
				t.Fatalf("%q: %T decoded what is not JSON", b, v)
			}
		}
	})
}

// FuzzFastPathsMatchUnmarshalJSON: Money, UnixTime and DateTime read their
// common forms in the engine; every value must come out exactly as their
// UnmarshalJSON (the reference) makes it.
func FuzzFastPathsMatchUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"440.00"`, `440`, `440.5`, `"0.00"`, `0`, `-0`, `"-0.00"`, `""`, `null`, `"1e6"`, `1e6`,
		`"440."`, `".5"`, `"00.50"`, `123456789012345678`, `1234567890123456789`, `"123456789.123456789"`, `-12.30`,
		`" 1.5 "`, `1584460800`, `"1584460800"`, `1584460800000`, `-1`, `"2020-03-11 14:49:50"`, `0.0000000000000000001`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return
		}
		for range 2 { // the second round reads through the shared last amount
			var fast, ref Money
			d := &decoder{data: b}
			ferr := fast.decodePHP(d)
			rerr := ref.UnmarshalJSON(b)
			if (ferr == nil) != (rerr == nil) {
				t.Fatalf("money %s: engine %v, UnmarshalJSON %v", b, ferr, rerr)
			}
			if !reflect.DeepEqual(fast, ref) && !(fast.d.Equal(ref.d) && fast.d.Exponent() == ref.d.Exponent()) {
				t.Fatalf("money %s: engine %#v, UnmarshalJSON %#v", b, fast.d, ref.d)
			}
		}
		var fu, ru UnixTime
		ferr := fu.decodePHP(&decoder{data: b})
		rerr := ru.UnmarshalJSON(b)
		if (ferr == nil) != (rerr == nil) || !fu.Equal(ru.Time) || fu.Location() != ru.Location() {
			t.Fatalf("time %s: engine %v %v, UnmarshalJSON %v %v", b, fu, ferr, ru, rerr)
		}
		var fd, rd DateTime
		ferr = fd.decodePHP(&decoder{data: b})
		rerr = rd.UnmarshalJSON(b)
		if (ferr == nil) != (rerr == nil) || !fd.Equal(rd.Time) || fd.Location() != rd.Location() {
			t.Fatalf("datetime %s: engine %v %v, UnmarshalJSON %v %v", b, fd, ferr, rd, rerr)
		}
	})
}
