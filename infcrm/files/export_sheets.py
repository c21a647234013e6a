"""Every further sheet of an "all sheets" .xlsx export, in the order they appear.

Adding a sheet is a row generator in services/ and one entry here. Together with the
Influencers sheet they are a whole backup: `files/backup_reader.py` reads them back.
"""

from __future__ import annotations

from infcrm.files.campaign_sheets import CAMPAIGN_SHEETS
from infcrm.files.deal_sheets import DEAL_RECORD_SHEETS, DEAL_TERM_SHEETS, SETUP_SHEETS
from infcrm.files.export_columns import ACCOUNT_SHEET, ExtraSheet
from infcrm.files.history_sheet import HISTORY_SHEET
from infcrm.files.outreach_sheets import OUTREACH_SHEETS
from infcrm.files.pair_sheet import NOT_DUPLICATE_SHEET

_CAMPAIGNS, _DEALS, _CONTENT = CAMPAIGN_SHEETS
EXTRA_SHEETS: tuple[ExtraSheet, ...] = (
    ACCOUNT_SHEET,
    HISTORY_SHEET,
    *OUTREACH_SHEETS,
    _CAMPAIGNS,
    _DEALS,
    *DEAL_TERM_SHEETS,
    _CONTENT,
    *DEAL_RECORD_SHEETS,
    *SETUP_SHEETS,
    NOT_DUPLICATE_SHEET,
)
SHEET_TITLES: tuple[str, ...] = tuple(sheet.title for sheet in EXTRA_SHEETS)
EXTRA_SHEETS_BY_TITLE: dict[str, ExtraSheet] = {sheet.title: sheet for sheet in EXTRA_SHEETS}
