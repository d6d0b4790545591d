package web

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A page on another origin cannot make the browser write: another site or
// port (Sec-Fetch-Site, Origin) is refused; the page itself and clients that
// are not browsers are not.
func TestCrossOriginWritesRefused(t *testing.T) {
	e := newEnv(t)
	body := `{"question":"NAT 게이트웨이는 왜 필요한가요?","answer":"프라이빗 서브넷의 인스턴스가 외부로 나가게 해 줍니다."}`
	cases := []struct {
		name   string
		header []string
		want   int
	}{
		{"no browser headers (CLI, curl)", nil, http.StatusOK},
		{"the page itself", []string{"Sec-Fetch-Site", "same-origin", "Origin", e.ts.URL}, http.StatusOK},
		{"another site", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"another port on this host", []string{"Sec-Fetch-Site", "same-site"}, http.StatusForbidden},
		{"another origin, older browser", []string{"Origin", "http://evil.example"}, http.StatusForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := append([]string{"Content-Type", "application/json"}, c.header...)
			r := e.do(http.MethodPost, e.q("/api/v1/grade"), strings.NewReader(body), h...)
			wantStatus(t, r, c.want)
		})
	}
	// reading is not refused: a cross-site GET cannot read the answer anyway
	r := e.get(e.q("/api/v1/notes"), "Sec-Fetch-Site", "cross-site")
	wantStatus(t, r, http.StatusOK)
}

// On a loopback server a Host that is not a loopback name is a DNS-rebinding
// page reaching 127.0.0.1 under its own domain: refused.
func TestDNSRebindingRefused(t *testing.T) {
	e := newEnv(t, withConfig(func(c *Config) { c.Addr = "127.0.0.1:8080" }))
	for _, c := range []struct {
		host string
		want int
	}{{"127.0.0.1:8080", http.StatusOK}, {"localhost:8080", http.StatusOK}, {"[::1]:8080", http.StatusOK}, {"evil.example:8080", http.StatusForbidden}} {
		r := e.get(e.q("/api/v1/notes"), "Host", c.host)
		if r.Status != c.want {
			t.Errorf("Host %s: %d, want %d", c.host, r.Status, c.want)
		}
	}
	if !loopbackAddr("127.0.0.1:8080") || loopbackAddr("0.0.0.0:8080") || loopbackAddr(":8080") {
		t.Error("loopbackAddr misreads listen addresses")
	}
}

func TestSessionsExpireAndAreBounded(t *testing.T) {
	ctx := t.Context()
	ss := newSessions()
	now := time.Now()
	id := newSessionID()
	if err := ss.StartSession(ctx, id, now.Add(sessionLifetime)); err != nil {
		t.Fatal(err)
	}
	live := func(id string, at time.Time) bool {
		ok, err := ss.SessionLive(ctx, id, at)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !live(id, now.Add(sessionLifetime-time.Minute)) || live(id, now.Add(sessionLifetime+time.Minute)) {
		t.Error("a session does not last exactly its lifetime")
	}
	if live("forged", now) {
		t.Error("an unknown session is valid")
	}
	for range maxSessions + 5 {
		if err := ss.StartSession(ctx, newSessionID(), now.Add(sessionLifetime)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(ss.expires); n > maxSessions {
		t.Errorf("%d sessions kept, want at most %d", n, maxSessions)
	}
}

// Behind a TLS-terminating proxy the service sees plain HTTP: the session
// cookie is Secure when a trusted proxy says the request came over HTTPS,
// and the proxy's X-Forwarded-For names the client. The same headers from
// anyone else change nothing.
func TestTrustedProxy(t *testing.T) {
	const tok = "s3cret-token"
	loopback, err := ParseTrustedProxies("127.0.0.1, ::1/128")
	if err != nil {
		t.Fatal(err)
	}
	other, err := ParseTrustedProxies("10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		proxies []netip.Prefix
		secure  bool
	}{
		{"from a trusted proxy", loopback, true},
		{"from an address that is no proxy", other, false},
		{"no proxy configured", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, withConfig(func(cfg *Config) { cfg.APIToken = tok; cfg.TrustedProxies = c.proxies }))
			r := e.do(http.MethodPost, "/login", strings.NewReader(url.Values{"token": {tok}}.Encode()),
				"Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7")
			wantStatus(t, r, http.StatusSeeOther)
			if got := strings.Contains(r.Header.Get("Set-Cookie"), "Secure"); got != c.secure {
				t.Errorf("Set-Cookie %q: Secure = %v, want %v", r.Header.Get("Set-Cookie"), got, c.secure)
			}
		})
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.local", "1.2.3"} {
		if _, err := ParseTrustedProxies(bad); err == nil || !strings.Contains(err.Error(), "not an IP") && !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseTrustedProxies(%q) = %v, want an error naming it", bad, err)
		}
	}
}
