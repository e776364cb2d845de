package douyin_test

import (
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// A guest's phone number never reaches a log by accident.
func ExamplePhoneNumber() {
	p := douyin.PhoneNumber("13800138000")
	fmt.Println(p, fmt.Sprintf("%v %q %#v", p, p, p))
	fmt.Println(len(p.Value()))
	// Output:
	// *** *** "***" douyin.PhoneNumber("***")
	// 11
}
