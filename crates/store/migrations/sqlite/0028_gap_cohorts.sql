-- The cohorts behind one talent-gap line (an occupation, a graduation year)
-- are found from the occupation's majors, not by reading every cohort.
CREATE INDEX major_occupations_by_occupation ON major_occupations(occupation_code, major_id);
CREATE INDEX cohorts_by_major_graduation ON cohorts(major_id, graduation_year);
