-- The secretariat's list of every internship, newest start first, a page at
-- a time: the page walks this index instead of sorting the whole table.
CREATE INDEX internships_by_start ON internships(start_on, id);
