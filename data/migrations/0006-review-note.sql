-- 0006-review-note.sql: the reviewer's note on an emergency (break-glass)
-- session, kept with the review (reviewed_by, reviewed_at) it belongs to.
-- NULL for sessions reviewed before there was a note, and for any session
-- not yet reviewed; the application asks for one with every review.

ALTER TABLE sessions ADD COLUMN review_note TEXT
  CHECK (review_note IS NULL OR length(review_note) BETWEEN 10 AND 2000);
