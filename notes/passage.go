package notes

// Passage is a retrieved chunk as the outside contract shows it: where it comes
// from (note path, heading path, line range), its text and its fused score.
type Passage struct {
	ChunkID     string   `json:"chunk_id"`
	Note        string   `json:"note"`
	HeadingPath []string `json:"heading_path"`
	Text        string   `json:"text"`
	Score       float64  `json:"score"`
	LineStart   int      `json:"line_start"`
	LineEnd     int      `json:"line_end"`
}
