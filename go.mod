module github.com/hotelsdk/hotelsdk-go

go 1.24

require (
	github.com/go-resty/resty/v2 v2.17.2
	github.com/jarcoal/httpmock v1.4.2
)

require golang.org/x/net v0.43.0 // indirect
