"""One locale for dates, numbers and money: the interface's (English), whatever the system's.

Qt applies the system locale to the C library when the application starts, so with a German
system strftime("%b") wrote "Mär" and date fields showed "Mär." inside the English interface.
"""

from __future__ import annotations

import locale

from PySide6.QtCore import QLocale

INTERFACE_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def use_interface_locale() -> None:
    """Make Qt's default locale and the C library's time and number formats the interface's."""
    QLocale.setDefault(INTERFACE_LOCALE)
    for category in (locale.LC_TIME, locale.LC_NUMERIC, locale.LC_MONETARY):
        locale.setlocale(category, "C")


__all__ = ["INTERFACE_LOCALE", "use_interface_locale"]
