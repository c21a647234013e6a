"""The campaign report as a table: a row per influencer and a bold totals row at the bottom."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from infcrm.domain.money import Money
from infcrm.services.campaigns.report_types import (
    CAMPAIGN_RATE_DEFINITION,
    ROW_RATE_DEFINITION,
    CampaignReport,
    ReportRow,
)
from infcrm.ui.models.board_column_model import platform_label, shown_handle

INFLUENCER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_VALUE = "—"

# (key, title, what the column means — the header's tooltip).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", "Influencer", "Double-click a row to open the influencer."),
    ("account", "Account", "Their main account (the platform is in its tooltip)."),
    ("posts", "Posts", "Posts recorded for this campaign."),
    ("cost", "Cost", "Fees plus the retail value of products, services and experiences. "
     "Commissions are paid on sales later and are not included."),
    ("engagements", "Engagements", "Likes + comments + shares + saves of their posts."),
    ("rate", "Eng. rate", f"{ROW_RATE_DEFINITION} {CAMPAIGN_RATE_DEFINITION}"),
    ("cpe", "Cost / eng.", "Cost per engagement: cost divided by engagements, rounded to the "
     "cent."),
    ("reach", "Reach", "People who saw the posts, as the platforms report it."),
    ("clicks", "Clicks", "Clicks on links in the posts."),
    ("conversions", "Conversions", "Sales or sign-ups the posts brought."),
    ("revenue", "Revenue", "Revenue the posts brought."),
    ("roi", "ROI", "Return on investment: (revenue − cost) ÷ cost."),
    ("deliverables", "Delivered", "Promised posts delivered, and how many are late."),
    ("orders", "Orders", "Orders from the shop's export (File › Import orders…) that used "
     "their code or link; cancelled orders are left out."),
    ("aov", "Avg. order", "Average order value: the shop's net revenue divided by its orders."),
    ("cpo", "Cost / order", "Cost divided by the shop's orders."),
)  # fmt: skip
COLUMN_KEYS = tuple(key for key, _title, _tip in COLUMNS)
SHOP_KEYS = frozenset({"orders", "aov", "cpo"})  # shown once a shop's orders are imported


def shown_columns(report: CampaignReport) -> tuple[tuple[str, str, str], ...]:
    """The columns worth showing: the shop's only when some deal has shop orders."""
    if report.total.from_shop:
        return COLUMNS
    return tuple(c for c in COLUMNS if c[0] not in SHOP_KEYS)


NUMERIC = frozenset(COLUMN_KEYS) - {"name", "account", "deliverables"}
_HANDLED_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.AccessibleTextRole,
    INFLUENCER_ID_ROLE,
)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def percent_text(rate: Decimal | None) -> str:
    """0.0375 → "3.75%"."""
    return NO_VALUE if rate is None else f"{rate * 100:.2f}%"


def roi_text(roi: Decimal | None) -> str:
    """1.25 → "+125%", -0.64 → "-64%"."""
    return NO_VALUE if roi is None else f"{roi * 100:+,.0f}%"


def money_text(amount: Money | None) -> str:
    """An amount as people read it, or a dash."""
    return NO_VALUE if amount is None else str(amount)


def account_text(row: ReportRow) -> str:
    """E.g. "@mia.bakes" (a blog's address without https://)."""
    return shown_handle(row.handle, row.platform) if row.handle else ""


def deliverables_text(row: ReportRow) -> str:
    """E.g. "2 of 3 · 1 late"."""
    if not row.deliverables_total:
        return NO_VALUE
    text = f"{row.deliverables_done} of {row.deliverables_total}"
    return text + (f" · {row.deliverables_late} late" if row.deliverables_late else "")


def _money_key(sums: dict[str, Money]) -> tuple:
    # Never adds currencies together: rows in the same currency compare by amount.
    return tuple((code, sums[code].minor) for code in sorted(sums))


def _shop_revenue(row: ReportRow) -> bool:
    """Whether an influencer's revenue is the shop's (the totals may mix it with typed figures)."""
    return row.from_shop and bool(row.revenue) and not row.is_total


_TEXT: dict[str, Callable[[ReportRow], str]] = {
    "name": lambda r: r.name,
    "account": account_text,
    "posts": lambda r: f"{r.posts:,}",
    "cost": lambda r: r.cost_text,
    "engagements": lambda r: f"{r.engagements:,}",
    "rate": lambda r: percent_text(r.engagement_rate),
    "cpe": lambda r: money_text(r.cost_per_engagement),
    "reach": lambda r: f"{r.reach:,}",
    "clicks": lambda r: f"{r.clicks:,}",
    "conversions": lambda r: f"{r.conversions:,}",
    "revenue": lambda r: r.revenue_text + (" (shop)" if _shop_revenue(r) else ""),
    "roi": lambda r: roi_text(r.roi),
    "deliverables": deliverables_text,
    "orders": lambda r: f"{r.orders:,}" if r.from_shop else NO_VALUE,
    "aov": lambda r: r.average_order_text if r.from_shop else NO_VALUE,
    "cpo": lambda r: money_text(r.cost_per_order),
}


def cell_text(row: ReportRow, key: str) -> str:
    """What the report shows for `row` in the column called `key` (screen, PDF and print)."""
    return _TEXT[key](row)


_SORT: dict[str, Callable[[ReportRow], object]] = {
    "name": lambda r: r.name.casefold(),
    "account": lambda r: (r.handle or "").casefold(),
    "posts": lambda r: r.posts,
    "cost": lambda r: _money_key(r.cost),
    "engagements": lambda r: r.engagements,
    "rate": lambda r: r.engagement_rate,
    "cpe": lambda r: r.cost_per_engagement.minor if r.cost_per_engagement else None,
    "reach": lambda r: r.reach,
    "clicks": lambda r: r.clicks,
    "conversions": lambda r: r.conversions,
    "revenue": lambda r: _money_key(r.revenue),
    "roi": lambda r: r.roi,
    "deliverables": lambda r: (r.deliverables_late, r.deliverables_total - r.deliverables_done),
    "orders": lambda r: r.orders,
    "aov": lambda r: r.average_order_text,
    "cpo": lambda r: r.cost_per_order.minor if r.cost_per_order else None,
}


class CampaignReportTableModel(QAbstractTableModel):
    """One row per influencer of a campaign report, then the totals; sortable, totals stay last."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportRow] = []
        self._total: ReportRow | None = None

    def set_report(self, report: CampaignReport | None) -> None:
        """Show `report` (nothing for None)."""
        self.beginResetModel()
        self._rows = list(report.rows) if report is not None else []
        self._total = report.total if report is not None and report.rows else None
        self.endResetModel()

    def row_data(self, row: int) -> ReportRow | None:
        """The report row shown on `row` (the totals row last)."""
        if 0 <= row < len(self._rows):
            return self._rows[row]
        if row == len(self._rows) and self._total is not None:
            return self._total
        return None

    # Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Influencers plus the totals row."""
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self._total is not None else 0)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One column per COLUMNS entry."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """Column titles, what each means as a tooltip; numbers' titles right-aligned."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key, title, tip = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if key in NUMERIC else _LEFT)
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        """What each cell shows; numbers right-aligned, the totals row bold."""
        if role not in _HANDLED_ROLES:
            return None
        if not index.isValid():
            return None
        row = self.row_data(index.row())
        if row is None or not 0 <= index.column() < len(COLUMNS):
            return None
        key = COLUMN_KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if key in NUMERIC else _LEFT)
        if role == Qt.ItemDataRole.FontRole:
            if not row.is_total:
                return None
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        return row.influencer_id  # INFLUENCER_ID_ROLE (None on the totals row)

    @staticmethod
    def _tooltip(row: ReportRow, key: str) -> str | None:
        if key == "account" and row.handle:
            platform = platform_label(row.platform)
            followers = f", {row.followers:,} followers" if row.followers else ""
            return f"{account_text(row)} on {platform}{followers}" if platform else None
        if key == "name":
            if row.is_total:
                return "Everyone in the campaign (people in the trash are left out)."
            return f"Double-click to open {row.name}."
        if key == "rate":
            if row.is_total:
                return CAMPAIGN_RATE_DEFINITION
            followers = f" ({row.followers:,} followers)" if row.followers else ""
            return f"{ROW_RATE_DEFINITION}{followers}"
        if key == "cpe":
            return row.cpe_note or "Cost divided by engagements, rounded to the cent."
        if key == "roi":
            return row.roi_note or "(Revenue − cost) ÷ cost."
        if key == "revenue" and row.from_shop:
            return "From the shop's own orders: net of discounts and refunds."
        if key in ("cost", "revenue") and len(row.cost if key == "cost" else row.revenue) > 1:
            return (
                "Amounts in different currencies are shown side by side: infcrm does not "
                "convert currencies."
            )
        if key == "deliverables" and row.deliverables_total:
            late = f"; {row.deliverables_late} past the due date" if row.deliverables_late else ""
            return (
                f"{row.deliverables_done} of {row.deliverables_total} promised posts "
                f"delivered{late}."
            )
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the influencers by a column; rows without a value go last, totals stay last."""
        if not 0 <= column < len(COLUMNS):
            return
        key = _SORT[COLUMN_KEYS[column]]
        descending = order == Qt.SortOrder.DescendingOrder
        known = [r for r in self._rows if key(r) is not None]
        unknown = [r for r in self._rows if key(r) is None]
        known.sort(key=lambda r: (key(r), r.name.casefold()), reverse=descending)
        self.layoutAboutToBeChanged.emit()
        old, self._rows = self._rows, known + unknown
        # Selections and the current cell follow their rows (rows are told apart by identity).
        where = {id(r): i for i, r in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        moved = [
            self.index(where[id(old[p.row()])], p.column()) if p.row() < len(old) else p
            for p in persistent
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


__all__ = [
    "COLUMNS",
    "COLUMN_KEYS",
    "INFLUENCER_ID_ROLE",
    "NO_VALUE",
    "CampaignReportTableModel",
    "account_text",
    "cell_text",
    "deliverables_text",
    "money_text",
    "percent_text",
    "roi_text",
]
