"""Puts the built explorer into the wheel, so an installed dutygraph serves it with no Node.js.

Everything else is declared in pyproject.toml. Vite builds the explorer and the GraphQL IDE
into web/dist (`make setup`); a wheel carries a copy as dutygraph/web, where
api/settings.py looks for it when dutygraph runs from an installed package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

WEB_DIST = Path(__file__).resolve().parent / "web" / "dist"


class BuildWithExplorer(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install serves web/dist in place
            return
        if not (WEB_DIST / "index.html").is_file():
            self.warn("web/dist is not built (make setup): the package will not serve the explorer")
            return
        target = Path(self.build_lib) / "dutygraph" / "web"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(WEB_DIST, target, ignore=shutil.ignore_patterns(".*"))


setup(cmdclass={"build_py": BuildWithExplorer})
