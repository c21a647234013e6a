"""Every further sheet of an "all sheets" .xlsx export, in the order they appear.

Adding a sheet is a row generator in services/ and one entry here.
"""

from __future__ import annotations

from infcrm.files.campaign_sheets import CAMPAIGN_SHEETS
from infcrm.files.export_columns import ACCOUNT_SHEET, ExtraSheet
from infcrm.files.outreach_sheets import OUTREACH_SHEETS

EXTRA_SHEETS: tuple[ExtraSheet, ...] = (ACCOUNT_SHEET, *OUTREACH_SHEETS, *CAMPAIGN_SHEETS)
SHEET_TITLES: tuple[str, ...] = tuple(sheet.title for sheet in EXTRA_SHEETS)
