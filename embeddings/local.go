package embeddings

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sync"
	"unicode/utf8"

	"grader/token"
)

// DefaultLocalDim is the vector length of the local embedder when none is given.
// 384 keeps pgvector rows small (1.5 KB); the few hundred distinct features of
// a ~1 KB chunk still land mostly in buckets of their own. (Whole 30 KB files
// do not, see TestLocalRetrievalQuality: embed chunks, not files.)
const DefaultLocalDim = 384

// localVersion names the feature set. Bump it whenever features, weights or
// hashing change: the model name is what tells the store that vectors written
// earlier are no longer comparable and must be re-embedded.
// TestLocalGolden fails when the output changes without a bump.
const localVersion = "local-hash-v1"

// Local is a deterministic, stateless embedder that needs no network and no
// model files: it hashes the text's terms and character n-grams into a fixed
// number of signed buckets ("feature hashing"). It knows nothing of meaning,
// only of shared vocabulary, but the glossary folds 쿠버네티스/k8s/Kubernetes onto
// one term and particle stripping lets 서브넷은 meet 서브넷을, which is most of what
// matching study notes to interview answers needs.
//
// It is safe for concurrent use.
type Local struct {
	dim   int
	g     *token.Glossary
	w     localWeights
	model string
}

var _ Embedder = (*Local)(nil)

// localWeights are the relative weights of the feature kinds. They are part of
// the model: changing one changes every vector, so bump localVersion.
type localWeights struct {
	term      float32 // English stems, numbers, Hangul stems of 2+ syllables
	hangulBi  float32 // Hangul syllable bigrams (robust to spacing and endings)
	latinTri  float32 // char 3-grams of Latin words (inflections, compounds, typos)
	hangulTri float32 // Hangul syllable trigrams (more specific than bigrams)
}

// defaultLocalWeights were picked on the Korean CS-notes Q&A set
// (TestLocalRetrievalQuality): n-grams at a fraction of a term's weight help
// (recall@1 +5 to 10 points over terms alone), the exact fractions matter
// little (±2 questions of 80) and were not fitted further.
var defaultLocalWeights = localWeights{
	term:      1.0,
	hangulBi:  0.5,
	latinTri:  0.5,
	hangulTri: 0.25,
}

// NewLocal returns a local hashing embedder producing dim-long vectors
// (DefaultLocalDim when dim <= 0). g folds glossary aliases onto canonical
// terms and may be nil.
func NewLocal(dim int, g *token.Glossary) *Local {
	return newLocal(dim, g, defaultLocalWeights)
}

func newLocal(dim int, g *token.Glossary, w localWeights) *Local {
	if dim <= 0 {
		dim = DefaultLocalDim
	}
	model := fmt.Sprintf("%s-%d", localVersion, dim)
	if g != nil {
		// The glossary decides which terms exist, so a different glossary (a
		// user's GRADER_GLOSSARY, an edited default) gives different vectors and
		// must give a different model name.
		h := fnv.New32a()
		h.Write([]byte(g.Fingerprint()))
		model += fmt.Sprintf("-g%08x", h.Sum32())
	}
	return &Local{dim: dim, g: g, w: w, model: model}
}

// Model names the feature set, the dimension and the glossary, e.g.
// "local-hash-v1-384-g1a2b3c4d".
func (l *Local) Model() string { return l.model }

// Dim is the vector length.
func (l *Local) Dim() int { return l.dim }

// Embed returns one unit vector per text. It never fails except when ctx is
// done. A text without any feature (empty, only punctuation) gets a fixed unit
// vector rather than zeros: pgvector's cosine distance of a zero vector is NaN,
// which would poison ORDER BY.
func (l *Local) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = l.embed(t)
	}
	return out, nil
}

// feature is one hashed occurrence; occurrences of the same feature are
// counted after sorting, which is cheaper than a map for a few hundred items.
type feature struct {
	h uint64
	w float32
}

var featurePool = sync.Pool{New: func() any { s := make([]feature, 0, 1024); return &s }}

const maxPooledFeatures = 1 << 16

// Feature namespaces keep a term and an n-gram with the same spelling apart.
const (
	nsTerm     = 't'
	nsLatinTri = 'l'
	nsHangTri  = 'h'
	nsEmpty    = 'e'
)

func (l *Local) embed(text string) []float32 {
	bufp := featurePool.Get().(*[]feature)
	fs := (*bufp)[:0]
	l.features(text, func(ns byte, s string, w float32) {
		if w > 0 {
			fs = append(fs, feature{hashFeature(ns, s), w})
		}
	})
	slices.SortFunc(fs, func(a, b feature) int { return cmp.Compare(a.h, b.h) })

	v := make([]float32, l.dim)
	for i := 0; i < len(fs); {
		j, w := i+1, fs[i].w
		for j < len(fs) && fs[j].h == fs[i].h {
			w = max(w, fs[j].w) // the same string from two origins counts once, at its best weight
			j++
		}
		// Sublinear TF: the tenth "프로세스" in a long note says less than the
		// first, and long chunks must not drown short answers.
		tf := float32(1 + math.Log(float64(j-i)))
		l.add(v, fs[i].h, w*tf)
		i = j
	}
	if cap(fs) <= maxPooledFeatures { // don't keep a huge document's buffer alive
		*bufp = fs[:0]
		featurePool.Put(bufp)
	}

	if !normalize(v) {
		// No features, or (rarely, for tiny texts) signed collisions that
		// cancelled out exactly.
		clear(v)
		l.add(v, hashFeature(nsEmpty, ""), 1)
	}
	return v
}

// add puts a signed weight into the feature's bucket. The sign, taken from a
// bit the bucket index does not use, makes collisions cancel out on average
// instead of inflating every similarity.
func (l *Local) add(v []float32, h uint64, w float32) {
	idx := (h & (1<<63 - 1)) % uint64(l.dim)
	if h>>63 == 1 {
		w = -w
	}
	v[idx] += w
}

// features emits every feature of text. The terms (namespace nsTerm) are exactly
// token.Terms(text, g), computed here from one pass over token.Words so that
// the text is normalised and canonicalised once; TestLocalTermsMatchToken keeps
// the two in step.
func (l *Local) features(text string, emit func(ns byte, s string, w float32)) {
	s := token.Normalize(text)
	if l.g != nil {
		s = l.g.Canonicalize(s)
	}
	for _, wd := range token.Words(s) {
		switch wd.Kind {
		case token.Hangul:
			if utf8.RuneCountInString(wd.Stem) >= 2 {
				emit(nsTerm, wd.Stem, l.w.term)
			}
			// A one-syllable word is its own only bigram and equals its stem,
			// so particles standing alone (의, 는) yield nothing, as in token.Terms.
			emitRuneGrams(wd.Text, 2, func(b string) {
				if b != wd.Stem {
					emit(nsTerm, b, l.w.hangulBi)
				}
			})
			// Trigrams of the whole word: 3 syllables are specific enough to tell
			// 프로세스 from 프로토콜 where the bigram 프로 cannot.
			if l.w.hangulTri > 0 {
				emitRuneGrams(wd.Text, 3, func(g string) { emit(nsHangTri, g, l.w.hangulTri) })
			}
		case token.Latin:
			if token.IsStopword(wd.Text) {
				continue
			}
			emit(nsTerm, wd.Stem, l.w.term)
			if l.w.latinTri > 0 {
				latinTrigrams(wd.Text, func(g string) { emit(nsLatinTri, g, l.w.latinTri) })
			}
		default:
			emit(nsTerm, wd.Text, l.w.term)
		}
	}
}

// latinTrigrams calls f with the character 3-grams of "<word>", so that
// "deploy", "deployment" and "redeploy" share most of their features even where
// the stemmer or the glossary does not connect them. The markers make prefixes
// and suffixes features of their own.
func latinTrigrams(w string, f func(string)) {
	var buf [64]byte
	if len(w)+2 > len(buf) {
		// A 60-byte "word" is a hash or a URL; its head is enough. Cut on a
		// rune boundary.
		n := len(buf) - 2
		for n > 0 && !utf8.RuneStart(w[n]) {
			n--
		}
		w = w[:n]
	}
	b := append(append(append(buf[:0], '<'), w...), '>')
	emitRuneGrams(string(b), 3, f)
}

// emitRuneGrams calls f with every substring of s that is n runes long.
func emitRuneGrams(s string, n int, f func(string)) {
	var starts [8]int // ring of rune start offsets; n < len(starts)
	k := 0
	for i := range s {
		starts[k%len(starts)] = i
		k++
		if k > n {
			f(s[starts[(k-1-n)%len(starts)]:i])
		}
	}
	if k >= n {
		f(s[starts[(k-n)%len(starts)]:])
	}
}

// hashFeature is FNV-1a over the namespace and the feature, then a 64-bit
// finaliser (from MurmurHash3) so that the low bits used for the bucket and the
// top bit used for the sign are well mixed. Written out to avoid the
// allocation of hash.Hash64 on the hot path.
func hashFeature(ns byte, s string) uint64 {
	const (
		offset64 = 14695981039346656037
		prime64  = 1099511628211
	)
	h := uint64(offset64)
	h ^= uint64(ns)
	h *= prime64
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// normalize scales v to unit length in place and reports whether it could
// (false for a zero vector).
func normalize(v []float32) bool {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 || math.IsNaN(ss) || math.IsInf(ss, 0) {
		return false
	}
	inv := 1 / math.Sqrt(ss)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
	return true
}
