"""Options of the `academy-quiz` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

#: Shown on every quiz: the page scores for learning, the hub decides on certificates.
#: `{hub}` is the hub's name from site.yml (`hub_name:`, default "the hub").
NOTICE = (
    "Practice quiz, self-scored for learning: it earns no certificate by itself; "
    "each certificate has its own assessment, scored by {hub}."
)


def notice_text(notice: str, hub_name: str) -> str:
    """The notice with the hub's name in place of `{hub}` (a notice without it is kept as written)."""
    return notice.replace("{hub}", hub_name)


class QuizConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Render quizzes where a page has `<!-- academy:quiz ID -->`; off leaves the markers as they are."""

    notice = opt.Type(str, default=NOTICE)
    """The line above each quiz that says what a self-scored quiz is worth; `{hub}` becomes site.yml's hub_name."""

    completion_record = opt.Type(bool, default=True)
    """Offer a learner who passes a completion record to download: the input of certificate issuance."""
