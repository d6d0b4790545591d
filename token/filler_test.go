package token

import "testing"

func TestWithoutFillers(t *testing.T) {
	cases := []struct{ in, want string }{
		{"음... 어, 그러니까 Lambda는 약간, 요청이 들어올 때만 돌아가거든요.", "Lambda는 약간, 요청이 들어올 때만 돌아가거든요."},
		{"기능 코드를 먼저 작성하고, 음, 그다음에 테스트를 붙입니다.", "기능 코드를 먼저 작성하고, 그다음에 테스트를 붙입니다."},
		{"파드 IP는, 음, 한 번 할당되면", "파드 IP는, 한 번 할당되면"},
		{"어... 뭐랄까, 트래픽 양에 맞춰서", "트래픽 양에 맞춰서"},
		// a determiner is a word; the same syllable before a pause is a filler
		{"그 코드에 맞춰서", "그 코드에 맞춰서"}, {"그, 코드에 맞춰서", "코드에 맞춰서"},
		{"좀 더 빠르게", "좀 더 빠르게"}, {"저는 EFS를", "저는 EFS를"},
		// a sentence end said on a filler stays with the sentence
		{"그래서 EFS를 씁니다 음.", "그래서 EFS를 씁니다."},
		{"It is, um, the kube-apiserver. Uh, it validates requests.", "It is, the kube-apiserver. it validates requests."},
		// lines stay lines (a list answer keeps its items apart)
		{"- 음, CI\n- CD", "- CI\n- CD"},
		// words that only start like a filler are words
		{"음성 인식, 어플리케이션, 에러", "음성 인식, 어플리케이션, 에러"},
	}
	for _, c := range cases {
		if got := WithoutFillers(c.in); got != c.want {
			t.Errorf("WithoutFillers(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
