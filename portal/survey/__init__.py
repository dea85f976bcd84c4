"""The NKI satisfaction survey (issue 17): the newcomer's form and the coordinator's figures."""

from portal.survey import staff_views  # noqa: F401 - register their routes on bp
from portal.survey.views import bp

__all__ = ["bp"]
