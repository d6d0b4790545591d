package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"grader/store"
)

// requireMedia refuses a body of another media type with 415.
func requireMedia(c echo.Context, want string) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || !strings.EqualFold(mt, want) {
		if ct == "" {
			ct = "none"
		}
		return apiErrorf(http.StatusUnsupportedMediaType, codeUnsupportedMedia, "send the body as %s (Content-Type was %s)", want, ct)
	}
	return nil
}

// decodeJSON reads exactly one JSON object into v, strictly: unknown fields,
// wrong types, trailing data and malformed JSON are 400s naming the problem.
func decodeJSON(c echo.Context, v any) error {
	if err := requireMedia(c, echo.MIMEApplicationJSON); err != nil {
		return err
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(mbe.Limit)
		}
		return apiErrorf(http.StatusBadRequest, codeBadRequest, "could not read the request body: %v", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return apiErrorf(http.StatusBadRequest, codeBadRequest, "the request body is empty; send a JSON object")
	}
	if !utf8.Valid(body) {
		return apiErrorf(http.StatusBadRequest, codeBadRequest, "the request body is not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apiErrorf(http.StatusBadRequest, codeBadRequest, "malformed JSON: %s", describeJSONError(err))
	}
	if dec.More() {
		return apiErrorf(http.StatusBadRequest, codeBadRequest, "malformed JSON: unexpected data after the object")
	}
	return nil
}

func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	case errors.As(err, &te):
		if te.Field == "" {
			return fmt.Sprintf("expected a JSON object, got %s", te.Value)
		}
		return fmt.Sprintf("field %q must be a %s, got %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the body ends in the middle of the object"
	}
	// Unknown fields come as `json: unknown field "x"`.
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "int", "int64", "float64":
		return "number"
	case "bool":
		return "boolean"
	case "slice":
		return "array"
	}
	return goKind
}

// collection returns a collection name from the query (or the given value),
// defaulting to the configured one.
func (s *Server) collection(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return s.cfg.DefaultCollection, nil
	}
	if err := store.CheckCollection(name); err != nil {
		return "", badInput("%v", err).because("collection_invalid", map[string]any{"limit": store.MaxCollectionRunes})
	}
	return name, nil
}

// intParam reads an optional integer query parameter within [lo, hi].
func intParam(c echo.Context, name string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(c.QueryParam(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badInput("%s must be a whole number from %d to %d, got %q", name, lo, hi, v)
	}
	return n, nil
}
