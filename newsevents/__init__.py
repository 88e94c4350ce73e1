"""newsevents: a nightly batch pipeline from English news articles to a political events dataset."""

__version__ = "0.1.0"
