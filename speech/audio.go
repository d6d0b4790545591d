// Package speech owns spoken answers: what an audio upload is (sniffed from
// its bytes), its transcription by an OpenAI-compatible server, and the
// delivery a speaking coach would notice (pace, fillers, pauses). Content is
// graded by the grader on the transcript; delivery is reported beside it.
package speech

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Limits of one spoken answer: OpenAI's transcription limit, and more than
// any interview answer needs.
const (
	MaxAudioBytes   = 25 << 20
	MaxDurationSecs = 10 * 60
)

// ErrNotAudio is wrapped by Sniff's error for bytes that are no audio file
// it knows.
var ErrNotAudio = errors.New("not an audio file")

// Format is what an audio upload is, from its bytes.
type Format struct {
	Ext  string // wav, mp3, m4a, webm, ogg, flac
	MIME string
	// DurationS is known from the header for WAV (0 otherwise).
	DurationS float64
}

// Sniff tells the audio format from the first bytes, never from a name or a
// declared content type: a text file named answer.wav is refused.
func Sniff(data []byte) (Format, error) {
	switch {
	case len(data) < 12:
		return Format{}, fmt.Errorf("%w: %d bytes", ErrNotAudio, len(data))
	case string(data[:4]) == "RIFF" && string(data[8:12]) == "WAVE":
		return Format{Ext: "wav", MIME: "audio/wav", DurationS: wavDuration(data)}, nil
	case string(data[:3]) == "ID3" || data[0] == 0xFF && data[1]&0xE0 == 0xE0:
		return Format{Ext: "mp3", MIME: "audio/mpeg"}, nil
	case string(data[4:8]) == "ftyp":
		return Format{Ext: "m4a", MIME: "audio/mp4"}, nil
	case bytes.HasPrefix(data, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return Format{Ext: "webm", MIME: "audio/webm"}, nil
	case string(data[:4]) == "OggS":
		return Format{Ext: "ogg", MIME: "audio/ogg"}, nil
	case string(data[:4]) == "fLaC":
		return Format{Ext: "flac", MIME: "audio/flac"}, nil
	}
	return Format{}, fmt.Errorf("%w: send wav, mp3, m4a, webm, ogg or flac", ErrNotAudio)
}

// wavDuration reads a WAV file's length from its fmt and data chunks.
func wavDuration(data []byte) float64 {
	var byteRate uint32
	for off := 12; off+8 <= len(data); {
		id, size := string(data[off:off+4]), binary.LittleEndian.Uint32(data[off+4:off+8])
		body := off + 8
		switch id {
		case "fmt ":
			if body+12 <= len(data) {
				byteRate = binary.LittleEndian.Uint32(data[body+8 : body+12])
			}
		case "data":
			if byteRate == 0 {
				return 0
			}
			n := int64(size)
			if rest := int64(len(data) - body); n > rest || size == 0xFFFFFFFF {
				n = rest // a stream's header may not know its length
			}
			return float64(n) / float64(byteRate)
		}
		off = body + int(size) + int(size&1)
		if int(size) < 0 || off < body {
			return 0
		}
	}
	return 0
}
