"""The influencer form's Person tab: who they are, the relationship, notes and brand fit,
each field with its error sentence right below it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from infcrm.domain.enums import FoundVia
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import InfluencerDetail
from infcrm.ui.widgets.completers import ListCompleter, completer
from infcrm.ui.widgets.field_error import FieldError


class InfluencerPersonTab:
    """The person's fields of the influencer form (an InfluencerDialog part: it holds db,
    errors and fields, both by the service's field names)."""

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        """A form row: the field with its error sentence right below it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = FieldError(widget)
        column.addWidget(error)
        self.errors[key] = error
        self.fields[key] = widget
        widget.setAccessibleName(label.replace("&", "").rstrip(" *"))
        form.addRow(label, box)
        caption = form.labelForField(box)
        if isinstance(caption, QLabel):
            caption.setBuddy(widget)

    def _build_person_tab(self, detail: InfluencerDetail | None) -> QWidget:
        choices = influencer_list.filter_choices(self.db)
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText("How you call them, e.g. their brand or handle name")
        self.real_name = QLineEdit()
        self.other_names = QLineEdit()
        self.other_names.setPlaceholderText("Separate several with semicolons (;)")
        self.other_names.setToolTip(
            "Other names they go by, such as the name of a record merged into this one. "
            "Importing a list finds them by these names too."
        )
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.com")
        self.other_emails = QLineEdit()
        self.other_emails.setPlaceholderText("Separate several with commas")
        self.phone = QLineEdit()
        self.country = QLineEdit()
        self.country.setCompleter(completer(choices.countries, self.country))
        self.city = QLineEdit()
        self.language = QLineEdit()
        self.niches = QLineEdit()
        self.niches.setPlaceholderText("e.g. baking, vegan food")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Separate tags with commas")
        self.tags.setCompleter(completer(choices.tags, self.tags, ListCompleter))
        self.stage = QComboBox()
        for stage in influencers.stages(self.db):
            self.stage.addItem(stage.name, stage.id)
        has_stage = detail is not None and detail.stage_id is not None
        if has_stage and self.stage.findData(detail.stage_id) < 0:
            # The person's stage was archived since: it stays choosable for them.
            self.stage.addItem(f"{detail.stage_name} (archived)", detail.stage_id)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who on your team looks after them")
        self.owner.setCompleter(completer(choices.owners, self.owner))
        self.found_via = QComboBox()
        for way in FoundVia:
            self.found_via.addItem(way.label, way.value)
        self.found_via.setCurrentIndex(self.found_via.findData(FoundVia.OTHER.value))
        self.found_detail = QLineEdit()
        self.found_detail.setPlaceholderText("e.g. the hashtag, post or person")
        self.rating = QComboBox()
        self.rating.addItem("Not rated", None)
        for stars in range(6):
            self.rating.addItem(f"{stars} {'★' * stars}{'☆' * (5 - stars)}", stars)
        self.do_not_contact = QCheckBox("Do not contact")
        self.do_not_contact.setToolTip("They asked not to be contacted, or you decided not to.")

        who = QFormLayout()
        self._row(who, "display_name", "&Name *", self.display_name)
        self._row(who, "real_name", "&Real name", self.real_name)
        self._row(who, "other_names", "Other names", self.other_names)
        self._row(who, "email", "&Email", self.email)
        self._row(who, "other_emails", "Other emails", self.other_emails)
        self._row(who, "phone", "&Phone", self.phone)
        self._row(who, "country", "Countr&y", self.country)
        self._row(who, "city", "C&ity", self.city)
        self._row(who, "language", "&Language", self.language)
        relationship = QFormLayout()
        self._row(relationship, "stage_id", "S&tage", self.stage)
        self._row(relationship, "owner", "&Owner", self.owner)
        self._row(relationship, "found_via", "&Found via", self.found_via)
        self._row(relationship, "found_detail", "Found via detail", self.found_detail)
        self._row(relationship, "niches", "Nic&hes", self.niches)
        self._row(relationship, "tags", "T&ags", self.tags)
        self._row(relationship, "rating", "Ratin&g", self.rating)
        self._row(relationship, "do_not_contact", "", self.do_not_contact)
        columns = QHBoxLayout()
        columns.addLayout(who, 1)
        columns.addSpacing(24)
        columns.addLayout(relationship, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(columns)
        layout.addWidget(self._build_notes(), 1)
        return page

    def _build_notes(self) -> QGroupBox:
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("What you know about them, what they like, how they reply")
        self.brand_fit = QPlainTextEdit()
        self.brand_fit.setTabChangesFocus(True)
        self.brand_fit.setPlaceholderText("Values, aesthetic, why they suit (or do not suit) you")
        group = QGroupBox("Notes && fit")
        columns = QHBoxLayout(group)
        for key, caption, edit in (
            ("notes", "Note&s", self.notes),
            ("brand_fit", "&Brand fit", self.brand_fit),
        ):
            column = QVBoxLayout()
            label = QLabel(caption)
            label.setBuddy(edit)
            edit.setAccessibleName(caption.replace("&", ""))
            error = FieldError(edit)
            self.errors[key] = error
            self.fields[key] = edit
            column.addWidget(label)
            column.addWidget(edit, 1)
            column.addWidget(error)
            columns.addLayout(column, 1)
        return group


__all__ = ["InfluencerPersonTab"]
