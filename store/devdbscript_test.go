package store_test

import (
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// make test and make run reuse the development database when it already
// answers, but only the one this checkout started: a server of another
// checkout (or any program) on the port would have this checkout's suite
// and notes run against its database. The script refuses it, naming the
// port and the way out.
func TestDevDBScriptRefusesAnotherServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	dir := t.TempDir()
	out, err := exec.Command("bash", filepath.Join("..", "scripts", "devdb.sh"), "start", dir, port).CombinedOutput()
	if err == nil {
		t.Fatalf("devdb.sh start reused a server it did not start: %s", out)
	}
	for _, want := range []string{"127.0.0.1:" + port, "something else answers", "DEVDB_PORT"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the refusal %q does not say %q", out, want)
		}
	}
}
