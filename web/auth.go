package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// sessionCookie names a session: a random ID per login that logout revokes
// and that expires after sessionLifetime. It never carries the token.
const sessionCookie = "grader_session"

// sessionLifetime is how long a login lasts.
const sessionLifetime = 12 * time.Hour

// maxSessions bounds the in-memory table: logins beyond it push out the oldest.
const maxSessions = 10000

// SessionStore keeps the page's logins. *store.Store keeps them in the
// database, so that every serve process on it knows them; without one
// (Deps.Sessions nil) they live in this process only.
type SessionStore interface {
	StartSession(ctx context.Context, id string, expires time.Time) error
	SessionLive(ctx context.Context, id string, now time.Time) (bool, error)
	EndSession(ctx context.Context, id string) error
}

// newSessionID is a random session ID.
func newSessionID() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // the platform cannot make secrets: nothing is safe
	}
	return hex.EncodeToString(b)
}

// sessions are logins kept in this process's memory.
type sessions struct {
	mu      sync.Mutex
	expires map[string]time.Time
}

func newSessions() *sessions { return &sessions{expires: map[string]time.Time{}} }

// StartSession keeps a login, dropping the expired ones and, past
// maxSessions, the oldest.
func (ss *sessions) StartSession(_ context.Context, id string, expires time.Time) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now := time.Now()
	for k, exp := range ss.expires {
		if now.After(exp) {
			delete(ss.expires, k)
		}
	}
	if len(ss.expires) >= maxSessions {
		oldest, at := "", time.Time{}
		for k, exp := range ss.expires {
			if oldest == "" || exp.Before(at) {
				oldest, at = k, exp
			}
		}
		delete(ss.expires, oldest)
	}
	ss.expires[id] = expires
	return nil
}

// SessionLive tells a live session.
func (ss *sessions) SessionLive(_ context.Context, id string, now time.Time) (bool, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	exp, ok := ss.expires[id]
	return ok && now.Before(exp), nil
}

// EndSession revokes a session.
func (ss *sessions) EndSession(_ context.Context, id string) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.expires, id)
	return nil
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
		live, err := s.sessions.SessionLive(c.Request().Context(), ck.Value, time.Now())
		if err != nil {
			s.log.Warn("check a session", "err", err)
		}
		return live
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
	id := newSessionID()
	if err := s.sessions.StartSession(c.Request().Context(), id, time.Now().Add(sessionLifetime)); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: id, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.viaTLS(c),
		MaxAge: int(sessionLifetime / time.Second),
	})
	return c.Redirect(http.StatusSeeOther, "/")
}

// handleLogout revokes the session and forgets its cookie.
func (s *Server) handleLogout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.sessions.EndSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.viaTLS(c), MaxAge: -1})
	return c.Redirect(http.StatusSeeOther, "/")
}
