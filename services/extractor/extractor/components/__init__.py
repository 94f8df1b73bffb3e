"""The extractor's spaCy components; importing this package registers their factories."""
from . import arguments, boilerplate, dates, entities, line_breaks, status, timex, triggers  # noqa: F401
