"""Icons come from qtawesome's fonts, show every network's logo and follow the theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage

from infcrm.domain.enums import Platform
from infcrm.ui import icons
from infcrm.ui.theme_tokens import tokens


def inked(icon: QIcon, size: int = 32, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The colours of the fully painted pixels of `icon` (the glyph's body, not its edges)."""
    image = icon.pixmap(QSize(size, size), 1.0, mode).toImage()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() == 255
    }


def test_every_named_icon_and_logo_is_in_the_fonts(qapp) -> None:
    # A qtawesome update that renames a glyph must fail here, not show a blank button.
    missing = [
        name
        for name in [*icons.ICONS.values(), *icons.NETWORK_GLYPHS.values()]
        if icons.glyph(name) is None
    ]
    assert missing == []


@pytest.mark.parametrize("platform", list(Platform))
def test_every_platform_has_its_logo_in_its_brand_colour(qapp, themed, platform: Platform) -> None:
    themed.apply(qapp, "light")
    icon = icons.network_icon(platform)
    assert not icon.isNull()
    assert inked(icon) == {tokens("light").brand_colour(platform.value)}


def test_instagram_and_youtube_logos_differ_and_unknown_networks_get_the_globe(themed) -> None:
    assert inked(icons.network_icon("instagram")) != inked(icons.network_icon("youtube"))
    globe = icons.network_icon("myspace")
    assert globe.name() == icons.NETWORK_GLYPHS["other"]
    assert inked(globe)


def test_icons_are_retinted_when_the_theme_switches(qapp, themed) -> None:
    search = icons.icon("search")
    instagram = icons.network_icon(Platform.INSTAGRAM)
    themed.apply(qapp, "light")
    assert inked(search) == {tokens("light").colour("text_secondary")}
    assert inked(instagram) == {tokens("light").brand_colour("instagram")}
    themed.apply(qapp, "dark")  # the same QIcon objects, not set again
    assert inked(search) == {tokens("dark").colour("text_secondary")}
    assert inked(instagram) == {tokens("dark").brand_colour("instagram")}


def test_disabled_and_selected_icons_take_their_states_colours(qapp, themed) -> None:
    themed.apply(qapp, "light")
    search = icons.icon("search")
    assert inked(search, mode=QIcon.Mode.Disabled) == {tokens("light").colour("text_disabled")}
    assert inked(search, mode=QIcon.Mode.Selected) == {tokens("light").colour("accent_text")}
    on_button = icons.icon("add", colour="on_accent")
    assert inked(on_button) == {tokens("light").colour("on_accent")}


def test_icons_are_sharp_on_high_density_screens(qapp) -> None:
    pixmap = icons.icon("dashboard").pixmap(QSize(20, 20), 2.0)
    assert (pixmap.width(), pixmap.height()) == (40, 40)
    assert pixmap.devicePixelRatio() == 2.0


def test_the_sidebar_shows_an_icon_for_every_screen(main_window) -> None:
    sidebar = main_window.sidebar
    for row in range(sidebar.count()):
        assert not sidebar.item(row).icon().isNull(), sidebar.item(row).text()


def test_every_menu_entry_has_an_icon(main_window) -> None:
    bare = [
        f"{name}: {action.text()}"
        for name, menu in main_window.menus.items()
        for action in menu.actions()
        if not action.isSeparator() and action.menu() is None and action.icon().isNull()
    ]
    assert bare == []


def test_the_account_editor_shows_the_chosen_networks_logo_in_the_handle_field(qtbot) -> None:
    from infcrm.domain.metrics import EngagementBands, TierThresholds
    from infcrm.ui.widgets.account_editor import AccountEditor

    editor = AccountEditor(TierThresholds(), EngagementBands())
    qtbot.addWidget(editor)
    editor.platform.setCurrentIndex(editor.platform.findData("tiktok"))
    assert editor.handle_logo.icon().name() == icons.NETWORK_GLYPHS["tiktok"]
    editor.handle.setText("https://www.youtube.com/@mia.bakes")  # a pasted link
    assert editor.handle_logo.icon().name() == icons.NETWORK_GLYPHS["youtube"]
    logos = {editor.platform.itemIcon(i).name() for i in range(editor.platform.count())}
    assert logos == set(icons.NETWORK_GLYPHS.values())


def test_follow_ups_show_the_networks_logo_beside_the_handle(qapp, demo_db) -> None:
    from datetime import date

    from PySide6.QtCore import Qt

    from infcrm.services.outreach import follow_up_lists
    from infcrm.ui.models.follow_up_table_model import COLUMN_KEYS, FollowUpTableModel

    today = date.today()
    model = FollowUpTableModel(demo_db)
    model.set_section("overdue", follow_up_lists.buckets(demo_db, today).overdue, today)
    account = COLUMN_KEYS.index("account")
    rows = [model.row_data(r) for r in range(model.rowCount())]
    with_handle = next(r for r, row in enumerate(rows) if row.handle)
    logo = model.data(model.index(with_handle, account), Qt.ItemDataRole.DecorationRole)
    assert logo.name() == icons.NETWORK_GLYPHS[rows[with_handle].platform]


def test_a_logo_painted_in_a_list_lands_in_its_rect_in_its_colour(qapp, themed) -> None:
    """Delegates paint icons straight into a row; the cached picture goes where it is asked."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QPainter

    themed.apply(qapp, "light")
    for _ in range(2):  # the second picture comes from the cache
        image = QImage(64, 32, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        icons.network_icon("youtube").paint(painter, QRect(40, 8, 16, 16))
        painter.end()
    inked_at = {
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() == 255
    }
    assert inked_at and all(40 <= x < 56 and 8 <= y < 24 for x, y in inked_at)
    brand = tokens("light").brand_colour("youtube")
    assert {QColor(image.pixel(x, y)).name() for x, y in inked_at} == {brand}
