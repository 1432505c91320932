def index():
    raise RuntimeError("not used when parsing")
