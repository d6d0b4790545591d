package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"grader/grader"
	"grader/web"
)

// envAPIToken protects the service when set; envTrustedProxies names the
// reverse proxies in front of it (both documented in the README).
const (
	envAPIToken       = "GRADER_API_TOKEN"
	envTrustedProxies = "GRADER_TRUSTED_PROXIES"
	// envRateLimit and envRateBurst set --rate-limit and --rate-burst when
	// the flags are not given (a container is configured by environment).
	envRateLimit = "GRADER_RATE_LIMIT"
	envRateBurst = "GRADER_RATE_BURST"
)

// rateFromEnv fills the rate limit and burst from the environment where the
// flags were not given.
func (a *app) rateFromEnv(cmd *cobra.Command, rateLimit *float64, rateBurst *int) error {
	if s := strings.TrimSpace(a.getenv(envRateLimit)); s != "" && !cmd.Flags().Changed("rate-limit") {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v != v || v > 1e9 || v < -1e9 {
			return usagef("%s=%q: want requests per second (0: %d; negative: no limit)", envRateLimit, s, web.DefaultRateLimit)
		}
		*rateLimit = v
	}
	if s := strings.TrimSpace(a.getenv(envRateBurst)); s != "" && !cmd.Flags().Changed("rate-burst") {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			return usagef("%s=%q: want a whole number of requests, 0 or more (0: %d)", envRateBurst, s, web.DefaultRateBurst)
		}
		*rateBurst = v
	}
	return nil
}

func (a *app) serveCommand() *cobra.Command {
	var addr string
	var insecure bool
	var rateLimit float64
	var rateBurst int
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--insecure-no-auth]",
		Short: "Run the HTTP service and the practice page",
		Long: "Run the HTTP service (JSON API, /healthz, /readyz, /metrics) and the practice page.\n" +
			"With " + envAPIToken + " set, the API needs it as a bearer token and the page asks for it.\n" +
			"A non-loopback --addr needs a token, or --insecure-no-auth.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			token := strings.TrimSpace(a.getenv(envAPIToken))
			// Refuse before touching the database: these are usage errors.
			if err := web.CheckExposure(addr, token, insecure); err != nil {
				return usageError{err}
			}
			if err := a.rateFromEnv(cmd, &rateLimit, &rateBurst); err != nil {
				return err
			}
			if rateBurst < 0 {
				return usagef("--rate-burst must not be negative, got %d", rateBurst)
			}
			ctx := cmd.Context()
			svc, ix, closeFn, err := a.openGrading(ctx, true)
			if err != nil {
				return err
			}
			defer closeFn()
			bank, err := a.questionBank(ix)
			if err != nil {
				return err
			}
			proxies, err := web.ParseTrustedProxies(a.getenv(envTrustedProxies))
			if err != nil {
				return usagef("%s: %v", envTrustedProxies, err)
			}
			cfg := web.Config{Addr: addr, APIToken: token, InsecureNoAuth: insecure, RateLimit: rateLimit, RateBurst: rateBurst, TrustedProxies: proxies}
			srv := web.New(web.Deps{
				Grader: svc, Notes: ix, History: grader.NewHistory(a.db), Questions: bank, Practice: grader.NewPractice(a.db), Batches: a.batchRunner(svc), Speech: svc, DB: a.db,
				Sessions: a.db,
			}, cfg, a.log)
			// The bank of the default collection is ready before the first visit;
			// others are generated on first use.
			coll := srv.Config().DefaultCollection
			if n, err := bank.Refresh(ctx, coll); err != nil {
				a.log.Warn("could not refresh the question bank", "collection", coll, "err", err)
			} else {
				a.log.Info("question bank ready", "collection", coll, "questions", n)
			}
			if insecure && token == "" {
				a.log.Warn("serving without authentication (--insecure-no-auth): anyone who can reach " + addr + " can read and delete your notes")
			}
			err = srv.Run(ctx)
			if errors.Is(err, web.ErrExposed) {
				return usageError{err}
			}
			return err
		},
	}
	cmd.Flags().StringVar(&addr, "addr", web.DefaultAddr, "address to listen on, HOST:PORT")
	cmd.Flags().BoolVar(&insecure, "insecure-no-auth", false, "allow a non-loopback --addr without "+envAPIToken)
	cmd.Flags().Float64Var(&rateLimit, "rate-limit", 0, fmt.Sprintf("API requests per second one client may make (0: %d; negative: no limit; or %s)", web.DefaultRateLimit, envRateLimit))
	cmd.Flags().IntVar(&rateBurst, "rate-burst", 0, fmt.Sprintf("requests one client may make at once (0: %d; or %s)", web.DefaultRateBurst, envRateBurst))
	return cmd
}
