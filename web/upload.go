package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"grader/notes"
)

// UploadRoot is the root under which uploaded notes are stored: uploading the
// same relative path again replaces that note, and uploads never delete notes
// ingested from folders by the CLI.
const UploadRoot = "upload:"

// maxUploadFiles bounds one upload, so a huge folder is refused up front.
const maxUploadFiles = 1000

// uploadSummary is the ingest summary; the question bank is regenerated in
// the background (GET /api/v1/questions waits for it).
type uploadSummary struct {
	notes.Summary
	QuestionsRefreshing bool `json:"questions_refreshing"`
}

// handleUpload ingests notes sent as multipart `file` fields. A folder picked
// in the browser arrives with relative paths as file names ("notes/aws/vpc.md");
// they are kept, after refusing absolute paths and `..`.
func (s *Server) handleUpload(c echo.Context) error {
	form, coll, err := s.multipartForm(c)
	if err != nil {
		return err
	}
	defer form.RemoveAll()
	req := c.Request()
	fhs := form.File["file"]
	switch {
	case len(fhs) == 0:
		return badInput("no files: send one or more multipart fields named \"file\" (.md, .markdown or .txt)").because("no_files", nil)
	case len(fhs) > maxUploadFiles:
		return badInput("too many files (%d): upload at most %d at a time", len(fhs), maxUploadFiles).because("too_many_files", map[string]any{"limit": maxUploadFiles})
	}
	files := make([]notes.File, 0, len(fhs))
	seen := map[string]bool{}
	for _, fh := range fhs {
		name, err := uploadPath(fh)
		if err != nil {
			return err
		}
		if seen[name] {
			return badInput("the file %q is in the upload twice", name)
		}
		seen[name] = true
		content, err := readPart(fh)
		if err != nil {
			return fmt.Errorf("read uploaded %s: %w", name, err)
		}
		files = append(files, notes.File{Path: name, Content: content})
	}
	ctx := req.Context()
	sum, err := s.deps.Notes.IngestFiles(ctx, coll, UploadRoot, files)
	if err != nil {
		return err
	}
	s.metrics.files.Add(float64(sum.Files))
	for kind, n := range map[string]int{"added": sum.ChunksAdded, "unchanged": sum.ChunksUnchanged, "deleted": sum.ChunksDeleted, "embedded": sum.ChunksEmbedded} {
		s.metrics.ingest.WithLabelValues(kind).Add(float64(n))
	}
	s.log.Info("notes uploaded", "collection", coll, "files", sum.Files, "added", sum.ChunksAdded, "skipped", len(sum.Skipped))
	if sum.Files == 0 && len(sum.Skipped) > 0 {
		// Nothing went in: the upload failed, and says why.
		why := make([]string, 0, len(sum.Skipped))
		for _, sk := range sum.Skipped {
			why = append(why, sk.Path+": "+sk.Reason)
		}
		return badInput("no note ingested: %s", strings.Join(why, "; ")).because("nothing_ingested", map[string]any{"skipped": sum.Skipped})
	}
	changed := sum.ChunksAdded+sum.ChunksDeleted > 0
	if changed {
		s.bank.Mark(coll)
	}
	return c.JSON(http.StatusOK, uploadSummary{Summary: sum, QuestionsRefreshing: changed})
}

// multipartForm reads a multipart body (kept in memory: the body is already
// capped by NotesBodyLimit) and the collection it names, in a form field or
// the query. The caller removes the form.
func (s *Server) multipartForm(c echo.Context) (*multipart.Form, string, error) {
	if err := requireMedia(c, echo.MIMEMultipartForm); err != nil {
		return nil, "", err
	}
	req := c.Request()
	if err := req.ParseMultipartForm(s.cfg.NotesBodyLimit + 1<<20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "", tooLarge(mbe.Limit)
		}
		return nil, "", apiErrorf(http.StatusBadRequest, codeBadRequest, "malformed multipart body: %v", err)
	}
	form := req.MultipartForm
	coll := c.QueryParam("collection")
	if vs := form.Value["collection"]; len(vs) > 0 && strings.TrimSpace(vs[0]) != "" {
		coll = vs[0]
	}
	coll, err := s.collection(coll)
	if err != nil {
		form.RemoveAll()
		return nil, "", err
	}
	return form, coll, nil
}

func readPart(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// uploadPath is the relative path a file was sent with. Go's multipart
// reader keeps only the base name in FileHeader.Filename, so the name is read
// from the part's own Content-Disposition.
func uploadPath(fh *multipart.FileHeader) (string, error) {
	name := fh.Filename
	if _, params, err := mime.ParseMediaType(fh.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		name = params["filename"]
	}
	return cleanUploadPath(name)
}

// cleanUploadPath turns a sent file name into a safe relative path.
func cleanUploadPath(name string) (string, error) {
	raw := name
	name = strings.ReplaceAll(strings.TrimSpace(name), "\\", "/")
	switch {
	case name == "":
		return "", badInput("a file was sent without a name")
	case strings.HasPrefix(name, "/") || len(name) > 1 && name[1] == ':' && unicode.IsLetter(rune(name[0])):
		return "", badInput("file name %q is an absolute path; send paths relative to the folder", raw)
	case strings.ContainsFunc(name, unicode.IsControl):
		return "", badInput("file name %q contains control characters", raw)
	case len(name) > 1024:
		return "", badInput("file name is longer than 1024 bytes")
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return "", badInput("file name %q leaves its folder (..); send paths inside the folder", raw)
		}
	}
	name = strings.TrimPrefix(path.Clean(name), "./")
	if name == "." || name == "" {
		return "", badInput("file name %q names no file", raw)
	}
	return name, nil
}
