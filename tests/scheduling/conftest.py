import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """The rules speak Vietnamese to users; these tests read the English source text."""
    with translation.override("en"):
        yield
