### Spreadsheet imports and their reports.

import-refused = The file has problems; nothing was imported. Correct each row below and upload again.
import-line = Row
import-column = Column
import-problem = Problem
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
