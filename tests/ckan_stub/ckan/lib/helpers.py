"""resource_formats() as CKAN builds it from ckan/config/resource_formats.json: every name,
mimetype and alternative, lower-cased, maps to [mimetype, format, description]."""
FORMATS = [  # CKAN's own lines for the formats the portal publishes
    ["CSV", "Comma Separated Values File", "text/csv", []],
    ["JSON", "JavaScript Object Notation", "application/json", []],
    ["ZIP", "Zip File", "application/zip", []],
    ["XLSX", "MS Excel File", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []],
]


def resource_formats():
    out = {}
    for fmt, desc, mime, alternatives in FORMATS:
        line = [mime, fmt, desc]
        for item in line + alternatives:
            if item:
                out[item.lower()] = line
    return out
