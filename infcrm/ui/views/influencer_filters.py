"""The filter bar above the influencer list: platform, tier, stage, tag, band, followers,
and “Owned by me”."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.enums import EngagementBand, Platform, Tier
from infcrm.domain.numbers import format_count, parse_count
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.ui.icons import network_icon

# Typing “10k” fires once the user pauses, not on every digit.
_FOLLOWERS_DEBOUNCE_MS = 300


class _ChoiceCombo(QComboBox):
    """A combo that can fill itself just before its list opens."""

    def __init__(self) -> None:
        super().__init__()
        self.before_popup: Callable[[], None] | None = None

    def showPopup(self) -> None:
        """Bring the choices up to date, then open the list."""
        if self.before_popup is not None:
            self.before_popup()
        super().showPopup()


def _combo(name: str, any_text: str, tip: str) -> _ChoiceCombo:
    combo = _ChoiceCombo()
    combo.setObjectName(name)
    combo.setToolTip(tip)
    combo.setAccessibleName(tip)
    combo.addItem(any_text, None)
    # Narrow windows squeeze the combos (their lists still open full width) rather than clip.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(9)  # “Any platform” reads whole
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    combo.setMaximumWidth(180)
    return combo


def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
    """Replace the choices after “Any …”, keeping the current one if it still exists."""
    current = combo.currentData()
    with QSignalBlocker(combo):
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in items:
            combo.addItem(text, value)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))


class InfluencerFilterBar(QWidget):
    """Combos and a follower range; `changed` fires when the chosen filters change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.platform = _combo("platform_filter", "Any platform", "Has an account on this platform")
        for platform in Platform:
            self.platform.addItem(network_icon(platform), platform.label, platform.value)
        self.tier = _combo("tier_filter", "Any tier", "Size of the main account")
        for tier in Tier:
            self.tier.addItem(tier.label, tier.value)
        self.stage = _combo("stage_filter", "Any stage", "Where the relationship stands")
        self.tag = _combo("tag_filter", "Any tag", "Carries this tag")
        self.country = _combo("country_filter", "Any country", "Lives in this country")
        self.band = _combo(
            "band_filter", "Any engagement", "Engagement compared with the usual range"
        )
        for band in EngagementBand:
            # “Suspiciously high engagement” would not fit a narrow bar; the word says enough.
            word = "Suspicious" if band is EngagementBand.SUSPICIOUS else band.label
            self.band.addItem(f"{word} engagement", band.value)
        self.band.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.band.setMaximumWidth(220)
        self.min_followers = self._follower_edit("min_followers", "Min followers", "at least")
        self.max_followers = self._follower_edit("max_followers", "Max followers", "at most")
        # “Me” is the name this computer signs with, so a saved view of it suits each teammate.
        self.owned_by_me = QCheckBox("Owned by me")
        self.owned_by_me.setObjectName("owned_by_me")
        self.owned_by_me.setToolTip("Only the people whose Owner is your name (File › Your name…)")
        self.owned_by_me.toggled.connect(lambda _on: self.changed.emit())
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setToolTip("Show everyone again (keeps the search text)")
        self.clear_button.clicked.connect(self.clear)
        self.error = QLabel()
        self.error.setObjectName("filter_error")
        self.error.setStyleSheet("color: #d03c3c;")
        self.error.setWordWrap(True)
        self.error.hide()

        # Two lines, so the bar fits a 1024-pixel-wide window: who (platform, tier, stage, tag,
        # country), then how they perform (engagement, followers) and Clear.
        first = QHBoxLayout()
        second = QHBoxLayout()
        for line in (first, second):
            line.setContentsMargins(0, 0, 0, 0)
        for combo in self.combos():
            (second if combo is self.band else first).addWidget(combo)
            combo.currentIndexChanged.connect(self._on_combo_changed)
        first.addStretch(1)
        second.addSpacing(8)
        second.addWidget(QLabel("Followers"))
        second.addWidget(self.min_followers)
        second.addWidget(QLabel("–"))
        second.addWidget(self.max_followers)
        second.addSpacing(8)
        second.addWidget(self.owned_by_me)
        second.addWidget(self.clear_button)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.error)
        self._range: tuple[int | None, int | None] = (None, None)
        self._db: Database | None = None
        self._stale = True
        for combo in (self.tag, self.country):
            combo.before_popup = self.load_choices
        self._follower_timer = QTimer(self)
        self._follower_timer.setSingleShot(True)
        self._follower_timer.setInterval(_FOLLOWERS_DEBOUNCE_MS)
        self._follower_timer.timeout.connect(self._on_followers_edited)

    def _follower_edit(self, name: str, placeholder: str, word: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(f"Main account has {word} this many followers; 10k and 1.5M work too")
        edit.setAccessibleName(placeholder)
        edit.setClearButtonEnabled(True)
        edit.setMinimumWidth(64)
        edit.setMaximumWidth(130)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit.textEdited.connect(lambda _text: self._follower_timer.start())
        edit.editingFinished.connect(self._on_followers_edited)
        # The clear button sets the text without textEdited; catch it too.
        edit.textChanged.connect(lambda text: self._follower_timer.start() if not text else None)
        return edit

    def combos(self) -> tuple[QComboBox, ...]:
        """Every choice box, in bar order."""
        return (self.platform, self.tier, self.stage, self.tag, self.country, self.band)

    def set_source(self, db: Database) -> None:
        """Where the stage, tag and country choices come from; stages load now, the rest later."""
        self._db = db
        self.reload_stages()
        self.mark_stale()

    def reload_stages(self) -> None:
        """Refill the stage choices (they are few and change rarely)."""
        if self._db is not None:
            _refill(self.stage, [(s.name, s.id) for s in influencers.stages(self._db)])

    def mark_stale(self) -> None:
        """The data changed: read tags and countries again when a list next opens."""
        self._stale = True

    def load_choices(self) -> None:
        """Fill tags and countries from the data now, if they may have changed.

        Reading them means scanning every influencer, so it waits until someone opens
        one of the lists rather than running after every edit.
        """
        if not self._stale or self._db is None:
            return
        self._stale = False
        choices = influencer_list.filter_choices(self._db)
        _refill(self.tag, [(t, t) for t in choices.tags])
        _refill(self.country, [(c, c) for c in choices.countries])

    def query_fields(self) -> dict[str, Any]:
        """The chosen filters as ListQuery fields."""
        low, high = self._range
        return {
            "platform": self.platform.currentData(),
            "tier": self.tier.currentData(),
            "stage_id": self.stage.currentData(),
            "tag": self.tag.currentData(),
            "country": self.country.currentData(),
            "band": self.band.currentData(),
            "min_followers": low,
            "max_followers": high,
            "owned_by_me": self.owned_by_me.isChecked(),
        }

    def is_active(self) -> bool:
        """True when any filter narrows the list."""
        defaults = ListQuery()
        return any(v != getattr(defaults, k) for k, v in self.query_fields().items())

    def choose(self, combo: QComboBox, value: Any) -> None:
        """Select the entry of `combo` whose value is `value` (None: “Any …”)."""
        self.load_choices()
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def show_query(self, query: ListQuery) -> None:
        """Set every filter as `query` has it (a saved view opening), without `changed`."""
        self.load_choices()
        for combo, value in zip(
            self.combos(),
            (query.platform, query.tier, query.stage_id, query.tag, query.country, query.band),
            strict=True,
        ):
            with QSignalBlocker(combo):
                found = combo.findData(value) if value is not None else 0
                if found < 0:  # a country no one lives in now: keep it, the list shows no one
                    combo.addItem(str(value), value)
                    found = combo.count() - 1
                combo.setCurrentIndex(found)
        self._follower_timer.stop()
        for edit, value in (
            (self.min_followers, query.min_followers),
            (self.max_followers, query.max_followers),
        ):
            text = format_count(value)
            if value is not None and parse_count(text, what="followers") != value:
                text = str(value)  # “12.3k” would not give 12,345 back
            with QSignalBlocker(edit):
                edit.setText(text)
        self._range = (query.min_followers, query.max_followers)
        with QSignalBlocker(self.owned_by_me):
            self.owned_by_me.setChecked(query.owned_by_me)
        self._show_error("")

    def clear(self) -> None:
        """Back to “Any …” everywhere and no follower range; one `changed` at most."""
        was_active = self.is_active()
        for widget in (*self.combos(), self.min_followers, self.max_followers, self.owned_by_me):
            with QSignalBlocker(widget):
                if isinstance(widget, QComboBox):
                    widget.setCurrentIndex(0)
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(False)
                else:
                    widget.clear()
        self._follower_timer.stop()
        self._range = (None, None)
        self._show_error("")
        if was_active:
            self.changed.emit()

    def _on_combo_changed(self, _index: int) -> None:
        self.changed.emit()

    def _on_followers_edited(self) -> None:
        """Read both follower boxes; a typo is explained and leaves the list as it was."""
        self._follower_timer.stop()
        values: list[int | None] = []
        for edit in (self.min_followers, self.max_followers):
            try:
                values.append(parse_count(edit.text(), what="followers"))
            except ValueError as exc:
                self._show_error(str(exc), edit)
                return
        low, high = values
        if low is not None and high is not None and low > high:
            self._show_error(
                f"The minimum ({format_count(low)}) is above the maximum ({format_count(high)}); "
                "swap them to see anyone.",
                self.min_followers,
                self.max_followers,
            )
            return
        self._show_error("")
        if (low, high) != self._range:
            self._range = (low, high)
            self.changed.emit()

    def _show_error(self, text: str, *at_fault: QLineEdit) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        for edit in (self.min_followers, self.max_followers):
            # Mark the box the message is about.
            edit.setStyleSheet("border: 1px solid #d03c3c;" if edit in at_fault else "")


__all__ = ["InfluencerFilterBar"]
