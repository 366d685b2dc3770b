"""Errors raised by :mod:`geo`.

    GeoError
    ├── PlaceNotFound (LookupError)
    ├── GazetteerUnavailable (RuntimeError)
    ├── BasemapUnavailable (RuntimeError)
    ├── GeocoderUnavailable (ConnectionError)
    ├── CacheUnavailable (OSError)
    └── InputError (ValueError)
"""


class GeoError(Exception):
    """Base class of every error raised by this package."""


class PlaceNotFound(GeoError, LookupError):
    """No place of that name could be found."""


class GazetteerUnavailable(GeoError, RuntimeError):
    """The offline gazetteer index is missing or cannot be built."""


class BasemapUnavailable(GeoError, RuntimeError):
    """The shipped basemap outlines are missing or unreadable."""


class GeocoderUnavailable(GeoError, ConnectionError):
    """An online geocoder could not be reached, or answered with an error."""


class CacheUnavailable(GeoError, OSError):
    """The on-disk cache of online geocoder answers cannot be opened, read or written."""


class InputError(GeoError, ValueError):
    """Input given to the command line is not in the expected format."""
