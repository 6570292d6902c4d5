package health

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Check is one dependency probe (database, cache, queue).
type Check func(ctx context.Context) error

type result struct {
	Name    string `json:"name"`
	OK      bool   `json:"ok"`
	Error   string `json:"error,omitempty"`
	Elapsed string `json:"elapsed"`
}

// Handler runs every check concurrently with a shared deadline and answers 503 if any failed.
func Handler(checks map[string]Check, timeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()

		results := make([]result, 0, len(checks))
		var mu sync.Mutex
		var wg sync.WaitGroup
		for name, check := range checks {
			wg.Add(1)
			go func(name string, check Check) {
				defer wg.Done()
				started := time.Now()
				err := check(ctx)
				res := result{Name: name, OK: err == nil, Elapsed: time.Since(started).String()}
				if err != nil {
					res.Error = err.Error()
				}
				mu.Lock()
				results = append(results, res)
				mu.Unlock()
			}(name, check)
		}
		wg.Wait()

		status := http.StatusOK
		for _, res := range results {
			if !res.OK {
				status = http.StatusServiceUnavailable
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(results)
	}
}
