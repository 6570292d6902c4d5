package visits

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Counter counts page visits per path for the live dashboard.
type Counter struct {
	counts  map[string]int
	started time.Time
}

func NewCounter() *Counter {
	return &Counter{counts: make(map[string]int), started: time.Now()}
}

// Middleware counts every request before passing it on. net/http serves each request on its own
// goroutine.
func (c *Counter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimSuffix(r.URL.Path, "/")
		if path == "" {
			path = "/"
		}
		c.counts[path]++
		next.ServeHTTP(w, r)
	})
}

type snapshot struct {
	Since  time.Time      `json:"since"`
	Counts map[string]int `json:"counts"`
}

// ServeHTTP answers the dashboard's poll with the counts so far.
func (c *Counter) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	copied := make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		copied[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(snapshot{Since: c.started, Counts: copied})
}
