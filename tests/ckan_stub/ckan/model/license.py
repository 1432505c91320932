"""CKAN's default licence register (ckan/model/license.py): the entries' ids, titles and
URLs as CKAN ships them (no licenses_group_url configured)."""


class License:
    def __init__(self, id, title, url):
        self.id, self.title, self.url = id, title, url


DEFAULTS = [
    ("notspecified", "License not specified", ""),
    ("odc-pddl", "Open Data Commons Public Domain Dedication and License (PDDL)",
     "http://www.opendefinition.org/licenses/odc-pddl"),
    ("odc-odbl", "Open Data Commons Open Database License (ODbL)", "http://www.opendefinition.org/licenses/odc-odbl"),
    ("odc-by", "Open Data Commons Attribution License", "http://www.opendefinition.org/licenses/odc-by"),
    ("cc-zero", "Creative Commons CCZero", "http://www.opendefinition.org/licenses/cc-zero"),
    ("cc-by", "Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by"),
    ("cc-by-sa", "Creative Commons Attribution Share-Alike", "http://www.opendefinition.org/licenses/cc-by-sa"),
    ("gfdl", "GNU Free Documentation License", "http://www.opendefinition.org/licenses/gfdl"),
    ("other-open", "Other (Open)", ""),
    ("other-pd", "Other (Public Domain)", ""),
    ("other-at", "Other (Attribution)", ""),
    ("uk-ogl", "UK Open Government Licence (OGL)", "http://reference.data.gov.uk/id/open-government-licence"),
    ("cc-nc", "Creative Commons Non-Commercial (Any)", "http://creativecommons.org/licenses/by-nc/2.0/"),
    ("other-nc", "Other (Non-Commercial)", ""),
    ("other-closed", "Other (Not Open)", ""),
]


class LicenseRegister:
    def __init__(self):
        self.licenses = [License(*d) for d in DEFAULTS]

    def items(self):
        return [(lic.id, lic) for lic in self.licenses]
