"""The program-page extractor: pure code shared by the ``program_pages`` spider and the
``programs extract`` CLI.

* :func:`extract_page` - one HTML page -> :class:`PageExtraction` (programs, institution);
* :func:`score_link` / :func:`looks_like_program_url` - keyword-guided link discovery.
"""

from __future__ import annotations

from .links import looks_like_program_url, score_link
from .page import PageExtraction, extract_page

__all__ = ["PageExtraction", "extract_page", "score_link", "looks_like_program_url"]
