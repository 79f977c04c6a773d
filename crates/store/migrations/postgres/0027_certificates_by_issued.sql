-- The secretariat's list of every certificate, newest first, a page at a
-- time: the page walks this index instead of sorting the whole table.
CREATE INDEX certificates_by_issued ON certificates(issued_on, number);
