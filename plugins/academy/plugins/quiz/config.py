"""Options of the `academy-quiz` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

#: Shown on every quiz: the page scores for learning, the hub decides on certificates.
NOTICE = (
    "Practice quiz, self-scored for learning: it earns no certificate by itself; "
    "each certificate has its own assessment, scored by the hub."
)


class QuizConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Render quizzes where a page has `<!-- academy:quiz ID -->`; off leaves the markers as they are."""

    notice = opt.Type(str, default=NOTICE)
    """The line above each quiz that says what a self-scored quiz is worth."""

    completion_record = opt.Type(bool, default=True)
    """Offer a learner who passes a completion record to download: the input of certificate issuance."""
