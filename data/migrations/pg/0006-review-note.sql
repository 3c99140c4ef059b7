-- 0006-review-note.sql (PostgreSQL): the model of ../0006-review-note.sql, in this dialect.

ALTER TABLE sessions ADD COLUMN review_note TEXT
  CHECK (review_note IS NULL OR length(review_note) BETWEEN 10 AND 2000);
