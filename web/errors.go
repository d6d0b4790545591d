package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"grader/grader"
	"grader/notes"
)

// Error codes of the API (documented in openapi.json, components.schemas.Error).
const (
	codeBadInput         = "bad_input"
	codeBadRequest       = "bad_request"
	codeNoNotes          = "no_notes"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeTooLarge         = "too_large"
	codeUnsupportedMedia = "unsupported_media_type"
	codeUnauthorized     = "unauthorized"
	codeForbidden        = "forbidden"
	codeRateLimited      = "rate_limited"
	codeTimeout          = "timeout"
	codeNotReady         = "not_ready"
	codeUnavailable      = "unavailable"
	codeNotConfigured    = "not_configured"
	codeInternal         = "internal"
)

// apiError is an error with the status and code the client sees.
type apiError struct {
	Status  int
	Code    string
	Message string
	// Reason and Params say a bad input finely enough for a page to word it
	// in its own language ("answer_too_long", {"limit": 10000}).
	Reason string
	Params map[string]any
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

func apiErrorf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// badInput is a 400 naming what the client must fix.
func badInput(format string, args ...any) *apiError {
	return apiErrorf(http.StatusBadRequest, codeBadInput, format, args...)
}

// because gives an error the reason and parameters a page words it by.
func (e *apiError) because(reason string, params map[string]any) *apiError {
	e.Reason, e.Params = reason, params
	return e
}

// errorBody is the contract's error shape.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code      string         `json:"code"`
	Message   string         `json:"message"`
	Reason    string         `json:"reason,omitempty"`
	Params    map[string]any `json:"params,omitempty"`
	RequestID string         `json:"request_id,omitempty"`
}

// classify maps any error a handler or middleware returns onto what the
// client sees. Bad input is never a 500; a 500 says nothing about the cause
// (it is logged with the request ID instead).
func classify(err error) *apiError {
	var ae *apiError
	var mbe *http.MaxBytesError
	var he *echo.HTTPError
	var te errTimeout
	var ie *grader.InputError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &ie):
		e := badInput("%s", ie.Message())
		e.Reason, e.Params = ie.Reason, ie.Params
		return e
	case errors.As(err, &mbe):
		return tooLarge(mbe.Limit)
	case errors.Is(err, grader.ErrBadInput):
		return badInput("%s", strings.TrimPrefix(err.Error(), grader.ErrBadInput.Error()+": "))
	case errors.Is(err, grader.ErrNoNotes):
		return apiErrorf(http.StatusConflict, codeNoNotes, "%s", strings.TrimPrefix(err.Error(), grader.ErrNoNotes.Error()+": "))
	case errors.As(err, &te):
		return apiErrorf(http.StatusServiceUnavailable, codeTimeout, "%s; try again, or with a shorter answer", te.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return apiErrorf(http.StatusServiceUnavailable, codeTimeout, "the request took too long; try again")
	case errors.As(err, &he):
		return fromEcho(he)
	case notes.Unavailable(err):
		return apiErrorf(http.StatusServiceUnavailable, codeUnavailable, "the database is unavailable; try again in a few seconds")
	}
	return nil
}

// fromEcho maps echo's own errors (routing, rate limiting, body limit).
func fromEcho(he *echo.HTTPError) *apiError {
	msg := fmt.Sprint(he.Message)
	if he.Internal != nil {
		if ae := classify(he.Internal); ae != nil {
			return ae
		}
	}
	switch he.Code {
	case http.StatusNotFound:
		return apiErrorf(he.Code, codeNotFound, "no such page or endpoint")
	case http.StatusMethodNotAllowed:
		return apiErrorf(he.Code, codeMethodNotAllowed, "this endpoint does not accept that method")
	case http.StatusRequestEntityTooLarge:
		return apiErrorf(he.Code, codeTooLarge, "the request body is too large")
	case http.StatusUnsupportedMediaType:
		return apiErrorf(he.Code, codeUnsupportedMedia, "%s", msg)
	case http.StatusTooManyRequests:
		return apiErrorf(he.Code, codeRateLimited, "too many requests; slow down")
	case http.StatusUnauthorized:
		return apiErrorf(he.Code, codeUnauthorized, "%s", msg)
	case http.StatusForbidden:
		return apiErrorf(he.Code, codeForbidden, "%s", msg)
	}
	if he.Code >= 400 && he.Code < 500 {
		return apiErrorf(he.Code, codeBadRequest, "%s", msg)
	}
	return nil
}

// handleError is echo's error handler: every error becomes the contract's
// JSON shape with the request ID, so a user can quote it and we can find the log.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	id := c.Response().Header().Get(echo.HeaderXRequestID)
	ae := classify(err)
	if ae == nil {
		if errors.Is(err, context.Canceled) {
			// The client went away; nobody reads this answer.
			ae = apiErrorf(http.StatusServiceUnavailable, codeTimeout, "the request was cancelled")
		} else {
			s.log.Error("request failed", "id", id, "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
			ae = apiErrorf(http.StatusInternalServerError, codeInternal, "something went wrong on our side (request %s); the details are in the server log", id)
		}
	}
	if ae.Status == http.StatusUnauthorized {
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="grader"`)
	}
	if ae.Code == codeUnavailable {
		c.Response().Header().Set("Retry-After", "5") // the pool reconnects by itself
	}
	body := errorBody{Error: errorDetail{Code: ae.Code, Message: ae.Message, Reason: ae.Reason, Params: ae.Params, RequestID: id}}
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(ae.Status)
	} else {
		err = c.JSON(ae.Status, body)
	}
	if err != nil {
		s.log.Warn("write error response", "id", id, "err", err)
	}
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
