package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// ui holds the page: HTML templates, scripts, styles. No CDN, no build step.
//
//go:embed ui
var ui embed.FS

//go:embed openapi.json
var openapiJSON []byte

// asset is one static file with a content hash for revalidation.
type asset struct {
	body  []byte
	etag  string
	ctype string
}

type pages struct {
	index, login *template.Template
	assets       map[string]asset
	version      string // hash of all assets: busts caches of the page's URLs
}

func mustPages() *pages {
	p, err := loadPages()
	if err != nil {
		panic(fmt.Sprintf("web: embedded UI is broken: %v", err))
	}
	return p
}

func loadPages() (*pages, error) {
	p := &pages{assets: map[string]asset{}}
	var err error
	if p.index, err = template.ParseFS(ui, "ui/index.html"); err != nil {
		return nil, err
	}
	if p.login, err = template.ParseFS(ui, "ui/login.html"); err != nil {
		return nil, err
	}
	all := sha256.New()
	var names []string
	err = fs.WalkDir(ui, "ui/assets", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := ui.ReadFile(name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		all.Write(sum[:])
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		p.assets[strings.TrimPrefix(name, "ui/assets/")] = asset{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: ctype}
	}
	p.version = hex.EncodeToString(all.Sum(nil)[:6])
	return p, nil
}

// pageData fills the page templates.
type pageData struct {
	Lang     string // "ko" or "en", from Accept-Language
	Version  string
	Auth     bool
	BadToken bool
}

// handleIndex serves the app, or the login form when a token is required and
// the browser has no session.
func (s *Server) handleIndex(c echo.Context) error {
	if !s.authorized(c) {
		return s.renderLogin(c, http.StatusOK, false)
	}
	return s.render(c, http.StatusOK, s.pages.index, pageData{
		Lang: preferredLang(c.Request().Header.Get("Accept-Language")), Version: s.pages.version, Auth: s.cfg.APIToken != "",
	})
}

func (s *Server) renderLogin(c echo.Context, status int, bad bool) error {
	return s.render(c, status, s.pages.login, pageData{
		Lang: preferredLang(c.Request().Header.Get("Accept-Language")), Version: s.pages.version, Auth: true, BadToken: bad,
	})
}

func (s *Server) render(c echo.Context, status int, t *template.Template, d pageData) error {
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return fmt.Errorf("render %s: %w", t.Name(), err)
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Language, Cookie")
	return c.HTMLBlob(status, buf.Bytes())
}

// handleAsset serves the embedded scripts and styles; the ETag lets a browser
// revalidate cheaply, and the page links them with ?v=<hash> so a new build is
// fetched at once.
func (s *Server) handleAsset(c echo.Context) error {
	a, ok := s.pages.assets[c.Param("*")]
	if !ok {
		return apiErrorf(http.StatusNotFound, codeNotFound, "no asset %q", c.Param("*"))
	}
	h := c.Response().Header()
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "public, max-age=3600, must-revalidate")
	if match := c.Request().Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, a.ctype, a.body)
}

func (s *Server) handleOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openapiJSON)
}

// preferredLang picks the page's language from Accept-Language: the
// highest-weighted of Korean and English, English when neither is asked for.
func preferredLang(header string) string {
	best, bestQ := "en", -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		var lang string
		switch {
		case tag == "ko" || strings.HasPrefix(tag, "ko-"):
			lang = "ko"
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			lang = "en"
		default:
			continue
		}
		if q > bestQ && q > 0 {
			best, bestQ = lang, q
		}
	}
	return best
}
