"""Choosing who an interaction was with in the “Log interaction” dialog: a name, handle or
email typed and searched as one types, or typed in full and saved without picking."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter

from infcrm.services.campaigns import campaigns
from infcrm.services.people import influencer_list, influencers
from infcrm.services.people.influencer_types import ListQuery
from infcrm.services.people.influencers import NotFound

PICKER_LIMIT = 20
# One letter matches most of a large list; from two on, the search is quick and useful.
PICKER_MIN_CHARS = 2
PICKER_DEBOUNCE_MS = 150
# How many of the people a typed name finds are looked at for one of exactly that name.
EXACT_NAME_LOOKUP = 200


class PersonPicker:
    """The dialog's “Who” field (a LogInteractionDialog part: it holds db, person, campaign,
    errors, influencer_id and _choices)."""

    def _build_picker(self) -> None:
        """A search-as-you-type field for choosing who this was with."""
        self.person.setPlaceholderText("Type a name, handle or email…")
        self.person.setClearButtonEnabled(True)
        self.person.setAccessibleName("Influencer")
        self._picker_model = QStringListModel(self)
        completer = QCompleter(self._picker_model, self)
        # The list is already filtered in SQL; the completer shows it as it is.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._on_person_chosen)
        self.person.setCompleter(completer)
        self._picker_timer = QTimer(self)
        self._picker_timer.setSingleShot(True)
        self._picker_timer.setInterval(PICKER_DEBOUNCE_MS)
        self._picker_timer.timeout.connect(self._on_search_people)
        # Saved or closed within the pause after typing: no search for a closed dialog, whose
        # database the window may have closed (or a server dropped) by the time it would run.
        self.finished.connect(self._picker_timer.stop)
        self.person.textEdited.connect(self._on_person_typed)

    # Picking the influencer -----------------------------------------------------------------

    def _name_of(self, influencer_id: int) -> str:
        try:
            return influencers.get(self.db, influencer_id).display_name
        except NotFound:
            return "This influencer no longer exists."

    def _on_person_typed(self, _text: str) -> None:
        self.influencer_id = None  # typing again means choosing again
        self._picker_timer.start()

    def _on_search_people(self) -> None:
        """Fill the completer with the first people matching what was typed."""
        text = self.person.text().strip()
        if len(text) < PICKER_MIN_CHARS:
            self._picker_model.setStringList([])
            return
        # The first few, not every match (“ma”: 51,000 of 100,000 people); a server's search
        # still gives every match, of which the first are shown.
        ids = influencer_list.list_start(self.db, ListQuery(search=text), PICKER_LIMIT).ids
        ids = ids[:PICKER_LIMIT]
        found = influencer_list.rows(self.db, ids)
        self._choices = {}
        for influencer_id in ids:
            row = found.get(influencer_id)
            if row is None:
                continue
            label = row.display_name + (f"  (@{row.handle})" if row.handle else "")
            if row.do_not_contact:
                label += "  — do not contact"
            if label in self._choices:
                label += f"  #{influencer_id}"
            self._choices[label] = influencer_id
        self._picker_model.setStringList(list(self._choices))
        if self._choices:
            self.person.completer().complete()

    def _typed_person(self) -> int | None:
        """The person typed but not picked from the list: the one person the text finds, or
        the one whose name it is in full; else None, with what to do beside the field."""
        text = self.person.text().strip()
        if not text:
            message = (
                "Choose who this was with: type part of their name and pick them from the list."
            )
        else:
            found = influencer_list.list_start(self.db, ListQuery(search=text), EXACT_NAME_LOOKUP)
            if found.total == 1:
                return found.ids[0]
            named = [
                row.id
                for row in influencer_list.rows(self.db, found.ids[:EXACT_NAME_LOOKUP]).values()
                if row.display_name.casefold() == text.casefold()
            ]
            if len(named) == 1:
                return named[0]
            if found.total:
                message = f"{found.total:,} people match “{text}”: pick one from the list."
            else:
                message = (
                    f"No one matches “{text}”. Add them first: File › New influencer… (Ctrl+N)."
                )
        self.errors["influencer_id"].show_error(message)
        return None

    def _on_person_chosen(self, label: str) -> None:
        self.influencer_id = self._choices.get(label)
        self.errors["influencer_id"].clear_error()
        self._preselect_campaign()

    def _preselect_campaign(self) -> None:
        """Someone in exactly one open campaign is most likely written to about it."""
        if self.influencer_id is None:
            return
        offered = {self.campaign.itemData(i) for i in range(1, self.campaign.count())}
        theirs = [c.campaign_id for c in campaigns.campaigns_of(self.db, self.influencer_id)
                  if c.campaign_id in offered]  # fmt: skip
        if len(theirs) == 1:
            self.campaign.setCurrentIndex(self.campaign.findData(theirs[0]))


__all__ = [
    "EXACT_NAME_LOOKUP",
    "PICKER_DEBOUNCE_MS",
    "PICKER_LIMIT",
    "PICKER_MIN_CHARS",
    "PersonPicker",
]
