"""The factories live in testkit/factories.py, beside the other helpers bench uses too (bench never
imports tests/). This module keeps the name the tests import them by.
"""

from testkit.factories import *  # noqa: F403
