### Spreadsheet imports and their reports.

import-refused = The file has problems; nothing was imported. Correct each row below and upload again.
import-line = Row
import-column = Column
import-problem = Problem
import-cell_problem = { $column }: { $message }
import-upload = Upload
import-template = Download the template
import-wrong_unit = Your unit cannot import this: schools import majors, cohorts, teachers and trainees, enterprises their talent demand, the secretariat member units.

imports-title = Import
imports-intro = Download the template, fill it in and upload it. The import runs in the background: it stores the rows only if every row is right; otherwise it stores nothing and lists every problem row by row (format and rule problems together), with a problem report to correct and upload again.
imports-none = There is nothing your unit and role may import.
imports-total_problems = Problems in all:{" "}
imports-report = Download the problem report (Excel, each row's problems beside it; correct it and upload it as it is)
imports-created = Import done:{" "}
imports-updated = {" "}created,{" "}
imports-rows = {" "}updated.

# Import kinds, by the name in URLs: the title and what matches a row.
import_kind-organizations = Member units
import_kind-demand = Talent demand
import_kind-majors = Majors
import_kind-cohorts = Cohorts
import_kind-teachers = Teachers
import_kind-trainees = Trainees
import_matched-organizations = matched by credit code: a new code creates the unit as an active member (tier 成员单位 unless given); a known one is updated
import_matched-demand = matched by post, kind and start date within the enterprise; without a status new rows are drafts and existing ones keep theirs
import_matched-majors = matched by code and level
import_matched-cohorts = matched by name; the major must exist
import_matched-teachers = matched by name within the school
import_matched-trainees = matched by ID number
import-rows_refused = Some rows have problems; nothing was imported.
