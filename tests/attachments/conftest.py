from __future__ import annotations

from pathlib import Path

import pytest

from extractors.libreoffice import soffice
from tests.attachments.make_files import converted


@pytest.fixture(scope="session")
def office_files(tmp_path_factory) -> dict[str, Path]:
    """plan.xlsx/.docx written by openpyxl/python-docx; .xls/.ods/.rtf/.odt converted by LibreOffice."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return converted(tmp_path_factory.mktemp("office"))
