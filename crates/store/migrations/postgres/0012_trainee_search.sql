-- Trainees are found by pinyin as members are: the search keys of the name
-- (characters, full pinyin and initials of every reading) and the student
-- number, computed by the application (gongjiang-search) on every write.
-- Rows written before this column exist with '' and are filled when the
-- server starts (app::supply::fill_search_keys).
ALTER TABLE trainees ADD COLUMN search_keys TEXT NOT NULL DEFAULT '';
