from ckan.plugins.toolkit import config  # noqa: F401
