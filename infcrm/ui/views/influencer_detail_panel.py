"""The read-only summary of one influencer shown beside the influencer list."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from infcrm.db.engine import Database
from infcrm.domain.accounts import shown_account
from infcrm.domain.campaign_enums import AgreementStatus, CampaignStatus
from infcrm.domain.enums import FoundVia, Platform
from infcrm.domain.numbers import format_count
from infcrm.domain.other_names import SEPARATOR, split_names
from infcrm.services.campaigns import campaigns
from infcrm.services.people import influencers
from infcrm.services.people.influencer_types import Account, InfluencerDetail
from infcrm.services.people.influencers import NotFound
from infcrm.ui import theme
from infcrm.ui.dialogs.influencer_dialog import InfluencerDialog
from infcrm.ui.events import concerns, events
from infcrm.ui.views.keep_fresh import KeepFresh
from infcrm.ui.widgets.account_editor import describe_account
from infcrm.ui.widgets.field_error import error_colour
from infcrm.ui.widgets.growth_chart import GrowthChart
from infcrm.ui.widgets.photo_editor import PhotoEditor
from infcrm.ui.widgets.signed_by import record_line
from infcrm.ui.widgets.sparkline import growth_summary, local_date
from infcrm.ui.widgets.timeline_widget import TimelineWidget

_NOBODY = "Choose someone in the list to see their details here."
_SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
)


def _text_label(rich: bool = False) -> QLabel:
    """A wrapping, selectable label; rich ones open their links in the browser or mail app."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(_SELECTABLE)
    label.setOpenExternalLinks(True)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setContentsMargins(0, 10, 0, 2)  # air above each section
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _mail_links(addresses: list[str]) -> str:
    return ", ".join(
        f"<a href='mailto:{html.escape(a, quote=True)}'>{html.escape(a)}</a>" for a in addresses
    )


def _account_block(account: Account, db: Database) -> QWidget:
    """Platform, linked handle, figures and growth of one account."""
    platform = Platform(account.platform)
    handle = html.escape(shown_account(account.platform, account.handle, account.label))
    if account.url:
        handle = f"<a href='{html.escape(account.url, quote=True)}'>{handle}</a>"
    main = " <i>(main)</i>" if account.is_primary else ""
    title = _text_label(rich=True)
    title.setText(f"<b>{html.escape(platform.label)}</b> {handle}{main}")
    figures = [f"{format_count(account.followers)} followers"] if account.followers else []
    if account.avg_views:
        figures.append(f"{format_count(account.avg_views)} avg views")
    if account.posts_per_week:
        posts = "post" if account.posts_per_week == 1 else "posts"
        figures.append(f"{account.posts_per_week:g} {posts} a week")
    if account.authenticity is not None:
        figures.append(f"authenticity {account.authenticity}/100")
    numbers = _text_label()
    numbers.setText(" · ".join(figures) or "No figures yet.")
    engagement = _text_label()
    engagement.setText(describe_account(account))
    history = influencers.snapshots(db, account.id)
    growth = _text_label()
    growth.setText(growth_summary(history))
    chart = GrowthChart()
    chart.setObjectName(f"growth_{account.id}")
    chart.set_snapshots(history)
    block = QWidget()
    block.setObjectName(f"account_{account.id}")
    layout = QVBoxLayout(block)
    layout.setContentsMargins(0, 4, 0, 4)
    layout.setSpacing(1)
    layout.addWidget(title)
    layout.addWidget(numbers)
    layout.addWidget(engagement)
    layout.addWidget(growth)
    layout.addWidget(chart)
    return block


class InfluencerDetailPanel(QWidget):
    """Name, stage, contact, accounts, notes and history of the chosen influencer."""

    # The user closed the panel to give the list the whole width.
    close_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.influencer_id: int | None = None
        self.edit_dialog: InfluencerDialog | None = None

        self.empty = QLabel(_NOBODY)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.set_role(self.empty, "secondary")  # quiet, yet readable (WCAG AA)

        self.name = _text_label()
        self.name.setAccessibleName("Name")
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.name.setFont(font)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change this influencer's details and accounts")
        self.edit_button.clicked.connect(self._on_edit)
        self.close_button = QToolButton()
        self.close_button.setObjectName("close_details")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close the details and give the list the whole width")
        self.close_button.setAccessibleName("Close details")
        self.close_button.clicked.connect(lambda _checked=False: self.close_requested.emit())
        self.summary = _text_label()
        self.signed = _text_label()  # who added them and who changed them last
        self.signed.setObjectName("signedBy")
        theme.set_role(self.signed, "secondary")
        self.tags = _text_label()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setObjectName("doNotContact")
        self.trashed = QLabel()
        self.trashed.setWordWrap(True)

        self.email = _text_label(rich=True)
        self.other_emails = _text_label(rich=True)
        self.phone = _text_label()
        self.place = _text_label()
        self.language = _text_label()
        self.niches = _text_label()
        self.found = _text_label()
        self.real_name = _text_label()
        self.other_names = _text_label()
        self.other_names.setToolTip(
            "Names of records merged into this person, or given in an imported list. "
            "Importing a list finds them by these names too."
        )
        self.contact = QFormLayout()
        self.contact.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, label in (
            ("Real name", self.real_name),
            ("Other names", self.other_names),
            ("Email", self.email),
            ("Other emails", self.other_emails),
            ("Phone", self.phone),
            ("Place", self.place),
            ("Language", self.language),
            ("Niches", self.niches),
            ("Found via", self.found),
        ):
            label.setAccessibleName(caption)
            self.contact.addRow(caption, label)

        self.accounts_layout = QVBoxLayout()
        self.accounts_layout.setSpacing(2)
        self.notes = _text_label()
        self.brand_fit = _text_label()

        # The outreach timeline: interactions, stage changes and follow-ups, newest first.
        self.history_section = QWidget()
        self.history_layout = QVBoxLayout(self.history_section)
        self.history_layout.setContentsMargins(0, 0, 0, 0)
        self.history_layout.addWidget(_heading("History"))
        self.timeline = TimelineWidget(db)
        self.history_layout.addWidget(self.timeline)

        content = QWidget()
        column = QVBoxLayout(content)
        top = QHBoxLayout()
        self.photo = PhotoEditor(db)
        top.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.name, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        column.addWidget(self.summary)
        column.addWidget(self.signed)
        column.addWidget(self.tags)
        column.addWidget(self.warning)
        column.addWidget(self.trashed)
        column.addWidget(_heading("Contact"))
        column.addLayout(self.contact)
        self.accounts_heading = _heading("Accounts")
        column.addWidget(self.accounts_heading)
        column.addLayout(self.accounts_layout)
        self.notes_heading = _heading("Notes")
        column.addWidget(self.notes_heading)
        column.addWidget(self.notes)
        self.brand_fit_heading = _heading("Brand fit")
        column.addWidget(self.brand_fit_heading)
        column.addWidget(self.brand_fit)
        self.campaigns_heading = _heading("Campaigns")
        column.addWidget(self.campaigns_heading)
        self.campaigns = _text_label(rich=True)
        self.campaigns.setAccessibleName("Campaigns")
        self.campaigns.setOpenExternalLinks(False)
        self.campaigns.linkActivated.connect(
            lambda link: events.open_campaign.emit(int(link.removeprefix("campaign:")))
        )
        column.addWidget(self.campaigns)
        column.addWidget(self.history_section)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        # Read again at once while on show, else when next shown: a closed window's panel
        # lives until Qt deletes it and must not read a database it no longer shows.
        self.freshness = KeepFresh(self, self.refresh, stale=False)
        events.influencers_changed.connect(self._on_influencers_changed)
        events.settings_changed.connect(self.freshness.data_changed)
        events.campaigns_changed.connect(self.freshness.data_changed)
        events.deals_changed.connect(self.freshness.data_changed)

    # Showing ------------------------------------------------------------------------------

    def show_influencer(self, influencer_id: int | None) -> None:
        """Show this influencer (None: the hint to choose someone)."""
        self.influencer_id = influencer_id
        detail = None
        if influencer_id is not None:
            try:
                detail = influencers.get(self.db, influencer_id)
            except NotFound:
                self.influencer_id = None
                self.empty.setText("This influencer no longer exists. " + _NOBODY)
        else:
            self.empty.setText(_NOBODY)
        self.timeline.set_influencer(self.influencer_id if detail is not None else None)
        if detail is None:
            self.pages.setCurrentIndex(0)
            return
        self._fill(detail)
        self.pages.setCurrentIndex(1)

    def refresh(self) -> None:
        """Read the shown influencer again."""
        if self.influencer_id is not None:
            self.show_influencer(self.influencer_id)

    def _on_influencers_changed(self, ids: list[int]) -> None:
        if self.influencer_id is not None and concerns(ids, self.influencer_id):
            self.freshness.data_changed()

    def _fill(self, person: InfluencerDetail) -> None:
        self.name.setText(person.display_name)
        self.photo.set_person(person.id, person.display_name)
        parts = [person.stage_name or "No stage"]
        if person.rating is not None:
            parts.append("★" * person.rating + "☆" * (5 - person.rating))
        if person.owner:
            parts.append(f"Owner: {person.owner}")
        self.summary.setText(" · ".join(parts))
        self.signed.setText(record_line(person, self.db.names_tell))
        self.signed.setVisible(bool(self.signed.text()))  # nothing for rows before names
        self.tags.setText("Tags: " + ", ".join(person.tags) if person.tags else "")
        self.tags.setVisible(bool(person.tags))
        colour = error_colour(self)
        self.warning.setText("⚠ Do not contact — keep them out of outreach.")
        self.warning.setStyleSheet(
            f"QLabel {{ color: {colour}; border: 1px solid {colour}; border-radius: 4px;"
            " padding: 4px; font-weight: bold; }"
        )
        self.warning.setVisible(person.do_not_contact)
        if person.deleted_at is not None:
            day = local_date(person.deleted_at)
            self.trashed.setText(f"In the trash since {day.day} {day:%b %Y}.")
        self.trashed.setVisible(person.deleted_at is not None)

        self.email.setText(_mail_links([person.email]) if person.email else "")
        others = [a.strip() for a in (person.other_emails or "").split(",") if a.strip()]
        self.other_emails.setText(_mail_links(others))
        self.phone.setText(person.phone or "")
        self.place.setText(", ".join(p for p in (person.city, person.country) if p))
        self.language.setText(person.language or "")
        self.niches.setText(person.niches or "")
        found = FoundVia(person.found_via).label
        self.found.setText(f"{found} — {person.found_detail}" if person.found_detail else found)
        self.real_name.setText(person.real_name or "")
        self.other_names.setText(SEPARATOR.join(split_names(person.other_names)))
        for row in range(self.contact.rowCount()):
            field = self.contact.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            self.contact.setRowVisible(row, bool(isinstance(field, QLabel) and field.text()))

        while self.accounts_layout.count():
            item = self.accounts_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # deletion waits for the event loop; vanish now
                item.widget().deleteLater()
        blocks = [_account_block(account, self.db) for account in person.accounts]
        if not blocks:
            none = QLabel("No social accounts yet.")
            theme.set_role(none, "secondary")  # quiet, yet readable (WCAG AA)
            blocks.append(none)
        for block in blocks:
            self.accounts_layout.addWidget(block)
            # A layout shows new children only on the next event-loop pass; show them now so
            # the panel never paints half-refreshed.
            if self.isVisible():
                block.show()

        self._fill_campaigns(person.id)
        self.notes.setText(person.notes or "")
        self.brand_fit.setText(person.brand_fit or "")
        for heading, label in (
            (self.notes_heading, self.notes),
            (self.brand_fit_heading, self.brand_fit),
        ):
            heading.setVisible(bool(label.text()))
            label.setVisible(bool(label.text()))

    def _fill_campaigns(self, influencer_id: int) -> None:
        """Every campaign they were part of, each a link to the campaign."""
        lines = []
        for entry in campaigns.campaigns_of(self.db, influencer_id):
            status = CampaignStatus(entry.status).label
            agreement = (
                AgreementStatus(entry.agreement).label if entry.agreement else "no agreement"
            )
            posts = f"{entry.posts} post{'s' if entry.posts != 1 else ''}"
            lines.append(
                f"<a href='campaign:{entry.campaign_id}'>{html.escape(entry.name)}</a> "
                f"({status}) — {html.escape(agreement)} · {posts} · cost {html.escape(entry.cost)}"
            )
        self.campaigns.setText("<br>".join(lines))
        self.campaigns_heading.setVisible(bool(lines))
        self.campaigns.setVisible(bool(lines))

    # Editing ------------------------------------------------------------------------------

    def _on_edit(self) -> None:
        if self.influencer_id is None:
            return
        try:
            dialog = InfluencerDialog(self.db, self.influencer_id, self.window())
        except NotFound:
            self.show_influencer(None)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.edit_dialog = dialog
        dialog.finished.connect(self._on_edit_finished)
        dialog.open()  # window-modal; the panel refreshes on events.influencers_changed

    def _on_edit_finished(self) -> None:
        self.edit_dialog = None
