def read(package_type, id):
    raise RuntimeError("not used when parsing")
