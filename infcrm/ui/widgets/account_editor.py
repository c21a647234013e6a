"""One social account's part of the influencer form, with its live handle, tier and engagement."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from infcrm.domain.enums import EngagementBand, Platform, Tier
from infcrm.domain.handles import normalise_handle, profile_url
from infcrm.domain.metrics import EngagementBands, TierThresholds, engagement_rate
from infcrm.domain.numbers import format_percent, parse_count
from infcrm.domain.platform_links import detect_platform, named_channel
from infcrm.services.people.influencer_types import Account, AccountInput, Snapshot
from infcrm.ui.icons import network_icon
from infcrm.ui.widgets.field_error import FieldError
from infcrm.ui.widgets.sparkline import Sparkline, growth_summary

_BAND_WORDS = {
    EngagementBand.LOW: "low",
    EngagementBand.TYPICAL: "typical",
    EngagementBand.HIGH: "high",
    EngagementBand.SUSPICIOUS: "suspiciously high",
}
_COUNTS = (
    ("followers", "Followers"),
    ("avg_likes", "Avg likes"),
    ("avg_comments", "Avg comments"),
    ("avg_views", "Avg views"),
)


def describe_engagement(
    platform: Platform, tier: Tier | None, rate: float | None, band: EngagementBand | None
) -> str:
    """“Micro · 3.2% — typical for Instagram micro”, or what is missing to say it."""
    if tier is None:
        return "Tier and engagement show once followers are filled in."
    if rate is None:
        return f"{tier.label} · add average likes or comments to see the engagement rate"
    text = f"{tier.label} · {format_percent(rate)}"
    if band is not None:
        text += f" — {_BAND_WORDS[band]} for {platform.label} {tier.label.lower()}"
    return text


def describe_account(account: Account) -> str:
    """The engagement sentence for a saved account."""
    return describe_engagement(
        Platform(account.platform),
        Tier(account.tier) if account.tier else None,
        account.engagement_rate,
        EngagementBand(account.band) if account.band else None,
    )


def _whole(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _labelled(caption: str, field: QWidget, error: FieldError) -> QWidget:
    """A caption above the field and its error sentence below it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(caption)
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field)
    layout.addWidget(error)
    layout.addStretch(1)
    return box


class AccountEditor(QGroupBox):
    """Platform, handle, figures and audience of one account; `to_input()` reads it back."""

    remove_requested = Signal()

    def __init__(
        self,
        thresholds: TierThresholds,
        bands: EngagementBands,
        account: Account | None = None,
        snapshots: Sequence[Snapshot] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.account_id = account.id if account else None
        self._thresholds = thresholds
        self._bands = bands
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}

        self.platform = QComboBox()
        for platform in Platform:
            self.platform.addItem(network_icon(platform), platform.label, platform.value)
        self.handle = QLineEdit()
        # The network's logo inside the handle field, following the platform chosen.
        self.handle_logo = self.handle.addAction(
            network_icon(self.platform.currentData()), QLineEdit.ActionPosition.LeadingPosition
        )
        self.handle.setPlaceholderText("@name or a profile link")
        self.handle.setToolTip("Type the handle (with or without @) or paste the profile link.")
        self.label = QLineEdit()
        self.label.setPlaceholderText("e.g. Like Nastya")
        self.label.setToolTip(
            "The account's name, such as a YouTube channel's title. When you do not know the "
            "handle, the name alone is enough to keep the account and its figures."
        )
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setOpenExternalLinks(True)
        # A channel kept by its old link says so at length, with a long link: wrapped, the
        # line never widens the form past the window.
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.main_radio = QRadioButton("Main account")
        self.main_radio.setToolTip("The list shows the figures of each person's main account.")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove this account from the person (on Save)")
        self.remove_button.clicked.connect(self.remove_requested)
        self.counts = {key: QLineEdit() for key, _caption in _COUNTS}
        self.counts["followers"].setPlaceholderText("e.g. 12.5k")
        self.posts_per_week = QLineEdit()
        self.posts_per_week.setPlaceholderText("e.g. 3")
        self.audience_countries = QLineEdit()
        self.audience_countries.setPlaceholderText("e.g. Germany 60%, Austria 15%")
        self.audience_gender = QLineEdit()
        self.audience_gender.setPlaceholderText("e.g. 70% women")
        self.audience_age = QLineEdit()
        self.audience_age.setPlaceholderText("e.g. 25–34")
        self.authenticity = QSpinBox()
        self.authenticity.setRange(-1, 100)
        self.authenticity.setValue(-1)
        self.authenticity.setSpecialValueText("—")  # -1 means "not assessed"
        self.authenticity.setSuffix(" / 100")
        self.authenticity.setToolTip("Your estimate of how real the audience is (0–100)")
        self.audience_notes = QPlainTextEdit()
        self.audience_notes.setTabChangesFocus(True)
        self.audience_notes.setPlaceholderText("Anything else about the audience")
        self.audience_notes.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 14)
        self.summary = QLabel()
        self.summary.setObjectName("engagementSummary")
        self.growth = QLabel()
        self.growth.setObjectName("growthLine")
        self.sparkline = Sparkline()

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.addWidget(self._field("platform", "Platform", self.platform), 0, 0)
        grid.addWidget(self._field("handle", "Handle or profile link", self.handle), 0, 1, 1, 2)
        grid.addWidget(self._field("label", "Account name (if no handle)", self.label), 0, 3)
        # One above the other: side by side, the radio's label touched the button.
        side = QVBoxLayout()
        side.setSpacing(4)
        side.addWidget(self.main_radio)
        side.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addLayout(side, 0, 4, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.preview, 1, 1, 1, 4)
        for column, (key, caption) in enumerate(_COUNTS):
            grid.addWidget(self._field(key, caption, self.counts[key]), 2, column)
        grid.addWidget(self._field("posts_per_week", "Posts per week", self.posts_per_week), 2, 4)
        grid.addWidget(
            self._field("audience_countries", "Audience countries", self.audience_countries),
            3,
            0,
            1,
            2,
        )
        grid.addWidget(
            self._field("audience_gender", "Audience gender", self.audience_gender), 3, 2
        )
        grid.addWidget(self._field("audience_age", "Audience age", self.audience_age), 3, 3)
        grid.addWidget(self._field("authenticity", "Authenticity", self.authenticity), 3, 4)
        grid.addWidget(
            self._field("audience_notes", "Audience notes", self.audience_notes), 4, 0, 1, 5
        )
        figures = QHBoxLayout()
        figures.addWidget(self.summary)
        figures.addStretch(1)
        figures.addWidget(self.growth)
        figures.addWidget(self.sparkline)
        grid.addLayout(figures, 5, 0, 1, 5)
        for column in range(5):
            grid.setColumnStretch(column, 1)

        if account is not None:
            self._load(account)
        self.sparkline.set_snapshots(snapshots)
        self.growth.setText(growth_summary(snapshots) if account is not None else "")
        self.growth.setVisible(account is not None)
        self.platform.currentIndexChanged.connect(self._on_platform_changed)
        self._on_platform_changed()  # the loaded account's network, not the first one's logo
        self.handle.textChanged.connect(self._on_handle_changed)
        self.label.textChanged.connect(self._update_preview)
        for key in ("followers", "avg_likes", "avg_comments"):
            self.counts[key].textChanged.connect(self._update_summary)
        self._on_handle_changed()
        self._update_summary()

    def _field(self, key: str, caption: str, widget: QWidget) -> QWidget:
        error = FieldError(widget)
        self.errors[key] = error
        self.fields[key] = widget
        widget.setAccessibleName(caption)
        return _labelled(caption, widget, error)

    def _load(self, account: Account) -> None:
        self.platform.setCurrentIndex(max(0, self.platform.findData(account.platform)))
        # A channel kept by its old link shows that link, which saving keeps.
        self.handle.setText(account.handle or (account.url if _named(account.url) else ""))
        self.label.setText(account.label or "")
        self.main_radio.setChecked(account.is_primary)
        for key, edit in self.counts.items():
            edit.setText(_whole(getattr(account, key)))
        if account.posts_per_week is not None:
            self.posts_per_week.setText(f"{account.posts_per_week:g}")
        self.audience_countries.setText(account.audience_countries or "")
        self.audience_gender.setText(account.audience_gender or "")
        self.audience_age.setText(account.audience_age or "")
        self.audience_notes.setPlainText(account.audience_notes or "")
        self.authenticity.setValue(-1 if account.authenticity is None else account.authenticity)

    # Reading back -------------------------------------------------------------------------

    def current_platform(self) -> Platform:
        """The platform chosen in the combo."""
        return Platform(self.platform.currentData())

    def to_input(self) -> AccountInput:
        """The account as typed; the service checks and cleans it."""
        score = self.authenticity.value()
        return AccountInput(
            platform=self.platform.currentData(),
            handle=self.handle.text(),
            label=self.label.text() or None,
            id=self.account_id,
            is_primary=self.main_radio.isChecked(),
            followers=self.counts["followers"].text() or None,
            avg_likes=self.counts["avg_likes"].text() or None,
            avg_comments=self.counts["avg_comments"].text() or None,
            avg_views=self.counts["avg_views"].text() or None,
            posts_per_week=self.posts_per_week.text() or None,
            audience_countries=self.audience_countries.text() or None,
            audience_gender=self.audience_gender.text() or None,
            audience_age=self.audience_age.text() or None,
            audience_notes=self.audience_notes.toPlainText() or None,
            authenticity=None if score < 0 else score,
        )

    def is_blank(self) -> bool:
        """True for a new account where nothing was typed (Save ignores it)."""
        data = self.to_input()
        typed = (
            (data.handle or "").strip(),
            (data.label or "").strip(),
            *(self.counts[key].text().strip() for key, _caption in _COUNTS),
            self.posts_per_week.text().strip(),
            data.audience_countries,
            data.audience_gender,
            data.audience_age,
            data.audience_notes,
            data.authenticity,
        )
        return self.account_id is None and not any(typed)

    # Errors -------------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> list[QWidget]:
        """Show each error beside its field; returns the fields at fault in on-screen order."""
        bad = []
        if "handle" in errors:
            self.preview.hide()  # the live hint would only repeat the error below the handle
        for key, error in self.errors.items():
            if key in errors:
                error.show_error(errors[key])
                bad.append(self.fields[key])
        return bad

    def clear_errors(self) -> None:
        """Hide every error of this account."""
        for error in self.errors.values():
            error.clear_error()

    # Live feedback ------------------------------------------------------------------------

    def _on_platform_changed(self) -> None:
        self.handle_logo.setIcon(network_icon(self.current_platform()))
        self.handle_logo.setToolTip(self.current_platform().label)
        self._update_preview()
        self._update_summary()

    def _on_handle_changed(self) -> None:
        text = self.handle.text().strip()
        pasted = detect_platform(text) if "." in text else None
        if pasted is not None and pasted is not self.current_platform():
            # A pasted link says which network it is; follow it rather than refuse it. Only
            # when the handle changes: a platform the user picks afterwards is respected.
            self.platform.setCurrentIndex(self.platform.findData(pasted.value))
            return  # the platform change updates the preview
        self._update_preview()

    def _update_preview(self) -> None:
        text = self.handle.text().strip()
        platform = self.current_platform()
        title = f"{platform.label} account"
        if not text:
            self.preview.setText("")
            self.preview.hide()
            name = self.label.text().strip()
            self.setTitle(f"{title} — {name}" if name else title)
            return
        if platform is Platform.YOUTUBE and (channel := named_channel(text)):
            self._show_saved(
                f"the channel <b>{html.escape(self.label.text().strip() or channel.name)}</b> "
                "by this link, without a handle",
                channel.url,
            )
            self.setTitle(f"{platform.label} — {self.label.text().strip() or channel.name}")
            return
        try:
            handle = normalise_handle(platform, text)
        except ValueError as exc:
            self.preview.setText(
                f"<span style='color: palette(mid)'>{html.escape(str(exc))}</span>"
            )
            self.preview.show()
            self.setTitle(title)
            return
        shown = handle if platform is Platform.OTHER else f"@{handle}"
        self._show_saved(f"<b>{html.escape(shown)}</b>", profile_url(platform, handle))
        self.setTitle(f"{platform.label} — {shown}")

    def _show_saved(self, what: str, url: str | None) -> None:
        """“Saved as …” and the link the account opens, under the handle."""
        parts = [f"Saved as {what}"]
        if url:
            parts.append(f"<a href='{html.escape(url, quote=True)}'>{html.escape(url)}</a>")
        self.preview.setText(" · ".join(parts))
        self.preview.show()

    def _count(self, key: str) -> int | None:
        try:
            return parse_count(self.counts[key].text())
        except ValueError:
            return None  # the field's own error appears on Save; the summary just waits

    def _update_summary(self) -> None:
        followers = self._count("followers")
        tier = self._thresholds.tier_for(followers)
        rate = engagement_rate(followers, self._count("avg_likes"), self._count("avg_comments"))
        platform = self.current_platform()
        band = self._bands.band_for(rate, platform, tier)
        self.summary.setText(describe_engagement(platform, tier, rate, band))


def _named(url: str | None) -> bool:
    """Whether `url` is a YouTube channel's old link by its name (kept without a handle)."""
    return bool(url) and named_channel(url) is not None
