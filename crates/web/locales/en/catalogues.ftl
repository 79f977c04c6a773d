### The occupation and industry-segment catalogues.

catalogues-title = Industry chain and occupations
catalogues-intro = The industry-chain segment tree and the occupation catalogue the alliance uses; demand, majors and the talent gap are counted by these codes.
catalogues-segments = Chain segments
catalogues-segment = Segment
catalogues-code = Segment code
catalogues-occupation_count = Occupations
catalogues-segment_form = Add or change a segment
catalogues-parent = Parent segment
catalogues-name_zh = Chinese name
catalogues-name_en = English name
catalogues-position = Position
catalogues-occupations = Occupation catalogue
catalogues-occupations_intro = Codes follow the 2022 national occupational classification; "to verify" means not yet checked against the printed edition. The secretariat loads the catalogue from a file (matched by code; stored only if every row passes).
catalogues-template = Download the catalogue template
catalogues-load = Load the catalogue
catalogues-occupation_code = Occupation code
catalogues-occupation_name = Occupation
catalogues-edition = Edition
catalogues-verified = Verified
catalogues-unverified = to verify
