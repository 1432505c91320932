from ckan.plugins import toolkit  # noqa: F401
from ckan.plugins.interfaces import Interface  # noqa: F401


def implements(*args, **kwargs):
    pass


class SingletonPlugin:
    pass


def PluginImplementations(interface):
    return []
