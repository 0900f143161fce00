"""The verification page (verify.html of `vtf publish`) in a real browser: headless Chromium driven
by selenium opens the published page from disk and is given genuine and tampered statements
(their receipts, totals, and figures proven by sealed balances), a journal line with its proof,
balance proofs and tlog-proofs (genuine and tampered), and bad input. Each case prints one line
    accepted|rejected: <case>: <reason the page shows>
and the run fails (exit 1) when any case does not end as expected, or when the page wrote an
error to the browser's console.

    python3 Tests/Browser/verify_page_test.py --vtf .build/debug/vtf --work DIR   (Scripts/check-browser)
"""
import argparse
import datetime
import json
import os
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import browser
import fixtures

CASES = []


def case(name):
    """Registers a case: a function (driver, books) -> (state, reason) that raises on a wrong outcome."""
    def register(function):
        CASES.append((name, function))
        return function
    return register


def expect(found, state, *fragments):
    """The outcome (state, reason, checks) must be `state` with every fragment in its reason."""
    got_state, reason, checks = found
    if got_state != state:
        raise AssertionError(f"expected {state}, the page says {got_state}: {reason}")
    missing = [fragment for fragment in fragments if fragment not in reason]
    if missing:
        raise AssertionError(f"the reason does not say {missing!r}: {reason}")
    marks = [check[:1] for check in checks]
    if state == "accepted" and (not marks or any(mark != "\u2713" for mark in marks)):
        raise AssertionError(f"accepted, but not every check is ticked: {checks}")
    if state == "rejected" and (not marks or marks[-1] != "\u2717"):
        raise AssertionError(f"rejected, but the last check listed is not the failing one: {checks}")
    return got_state, reason


def statement_file(driver, books, text, name="statement.json", language="en", vkey=None, witnesses=None):
    """Opens the page, sets the key and witnesses if given, chooses `text` as a file; the outcome."""
    browser.open_page(driver, books.page(language))
    if vkey is not None:
        browser.set_field(driver, "vkey", vkey)
    if witnesses is not None:
        browser.set_field(driver, "witnesses", "\n".join(witnesses))
    browser.give_files(driver, books.write(name, text))
    return browser.outcome(driver)


def rejected_after(driver, books, change, *fragments, resign=True, language="en"):
    """Belgium's statement after `change`, re-signed by the fund's log key unless `resign` is
    False, must be rejected with every fragment in the reason."""
    text = books.tampered(change, resign=resign)
    return expect(statement_file(driver, books, text, language=language), "rejected", *fragments)


def receipt_where(books, index=0):
    return f"receipt {index + 1} (seq {books.statement['receipts'][index]['seq']})"


# 1. The genuine statement.
@case("genuine statement, chosen as a file")
def genuine(driver, books):
    found = expect(statement_file(driver, books, books.statement_text), "accepted", "Signed by the fund")
    count = driver.find_element(By.ID, "checked-count").text
    receipts = len(books.statement["receipts"])
    if f"{receipts} receipts" not in count or f"{receipts} receipts" not in found[1]:
        raise AssertionError(f"the number of receipts checked ({receipts}) is not shown: {count}")
    rows = driver.find_elements(By.CSS_SELECTOR, "#checked-figures tbody tr")
    if len(rows) != receipts + len(books.statement["refunds"]):
        raise AssertionError(f"{len(rows)} rows of figures checked, the statement has {receipts} receipts")
    root = books.statement["checkpoint"]["note"].split("\n")[2]
    if root not in driver.find_element(By.ID, "checkpoint-root").text:
        raise AssertionError(f"the checkpoint's root {root} is not shown for comparison")
    return found


@case("genuine statement, pasted")
def genuine_pasted(driver, books):
    browser.open_page(driver, books.page())
    browser.paste(driver, books.statement_text)
    return expect(browser.outcome(driver), "accepted", f"{len(books.statement['receipts'])} receipts")


@case("genuine statement, dropped on the page")
def genuine_dropped(driver, books):
    browser.open_page(driver, books.page())
    browser.drop_text(driver, books.statement_text, "BEL-2025.json")
    return expect(browser.outcome(driver), "accepted", f"{len(books.statement['receipts'])} receipts")


@case("genuine statement, the page served by a web server (http://127.0.0.1)")
def genuine_served(driver, books):
    with browser.served(books.sites["en"]) as base:
        driver.get(base + "/verify.html")
        browser.wait_ready(driver)
        browser.give_files(driver, books.write("statement.json", books.statement_text))
        return expect(browser.outcome(driver), "accepted", "Signed by the fund")


@case("genuine statement, pretty-printed (not vtf's one-line form)")
def genuine_pretty(driver, books):
    text = json.dumps(books.statement, indent=2, ensure_ascii=True)
    return expect(statement_file(driver, books, text), "accepted", "Signed by the fund")


@case("genuine statement with a refund (the United Kingdom's)")
def genuine_refund(driver, books):
    found = expect(statement_file(driver, books, books.refund_statement_text), "accepted", "1 refund checked")
    refund = json.loads(books.refund_statement_text)["refunds"][0]
    row = driver.find_elements(By.CSS_SELECTOR, "#checked-figures tbody tr")[-1].text
    if f"refund 1 (seq {refund['seq']})" not in row:
        raise AssertionError(f"the refund's figures are not shown as checked: {row}")
    return found


@case("refund with a changed amount, re-signed with the fund's log key")
def changed_refund(driver, books):
    statement = json.loads(books.refund_statement_text)

    def change(changed):
        changed["refunds"][0]["amount"] = "5.00"
    found = statement_file(driver, books, books.tampered(change, statement=statement))
    return expect(found, "rejected", f"refund 1 (seq {statement['refunds'][0]['seq']}): the amount shown 5.00 GBP is not the entry's")


@case("genuine statement with the auditor's witness key")
def genuine_witness(driver, books):
    found = statement_file(driver, books, books.statement_text, witnesses=[books.witness_vkey])
    return expect(found, "accepted", "Audited", fixtures.WITNESS_NAME)


@case("genuine statement with a witness key the auditor does not hold")
def wrong_witness(driver, books):
    found = statement_file(driver, books, books.statement_text, witnesses=[fixtures.other_witness_vkey()])
    return expect(found, "rejected", f"witness {fixtures.WITNESS_NAME}: the checkpoint has no valid cosignature")


# 2. and 3. A changed amount.
@case("changed amount, not re-signed")
def changed_amount(driver, books):
    return rejected_after(driver, books, fixtures.changed_amount, "signature: does not verify with the fund's key", resign=False)


@case("changed amount, re-signed with the fund's log key")
def changed_amount_resigned(driver, books):
    return rejected_after(driver, books, fixtures.changed_amount, receipt_where(books) + ": the amount shown", "is not the entry's")


@case("changed value, re-signed with the fund's log key")
def changed_value_resigned(driver, books):
    return rejected_after(driver, books, fixtures.second_receipts("value"), receipt_where(books) + ": the value shown")


# 4. A removed receipt.
@case("removed receipt, not re-signed")
def removed_receipt(driver, books):
    return rejected_after(driver, books, fixtures.removed_receipt, "signature: does not verify", resign=False)


@case("removed receipt, re-signed with the fund's log key")
def removed_receipt_resigned(driver, books):
    return rejected_after(driver, books, fixtures.removed_receipt, "totals: the received value shown", "is not the sum of the receipts listed")


@case("removed receipt, totals made to match, re-signed (an omission: not provable on the page, which says so)")
def removed_receipt_hidden(driver, books):
    found = expect(statement_file(driver, books, books.tampered(fixtures.removed_receipt_totals_adjusted)), "accepted")
    limits = driver.find_element(By.ID, "limits").text
    if "leaves a receipt out" not in limits:
        raise AssertionError(f"the page does not say that an omitted receipt cannot be caught: {limits}")
    return found


@case("another donor's receipt added, totals made to match, re-signed")
def other_donors_receipt(driver, books):
    sweden = json.loads(open(books.make_statement("SWE"), encoding="utf-8").read())
    return rejected_after(driver, books, fixtures.with_receipt(sweden["receipts"][0]),
                          "credits neither 1200.BEL nor 2300.BEL: it is not a receipt from donor BEL")


@case("another donor's refund listed as Belgium's, totals made to match, re-signed")
def other_donors_refund(driver, books):
    refund = json.loads(books.refund_statement_text)["refunds"][0]
    return rejected_after(driver, books, fixtures.with_refund(refund), "is not the request of a refund to donor BEL that entry")


@case("a refund without its request entry, re-signed")
def refund_without_request(driver, books):
    refund = dict(json.loads(books.refund_statement_text)["refunds"][0])
    del refund["request"]
    return rejected_after(driver, books, fixtures.with_refund(refund), "its request is missing")


@case("a receipt listed twice, totals made to match, re-signed")
def receipt_twice(driver, books):
    return rejected_after(driver, books, fixtures.with_receipt(books.statement["receipts"][0]), "the entry is listed twice")


@case("the period moved past a receipt it lists, re-signed")
def receipt_outside(driver, books):
    return rejected_after(driver, books, fixtures.period_after_first_receipt, receipt_where(books) + ": dated", "outside the statement's period")


@case("an agreement's written-off amount changed, re-signed")
def written_off_changed(driver, books):
    def change(statement):
        statement["agreements"][0]["written_off"] = "0.01"
    return rejected_after(driver, books, change, "what was received, written off and is outstanding does not make its amount")


# 5. The wrong key.
@case("statement signed by another Ed25519 key")
def other_signer(driver, books):
    text = books.tampered(lambda statement: None, key=fixtures.other_key())
    return expect(statement_file(driver, books, text), "rejected", "signature:", "not signed by the fund's key")


@case("the page's key replaced by another fund's")
def other_fund(driver, books):
    found = statement_file(driver, books, books.statement_text, vkey=fixtures.other_fund_vkey())
    return expect(found, "rejected", "signature:", "other.example/fund", "not signed by the fund's key")


@case("the page's key mangled")
def mangled_key(driver, books):
    found = statement_file(driver, books, books.statement_text, vkey="unodc.org/unvtf+zz+AAAA")
    return expect(found, "rejected", "the fund's key: not of the form name+keyid+base64")


# 6. A forged proof.
@case("forged inclusion proof (one hash changed), re-signed")
def forged_proof(driver, books):
    return rejected_after(driver, books, fixtures.forged_proof, receipt_where(books) + ": the inclusion proof does not lead to the checkpoint's root")


@case("another receipt's journal line, re-signed")
def swapped_entry(driver, books):
    return rejected_after(driver, books, fixtures.second_receipts("entry"), receipt_where(books) + ": its journal line is not entry")


# 7. A journal line with its inclusion proof.
@case("journal line with its inclusion proof and checkpoint, three files")
def entry_proof(driver, books):
    browser.open_page(driver, books.page())
    files = books.entry_files
    browser.give_files(driver, files["line"], files["proof"], files["checkpoint"])
    found = expect(browser.outcome(driver), "accepted", f"Entry {books.statement['receipts'][0]['seq']} is in the books")
    if not driver.find_elements(By.CSS_SELECTOR, "#entry-postings tbody tr"):
        raise AssertionError("the entry's postings are not shown")
    return found


@case("journal line, proof and checkpoint pasted together, checked from the keyboard")
def entry_proof_pasted(driver, books):
    browser.open_page(driver, books.page())
    text = "\n".join(open(books.entry_files[name], encoding="utf-8").read() for name in ("line", "proof", "checkpoint"))
    browser.set_field(driver, "paste", text)
    driver.find_element(By.ID, "paste").send_keys(Keys.CONTROL, Keys.ENTER)
    return expect(browser.outcome(driver), "accepted", "is in the books")


@case("journal line with a flipped byte, with its proof and checkpoint")
def entry_flipped(driver, books):
    browser.open_page(driver, books.page())
    line = fixtures.flipped_byte(open(books.entry_files["line"], encoding="utf-8").read())
    browser.give_files(driver, books.write("entry-flipped.jsonl", line), books.entry_files["proof"], books.entry_files["checkpoint"])
    return expect(browser.outcome(driver), "rejected", "journal line: its leaf hash is not the proof's leaf_hash")


@case("journal line and proof without their checkpoint")
def entry_no_checkpoint(driver, books):
    browser.open_page(driver, books.page())
    browser.give_files(driver, books.entry_files["line"], books.entry_files["proof"])
    return expect(browser.outcome(driver), "rejected", "missing: the checkpoint")


# 8. Balance proofs (vtf prove balance) and C2SP tlog-proofs (vtf prove inclusion --format tlog-proof).
def grouped(text, language="en"):
    """A decimal string as the page shows it: 650,000.00 (en), 650 000,00 (fr)."""
    whole, _, fraction = text.lstrip("-").partition(".")
    group, point = ("\u202f", ",") if language == "fr" else (",", ".")
    digits = f"{int(whole):,}".replace(",", group)
    return ("-" if text.startswith("-") else "") + digits + (point + fraction if fraction else "")


def seal_of(proof):
    """(the seal entry's seq, its number of leaves, the checkpoint's size) of a balance proof."""
    entry = json.loads(proof["seal"]["entry"])
    return entry["seq"], entry["data"]["leaves"], int(proof["checkpoint"].split("\n")[1])


@case("genuine balance proof (cash in euros as of the year-end seal), chosen as a file")
def balance_genuine(driver, books):
    leaf = books.balance["balance"]["leaf"]
    seq, leaves, size = seal_of(books.balance)
    found = expect(statement_file(driver, books, books.balance_text, name="balance-1100-EUR.json"), "accepted",
                   f"The balance of {leaf['account']} in {leaf['currency']} as of {books.balance['as_of']} is {grouped(leaf['amount'])} {leaf['currency']}",
                   f"(value {grouped(leaf['value'])} USD)", f"in seal {seq} of {leaves} balances", f"the checkpoint of size {size}")
    cells = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#balance-leaves tbody td")]
    if leaf["account"] not in cells or grouped(leaf["amount"]) not in cells:
        raise AssertionError(f"the balance's leaf is not shown: {cells}")
    return found


@case("zero-balance proof (1999 as of the year-end seal), pasted")
def balance_zero(driver, books):
    seq, leaves, size = seal_of(books.zero)
    before, after = books.zero["zero"]["before"], books.zero["zero"]["after"]
    browser.open_page(driver, books.page())
    browser.paste(driver, books.zero_text)
    return expect(browser.outcome(driver), "accepted", f"The balance of 1999 in {books.zero['currency']} as of 2025-12-31 is zero: no leaf between",
                  f"leaf {before['index']} ({before['leaf']['account']}", f"leaf {after['index']} ({after['leaf']['account']}", f"in seal {seq} of {leaves} balances")


def rejected_proof(name, make, vkey=None):
    """Registers a case: `make(books)` gives a proof's text and what the reason must say; the
    text, chosen as a file (with the page's key made `vkey(books)` when given), is rejected."""
    def check(driver, books):
        text, fragments = make(books)
        return expect(statement_file(driver, books, text, name="proof.txt", vkey=vkey and vkey(books)), "rejected", *fragments)
    CASES.append((name, check))


rejected_proof("balance proof with its leaf's amount edited", lambda books: (
    fixtures.edited_leaf_amount(books.balance), [f"the balance's leaf (1100 EUR at 0) does not lead to the root of seal {seal_of(books.balance)[0]}"]))
rejected_proof("balance proof with a forged seal path (one hash changed)", lambda books: (
    fixtures.forged_seal_path(books.balance), ["the seal entry's inclusion proof does not lead to the checkpoint's root"]))
rejected_proof("zero-balance proof with neighbours that are not adjacent (assembled from two zero proofs)", lambda books: (
    books.non_adjacent_zero(), ["the leaves around 1999 USD are not adjacent"]))
rejected_proof("balance proof, the page's key replaced by another of the fund's name", lambda books: (
    books.balance_text, ["checkpoint: no valid signature by the fund's log key"]),
    vkey=lambda books: fixtures.other_log_vkey(books.balance["checkpoint"].split("\n")[0]))


@case("balance proof with the auditor's witness key given")
def balance_witness(driver, books):
    found = statement_file(driver, books, books.balance_text, name="balance-1100-EUR.json", witnesses=[books.witness_vkey])
    return expect(found, "accepted", "The balance of 1100 in EUR", "Audited: the witness keys you gave")


@case("C2SP tlog-proof of an entry, dropped on the page")
def tlog_genuine(driver, books):
    browser.open_page(driver, books.page())
    browser.drop_text(driver, books.tlog_text, f"entry-{books.tlog_seq}.tlog-proof")
    found = expect(browser.outcome(driver), "accepted", f"Entry {books.tlog_seq} is in the books")
    if not driver.find_elements(By.CSS_SELECTOR, "#entry-postings tbody tr"):
        raise AssertionError("the entry's postings are not shown")
    return found


rejected_proof("tlog-proof with the entry in its extra line edited", lambda books: (
    fixtures.tlog_edited_extra(books.tlog_text), ["the inclusion proof does not lead to the checkpoint's root: the entry is not the log's"]))
rejected_proof("malformed tlog-proof (index 01)", lambda books: (
    fixtures.tlog_index_line(books.tlog_text, "01"), ["tlog-proof: no index line (index N, in decimal without leading zeros)"]))
rejected_proof("tlog-proof of another index than its entry's", lambda books: (
    fixtures.tlog_index_line(books.tlog_text, str(books.tlog_seq + 1)), [f"the entry is seq {books.tlog_seq}, the proof is for index {books.tlog_seq + 1}"]))


# 9. Figures proven by sealed balances (the statement's proofs), checked as vtf's StatementProofCheck checks them.
PROVEN = ["fund_use.fund_balance", "fund_use.reserve", "fund_use.grants_committed", "fund_use.grants_paid", "fund_use.grants_spent",
          "fund_use.psc", "totals.outstanding.EUR"]
# The number of grants paid: read from the grants paid's proof, proven after them.
COUNTED = ["fund_use.grants_paid_count"]
UNPROVABLE = []


def table_rows(driver, table_id):
    """The text of each cell of each body row of a table."""
    return [[cell.get_attribute("textContent") for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
            for row in driver.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr")]


def row_of(rows, name):
    """The row whose first cell names the figure `name` (as "label (name)")."""
    found = [row for row in rows if row[0].endswith(f"({name})")]
    if len(found) != 1:
        raise AssertionError(f"{name}: {len(found)} rows name it: {rows}")
    return found[0]


def figure_index(books, name):
    return [figure["figure"] for figure in books.statement["proofs"]["figures"]].index(name)


def term(books, name, index):
    return fixtures.proven(books.statement, name)["terms"][index]


@case("genuine statement: its balances and flows proven by sealed balances, with the seals' dates; the others the fund's word, with why")
def proofs_genuine(driver, books):
    given = [figure["figure"] for figure in books.statement["proofs"]["figures"]]
    if given != PROVEN:
        raise AssertionError(f"the demo's statement proves {given}, not {PROVEN}")
    found = expect(statement_file(driver, books, books.statement_text), "accepted", "Proven by sealed balances: " + ", ".join(PROVEN + COUNTED) + ".")
    if not driver.find_element(By.ID, "proven").is_displayed():
        raise AssertionError("the table of figures proven by sealed balances is not shown")
    rows = table_rows(driver, "proven-figures")
    if len(rows) != len(PROVEN + COUNTED):
        raise AssertionError(f"{len(rows)} figures shown as proven, not {len(PROVEN + COUNTED)}: {rows}")
    count = row_of(rows, COUNTED[0])
    if count[1].strip() != str(books.statement["fund_use"]["grants_paid_count"]):
        raise AssertionError(f"the number of grants paid is shown as {count}")
    seals = {json.loads(seal["entry"])["seq"]: json.loads(seal["entry"])["data"]["as_of"] for seal in books.statement["proofs"]["seals"]}
    for proof in books.statement["proofs"]["figures"]:
        row = row_of(rows, proof["figure"])
        dates = [f"as of {seals[item['seal']]} (seal {item['seal']})" for item in proof["terms"]]
        if row[1] != f"{grouped(proof['amount'])} {proof['currency']}" or any(date not in row[2] for date in dates):
            raise AssertionError(f"{proof['figure']}: shown as {row}, not {grouped(proof['amount'])} {proof['currency']} by {dates}")
    word = table_rows(driver, "unproven-figures")
    for item in books.statement["proofs"]["not_proven"]:
        if row_of(word, item["figure"])[2] != item["why"]:
            raise AssertionError(f"{item['figure']}: the statement's reason is not shown: {row_of(word, item['figure'])}")
    if any(row[0].endswith(f"({name})") for row in word for name in PROVEN + COUNTED):
        raise AssertionError(f"a proven figure is still among the fund's word: {word}")
    return found


@case("statement without proofs (made before vtf proved figures), re-signed: accepted, every figure the fund's word")
def proofs_absent(driver, books):
    found = expect(statement_file(driver, books, books.tampered(fixtures.removed_proofs)), "accepted", "Proven by sealed balances: none.")
    if driver.find_element(By.ID, "proven").is_displayed():
        raise AssertionError("figures are shown as proven by a statement without proofs")
    word = table_rows(driver, "unproven-figures")
    for name in PROVEN + COUNTED + UNPROVABLE:
        if "the statement carries no proofs" not in row_of(word, name)[2]:
            raise AssertionError(f"{name}: not shown as not proven for want of proofs: {row_of(word, name)}")
    return found


def rejected_statement(name, change, fragments):
    """Registers a case: Belgium's statement after `change`, re-signed with the fund's log key, is
    rejected with every fragment of `fragments(books)` in the reason."""
    def check(driver, books):
        return rejected_after(driver, books, change, *fragments(books))
    CASES.append((name, check))


def fund(books, text):
    return f"{grouped(text)} {books.statement['fund']['currency']}"


def day_before(text):
    return (datetime.date.fromisoformat(text) - datetime.timedelta(days=1)).isoformat()


rejected_statement("fund_use.psc changed (its proof left alone), re-signed", fixtures.changed_psc, lambda books: [
    f"fund_use.psc: the statement says {fund(books, fixtures.raised_cent(books.statement['fund_use']['psc']))}; "
    f"its sealed balances give {fund(books, books.statement['fund_use']['psc'])}"])
rejected_statement("fund_use.psc and its proof's amount changed, re-signed", fixtures.changed_psc_and_proof, lambda books: [
    f"proofs.figures[{figure_index(books, 'fund_use.psc')}]: fund_use.psc is {fund(books, books.statement['fund_use']['psc'])} by its sealed balances, "
    f"not {fund(books, fixtures.raised_cent(books.statement['fund_use']['psc']))}"])


def edited_leaf_reason(books):
    seq = term(books, "fund_use.reserve", 0)["seal"]
    proven = term(books, "fund_use.reserve", 0)["balances"]["leaves"][1]
    return [f"the balances of 3300 in seal {seq}, leaf ({proven['leaf']['account']} {proven['leaf']['currency']} at {proven['index']}) "
            f"does not lead to the root of seal {seq}"]


def dropped_leaf_reason(books):
    proof = term(books, "fund_use.fund_balance", 0)
    leaves = proof["balances"]["leaves"]
    first, middle = leaves[0]["index"], len(leaves) // 2
    return [f"the balances of {proof['balances']['account']} in seal {proof['seal']}: the leaves are not adjacent "
            f"({first + middle + 1} follows {first + middle - 1})"]


def cut_run_reason(books):
    proof = term(books, "fund_use.fund_balance", 3)
    return [f"the balances of {proof['balances']['account']} in seal {proof['seal']}: the run ends at {proof['balances']['leaves'][-2]['leaf']['account']}, "
            "inside the account's range: a leaf after it may be left out"]


rejected_statement("a leaf's value edited in the reserve's run, re-signed", fixtures.edited_run_leaf, edited_leaf_reason)
rejected_statement("a leaf dropped from the middle of a run, re-signed", fixtures.dropped_run_leaf, dropped_leaf_reason)
rejected_statement("a run cut short at its end, re-signed", fixtures.cut_run, cut_run_reason)
rejected_statement("PSC's opening term pointing at the closing seal, re-signed", fixtures.other_seal, lambda books: [
    f"proofs.figures[{figure_index(books, 'fund_use.psc')}].terms[1]: fund_use.psc is less the balances of 5200 as of "
    f"{day_before(books.statement['from'])}; the term is not that"])
rejected_statement("fund_use.psc silently dropped from the proofs, re-signed", fixtures.silent_figure, lambda books: [
    "fund_use.psc: the statement neither proves this figure nor says why it cannot (proofs.figures, proofs.not_proven)"])
rejected_statement("PSC's proof passed off as grants paid's, re-signed", fixtures.claimed_figure, lambda books: [
    f"proofs.figures[{len(PROVEN)}]: fund_use.grants_paid_count is not a figure that sealed balances prove"])
rejected_statement("a figure proven twice, re-signed", fixtures.proven_twice, lambda books: [
    f"proofs.figures[{len(PROVEN)}]: fund_use.psc is proven twice"])
rejected_statement("a figure the statement does not have listed as not proven, re-signed", fixtures.unknown_not_proven, lambda books: [
    f"proofs.not_proven[{len(UNPROVABLE)}]: fund_use.grants_promised is not a figure of the statement, or is also proven"])
rejected_statement("a seal's inclusion path flipped, re-signed", fixtures.flipped_seal_path, lambda books: [
    "proofs.seals[0]: the seal entry's inclusion proof does not lead to the checkpoint's root: the entry is not the log's"])
rejected_statement("totals.outstanding changed, re-signed", fixtures.changed_outstanding, lambda books: [
    "totals.outstanding is not, currency by currency, the sum of the agreements' outstanding amounts"])
rejected_statement("one grant paid more than the books say, re-signed", fixtures.raised_count, lambda books: [
    f"fund_use.grants_paid_count: the statement says {books.statement['fund_use']['grants_paid_count'] + 1}; "
    f"the sealed balances of the grants paid show {books.statement['fund_use']['grants_paid_count']} grants paid something"])


# 10. Bad input.
@case("malformed JSON (a statement cut short)")
def malformed(driver, books):
    text = books.statement_text[: len(books.statement_text) // 2]
    return expect(statement_file(driver, books, text), "rejected", "input: not JSON")


@case("a file over 5 MB")
def too_large(driver, books):
    path = os.path.join(books.work, "large.json")
    with open(path, "w", encoding="utf-8") as file:
        file.write('{"format":"vtf-donor-statement/1","padding":"' + "x" * (6 * 1024 * 1024) + '"}')
    browser.open_page(driver, books.page())
    browser.give_files(driver, path)
    return expect(browser.outcome(driver), "rejected", "5 MB at most")


@case("receipts of the wrong type, re-signed")
def wrong_types(driver, books):
    return rejected_after(driver, books, lambda statement: statement.update(receipts="all of them"),
                          "statement: receipts is missing or is not a list")


@case("a receipt without its entry, re-signed")
def missing_member(driver, books):
    return rejected_after(driver, books, lambda statement: statement["receipts"][0].pop("entry"),
                          receipt_where(books) + ": entry is missing or is not a string")


@case("a receipt without its rate, re-signed")
def missing_figure(driver, books):
    return rejected_after(driver, books, lambda statement: statement["receipts"][0].pop("rate"), receipt_where(books) + ": its rate is missing")


@case("JSON that is not a statement")
def not_statement(driver, books):
    found = statement_file(driver, books, '{"format":"vtf-annual-report/1"}\n')
    expect(found, "rejected", "statement: not a vtf-donor-statement/1")
    found = statement_file(driver, books, "[1, 2, 3]\n")
    return expect(found, "rejected", "input: neither a donor statement")


@case("assorted broken input, pasted one after the other")
def assorted(driver, books):
    signature = '"signature":"' + "A" * 86 + '=="'
    note = books.statement["checkpoint"]["note"]
    inputs = [
        "{", "null", '"text"', "[" * 100000 + "]" * 100000, '{"leaf_index":1}', note, note + "\n" + note,
        '{"format":"vtf-donor-statement/1"}', '{"format":"vtf-donor-statement/1",' + signature + "}",
        '{"sig":"x","seq":1}\n{"leaf_index":"one","tree_size":2,"leaf_hash":"","path":[]}\n' + note,
        "{}{}{}{}", "\u0000",
        '{"format":"vtf-balance-proof/1"}', '{"format":"vtf-balance-proof/1","balance":{},"zero":{}}', books.balance_text + "\n" + note,
        books.balance_text.replace('"index":0', '"index":-1'), books.zero_text.replace('"zero":{', '"zero":{"between":1,'),
        "c2sp.org/tlog-proof@v1\n", "c2sp.org/tlog-proof@v1\nindex 1\n\nnot a note", books.tlog_text.replace("\nindex ", "\nextra !!\nindex "),
        "c2sp.org/tlog-proof@v1\nindex 3\nAAAA\n\n" + note, books.tlog_text + "\n" + books.tlog_text,
    ]
    for text in inputs:
        browser.open_page(driver, books.page())
        browser.paste(driver, text)
        state, reason, _ = browser.outcome(driver)
        if state != "rejected" or not reason:
            raise AssertionError(f"{text[:40]!r}: {state} {reason}")
    return "rejected", f"all {len(inputs)} rejected with a reason, e.g. the last: {reason}"


@case("nothing given")
def nothing(driver, books):
    browser.open_page(driver, books.page())
    driver.find_element(By.ID, "check").click()
    return expect(browser.outcome(driver), "rejected", "nothing to check")


# RFC 8785, as the page serialises what it verifies.
@case("the page's RFC 8785 serialiser (RFC 8785 examples, and the statement's own bytes)")
def rfc8785(driver, books):
    browser.open_page(driver, books.page())
    canonical = lambda text: driver.execute_script("return window.vtfVerify.canonical(JSON.parse(arguments[0]))", text)
    vectors = [
        ('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],'
         ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
         '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
         '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'),
        ('{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",'
         ' "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
         '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",'
         '"\u20ac":"Euro Sign","\U0001F600":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'),
    ]
    for given, wanted in vectors:
        got = canonical(given)
        if got != wanted:
            raise AssertionError(f"RFC 8785: {given} gave {got}, not {wanted}")
    unsigned = {name: value for name, value in books.statement.items() if name != "signature"}
    if canonical(books.statement_text) != fixtures.canonical(books.statement) or canonical(json.dumps(unsigned)) != fixtures.canonical(unsigned):
        raise AssertionError("the page's canonical form of the statement is not vtf's")
    return "accepted", f"{len(vectors)} RFC 8785 examples and the statement serialised as vtf does"


# The French page.
@case("French page: genuine statement")
def french_genuine(driver, books):
    found = statement_file(driver, books, books.statement_text, language="fr")
    if "ACCEPTÉ" not in driver.find_element(By.ID, "result").text:
        raise AssertionError("the French page does not say ACCEPTÉ")
    return expect(found, "accepted", "Signé par le fonds", "encaissements")


@case("French page: changed amount, re-signed")
def french_amount(driver, books):
    return rejected_after(driver, books, fixtures.changed_amount, "encaissement 1", "le montant indiqué", language="fr")


@case("French page: changed amount, not re-signed")
def french_signature(driver, books):
    return rejected_after(driver, books, fixtures.changed_amount, "signature\u00a0: ne se vérifie pas avec la clé du fonds",
                          resign=False, language="fr")


@case("French page: malformed JSON")
def french_malformed(driver, books):
    found = statement_file(driver, books, "{ pas du json", language="fr")
    return expect(found, "rejected", "pas du JSON")


@case("French page: genuine balance proof")
def french_balance(driver, books):
    leaf = books.balance["balance"]["leaf"]
    found = statement_file(driver, books, books.balance_text, name="balance-1100-EUR.json", language="fr")
    return expect(found, "accepted", f"Le solde de 1100 en EUR au 2025-12-31 est de {grouped(leaf['amount'], 'fr')} EUR")


@case("French page: genuine statement, its figures proven by sealed balances")
def french_proofs(driver, books):
    found = statement_file(driver, books, books.statement_text, language="fr")
    return expect(found, "accepted", "Prouvé par des soldes scellés\u00a0: " + ", ".join(PROVEN + COUNTED) + ".")


@case("French page: a leaf's value edited in a run, re-signed")
def french_leaf(driver, books):
    seq = term(books, "fund_use.reserve", 0)["seal"]
    return rejected_after(driver, books, fixtures.edited_run_leaf, f"les soldes de 3300 dans le sceau {seq}, feuille", f"ne mène pas à la racine du sceau {seq}",
                          language="fr")


def main():
    parser = argparse.ArgumentParser(description="The verification page's tests in headless Chromium.")
    parser.add_argument("--vtf", required=True)
    parser.add_argument("--work", required=True, help="a folder for the demo, the sites and the files given to the page")
    arguments = parser.parse_args()
    started = time.monotonic()
    books = fixtures.Books(os.path.abspath(arguments.vtf), os.path.abspath(arguments.work))
    print(f"check-browser: demo ledger, statement and sites ready in {time.monotonic() - started:.0f} s", file=sys.stderr)
    driver = browser.start()
    failures = []
    try:
        for name, function in CASES:
            try:
                state, reason = function(driver, books)
                errors = browser.console_errors(driver)
                if errors:
                    raise AssertionError(f"the browser's console has errors: {errors}")
                print(f"{state}: {name}: {reason}", flush=True)
            except Exception as error:  # every case runs; each failure is named
                failures.append(name)
                print(f"FAILED: {name}: {type(error).__name__}: {error}", flush=True)
    finally:
        driver.quit()
    print(f"check-browser: {len(CASES) - len(failures)} of {len(CASES)} cases passed in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
