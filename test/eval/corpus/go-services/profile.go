package profile

import (
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

type Profile struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Bio      *string `json:"bio,omitempty"`
	Location *string `json:"location,omitempty"`
}

type Store struct {
	DB *sql.DB
}

func (s *Store) Load(id int64) (*Profile, error) {
	row := s.DB.QueryRow(`SELECT id, name, bio, location FROM profiles WHERE id = $1`, id)
	var p Profile
	if err := row.Scan(&p.ID, &p.Name, &p.Bio, &p.Location); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, err
	}
	return &p, nil
}

// Handler serves GET /profiles/{id} with a short summary line for link previews.
func (s *Store) Handler(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	p, err := s.Load(id)
	if err != nil {
		http.Error(w, "lookup failed", http.StatusInternalServerError)
		return
	}
	summary := p.Name
	if p.Location != nil {
		summary += " · " + *p.Location
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"profile": p, "summary": summary})
}
