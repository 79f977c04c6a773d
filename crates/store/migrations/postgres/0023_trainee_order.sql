-- A school's trainee list in its order (student number, then id): the page
-- walks the index instead of sorting the school's trainees on every request,
-- so the last page costs about what the first does.
CREATE INDEX trainees_by_org_student ON trainees(org_id, student_no, id);
