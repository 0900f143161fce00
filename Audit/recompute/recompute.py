#!/usr/bin/env python3
"""Recompute every figure of vtf's reports from the exported journal alone, and compare.

An auditor's tool, independent of vtf's code: it reads only the JSON lines of
`vtf journal export` (Schemas/json/journal-entry.schema.json; each kind's data and postings
are described in Audit/FUND-RULES.md), recomputes the figures of

    vtf report trial-balance | financial-position | financial-performance | net-assets
               | grants | receivables | psc | budget | cash-flow
    vtf funds available

for the dates each report names, and compares them with the JSON those commands print
(`--format json`), amount by amount, in exact decimals (never floating point).

Usage:
    recompute.py --journal J.jsonl --report trial-balance=tb.json --report funds=funds.json ...
    recompute.py --journal J.jsonl --report tb.json ...     (the report's kind read from its JSON)
    recompute.py --vtf PATH --ledger L --as-of D [--from D]  (runs vtf itself: the export and
                                                             every report, then compares)

Exit 0: every figure agrees. Exit 1: each difference listed (report, line, expected, found).
Exit 2: bad input (a journal or report that cannot be read, an unknown report).

Python 3 standard library only.
"""

import argparse
import json
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_EVEN

DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

REPORTS = ["trial-balance", "financial-position", "financial-performance", "net-assets",
           "grants", "receivables", "psc", "budget", "cash-flow", "funds"]
PERIOD_REPORTS = {"financial-performance", "net-assets", "psc", "budget", "cash-flow"}


class BadInput(Exception):
    """Input this script cannot read: exit 2."""


def dec(text, where):
    """An exact decimal string as a Decimal (BadInput when it is not one)."""
    if not isinstance(text, str) or not DECIMAL.match(text):
        raise BadInput(f"{where}: {text!r} is not a decimal string")
    return Decimal(text)


def round_to(value, digits):
    """`value` rounded half to even at `digits` decimals."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


def top(account):
    """The chart account a sub-account belongs to: 1200.BEL -> 1200."""
    return account.split(".", 1)[0]


def within(account, prefix):
    """Whether `account` is `prefix` or one of its sub-accounts."""
    return account == prefix or account.startswith(prefix + ".")


def day_before(date):
    import datetime
    d = datetime.date.fromisoformat(date) - datetime.timedelta(days=1)
    return d.isoformat()


def days_between(first, second):
    import datetime
    return (datetime.date.fromisoformat(second) - datetime.date.fromisoformat(first)).days


class Posting:
    __slots__ = ("seq", "date", "kind", "account", "currency", "amount", "value")

    def __init__(self, entry, raw, where):
        if not isinstance(raw, dict):
            raise BadInput(f"{where}: a posting is not an object")
        self.seq = entry["seq"]
        self.date = entry["date"]
        self.kind = entry["kind"]
        self.account = raw.get("account")
        self.currency = raw.get("currency")
        if not isinstance(self.account, str) or not isinstance(self.currency, str):
            raise BadInput(f"{where}: a posting needs an account and a currency")
        self.amount = dec(raw.get("amount"), where + " amount")
        self.value = dec(raw.get("value"), where + " value")


class Journal:
    """What the journal says: postings, accounts, people, requests, reversals, settings."""

    def __init__(self, lines):
        entries = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError as error:
                raise BadInput(f"journal line {number}: not JSON ({error})")
            if not isinstance(entry, dict):
                raise BadInput(f"journal line {number}: not an object")
            for field in ("seq", "date", "kind"):
                if field not in entry:
                    raise BadInput(f"journal line {number}: no {field}")
            if not isinstance(entry["seq"], int) or not DATE.match(str(entry["date"])):
                raise BadInput(f"journal line {number}: bad seq or date")
            if not isinstance(entry.get("data", {}), dict):
                raise BadInput(f"journal line {number}: data is not an object")
            entries.append(entry)
        if not entries:
            raise BadInput("the journal is empty")
        entries.sort(key=lambda e: e["seq"])
        self.entries = entries
        self.by_seq = {e["seq"]: e for e in entries}
        genesis = entries[0]
        if genesis["kind"] != "ledger.genesis":
            raise BadInput("the journal does not start with its ledger.genesis entry")
        self.currency = genesis["data"].get("currency")
        self.fund_name = genesis["data"].get("fund_name")
        self.digits = {}
        self.accounts = {}       # code -> (name, type), from account.open
        self.chart = set()       # the accounts the template opened (before fund.setup)
        self.holders = {}        # key id -> holder
        self.postings = []
        self.requests = {}       # ref -> request
        self.approval_request = {}   # seq of an approval (or year close) -> request ref
        self.reverses = {}       # seq of a reversing entry -> the seq it reverses
        self.settings = {}       # name -> [(from, value)]
        setup_seen = False
        for key in genesis["data"].get("keys", []):
            self.holders[key.get("key_id")] = key.get("holder")
        for entry in entries:
            kind, data, seq = entry["kind"], entry.get("data", {}), entry["seq"]
            for index, raw in enumerate(entry.get("postings", []) or []):
                posting = Posting(entry, raw, f"entry {seq} posting {index}")
                self.postings.append(posting)
                self.learn_digits(raw)
            if kind == "account.open":
                self.accounts[data.get("code")] = (data.get("name"), data.get("type"))
                if not setup_seen:
                    self.chart.add(data.get("code"))
            elif kind == "key.register":
                self.holders[data.get("key_id")] = data.get("holder")
            elif kind == "fund.setup":
                setup_seen = True
                for name, value in (data.get("settings") or {}).items():
                    self.settings.setdefault(name, []).append((entry["date"], value))
            elif kind == "approval.request":
                self.requests[entry.get("ref")] = {
                    "ref": entry.get("ref"), "action": data.get("action"), "params": data, "date": entry["date"],
                    "seq": seq, "requester": self.holders.get(entry.get("signer")), "status": "requested",
                    "certifier": None, "certified_seq": None, "approver": None, "approved_seq": None}
            elif kind == "approval.certify":
                request = self.request(data.get("request"), seq)
                request["status"] = "certified"
                request["certifier"] = self.holders.get(entry.get("signer"))
                request["certified_seq"] = seq
            elif kind == "approval.reject":
                self.request(data.get("request"), seq)["status"] = "rejected"
            elif kind in ("approval.approve", "year.close"):
                if kind == "year.close" and "request" not in data:
                    continue
                request = self.request(data.get("request"), seq)
                request["status"] = "approved"
                request["approver"] = self.holders.get(entry.get("signer"))
                request["approved_seq"] = seq
                self.approval_request[seq] = request["ref"]
                if request["action"] == "setting.change":
                    params = request["params"]
                    self.settings.setdefault(params.get("name"), []).append((params.get("from"), params.get("value")))
                if request["action"] == "reversal":
                    self.add_reversal(seq, request["params"].get("reverses"))
            elif kind == "reversal":
                self.add_reversal(seq, data.get("reverses"))
        for name in self.settings:
            self.settings[name].sort(key=lambda item: item[0])
        self.reversed = {target: seq for seq, target in self.reverses.items()}
        # A reversed approval closes its request as `reversed`.
        for target in self.reversed:
            ref = self.approval_request.get(target)
            if ref is not None:
                self.requests[ref]["status"] = "reversed"
        self.fund_digits = self.digits.get(self.currency, 2)

    def request(self, ref, seq):
        if ref not in self.requests:
            raise BadInput(f"entry {seq} names request {ref!r}, which the journal does not hold")
        return self.requests[ref]

    def add_reversal(self, seq, target):
        if not isinstance(target, int) or target not in self.by_seq:
            raise BadInput(f"entry {seq} reverses {target!r}, which is not an entry of the journal")
        self.reverses[seq] = target

    def learn_digits(self, raw):
        for field in ("amount",):
            text = raw.get(field, "")
            digits = len(text.split(".")[1]) if "." in text else 0
            self.digits.setdefault(raw.get("currency"), digits)

    def fund(self, value):
        """`value` in the fund currency's minor digits."""
        return round_to(value, self.fund_digits)

    def zero(self, currency=None):
        return Decimal(0).scaleb(-self.digits.get(currency or self.currency, 2))

    def is_reversed(self, seq):
        return seq in self.reversed

    def type_of(self, account):
        """The account's type, or its chart account's when it was opened by a rule."""
        if account in self.accounts:
            return self.accounts[account][1]
        return self.accounts.get(top(account), (None, None))[1]

    def setting(self, name, date):
        """The value of setting `name` in force on `date` (the latest `from` on or before it)."""
        value = None
        for start, text in self.settings.get(name, []):
            if start <= date:
                value = text
        return value

    # Balances

    def balances(self, through=None, since=None, exclude_kinds=()):
        """{(account, currency): [amount, value]} of the postings dated in [since, through]."""
        sums = {}
        for posting in self.postings:
            if through is not None and posting.date > through:
                continue
            if since is not None and posting.date < since:
                continue
            if posting.kind in exclude_kinds:
                continue
            line = sums.setdefault((posting.account, posting.currency), [Decimal(0), Decimal(0)])
            line[0] += posting.amount
            line[1] += posting.value
        return sums

    def percent(self, rate, amount):
        return self.fund(Decimal(rate) * amount / 100)


def value_under(balances, prefix):
    return sum((v for (account, _), (_, v) in balances.items() if within(account, prefix)), Decimal(0))


# Grants: what each entry did to each grant (FUND-RULES.md, "A grant's figures")

def grant_movements(journal):
    """Every grant movement in entry order: dicts with seq, date, grant, reverses, charged_on,
    committed, paid, spent, psc, refunded, kind."""
    originals = {}
    movements = []
    for entry in journal.entries:
        seq, kind = entry["seq"], entry["kind"]
        # An approved reversal, or a year-end accrual's reversal on 1 January, moves the grant
        # by the entry's movement negated.
        target = journal.reverses.get(seq)
        if kind == "grant.accrue.reverse":
            target = entry.get("data", {}).get("accrual")
        if target is not None:
            for original in originals.get(target, []):
                negated = dict(original)
                for field in ("committed", "paid", "spent", "psc", "refunded"):
                    negated[field] = -original[field]
                negated.update(seq=seq, date=entry["date"], reverses=target, kind=kind)
                movements.append(negated)
            continue
        own = own_grant_movements(journal, entry)
        originals[seq] = own
        movements += own
    return movements


def own_grant_movements(journal, entry):
    seq, kind, data = entry["seq"], entry["kind"], entry.get("data", {})
    postings = entry.get("postings", []) or []
    base = dict(seq=seq, date=entry["date"], reverses=None, charged_on=entry["date"], kind=kind)
    zero = Decimal(0)
    if kind == "approval.approve":
        grants = {}
        for raw in postings:
            value = Decimal(raw["value"])
            if value <= 0:
                continue
            account = raw["account"]
            for parent, field in (("9200", "committed"), ("1300", "paid")):
                if account.startswith(parent + "."):
                    figures = grants.setdefault(account[len(parent) + 1:], dict(committed=zero, paid=zero))
                    figures[field] += value
        return [dict(base, grant=grant, spent=zero, psc=zero, refunded=zero, **grants[grant]) for grant in sorted(grants)]
    if kind in ("grant.report", "grant.refund", "grant.accrue"):
        grant = data.get("grant", "")
        spent = sum((Decimal(p["value"]) for p in postings if p["account"] == "5100"), zero)
        psc = sum((Decimal(p["value"]) for p in postings if p["account"] == "5200"), zero)
        refunded = zero
        if kind == "grant.refund":
            # A refund takes back the open advance first; the rest returns reported spending and
            # the PSC charged on it (to 5100/5200 in its own year, 4300 for an earlier year).
            refunded = dec(data.get("amount"), f"entry {seq} data.amount")
            advance = sum((Decimal(p["value"]) for p in postings if within(p["account"], "1300")), zero)
            cash = sum((Decimal(p["value"]) for p in postings if p["account"] == "1100"), zero)
            spent = -(refunded + advance)
            psc = -(cash - refunded)
        movement = dict(base, grant=grant, committed=zero, paid=zero, spent=spent, psc=psc, refunded=refunded)
        if any(movement[f] != 0 for f in ("committed", "paid", "spent", "psc", "refunded")):
            return [movement]
    return []


def grants_awarded(journal):
    """The grant awards approved and not reversed: {ref: record}."""
    grants = {}
    for ref, request in journal.requests.items():
        if request["action"] != "grant.award" or request["status"] != "approved":
            continue
        grants[ref] = dict(request=request, awarded=journal.by_seq[request["approved_seq"]]["date"], closed=None)
    for entry in journal.entries:
        if entry["kind"] == "grant.close" and not journal.is_reversed(entry["seq"]):
            grant = entry.get("data", {}).get("grant")
            if grant in grants:
                grants[grant]["closed"] = entry["date"]
    return grants


# The reports, as the structure of their JSON

def trial_balance(journal, as_of):
    rows = []
    total_debit = total_credit = Decimal(0)
    for (account, currency), (amount, value) in sorted(journal.balances(through=as_of).items()):
        if amount == 0 and value == 0:
            continue
        debit = value if value > 0 else Decimal(0)
        credit = -value if value <= 0 else Decimal(0)
        total_debit += debit
        total_credit += credit
        rows.append(dict(account=account, currency=currency, amount=amount, debit=debit, credit=credit))
    return dict(rows=rows, totals=dict(debit=total_debit, credit=total_credit), balanced=total_debit == total_credit)


POSITION = {
    "assets": ("asset", False, [("cash", ["1100", "1110"]), ("contributions_receivable", ["1200", "1210"]),
                                ("advances", ["1300"]), ("accrued_interest", ["1400"])]),
    "liabilities": ("liability", True, [("payables", ["2100"]), ("deferred_revenue", ["2200"]), ("refunds_payable", ["2300"]),
                                        ("unidentified_receipts", ["2400"])]),
    "net_assets": ("net-assets", True, [("accumulated_surplus_unearmarked", ["3100"]), ("accumulated_surplus_earmarked", ["3200"]),
                                        ("operating_reserve", ["3300"])]),
}


def surplus_not_closed(journal, balances):
    return -sum((v for (account, _), (_, v) in balances.items() if journal.type_of(account) in ("revenue", "expense")), Decimal(0))


def financial_position(journal, as_of):
    balances = journal.balances(through=as_of)
    result = {}
    for section, (kind, credit, specs) in POSITION.items():
        lines = []
        covered = []
        for key, codes in specs:
            covered += codes
            value = sum((value_under(balances, code) for code in codes), Decimal(0))
            lines.append(dict(key=key, value=-value if credit else value))
        other = sum((v for (account, _), (_, v) in balances.items()
                     if journal.type_of(account) == kind and not any(within(account, c) for c in covered)), Decimal(0))
        if other != 0:
            lines.append(dict(key="other", value=-other if credit else other))
        if section == "net_assets":
            lines.append(dict(key="surplus_not_closed", value=surplus_not_closed(journal, balances)))
        result[section] = dict(lines=lines, total=sum((line["value"] for line in lines), Decimal(0)))
        if section == "assets":
            # Receivables due more than 12 months after the date are non-current (IPSAS 1 ¶76).
            later = non_current_receivables(journal, as_of, balances)
            for line in lines:
                line["term"] = "current"
                if line["key"] == "contributions_receivable":
                    line["value"] -= later
            lines.append(dict(key="contributions_receivable_non_current", value=later, term="non_current"))
            result[section].update(current_total=result[section]["total"] - later, non_current_total=later)
    result["memo"] = [dict(key="pledges", value=value_under(balances, "9100")), dict(key="commitments", value=value_under(balances, "9200"))]
    result["balanced"] = result["assets"]["total"] == result["liabilities"]["total"] + result["net_assets"]["total"]
    result["earmarks"] = [dict(earmark=name, account="3200", value=earmark_balance(years, as_of)) for name, years in sorted(earmarks(journal).items())]
    return result


def horizon(as_of):
    """The reporting date a year on (29 February gives 28 February)."""
    year, month, day = int(as_of[:4]) + 1, as_of[5:7], as_of[8:10]
    if month == "02" and day == "29":
        day = "28"
    return f"{year:04d}-{month}-{day}"


def non_current_receivables(journal, as_of, balances):
    """Per donor and currency, the instalments due after the horizon, at their share of
    1200.DONOR's value, with the same share of 1210.DONOR."""
    last = horizon(as_of)
    later = {}
    for position in agreement_positions(journal, as_of):
        if position["outstanding"] == 0:
            continue
        key = (position["donor"], position["currency"])
        for due, outstanding in position["instalments"]:
            if due > last:
                later[key] = later.get(key, Decimal(0)) + outstanding
    total = Decimal(0)
    for (donor, currency) in sorted(later, key=lambda key: key[0] + " " + key[1]):
        amount = later[(donor, currency)]
        if amount == 0:
            continue
        held, value = balances.get(("1200." + donor, currency), [Decimal(0), Decimal(0)])
        if held == 0:
            continue
        part = amount if abs(amount) <= abs(held) else held
        allowance = balances.get(("1210." + donor, currency), [Decimal(0), Decimal(0)])[1]
        total += journal.fund(value * part / held) + journal.fund(allowance * part / held)
    return total


def financial_performance(journal, since, as_of):
    balances = journal.balances(through=as_of, since=since, exclude_kinds=("year.close",))
    result = {}
    for section, kind, credit in (("revenue", "revenue", True), ("expenses", "expense", False)):
        codes = {code for code in journal.chart if journal.type_of(code) == kind and "." not in code}
        codes |= {top(account) for (account, _) in balances if journal.type_of(account) == kind}
        lines = []
        for code in sorted(codes):
            value = value_under(balances, code)
            lines.append(dict(account=code, value=-value if credit else value))
        result[section] = dict(lines=lines, total=sum((line["value"] for line in lines), Decimal(0)))
    # FX gains (4900) and losses (5900) netted into one line (IPSAS 1 ¶48): under revenue as
    # 4900 when a net gain, under expenses as 5900 when a net loss.
    net = -(value_under(balances, "4900") + value_under(balances, "5900"))
    revalued = journal.balances(through=as_of, since=since, exclude_kinds=tuple(k for k in all_kinds(journal) if k != "fx.revalue"))
    unrealised = -(value_under(revalued, "4900") + value_under(revalued, "5900"))
    for section, code, value in (("revenue", "4900", None), ("expenses", "5900", None)):
        result[section]["lines"] = [line for line in result[section]["lines"] if line["account"] != code]
    if net < 0:
        result["expenses"]["lines"].append(dict(account="5900", value=-net))
    else:
        result["revenue"]["lines"].append(dict(account="4900", value=net))
    for section in ("revenue", "expenses"):
        result[section]["total"] = sum((line["value"] for line in result[section]["lines"]), Decimal(0))
    result["surplus"] = result["revenue"]["total"] - result["expenses"]["total"]
    result["foreign_exchange"] = dict(net=net, presented_as="expense" if net < 0 else "revenue", realised=net - unrealised, unrealised=unrealised)
    return result


def net_assets(journal, since, as_of):
    components = {code for code, (_, kind) in journal.accounts.items() if kind == "net-assets"}
    components = sorted({top(code) for code in components} | {top(p.account) for p in journal.postings if journal.type_of(p.account) == "net-assets"})

    def credits(balances):
        return {code: -value_under(balances, code) for code in components}

    def positions(balances):
        values = credits(balances)
        values["3100"] = values.get("3100", Decimal(0)) + surplus_not_closed(journal, balances)
        return values

    before = day_before(since)
    opening = positions(journal.balances(through=before))
    closing = positions(journal.balances(through=as_of))
    period = journal.balances(through=as_of, since=since, exclude_kinds=("year.close",))
    surplus = {code: Decimal(0) for code in components}
    surplus["3100"] = surplus_not_closed(journal, period)
    transfers = credits(journal.balances(through=as_of, since=since,
                                         exclude_kinds=tuple(k for k in all_kinds(journal) if k != "reserve.adjust")))
    others = credits(journal.balances(through=as_of, since=since, exclude_kinds=("year.close", "reserve.adjust")))
    closes = journal.balances(through=as_of, since=since, exclude_kinds=tuple(k for k in all_kinds(journal) if k != "year.close"))
    restricted = -value_under(closes, "3200")
    earmark_transfers = {code: Decimal(0) for code in components}
    earmark_transfers["3200"] = restricted
    earmark_transfers["3100"] = -restricted
    rows = []
    for key, values in (("opening", opening), ("surplus", surplus), ("reserve_transfers", transfers),
                        ("earmark_transfers", earmark_transfers), ("other_movements", others), ("closing", closing)):
        rows.append(dict(key=key, values=[dict(account=code, value=values.get(code, Decimal(0))) for code in components],
                         total=sum((values.get(code, Decimal(0)) for code in components), Decimal(0))))
    reconciles = all(sum(row["values"][i]["value"] for row in rows[:5]) == rows[5]["values"][i]["value"] for i in range(len(components)))
    marks = [dict(earmark=name, opening=earmark_balance(years, before), closing=earmark_balance(years, as_of))
             for name, years in sorted(earmarks(journal).items())]
    return dict(components=[dict(account=code) for code in components], rows=rows, reconciles=reconciles, earmarks=marks)


def all_kinds(journal):
    return {entry["kind"] for entry in journal.entries}


def grants_report(journal, as_of):
    balances = journal.balances(through=as_of)
    movements = [m for m in grant_movements(journal) if m["date"] <= as_of]
    columns = ["amount", "paid", "spent", "psc", "refunded", "commitment", "advance"]
    lines = []
    for ref, grant in sorted(grants_awarded(journal).items()):
        if grant["awarded"] > as_of:
            continue
        request = grant["request"]
        params = request["params"]
        mine = [m for m in movements if m["grant"] == ref]
        certified = journal.by_seq[request["certified_seq"]]["date"] if request["certified_seq"] is not None else None
        line = dict(
            grant=ref, grantee=params.get("grantee"), grantee_name=params.get("grantee_name"),
            requested=request["date"], requester=request["requester"],
            certified=certified if certified is not None and certified <= as_of else None, certifier=request["certifier"],
            approved=grant["awarded"], approver=request["approver"],
            status="closed" if grant["closed"] is not None and grant["closed"] <= as_of else "open",
            amount=dec(params.get("amount"), f"request {ref} amount"),
            commitment=value_under(balances, "9200." + ref), advance=value_under(balances, "1300." + ref))
        for field in ("paid", "spent", "psc", "refunded"):
            line[field] = sum((m[field] for m in mine), Decimal(0))
        lines.append(line)
    return dict(grants=lines, totals={c: sum((line[c] for line in lines), Decimal(0)) for c in columns})


def psc_rate(journal, date):
    return journal.setting("psc_rate", date) or "0"


def refund_charges(journal, as_of):
    return replay_reported(journal)[0]


def replay_reported(journal):
    """What each partner refund returned of its own year's reported spending, at the rates that
    charged it: each grant's reported spending per (year, rate), latest taken back first
    (FUND-RULES.md, "Refunds from partners"); a reversal puts the grant's list back as it was
    before the entry it reverses."""
    parts = {}
    before = {}
    charges = {}
    closes = {}
    for entry in journal.entries:
        if entry["kind"] == "year.close":
            closes[entry["seq"]] = {grant: [dict(p) for p in mine] for grant, mine in parts.items()}
        # In the order recorded, whatever the dates: what the grant record held when each
        # refund was posted.
        seq, kind, data = entry["seq"], entry["kind"], entry.get("data", {})
        target = journal.reverses.get(seq)
        if target is not None and target in before:
            grant, saved = before[target]
            parts[grant] = saved
            continue
        if kind not in ("grant.report", "grant.refund"):
            continue
        grant = data.get("grant", "")
        before[seq] = (grant, [dict(p) for p in parts.get(grant, [])])
        year = entry["date"][:4]
        mine = parts.setdefault(grant, [])
        if kind == "grant.report":
            spent = dec(data.get("spent"), f"entry {seq} data.spent")
            rate = psc_rate(journal, entry["date"])
            psc = journal.percent(rate, spent)
            if mine and mine[-1]["year"] == year and mine[-1]["rate"] == rate:
                mine[-1]["spent"] += spent
                mine[-1]["psc"] += psc
            else:
                mine.append(dict(year=year, rate=rate, spent=spent, psc=psc))
            continue
        postings = entry.get("postings", []) or []
        amount = dec(data.get("amount"), f"entry {seq} data.amount")
        advance = sum((Decimal(p["value"]) for p in postings if within(p["account"], "1300")), Decimal(0))
        left = amount + advance
        spent = psc = Decimal(0)
        rates = []
        for part in reversed(mine):
            if left <= 0:
                break
            taken = left if left <= part["spent"] else part["spent"]
            if taken <= 0:
                continue
            charge = part["psc"] if taken == part["spent"] else journal.percent(part["rate"], taken)
            charge = min(charge, part["psc"])
            part["spent"] -= taken
            part["psc"] -= charge
            left -= taken
            if part["year"] == year:
                spent += taken
                psc += charge
                if part["rate"] not in rates:
                    rates.append(part["rate"])
        charged = sum((Decimal(p["value"]) for p in postings if within(p["account"], "5200")), Decimal(0))
        charges[seq] = dict(spent=spent, psc=psc, rates=", ".join(rates), charged=charged)
    return charges, closes


def earmarks(journal):
    """Each earmark's closed years, as the year closes computed them (FUND-RULES.md, "Earmarks"):
    {name: [(year, closing)]}. Per close: restricted revenue of the year (unconditional earmarked
    agreements signed in it, at their signing value; recognitions in it, at the value they took
    off 2200) less the spending and PSC the earmarked grants reported for the year (net of
    refunds), added to the balance, never below zero."""
    _, closes = replay_reported(journal)
    result = {}
    for close_seq, parts in sorted(closes.items()):
        close = journal.by_seq[close_seq]
        year = close["date"][:4]
        revenue, spending = {}, {}
        signed = {}
        for entry in journal.entries:
            if entry["seq"] >= close_seq or journal.is_reversed(entry["seq"]):
                continue
            data = entry.get("data", {})
            if entry["kind"] == "agreement.sign" and data.get("earmark") is not None:
                name = data["earmark"]
                signed[entry.get("ref")] = name
                total = revenue.setdefault(name, Decimal(0))
                if data.get("conditional") is not True and entry["date"][:4] == year:
                    value = sum((Decimal(p["value"]) for p in entry.get("postings", []) if within(p["account"], "1200")), Decimal(0))
                    revenue[name] = total + value
            elif entry["kind"] == "agreement.recognise" and data.get("agreement") in signed and entry["date"][:4] == year:
                name = signed[data["agreement"]]
                value = sum((Decimal(p["value"]) for p in entry.get("postings", []) if within(p["account"], "2200")), Decimal(0))
                revenue[name] = revenue.get(name, Decimal(0)) + value
        for ref, request in journal.requests.items():
            name = request["params"].get("earmark")
            if request["action"] != "grant.award" or name is None or request["approved_seq"] is None or request["approved_seq"] >= close_seq:
                continue
            total = spending.setdefault(name, Decimal(0))
            spending[name] = total + sum((p["spent"] + p["psc"] for p in parts.get(ref, []) if p["year"] == year), Decimal(0))
        for name in sorted(set(revenue) | set(spending) | set(result)):
            years = result.setdefault(name, [])
            opening = years[-1][1] if years else Decimal(0)
            closing = opening + revenue.get(name, Decimal(0)) - spending.get(name, Decimal(0))
            years.append((year, closing if closing > 0 else Decimal(0)))
    return result


def earmark_balance(years, date):
    """The closing of the last year closed on or before `date` (zero before the first)."""
    value = Decimal(0)
    for year, closing in years:
        if f"{year}-12-31" <= date:
            value = closing
    return value


def secretariat_psc_lines(journal, since, as_of):
    """Each approved secretariat cost (the approval of a request that posts to 5300) and each
    approved reversal of one, dated in the period: the cost, the PSC posted to 5200, and rate x
    cost at the psc_rate in force on the request's date (FUND-RULES.md, "Secretariat costs");
    a reversal negates the entry it reverses, a reversal of that reversal negates it again."""
    lines = []
    for entry in journal.entries:
        if not (since <= entry["date"] <= as_of):
            continue
        chain = [entry["seq"]]
        while chain[-1] in journal.reverses:
            chain.append(journal.reverses[chain[-1]])
        origin = journal.by_seq[chain[-1]]
        postings = origin.get("postings") or []
        if origin["kind"] != "approval.approve" or not any(within(p["account"], "5300") for p in postings):
            continue
        sign = 1 if len(chain) % 2 == 1 else -1
        cost = sign * sum((Decimal(p["value"]) for p in postings if within(p["account"], "5300")), Decimal(0))
        charged = sign * sum((Decimal(p["value"]) for p in postings if within(p["account"], "5200")), Decimal(0))
        ref = origin["data"].get("request")
        rate = psc_rate(journal, journal.request(ref, origin["seq"])["date"])
        lines.append(dict(seq=entry["seq"], date=entry["date"], grant=None, secretariat_cost=ref,
                          reverses=chain[1] if len(chain) > 1 else None, expenditure=cost, rate=rate,
                          charged=charged, recomputed=journal.percent(rate, cost)))
    return lines


def psc_report(journal, since, as_of):
    refunds = refund_charges(journal, as_of)
    lines = []
    for movement in grant_movements(journal):
        if not (since <= movement["date"] <= as_of) or (movement["spent"] == 0 and movement["psc"] == 0):
            continue
        if movement["kind"] == "grant.refund" and movement["reverses"] is None and movement["seq"] in refunds:
            back = refunds[movement["seq"]]
            if back["spent"] == 0 and back["charged"] == 0:
                continue
            lines.append(dict(seq=movement["seq"], date=movement["date"], grant=movement["grant"], reverses=None,
                              expenditure=-back["spent"], rate=back["rates"], charged=back["charged"], recomputed=-back["psc"]))
            continue
        if movement["reverses"] in refunds:
            # A reversed refund: the refund's own line negated (what it returned to 4300 for an
            # earlier year's spending was never in 5200).
            back = refunds[movement["reverses"]]
            if back["spent"] == 0 and back["charged"] == 0:
                continue
            lines.append(dict(seq=movement["seq"], date=movement["date"], grant=movement["grant"], reverses=movement["reverses"],
                              expenditure=back["spent"], rate=back["rates"], charged=-back["charged"], recomputed=back["psc"]))
            continue
        rate = psc_rate(journal, movement["charged_on"])
        lines.append(dict(seq=movement["seq"], date=movement["date"], grant=movement["grant"], reverses=movement["reverses"],
                          expenditure=movement["spent"], rate=rate, charged=movement["psc"],
                          recomputed=journal.percent(rate, movement["spent"])))
    for line in lines:
        line["secretariat_cost"] = None
    lines = sorted(lines + secretariat_psc_lines(journal, since, as_of), key=lambda line: line["seq"])
    for line in lines:
        line["agrees"] = line["charged"] == line["recomputed"]
    period = journal.balances(through=as_of, since=since, exclude_kinds=("year.close",))
    totals = dict(expenditure=sum((l["expenditure"] for l in lines), Decimal(0)), charged=sum((l["charged"] for l in lines), Decimal(0)),
                  recomputed=sum((l["recomputed"] for l in lines), Decimal(0)), ledger_5200=value_under(period, "5200"))
    agrees = all(l["agrees"] for l in lines) and totals["charged"] == totals["ledger_5200"]
    return dict(entries=lines, totals=totals, agrees=agrees)


CASH_LINES = [("operating", ["contributions_received", "refunds_to_donors", "grants_paid", "refunds_from_partners", "psc_paid",
                             "bank_charges", "fund_management", "other_operating"]),
              ("investing", ["interest_received", "cash_pool_costs"]),
              ("exchange", ["exchange_differences"])]


def cash_line(origin, index):
    """The line of a cash posting (IPSAS 2, direct method): by the kind of the entry that made
    it (for a reversal, the entry it undoes), else by the accounts that entry posts besides cash."""
    kind = origin["kind"]
    postings = origin.get("postings", []) or []
    if kind in ("contribution.receive", "contribution.unidentified", "contribution.apply"):
        return "contributions_received"
    if kind in ("cash.convert", "fx.revalue"):
        return "exchange_differences"
    if kind == "grant.report":
        return "psc_paid"
    if kind == "grant.refund":
        return "refunds_from_partners"
    if kind == "interest.allocate":
        if index is None or index >= len(postings):
            return "interest_received"
        return "cash_pool_costs" if Decimal(postings[index]["value"]) < 0 else "interest_received"
    if index is not None and 0 < index < len(postings) and within(postings[index - 1]["account"], "5300"):
        return "fund_management"  # a secretariat cost: 5300/1100, then its PSC 5200/1100
    others = [p["account"] for p in postings if not within(p["account"], "1100")]

    def has(*codes):
        return any(within(account, code) for code in codes for account in others)
    for codes, line in ((("1300", "5100"), "grants_paid"), (("1200", "2400"), "contributions_received"),
                        (("2300", "4100", "4110", "4120"), "refunds_to_donors"), (("4300",), "refunds_from_partners"),
                        (("5200",), "psc_paid"), (("5400",), "bank_charges"), (("5300",), "fund_management"),
                        (("4200", "1400"), "interest_received"), (("5500",), "cash_pool_costs")):
        if has(*codes):
            return line
    if all(within(a, "4900") or within(a, "5900") or within(a, "1190") for a in others):
        return "exchange_differences"
    return "other_operating"


def cash_flow(journal, since, as_of):
    before = day_before(since)
    opening = value_under(journal.balances(through=before), "1100")
    closing = value_under(journal.balances(through=as_of), "1100")
    sums = {line: Decimal(0) for _, lines in CASH_LINES for line in lines}
    count = 0
    for entry in journal.entries:
        postings = entry.get("postings", []) or []
        if not (since <= entry["date"] <= as_of) or not any(within(p["account"], "1100") for p in postings):
            continue
        origin, seen = entry, set()
        while origin["seq"] in journal.reverses and origin["seq"] not in seen:
            seen.add(origin["seq"])
            target = journal.reverses[origin["seq"]]
            if target >= origin["seq"]:
                break
            origin = journal.by_seq[target]
        same = len(origin.get("postings", []) or []) == len(postings)
        for index, posting in enumerate(postings):
            if within(posting["account"], "1100"):
                sums[cash_line(origin, index if same else None)] += Decimal(posting["value"])
                count += 1
    sections = [dict(key=key, lines=[dict(key=line, value=sums[line]) for line in lines],
                     total=sum((sums[line] for line in lines), Decimal(0))) for key, lines in CASH_LINES]
    net = sum(sums.values(), Decimal(0))
    return dict(opening_date=before, opening=opening, sections=sections, net_change=net, closing=closing, postings=count,
                reconciles=opening + net == closing)


BUDGET_CATEGORIES = [("grants", ["5100"]), ("secretariat", ["5300", "5400", "5500"]), ("psc", ["5200"])]


def utilisation(actual, budget, digits):
    """actual ÷ budget × 100, one decimal, half up (on the magnitude); None when the budget is 0."""
    if budget <= 0:
        return None
    scale = Decimal(10) ** digits
    numerator, denominator = int(abs(actual) * scale) * 1000, int(budget * scale)
    quotient, remainder = divmod(numerator, denominator)
    tenths = quotient + 1 if remainder >= denominator - remainder else quotient
    return f"{'-' if actual < 0 and tenths > 0 else ''}{tenths // 10}.{tenths % 10}"


def budget_report(journal, since, as_of):
    """IPSAS 24: the approved `budget.set` requests of the year (approved by the date), the
    original (first approved) and final (latest `from`), against the year's expenses."""
    year = int(since[:4])
    budgets = []
    for request in journal.requests.values():
        params = request["params"]
        if request["action"] != "budget.set" or request["status"] != "approved" or str(params.get("year")) != str(year):
            continue
        if request["date"] > as_of:
            continue
        amounts = {name: dec(params.get(name), f"request {request['ref']} {name}") for name, _ in BUDGET_CATEGORIES}
        budgets.append(dict({"from": params.get("from")}, approved_on=request["date"], request=request["ref"],
                            seq=request["approved_seq"], total=sum(amounts.values(), Decimal(0)), decision=params.get("decision"), **amounts))
    budgets.sort(key=lambda b: b["from"])
    original = min(budgets, key=lambda b: b["seq"]) if budgets else None
    final = max(budgets, key=lambda b: b["from"]) if budgets else None
    for budget in budgets:
        budget["original"] = budget is original
        budget["final"] = budget is final
    period = journal.balances(through=as_of, since=since, exclude_kinds=("year.close",))
    lines = []
    for category, accounts in BUDGET_CATEGORIES + [("total", [a for _, accounts in BUDGET_CATEGORIES for a in accounts])]:
        actual = sum((value_under(period, account) for account in accounts), Decimal(0))
        first = original[category] if original and category != "total" else (original["total"] if original else None)
        last = final[category] if final and category != "total" else (final["total"] if final else None)
        lines.append(dict(category=category, original=first, final=last, actual=actual,
                          difference=None if last is None else last - actual,
                          utilisation=None if last is None else utilisation(actual, last, journal.fund_digits)))
    total = financial_performance(journal, since, as_of)["expenses"]["total"]
    return dict(year=year, basis="accrual", budget_approved=original is not None, lines=lines, budgets=budgets,
                other_expenses=total - lines[-1]["actual"], total_expenses=total)


def agreements(journal):
    """Agreements signed and not reversed, with their receipts and write-offs: {ref: record}."""
    records = {}
    for entry in journal.entries:
        seq, kind, data = entry["seq"], entry["kind"], entry.get("data", {})
        if journal.is_reversed(seq):
            continue
        if kind == "agreement.sign":
            currency = data.get("currency")
            amount = dec(data.get("amount"), f"entry {seq} data.amount")
            instalments = data.get("instalments") or [dict(amount=data.get("amount"), due=entry["date"])]
            records[entry.get("ref")] = dict(
                donor=data.get("donor"), currency=currency, amount=amount, date=entry["date"], conditional=data.get("conditional") is True,
                instalments=sorted(((dec(i.get("amount"), f"entry {seq} instalment"), i.get("due")) for i in instalments), key=lambda i: i[1]),
                receipts=[])
        elif kind in ("contribution.receive", "contribution.apply"):
            record = records.get(data.get("agreement"))
            if record is None:
                continue
            applied = -sum((Decimal(p["amount"]) for p in entry.get("postings", []) or []
                            if p["account"] == "1200." + record["donor"] and p["currency"] == record["currency"]), Decimal(0))
            record["receipts"].append((entry["date"], applied))
    write_offs = []
    for request in journal.requests.values():
        if request["action"] == "receivable.write-off" and request["status"] == "approved":
            params = request["params"]
            write_offs.append((request["date"], params.get("agreement"), dec(params.get("amount"), f"request {request['ref']} amount")))
    for record in records.values():
        record["write_offs"] = []
    for date, ref, amount in write_offs:
        if ref in records:
            records[ref]["write_offs"].append((date, amount))
    return records


BUCKETS = ["not_due", "days_0_30", "days_31_90", "days_91_365", "over_365"]


def bucket(days):
    if days < 0:
        return 0
    if days <= 30:
        return 1
    if days <= 90:
        return 2
    if days <= 365:
        return 3
    return 4


def agreement_positions(journal, as_of):
    """Each agreement signed by `as_of`: outstanding, and what is left of each instalment once
    the receipts and write-offs dated by then paid the oldest first."""
    positions = []
    for ref, record in agreements(journal).items():
        if record["date"] > as_of:
            continue
        received = sum((amount for date, amount in record["receipts"] if date <= as_of), Decimal(0))
        written = sum((amount for date, amount in record["write_offs"] if date <= as_of), Decimal(0))
        left = received + written
        instalments = []
        for amount, due in record["instalments"]:
            paid = amount if left >= amount else left
            left -= paid
            instalments.append((due, amount - paid))
        positions.append(dict(record, ref=ref, outstanding=record["amount"] - received - written, instalments=instalments))
    return positions


def receivables(journal, as_of):
    balances = journal.balances(through=as_of)
    donors = {e["data"].get("id"): e["data"].get("name") for e in journal.entries if e["kind"] == "donor.add"}
    open_lines = []
    for record in agreement_positions(journal, as_of):
        ref, outstanding = record["ref"], record["outstanding"]
        if outstanding == 0:
            continue
        ageing = [Decimal(0)] * len(BUCKETS)
        for due, rest in record["instalments"]:
            if rest != 0:
                ageing[bucket(days_between(due, as_of))] += rest
        open_lines.append(dict(donor=record["donor"], donor_name=donors.get(record["donor"]), agreement=ref, currency=record["currency"],
                               outstanding=outstanding, ageing=ageing))
    open_lines.sort(key=lambda line: (line["donor"], line["agreement"]))
    used = {}
    for index, line in enumerate(open_lines):
        key = (line["donor"], line["currency"])
        amount, value = balances.get(("1200." + line["donor"], line["currency"]), [Decimal(0), Decimal(0)])
        last = not any((l["donor"], l["currency"]) == key for l in open_lines[index + 1:])
        assigned = used.get(key, Decimal(0))
        share = value - assigned if last else (journal.fund(value * line["outstanding"] / amount) if amount != 0 else Decimal(0))
        used[key] = assigned + share
        line["value"] = share
    for line in open_lines:
        line["ageing"] = dict(zip(BUCKETS, line["ageing"]))
    by_currency = []
    for currency in sorted({line["currency"] for line in open_lines}):
        mine = [line for line in open_lines if line["currency"] == currency]
        by_currency.append(dict(currency=currency, outstanding=sum((l["outstanding"] for l in mine), Decimal(0)),
                                ageing={b: sum((l["ageing"][b] for l in mine), Decimal(0)) for b in BUCKETS}))
    value = sum((line["value"] for line in open_lines), Decimal(0))
    allowance = value_under(balances, "1210")
    return dict(agreements=open_lines, totals=dict(by_currency=by_currency, value=value, allowance=allowance, net_value=value + allowance))


def funds_available(journal, as_of):
    balances = journal.balances(through=as_of)
    lines = [dict(account="1100", amount=value_under(balances, "1100"))]
    for code in ("2100", "2300", "2400"):
        held = -value_under(balances, code)
        lines.append(dict(account=code, amount=-held if held > 0 else Decimal(0)))
    # 2200: per donor and currency, the deferred revenue less what the donor's conditional
    # agreements signed by then still expect, at 2200.DONOR's carrying value.
    expected = {}
    for ref, record in agreements(journal).items():
        if not record["conditional"] or record["date"] > as_of:
            continue
        owed = record["amount"] - sum((a for _, a in record["write_offs"]), Decimal(0))
        owed -= sum((a for date, a in record["receipts"] if date <= as_of), Decimal(0))
        key = ("2200." + record["donor"], record["currency"])
        expected[key] = expected.get(key, Decimal(0)) + owed
    backed_total = Decimal(0)
    for (account, currency), (amount, value) in sorted(balances.items()):
        if not within(account, "2200"):
            continue
        deferred = -amount
        backed = min(deferred, deferred - max(Decimal(0), expected.get((account, currency), Decimal(0))))
        if deferred <= 0 or backed <= 0:
            continue
        backed_total += journal.fund(-value * backed / deferred)
    lines.insert(2, dict(account="2200", amount=-backed_total))
    rate, planned = journal.setting("reserve_rate", as_of), journal.setting("planned_expenditure", as_of)
    reserve = journal.percent(rate, Decimal(planned)) if rate is not None and planned is not None else Decimal(0)
    lines.append(dict(account=None, label="less operating reserve", amount=-reserve))
    lines.append(dict(account="9200", amount=-value_under(balances, "9200")))
    certified = sum((dec(r["params"].get("amount"), f"request {r['ref']} amount") for r in journal.requests.values()
                     if r["action"] == "grant.award" and r["status"] == "certified" and r["date"] <= as_of), Decimal(0))
    lines.append(dict(account=None, label="less grant awards certified", amount=-certified))
    return dict(lines=lines, available=sum((line["amount"] for line in lines), Decimal(0)))


# Comparison

# Members that are text for people (names, labels), not figures: not compared.
TEXT = {"name", "label", "accounts"}

# How the items of each list are told apart.
LIST_KEYS = {
    "rows": lambda item: item.get("key") or f"{item.get('account')} {item.get('currency')}",
    "lines": lambda item: item.get("category") or (item.get("account") if item.get("account") is not None and "key" not in item
                                                   else item.get("key") or item.get("label")),
    "budgets": lambda item: item.get("from"),
    "earmarks": lambda item: item.get("earmark"),
    "sections": lambda item: item.get("key"),
    "memo": lambda item: item.get("key"),
    "values": lambda item: item.get("account"),
    "components": lambda item: item.get("account"),
    "grants": lambda item: item.get("grant"),
    "entries": lambda item: str(item.get("seq")),
    "agreements": lambda item: item.get("agreement"),
    "by_currency": lambda item: item.get("currency"),
}


def funds_line_key(item):
    if item.get("account") is not None:
        return item["account"]
    label = item.get("label") or ""
    for known in ("less operating reserve", "less grant awards certified"):
        if label.startswith(known):
            return known
    return label


class Comparison:
    def __init__(self, report):
        self.report = report
        self.differences = []
        self.amounts = 0  # amounts compared

    def differ(self, path, expected, found):
        self.differences.append((self.report, path, expected, found))

    def compare(self, path, expected, found):
        if isinstance(expected, dict):
            if not isinstance(found, dict):
                return self.differ(path, "an object", shown(found))
            for key, value in expected.items():
                if key in TEXT:
                    continue
                if key not in found:
                    self.differ(join(path, key), shown(value), "(missing)")
                else:
                    self.compare(join(path, key), value, found[key])
            return
        if isinstance(expected, list):
            if not isinstance(found, list):
                return self.differ(path, "a list", shown(found))
            name = path.rsplit(".", 1)[-1].split("[")[0]
            keyer = funds_line_key if self.report == "funds" and name == "lines" else LIST_KEYS.get(name, lambda item: None)
            found_by_key = {}
            for index, item in enumerate(found):
                found_by_key.setdefault(keyer(item) if isinstance(item, dict) else index, item)
            expected_keys = []
            for index, item in enumerate(expected):
                key = keyer(item) if isinstance(item, dict) else index
                expected_keys.append(key)
                where = f"{path}[{key}]"
                if key not in found_by_key:
                    self.differ(where, "a line", "(missing)")
                else:
                    self.compare(where, item, found_by_key[key])
            for key in found_by_key:
                if key not in expected_keys:
                    self.differ(f"{path}[{key}]", "(no such line)", "a line the journal does not give")
            found_order = [keyer(item) if isinstance(item, dict) else i for i, item in enumerate(found)]
            if [k for k in found_order if k in expected_keys] != [k for k in expected_keys if k in found_order]:
                self.differ(path, "order " + ", ".join(map(str, expected_keys)), "order " + ", ".join(map(str, found_order)))
            return
        if isinstance(expected, Decimal):
            self.amounts += 1
            if not isinstance(found, str) or not DECIMAL.match(found):
                return self.differ(path, str(expected), shown(found))
            if Decimal(found) != expected:
                self.differ(path, format_amount(expected, found), found)
            return
        if expected != found:
            self.differ(path, shown(expected), shown(found))

    def unknown(self, path, expected, found):
        """Members of `found` the recomputation does not give (figures it cannot derive)."""
        if isinstance(found, dict) and isinstance(expected, dict):
            for key, value in found.items():
                if key in TEXT:
                    continue
                if key not in expected:
                    self.differ(join(path, key), "(not derived by recompute.py)", shown(value))
                else:
                    self.unknown(join(path, key), expected[key], value)
        elif isinstance(found, list) and isinstance(expected, list):
            name = path.rsplit(".", 1)[-1].split("[")[0]
            keyer = funds_line_key if self.report == "funds" and name == "lines" else LIST_KEYS.get(name, lambda item: None)
            by_key = {keyer(item) if isinstance(item, dict) else i: item for i, item in enumerate(expected)}
            for index, item in enumerate(found):
                key = keyer(item) if isinstance(item, dict) else index
                if key in by_key:
                    self.unknown(f"{path}[{key}]", by_key[key], item)


def join(path, key):
    return f"{path}.{key}" if path else key


def shown(value):
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def format_amount(value, found):
    """`value` with as many decimals as the report's `found` shows, when that is exact."""
    digits = len(found.split(".")[1]) if "." in found else 0
    shown_value = round_to(value, digits)
    return str(shown_value if shown_value == value else value)


def recompute(journal, name, heading):
    as_of = heading.get("as_of")
    since = heading.get("from")
    if not isinstance(as_of, str) or not DATE.match(as_of):
        raise BadInput(f"{name}: the report names no as_of date")
    expected = dict(as_of=as_of, currency=journal.currency)
    if name != "funds":
        expected.update(report=name, fund=journal.fund_name)
    if name in PERIOD_REPORTS:
        if not isinstance(since, str) or not DATE.match(since):
            raise BadInput(f"{name}: the report names no from date")
        expected["from"] = since
    if name == "trial-balance":
        expected.update(trial_balance(journal, as_of))
    elif name == "financial-position":
        expected.update(financial_position(journal, as_of))
    elif name == "financial-performance":
        expected.update(financial_performance(journal, since, as_of))
    elif name == "net-assets":
        expected.update(net_assets(journal, since, as_of))
    elif name == "grants":
        expected.update(grants_report(journal, as_of))
    elif name == "receivables":
        expected.update(receivables(journal, as_of))
    elif name == "psc":
        expected.update(psc_report(journal, since, as_of))
    elif name == "cash-flow":
        expected.update(cash_flow(journal, since, as_of))
    elif name == "budget":
        expected.update(budget_report(journal, since, as_of))
    elif name == "funds":
        expected.update(funds_available(journal, as_of))
    return expected


def check(journal, name, found):
    comparison = Comparison(name)
    expected = recompute(journal, name, found)
    comparison.compare("", expected, found)
    comparison.unknown("", expected, found)
    return comparison.differences, comparison.amounts


def load_report(spec):
    name, path = (spec.split("=", 1) if "=" in spec and spec.split("=", 1)[0] in REPORTS else (None, spec))
    try:
        with open(path, encoding="utf-8") as file:
            found = json.load(file)
    except (OSError, ValueError) as error:
        raise BadInput(f"report {path}: {error}")
    return kind_of(name, found, path), found


def kind_of(name, found, where):
    if not isinstance(found, dict):
        raise BadInput(f"report {where}: not a JSON object")
    detected = found.get("report") if "report" in found else ("funds" if "available" in found and "lines" in found else None)
    if detected not in REPORTS:
        raise BadInput(f"report {where}: not the JSON of a vtf report this script knows ({', '.join(REPORTS)})")
    if name is not None and name != detected:
        raise BadInput(f"report {where}: given as {name}, but it is {detected}")
    return detected


def run_vtf(vtf, ledger, arguments):
    try:
        result = subprocess.run([vtf] + arguments + ["--ledger", ledger], capture_output=True, text=True)
    except OSError as error:
        raise BadInput(f"cannot run {vtf}: {error}")
    if result.returncode != 0:
        raise BadInput(f"vtf {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Exit 0: every figure agrees; 1: differences (listed); 2: bad input.")
    parser.add_argument("--journal", help="the output of `vtf journal export` (JSON lines)")
    parser.add_argument("--report", action="append", default=[], metavar="[NAME=]FILE",
                        help="a report's JSON (`--format json`); NAME one of " + ", ".join(REPORTS))
    parser.add_argument("--vtf", help="run this vtf binary for the export and every report")
    parser.add_argument("--ledger", help="with --vtf: the ledger")
    parser.add_argument("--as-of", help="with --vtf: the reports' --as-of")
    parser.add_argument("--from", dest="since", help="with --vtf: the period reports' --from")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return 2 if exit.code else 0
    try:
        reports = []
        if args.vtf:
            if not args.ledger or not args.as_of:
                raise BadInput("--vtf needs --ledger and --as-of")
            lines = run_vtf(args.vtf, args.ledger, ["journal", "export"]).splitlines()
            for name in REPORTS:
                command = ["funds", "available"] if name == "funds" else ["report", name]
                command += ["--as-of", args.as_of, "--format", "json"]
                if name in PERIOD_REPORTS and args.since and name != "budget":
                    command += ["--from", args.since]
                text = run_vtf(args.vtf, args.ledger, command)
                try:
                    reports.append((name, json.loads(text)))
                except ValueError as error:
                    raise BadInput(f"vtf {' '.join(command)}: not JSON ({error})")
        else:
            if not args.journal or not args.report:
                raise BadInput("give --journal and at least one --report (or --vtf, --ledger and --as-of)")
            try:
                with open(args.journal, encoding="utf-8") as file:
                    lines = file.read().splitlines()
            except OSError as error:
                raise BadInput(f"journal {args.journal}: {error}")
            reports = [load_report(spec) for spec in args.report]
        journal = Journal(lines)
        differences = []
        amounts = 0
        for name, found in reports:
            kind_of(name, found, name)
            found_differences, compared = check(journal, name, found)
            differences += found_differences
            amounts += compared
    except BadInput as error:
        print(f"recompute.py: {error}", file=sys.stderr)
        return 2
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as error:
        # A journal or report shaped otherwise than the schemas say: bad input, not a difference.
        print(f"recompute.py: the journal or a report is not what the schemas describe ({type(error).__name__}: {error})", file=sys.stderr)
        return 2
    if differences:
        for report, path, expected, found in differences:
            print(f"{report}: {path}: expected {expected}, found {found}")
        print(f"{len(differences)} difference(s) between the reports and the journal.")
        return 1
    names = ", ".join(name for name, _ in reports)
    print(f"ok: every figure of {names} agrees with the journal ({amounts} amounts compared, {len(journal.entries)} entries).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
