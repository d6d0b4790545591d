package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

// defaultHealthURL is what the container image's HEALTHCHECK asks: the
// service as the image's CMD starts it, from inside the container.
const defaultHealthURL = "http://127.0.0.1:8080/healthz"

// healthcheckCommand is the container's probe: the final image has no shell,
// wget or curl. It exits 0 when the URL answers 2xx, 1 otherwise (Docker
// reserves exit code 2 of a health check, so a failure is never a usage error).
func (a *app) healthcheckCommand() *cobra.Command {
	var url string
	var timeout time.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "healthcheck [--url URL] [--timeout D]",
		Short: "Exit 0 when the service answers its health endpoint (the container's probe)",
		Long: "GET --url (default " + defaultHealthURL + "; /readyz also checks the database) and exit 0 on a 2xx\n" +
			"answer, 1 on anything else. Needs no configuration: it is the Docker image's HEALTHCHECK.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			defer cancel()
			status, err := probe(ctx, url)
			if asJSON {
				out := map[string]any{"url": url, "status": status, "ok": err == nil}
				if perr := a.printJSON(out); perr != nil {
					return perr
				}
			}
			if err != nil {
				return err // exit 1
			}
			if !asJSON {
				fmt.Fprintf(a.stdout, "ok: %s answered %d\n", url, status)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&url, "url", defaultHealthURL, "the health endpoint to ask")
	cmd.Flags().DurationVar(&timeout, "timeout", 3*time.Second, "give up after this long")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document")
	return cmd
}

// probe GETs url and returns its status, with an error unless it is 2xx.
func probe(ctx context.Context, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, fmt.Errorf("healthcheck: %w", err)
	}
	// Never through a proxy from the environment: the service is local.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("healthcheck: %s answered %d", url, resp.StatusCode)
	}
	return resp.StatusCode, nil
}
