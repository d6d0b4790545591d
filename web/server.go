// Package web is the HTTP service and the practice page of `grader serve`:
// the JSON API of CONTRACT.md (and the extensions the page needs), health and
// metrics endpoints, and the embedded single-page UI.
//
// Handlers depend on small interfaces (Deps), so that the real pipeline
// (*grader.Service, *notes.Index, ...) plugs in unchanged and a test can swap
// one piece for a fake where the real one cannot be made slow or failing.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"grader/grader"
	"grader/notes"
	"grader/store"
)

// Grader grades answers (*grader.Service).
type Grader interface {
	Grade(ctx context.Context, req grader.Request) (grader.Grade, error)
	Followups(ctx context.Context, req grader.Request) ([]string, error)
	JudgeInfo() grader.Info
}

// Notes is the notes index (*notes.Index).
type Notes interface {
	Search(ctx context.Context, collection, query string, k int) ([]notes.Passage, error)
	IngestFiles(ctx context.Context, collection, root string, files []notes.File) (notes.Summary, error)
	EmbedMissing(ctx context.Context, collection string) (int, error)
	ListNotes(ctx context.Context, collection string) ([]notes.NoteInfo, error)
	DeleteNote(ctx context.Context, collection, id string) (bool, error)
	Passage(ctx context.Context, collection, chunkID string) (notes.Passage, bool, error)
	Neighbours(ctx context.Context, chunkID string, n int) (before, after []notes.Heading, err error)
}

// History lists graded attempts (*grader.History).
type History interface {
	List(ctx context.Context, collection string, limit int) ([]grader.Attempt, error)
	Topics(ctx context.Context, collection string) ([]grader.TopicStat, error)
	SetCall(ctx context.Context, collection, attemptID string, point int, status grader.Status) (grader.Call, error)
	CallStats(ctx context.Context, collection string) ([]store.CallStat, error)
	Questions(ctx context.Context, collection string) ([]grader.QuestionStat, error)
}

// QuestionBank is the generated question bank (*grader.Questions).
type QuestionBank interface {
	Refresh(ctx context.Context, collection string) (int, error)
	List(ctx context.Context, collection, topic string) ([]grader.Question, error)
}

// Practice picks the questions to practise next (*grader.Practice).
type Practice interface {
	Next(ctx context.Context, collection string, n int, now time.Time) ([]grader.NextQuestion, error)
}

// Pinger tells whether the database answers (*store.Store).
type Pinger interface {
	Ping(ctx context.Context) error
}

// Deps are what the handlers work with; all are required but Sessions.
type Deps struct {
	Grader    Grader
	Notes     Notes
	History   History
	Questions QuestionBank
	Practice  Practice
	Batches   Batches
	Speech    Speech
	DB        Pinger
	// Sessions keeps the page's logins; nil keeps them in this process
	// (then two serve processes do not share a login).
	Sessions SessionStore
}

// Config tunes the service. Zero values take the defaults below.
type Config struct {
	// Addr is HOST:PORT to listen on (Run only).
	Addr string
	// APIToken, when set, is required: as a bearer token by the API and
	// /metrics, through the login form (a session cookie) by the page.
	APIToken string
	// InsecureNoAuth allows a non-loopback Addr without APIToken.
	InsecureNoAuth bool

	// Body limits: JSON requests and forms, and note uploads (all files together).
	JSONBodyLimit  int64
	NotesBodyLimit int64

	// Deadlines of a request's work: most requests, grading (the LLM judge
	// may retry), and uploads (embedding many chunks with a remote model).
	RequestTimeout time.Duration
	GradeTimeout   time.Duration
	UploadTimeout  time.Duration
	// ShutdownTimeout bounds how long Run waits for in-flight requests.
	ShutdownTimeout time.Duration

	// RateLimit is the sustained requests per second one client (IP) may
	// make to the API and the login form, RateBurst how many at once.
	// A negative RateLimit turns limiting off.
	RateLimit float64
	RateBurst int

	// DefaultCollection is used when a request names none.
	DefaultCollection string

	// TrustedProxies are the addresses (CIDR ranges) of reverse proxies in
	// front of the service: from them, X-Forwarded-For names the client
	// (rate limits, logs) and X-Forwarded-Proto: https makes the session
	// cookie Secure. Empty: the service is reached directly and trusts no
	// such header (a client could pick its own identity).
	TrustedProxies []netip.Prefix

	// BankWait bounds how long a request for the question bank waits for
	// the regeneration in progress before answering with its last version.
	BankWait time.Duration
}

// Defaults of Config.
const (
	DefaultAddr            = "127.0.0.1:8080"
	DefaultJSONBodyLimit   = 256 << 10
	DefaultNotesBodyLimit  = 8 << 20
	DefaultRequestTimeout  = 30 * time.Second
	DefaultGradeTimeout    = 3 * time.Minute
	DefaultUploadTimeout   = 5 * time.Minute
	DefaultShutdownTimeout = 30 * time.Second
	DefaultRateLimit       = 10
	DefaultRateBurst       = 40
	DefaultBankWait        = 10 * time.Second
)

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.JSONBodyLimit <= 0 {
		c.JSONBodyLimit = DefaultJSONBodyLimit
	}
	if c.NotesBodyLimit <= 0 {
		c.NotesBodyLimit = DefaultNotesBodyLimit
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.GradeTimeout <= 0 {
		c.GradeTimeout = DefaultGradeTimeout
	}
	if c.UploadTimeout <= 0 {
		c.UploadTimeout = DefaultUploadTimeout
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = DefaultShutdownTimeout
	}
	if c.BankWait <= 0 {
		c.BankWait = DefaultBankWait
	}
	if c.RateLimit == 0 {
		c.RateLimit = DefaultRateLimit
	}
	if c.RateBurst <= 0 {
		c.RateBurst = DefaultRateBurst
	}
	if c.DefaultCollection == "" {
		c.DefaultCollection = "default"
	}
	return c
}

// ErrExposed is returned by CheckExposure for an unprotected public address.
var ErrExposed = errors.New("refusing to serve without a token on a non-loopback address")

// CheckExposure refuses to listen on anything but loopback without an API
// token, unless insecure is set: the service reads and deletes notes, so an
// open port on a shared network must be a deliberate choice.
func CheckExposure(addr, token string, insecure bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q is not HOST:PORT: %w", addr, err)
	}
	if token != "" || insecure || isLoopback(host) {
		return nil
	}
	shown := host
	if shown == "" {
		shown = "all interfaces"
	}
	return fmt.Errorf("%w (%s): set GRADER_API_TOKEN, or pass --insecure-no-auth if you really mean it", ErrExposed, shown)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// Server is the HTTP service.
type Server struct {
	deps    Deps
	cfg     Config
	log     *slog.Logger
	echo    *echo.Echo
	metrics *metrics
	pages   *pages
	known   map[string]bool // "METHOD /route/template" of every route
	// sessions are the page's logins (auth.go)
	sessions SessionStore
	// bank regenerates question banks in the background after notes change
	bank *grader.Refresher
	// bg is the server's lifetime, for work that outlives a request (batches);
	// jobs counts that work, so that Close can wait for it.
	bg     context.Context
	stopBg context.CancelFunc
	jobs   sync.WaitGroup

	// observe, when set (by tests), is told the route and status of every request.
	observe func(method, route string, status int)
}

// New builds the service and its routes. log may be nil.
func New(deps Deps, cfg Config, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{deps: deps, cfg: cfg.withDefaults(), log: log, metrics: newMetrics(), sessions: deps.Sessions}
	if s.sessions == nil {
		s.sessions = newSessions()
	}
	s.bank = grader.NewRefresher(func(ctx context.Context, coll string) (int, error) { return s.deps.Questions.Refresh(ctx, coll) }, log)
	s.bg, s.stopBg = context.WithCancel(context.Background())
	s.pages = mustPages()
	s.echo = s.routes()
	s.known = map[string]bool{}
	for _, r := range s.echo.Routes() {
		s.known[r.Method+" "+r.Path] = true
	}
	return s
}

// ParseTrustedProxies reads a comma-separated list of IP addresses and CIDR
// ranges (GRADER_TRUSTED_PROXIES).
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is not an IP address or CIDR range", f)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

func prefixNet(p netip.Prefix) *net.IPNet {
	return &net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}
}

// viaTLS tells whether the request came over TLS: to the service itself, or
// to a trusted proxy that says so in X-Forwarded-Proto.
func (s *Server) viaTLS(c echo.Context) bool {
	if c.IsTLS() {
		return true
	}
	if len(s.cfg.TrustedProxies) == 0 || !strings.EqualFold(c.Request().Header.Get(echo.HeaderXForwardedProto), "https") {
		return false
	}
	host, _, err := net.SplitHostPort(c.Request().RemoteAddr)
	if err != nil {
		return false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// Close stops the background work (a question bank being regenerated keeps
// its last version). Serve calls it when it stops.
func (s *Server) Close() {
	s.bank.Close()
	s.stopBg() // batches stop; their claims are taken back on the next start
	s.jobs.Wait()
}

// Handler is the service as an http.Handler (for httptest and embedding).
func (s *Server) Handler() http.Handler { return s.echo }

// Config is the configuration in effect, defaults filled in.
func (s *Server) Config() Config { return s.cfg }

// Run listens on Config.Addr and serves until ctx is cancelled, then drains
// in-flight requests (up to ShutdownTimeout) before returning.
func (s *Server) Run(ctx context.Context) error {
	if err := CheckExposure(s.cfg.Addr, s.cfg.APIToken, s.cfg.InsecureNoAuth); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		// Reading an upload of NotesBodyLimit over a slow link; handlers bound their own work.
		ReadTimeout:  2 * time.Minute,
		WriteTimeout: max(s.cfg.GradeTimeout, s.cfg.UploadTimeout, s.cfg.RequestTimeout) + 30*time.Second,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		// Requests get their own context, not ctx: cancelling ctx starts a
		// shutdown that lets them finish instead of aborting them.
	}
	s.log.Info("serving", "addr", "http://"+ln.Addr().String(), "auth", s.cfg.APIToken != "", "judge", s.deps.Grader.JudgeInfo().Mode)
	if s.deps.Batches != nil {
		s.resumeBatches()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down: draining in-flight requests", "timeout", s.cfg.ShutdownTimeout)
	// Progress streams and batches end now (a batch is finished on the next
	// start); requests in flight finish.
	s.stopBg()
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	s.Close()
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// routes wires middleware and handlers. Every route here must appear in
// openapi.json (TestOpenAPIMatchesRoutes checks both ways).
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	// Reached directly, X-Forwarded-For would let a client pick its own
	// rate-limit identity: it is read only from trusted proxies.
	e.IPExtractor = echo.ExtractIPDirect()
	if len(s.cfg.TrustedProxies) > 0 {
		opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, p := range s.cfg.TrustedProxies {
			opts = append(opts, echo.TrustIPRange(prefixNet(p)))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	}

	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: newRequestID}))
	e.Use(s.observeRequests)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: s.logPanic}))
	e.Use(securityHeaders)
	e.Use(s.sameOrigin)
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: 5, MinLength: 1024,
		// an event stream is written as it happens, not buffered for compression
		Skipper: func(c echo.Context) bool { return strings.HasSuffix(c.Path(), "/events") }}))

	small := bodyLimit(s.cfg.JSONBodyLimit)
	quick := withTimeout(s.cfg.RequestTimeout)
	limit := s.rateLimiter()
	auth := s.requireToken

	// The page and its assets. Assets are public (the login page needs them).
	e.GET("/", s.handleIndex, small, quick)
	e.GET("/assets/*", s.handleAsset, small)
	e.POST("/login", s.handleLogin, limit, small, quick)
	e.POST("/logout", s.handleLogout, small, quick)

	// Operations.
	e.GET("/healthz", s.handleHealth, small)
	e.GET("/readyz", s.handleReady, small, quick)
	e.GET("/metrics", s.handleMetrics, auth, small, quick)

	// API routes carry their middleware themselves rather than through a
	// group: echo answers a group's unknown paths with 404 even when only the
	// method is wrong, and a route-level chain keeps 405 working.
	api := func(method, path string, h echo.HandlerFunc, mw ...echo.MiddlewareFunc) {
		e.Add(method, "/api/v1"+path, h, append([]echo.MiddlewareFunc{limit, auth}, mw...)...)
	}
	api(http.MethodGet, "/openapi.json", s.handleOpenAPI, small, quick)
	api(http.MethodGet, "/info", s.handleInfo, small, quick)
	api(http.MethodPost, "/grade", s.handleGrade, small, withTimeout(s.cfg.GradeTimeout))
	api(http.MethodPost, "/followups", s.handleFollowups, small, withTimeout(s.cfg.GradeTimeout))
	api(http.MethodPost, "/transcribe", s.handleTranscribe, bodyLimit(audioBodyLimit), withTimeout(s.cfg.GradeTimeout))
	api(http.MethodPost, "/grade/spoken", s.handleGradeSpoken, bodyLimit(audioBodyLimit), withTimeout(s.cfg.GradeTimeout))
	api(http.MethodGet, "/search", s.handleSearch, small, quick)
	api(http.MethodGet, "/questions", s.handleQuestions, small, quick)
	api(http.MethodPost, "/questions/refresh", s.handleQuestionsRefresh, small, quick)
	api(http.MethodGet, "/next", s.handleNext, small, quick)
	api(http.MethodGet, "/notes", s.handleListNotes, small, quick)
	api(http.MethodPost, "/notes", s.handleUpload, bodyLimit(s.cfg.NotesBodyLimit), withTimeout(s.cfg.UploadTimeout))
	api(http.MethodPost, "/notes/reindex", s.handleReindex, small, withTimeout(s.cfg.UploadTimeout))
	api(http.MethodDelete, "/notes/:id", s.handleDeleteNote, small, quick)
	api(http.MethodGet, "/passages/:id", s.handlePassage, small, quick)
	api(http.MethodGet, "/history", s.handleHistory, small, quick)
	api(http.MethodGet, "/history/topics", s.handleTopics, small, quick)
	api(http.MethodGet, "/history/calls", s.handleCallStats, small, quick)
	api(http.MethodGet, "/history/questions", s.handleQuestionStats, small, quick)
	api(http.MethodPut, "/attempts/:id/points/:point", s.handleSetCall, small, quick)
	api(http.MethodPost, "/batches", s.handleBatchUpload, bodyLimit(s.cfg.NotesBodyLimit), withTimeout(s.cfg.UploadTimeout))
	api(http.MethodGet, "/batches", s.handleBatches, small, quick)
	api(http.MethodGet, "/batches/:id", s.handleBatch, small, quick)
	api(http.MethodGet, "/batches/:id/report", s.handleBatchReport, small, quick)
	api(http.MethodGet, "/batches/:id/events", s.handleBatchEvents, small) // a stream: no deadline
	return e
}

// rateLimiter limits each client (by IP) with a token bucket.
func (s *Server) rateLimiter() echo.MiddlewareFunc {
	if s.cfg.RateLimit < 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(s.cfg.RateLimit), Burst: s.cfg.RateBurst, ExpiresIn: 3 * time.Minute,
	})
	retry := max(1, int(1/s.cfg.RateLimit+0.999))
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: store,
		DenyHandler: func(c echo.Context, id string, _ error) error {
			c.Response().Header().Set("Retry-After", fmt.Sprint(retry))
			return apiErrorf(http.StatusTooManyRequests, codeRateLimited,
				"too many requests from %s: at most %g per second (bursts of %d); retry in %d s", id, s.cfg.RateLimit, s.cfg.RateBurst, retry)
		},
		ErrorHandler: func(c echo.Context, err error) error {
			return apiErrorf(http.StatusForbidden, codeForbidden, "cannot tell which client this is")
		},
	})
}

// withTimeout gives the handler's work a deadline; a handler that runs out
// returns context.DeadlineExceeded, which handleError turns into a 503.
func withTimeout(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, cancel := context.WithTimeoutCause(c.Request().Context(), d, errTimeout{d})
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

// errTimeout is the cause of a request's deadline, to name it in the message.
type errTimeout struct{ d time.Duration }

func (e errTimeout) Error() string { return fmt.Sprintf("the request took longer than %s", e.d) }

// bodyLimit caps the request body. A declared Content-Length over the limit
// is refused before reading; otherwise reading past it fails with
// *http.MaxBytesError, which handleError maps to 413.
func bodyLimit(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return tooLarge(n)
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, n)
			return next(c)
		}
	}
}

func tooLarge(n int64) *apiError {
	return apiErrorf(http.StatusRequestEntityTooLarge, codeTooLarge, "the request body is larger than the limit of %s for this endpoint", humanBytes(n))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// securityHeaders keep the page from being framed, sniffed or fed foreign
// scripts: the UI loads nothing from elsewhere, so the policy can be strict.
// sameOrigin refuses what a page on another origin could make a browser
// send: a state-changing request from another site or port (the browser
// says so in Sec-Fetch-Site, or in Origin), and, on a loopback server, any
// request whose Host is not a loopback name (a DNS-rebinding page reaches
// 127.0.0.1 under its own domain). Clients that are not browsers (the CLI,
// curl, scripts) send neither header and are not affected.
func (s *Server) sameOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	loopback := loopbackAddr(s.cfg.Addr)
	return func(c echo.Context) error {
		r := c.Request()
		if loopback && !loopbackHost(r.Host) {
			return apiErrorf(http.StatusForbidden, codeForbidden, "this server answers only to localhost, not %q", r.Host)
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			return apiErrorf(http.StatusForbidden, codeForbidden, "a request from another site or port is refused (Sec-Fetch-Site: %s)", site)
		}
		if origin := r.Header.Get("Origin"); origin != "" {
			u, err := url.Parse(origin)
			if err != nil || u.Host != r.Host {
				return apiErrorf(http.StatusForbidden, codeForbidden, "a request from another origin is refused (Origin: %s)", origin)
			}
		}
		return next(c)
	}
}

// loopbackAddr tells a listen address on a loopback interface.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	return loopbackHost(host)
}

// loopbackHost tells a Host header (or host) naming this machine's loopback.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		// media-src blob: plays back a recording made on the page
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "+
			"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)")
		return next(c)
	}
}

// observeRequests logs each request and counts it in the metrics. It handles
// the handler's error itself (echo's error handler runs inside), so that the
// status it records is the one sent.
func (s *Server) observeRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		s.metrics.inflight.Inc()
		defer s.metrics.inflight.Dec()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		elapsed := time.Since(start)
		req, res := c.Request(), c.Response()
		// An unknown path has no route template of its own; one label for all
		// of them keeps the metrics' cardinality bounded.
		route := c.Path()
		if !s.known[req.Method+" "+route] {
			route = "unmatched"
		}
		s.metrics.observe(route, req.Method, res.Status, elapsed)
		if s.observe != nil {
			s.observe(req.Method, route, res.Status)
		}
		level := slog.LevelInfo
		switch {
		case res.Status >= 500:
			level = slog.LevelError
		case route == "/healthz" || route == "/readyz" || route == "/metrics" || route == "/assets/*":
			level = slog.LevelDebug
		}
		attrs := []slog.Attr{
			slog.String("id", res.Header().Get(echo.HeaderXRequestID)),
			slog.String("method", req.Method), slog.String("route", route), slog.String("path", req.URL.Path),
			slog.Int("status", res.Status), slog.Int64("bytes", res.Size),
			slog.Duration("latency", elapsed), slog.String("client", c.RealIP()),
		}
		if err != nil && res.Status >= 500 {
			attrs = append(attrs, slog.String("err", err.Error()))
		}
		s.log.LogAttrs(req.Context(), level, "request", attrs...)
		return nil
	}
}

func (s *Server) logPanic(c echo.Context, err error, stack []byte) error {
	s.log.Error("panic in handler", "id", c.Response().Header().Get(echo.HeaderXRequestID), "path", c.Request().URL.Path, "err", err, "stack", string(stack))
	return err
}
