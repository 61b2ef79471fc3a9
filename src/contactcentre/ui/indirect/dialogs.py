"""The Items tab's dialogs: log an item received, decide on it, and date its passing on
or its acknowledgement. Each saves in its own unit of work; refusals (the item rules, in
words) are shown in the dialog, which stays open."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from contactcentre.domain.indirect import arrangement, items
from contactcentre.domain.indirect.items import ItemLine
from contactcentre.store.models.enums import ItemDecision, ItemKind, ItemRoute
from contactcentre.ui.context import Context
from contactcentre.ui.fields import DateField, FormDialog, enum_combo


class LogItemDialog(FormDialog):
    """An item received: from whom, for whom (filled in by the rules), what and when."""

    def __init__(self, ctx: Context, family_id: int, parent: QWidget | None) -> None:
        super().__init__("Log an item received", "logItemDialog", parent)
        self.ctx, self.family_id = ctx, family_id
        self.logged = ""  # once logged: its reference, and why it is held if it is
        with ctx.store.session() as s:
            adults = arrangement.arrangement(s, family_id).adults
        self.sender, self.recipient = QComboBox(), QComboBox()
        for combo in (self.sender, self.recipient):
            for adult in adults:
                combo.addItem(adult.label, adult.id)
        self.kind = enum_combo(items.KIND_LABELS, "itemKind")
        self.how = enum_combo(items.ROUTE_LABELS, "itemReceivedHow")
        self.received = DateField(today=ctx.clock.today())
        self.received.set_value(ctx.clock.today())
        self.description = QLineEdit()
        self.description.setMaxLength(items.MAX_DESCRIPTION)
        self.description.setPlaceholderText("e.g. birthday card with a drawing")
        self.add("From", self.sender, "itemFrom")
        self.add("For (the recipient)", self.recipient, "itemTo")
        self.add("What it is", self.kind, "itemKind")
        self.add("How it came", self.how, "itemReceivedHow")
        self.add("Received on", self.received, "itemReceived")
        self.add("Short description", self.description, "itemDescription")
        self.finish_layout()
        self.ok.setText("Log item")
        self.sender.currentIndexChanged.connect(self._suggest)
        self._suggest()

    def _suggest(self) -> None:
        """The recipient the rules give for this sender (the other parent, or the named one)."""
        with self.ctx.store.session() as s:
            chosen = arrangement.suggested_recipient(s, self.family_id, self.sender.currentData())
        if chosen is not None:
            self.recipient.setCurrentIndex(self.recipient.findData(chosen))

    def submit(self) -> bool:
        with self.ctx.store.session() as s:
            item = items.log_item(
                s,
                self.family_id,
                from_id=self.sender.currentData(),
                to_id=self.recipient.currentData(),
                kind=ItemKind(self.kind.currentData()),
                received=self.received.checked_value() or "",
                how=ItemRoute(self.how.currentData()),
                description=self.description.text(),
                today=self.ctx.clock.today(),
            )
            held = f" {item.decision_reason}" if item.decision else ""
            self.logged = f"{item.ref} logged.{held}"
        return True


class DecideItemDialog(FormDialog):
    """Pass on, hold or return, with the reason (needed to hold or return)."""

    def __init__(self, ctx: Context, line: ItemLine, parent: QWidget | None) -> None:
        super().__init__(f"Decide {line.ref}", "decideItemDialog", parent)
        self.ctx, self.line = ctx, line
        about = QLabel(
            f"{items.KIND_LABELS[line.kind]} from {line.from_name or '(removed)'} for "
            f"{line.to_name or '(removed)'}, received {line.received:%a %d %b %Y}.\n"
            f"Now: {line.status}." + (f" {line.decision_reason}" if line.decision_reason else "")
        )
        about.setWordWrap(True)
        about.setObjectName("decideAbout")
        self.form.addRow(about)
        self.decision = enum_combo(items.DECISION_LABELS, "itemDecision")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("needed to hold or return, or to pass on despite an order")
        self.reason.setMaxLength(items.MAX_REASON)
        self.add("Decision", self.decision, "itemDecision")
        self.add("Reason", self.reason, "itemDecisionReason")
        self.finish_layout()
        self.ok.setText("Decide")

    def submit(self) -> bool:
        with self.ctx.store.session() as s:
            items.decide_item(
                s, self.line.id, ItemDecision(self.decision.currentData()), self.reason.text()
            )
        return True


class ItemDateDialog(FormDialog):
    """The day an item was passed on (and how), or the day its receipt was acknowledged."""

    def __init__(
        self, ctx: Context, line: ItemLine, parent: QWidget | None, *, acknowledge: bool = False
    ) -> None:
        step = "acknowledged" if acknowledge else "passed on"
        super().__init__(f"{line.ref} {step}", "itemDateDialog", parent)
        self.ctx, self.line, self.acknowledge = ctx, line, acknowledge
        self.day = DateField(today=ctx.clock.today())
        self.day.set_value(ctx.clock.today())
        self.how = enum_combo(items.ROUTE_LABELS, "itemPassedHow")
        self.add(f"{step.capitalize()} on", self.day, "itemStepDay")
        if not acknowledge:
            self.add(f"To {line.to_name or '(removed)'}, by", self.how, "itemPassedHow")
        self.finish_layout()
        self.ok.setText("Record")

    def submit(self) -> bool:
        today, day = self.ctx.clock.today(), self.day.checked_value() or ""
        with self.ctx.store.session() as s:
            if self.acknowledge:
                items.acknowledge_item(s, self.line.id, on=day, today=today)
            else:
                how = ItemRoute(self.how.currentData())
                items.pass_on_item(s, self.line.id, on=day, how=how, today=today)
        return True
