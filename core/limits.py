"""Length limits of the text people type, one set for the whole product (issue 7 §2.5).

Every free-text model field (TextField included: PostgreSQL would take a megabyte) and every text input of
the API and the pages is bounded by one of these; tests/core/test_text_limits.py walks every model,
serializer and form and fails on an unbounded one. A model's own CharField max_length, where it is
smaller, is the limit of the input that fills it."""

CODE = 32  # short codes typed in: a shift code, a floor
SEARCH = 100  # a search box or a filter
NAME = 200  # names, titles, places, an office's reference
LINE = 500  # one line: a reason given in a few words, a short note on an event
NOTE = 2000  # notes, results, answers, opinions, explanations, a customer's expectation
TEXT = 5000  # the body of a complaint, a request, a notice, a letter, a log entry
SYSTEM = 10000  # text the system writes itself (a notification's body, a delivery error)
SIGNATURE = 7 * 1024 * 1024  # a signature drawn on screen, a PNG data URL: base64 of an upload of at most 5 MB


def of(model, field: str) -> int:
    """The max_length of `model.field`: the limit of the input that fills it."""
    return model._meta.get_field(field).max_length
