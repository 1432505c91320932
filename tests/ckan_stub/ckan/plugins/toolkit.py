"""The toolkit functions ckanext-dcat's parser calls, as CKAN defines them."""
config: dict = {"ckan.site_url": "http://ckan.example", "ckan.locale_default": "id"}


class ObjectNotFound(Exception):
    pass


class ValidationError(Exception):
    pass


class NotAuthorized(Exception):
    pass


def _(text):
    return text


def asbool(obj):
    if isinstance(obj, str):
        obj = obj.strip().lower()
        if obj in ("true", "yes", "on", "y", "t", "1"):
            return True
        if obj in ("false", "no", "off", "n", "f", "0", ""):
            return False
        raise ValueError(f"String is not true/false: {obj!r}")
    return bool(obj)


def aslist(obj, sep=None, strip=True):
    if isinstance(obj, str):
        return [v.strip() if strip else v for v in obj.split(sep)]
    if isinstance(obj, (list, tuple)):
        return list(obj)
    return [] if obj is None else [obj]


def get_action(name):
    """CKAN raises KeyError for an action no plugin registers (here: none is)."""
    raise KeyError(f"Action '{name}' not found")


def url_for(*args, **kwargs):
    raise RuntimeError("url_for is not used when parsing")


def abort(status, detail=None):
    raise RuntimeError(f"{status}: {detail}")


request = None
from ckan.lib.navl.dictization_functions import Invalid, StopOnError, missing  # noqa: F401
