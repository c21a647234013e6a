"""Words the product spells one way on every screen, message and file it writes."""

from __future__ import annotations

import ast
from pathlib import Path

import infcrm

# Spelling a user would see two ways → the one the product uses.
ONE_SPELLING = {"e-mail": "email"}


def _texts(path: Path) -> list[tuple[int, str]]:
    """Every string a module can show (docstrings left out: they are for programmers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_user_visible_text_spells_email_one_way() -> None:
    root = Path(infcrm.__file__).parent
    found = [
        f"{path.relative_to(root)}:{line}: {text!r}"
        for path in sorted(root.rglob("*.py"))
        for line, text in _texts(path)
        for wrong in ONE_SPELLING
        if wrong in text.casefold()
    ]
    resources = [
        f"{path.relative_to(root)}"
        for path in sorted((root / "resources").rglob("*"))
        if path.is_file()
        and path.suffix in (".txt", ".md", ".html", ".eml", ".desktop")
        and any(w in path.read_text(encoding="utf-8").casefold() for w in ONE_SPELLING)
    ]
    assert found + resources == []
