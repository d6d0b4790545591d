package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// sessionCookie holds proof that the page's user typed the token. It is a
// MAC of a fixed label under the token, not the token itself, so a leaked
// cookie does not reveal the bearer token (and changing the token logs everyone out).
const sessionCookie = "grader_session"

func (s *Server) sessionValue() string {
	mac := hmac.New(sha256.New, []byte(s.cfg.APIToken))
	mac.Write([]byte("grader-ui-session-v1"))
	return hex.EncodeToString(mac.Sum(nil))
}

// equalSecret compares in constant time; hashing first makes the lengths equal,
// so not even the token's length leaks.
func equalSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// authorized reports whether the request carries the bearer token or a valid
// session cookie. Without a configured token everything is authorized.
func (s *Server) authorized(c echo.Context) bool {
	if s.cfg.APIToken == "" {
		return true
	}
	if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		return ok && strings.EqualFold(scheme, "Bearer") && equalSecret(strings.TrimSpace(tok), s.cfg.APIToken)
	}
	// The cookie is SameSite=Strict, so another site cannot make the
	// browser send it (no CSRF through the session).
	if ck, err := c.Cookie(sessionCookie); err == nil {
		return equalSecret(ck.Value, s.sessionValue())
	}
	return false
}

// requireToken guards the API and /metrics.
func (s *Server) requireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.authorized(c) {
			return apiErrorf(http.StatusUnauthorized, codeUnauthorized,
				"this server needs its API token: send Authorization: Bearer <GRADER_API_TOKEN>, or sign in on the page")
		}
		return next(c)
	}
}

// handleLogin checks the token typed into the login form and sets the session cookie.
func (s *Server) handleLogin(c echo.Context) error {
	if s.cfg.APIToken == "" {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	if err := requireMedia(c, echo.MIMEApplicationForm); err != nil {
		return err
	}
	if c.QueryParam("token") != "" {
		// a token in a URL ends up in logs and history: only the form body is read
		return badInput("send the token in the form body, not in the URL")
	}
	if !equalSecret(c.Request().PostFormValue("token"), s.cfg.APIToken) {
		return s.renderLogin(c, http.StatusUnauthorized, true)
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: s.sessionValue(), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: c.IsTLS(),
		MaxAge: 30 * 24 * 3600,
	})
	return c.Redirect(http.StatusSeeOther, "/")
}

// handleLogout forgets the session cookie.
func (s *Server) handleLogout(c echo.Context) error {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	return c.Redirect(http.StatusSeeOther, "/")
}
