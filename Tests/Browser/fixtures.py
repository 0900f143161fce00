"""What the browser tests check: a demo ledger (`vtf demo`), Belgium's signed statement for 2025,
the published site in English and French, one receipt's journal line with its inclusion proof
and checkpoint, balance proofs (`vtf prove balance`) of cash in euros and of a zero balance, a
C2SP tlog-proof (`vtf prove inclusion --format tlog-proof`), and statements and proofs tampered
with in the ways a donor must be protected from.

Tampered statements are re-signed, where a case says so, with the fund's real log key (the demo's
log.pem) after the change, as a fund whose signer had a bug would sign them: the page must then
catch the change by itself, from the entries and proofs, not from the signature."""
import base64
import copy
import hashlib
import json
import os
import re
import subprocess
from decimal import Decimal

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

CONTEXT = b"vtf-donor-statement/1\n"
WITNESS_NAME = "example.org/board-of-auditors"


def canonical(value):
    """RFC 8785 text of the JSON values a statement holds (no floats): members sorted by their
    UTF-16 code units, strings escaped as ECMAScript's JSON.stringify does (Python's json.dumps
    with ensure_ascii off writes the same escapes for control characters, quote and backslash)."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        names = sorted(value, key=lambda name: name.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(name, ensure_ascii=False) + ":" + canonical(value[name]) for name in names) + "}"
    raise TypeError(f"no {type(value).__name__} in a statement")


def sign(statement, key):
    """The statement signed by `key` as vtf signs it, as its one-line canonical text."""
    unsigned = {name: value for name, value in statement.items() if name != "signature"}
    signature = key.sign(CONTEXT + canonical(unsigned).encode("utf-8"))
    return canonical(dict(unsigned, signature=base64.b64encode(signature).decode("ascii"))) + "\n"


def verifier_key(name, public_key, key_type):
    """A C2SP verifier key name+keyid+base64(type || key) for an Ed25519 public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key_id = hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([key_type]) + raw).hexdigest()[:8]
    return f"{name}+{key_id}+{base64.b64encode(bytes([key_type]) + raw).decode('ascii')}"


def read_pem_public_key(path):
    """The SPKI PEM block of a vtf .pub file (which may have text around it)."""
    text = open(path, encoding="utf-8").read()
    block = re.search(r"-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----", text, re.S)
    if block is None:
        raise ValueError(f"{path}: no public key in it")
    return serialization.load_pem_public_key(block.group(0).encode("ascii"))


class Books:
    """The demo's ledger, its published sites, the genuine statement and what the cases need."""

    def __init__(self, vtf, work):
        self.vtf, self.work = vtf, work
        self.demo = os.path.join(work, "demo")
        self.ledger = os.path.join(self.demo, "unvtf.ledger")
        self.run("demo", "--dir", self.demo)
        self.statement_path = self.make_statement("BEL")
        self.statement_text = open(self.statement_path, encoding="utf-8").read()
        self.statement = json.loads(self.statement_text)
        # The United Kingdom was refunded part of its contribution: its statement lists a refund.
        self.refund_statement_text = open(self.make_statement("GBR"), encoding="utf-8").read()
        self.sites = {}
        for language in ("en", "fr"):
            self.sites[language] = os.path.join(work, "site-" + language)
            self.run("publish", "--ledger", self.ledger, "--out", self.sites[language], "--lang", language)
        with open(os.path.join(self.demo, "log.pem"), "rb") as pem:
            self.log_key = serialization.load_pem_private_key(pem.read(), password=None)
        self.witness_vkey = verifier_key(WITNESS_NAME, read_pem_public_key(os.path.join(self.demo, "auditor.pem.pub")), 4)
        self.entry_files = self.receipt_proof_files()
        # The demo proves cash in euros as of its year-end seal; 1999 has no balance then.
        self.balance_path = os.path.join(self.demo, "balance-1100-EUR.json")
        self.balance_text = open(self.balance_path, encoding="utf-8").read()
        self.balance = json.loads(self.balance_text)
        self.zero_text = self.prove_balance("1999")
        self.zero = json.loads(self.zero_text)
        self.tlog_seq = 71
        self.tlog_text = self.run("prove", "inclusion", str(self.tlog_seq), "--format", "tlog-proof", "--ledger", self.ledger)

    def prove_balance(self, account, *options):
        """vtf prove balance ACCOUNT as of the demo's year-end seal (2025-12-31)."""
        return self.run("prove", "balance", account, *options, "--as-of", "2025-12-31", "--ledger", self.ledger)

    def non_adjacent_zero(self):
        """The zero proof of 1999 with its `after` leaf replaced by the one after that (the
        neighbours of the key just after it), as BalanceProofCommandTests.zeroBalances forges
        one: both leaves are in the seal, in order, but one lies between them."""
        after = self.zero["zero"]["after"]["leaf"]
        following = json.loads(self.prove_balance(after["account"], "--currency", "ZMW"))
        forged = copy.deepcopy(self.zero)
        forged["zero"]["after"] = following["zero"]["after"]
        return json.dumps(forged)

    def make_statement(self, donor):
        """The donor's signed statement for 2025 (vtf statement --format json), signed by the log key."""
        path = os.path.join(self.work, f"{donor}-2025.json")
        self.run("statement", "--ledger", self.ledger, "--donor", donor, "--from", "2025-01-01", "--to", "2025-12-31",
                 "--format", "json", "--out", path, environment={"VTF_LOG_KEY": os.path.join(self.demo, "log.pem")})
        return path

    def run(self, *arguments, environment=None):
        result = subprocess.run([self.vtf, *arguments], capture_output=True, text=True, env=dict(os.environ, **(environment or {})))
        if result.returncode != 0:
            raise RuntimeError(f"vtf {' '.join(arguments[:2])} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
        return result.stdout

    def page(self, language="en"):
        return os.path.join(self.sites[language], "verify.html")

    def write(self, name, text):
        path = os.path.join(self.work, name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        return path

    def receipt_proof_files(self):
        """The first receipt's journal line (vtf journal export), its inclusion proof (vtf prove
        inclusion) and the checkpoint of the proof's size (vtf checkpoint show), as three files."""
        seq = self.statement["receipts"][0]["seq"]
        journal = os.path.join(self.work, "journal.jsonl")
        self.run("journal", "export", "--ledger", self.ledger, "--out", journal)
        with open(journal, encoding="utf-8") as lines:
            line = next(text for text in lines if json.loads(text)["seq"] == seq)
        proof = self.run("prove", "inclusion", str(seq), "--ledger", self.ledger)
        size = json.loads(proof)["tree_size"]
        note = self.run("checkpoint", "show", "--ledger", self.ledger, "--size", str(size))
        return {"line": self.write(f"entry-{seq}.jsonl", line), "proof": self.write(f"proof-{seq}.json", proof),
                "checkpoint": self.write(f"checkpoint-{size}.txt", note)}

    def tampered(self, change, resign=True, key=None, statement=None):
        """The genuine statement (Belgium's unless `statement` is given) after `change(statement)`,
        signed again (by the fund's log key unless `key` is given) or, with resign False, with its
        old signature kept."""
        statement = copy.deepcopy(statement or self.statement)
        change(statement)
        if resign:
            return sign(statement, key or self.log_key)
        return canonical(statement) + "\n"


def changed_amount(statement):
    """The first receipt's amount raised by one unit of its last digit (its value left alone)."""
    receipt = statement["receipts"][0]
    whole, _, fraction = receipt["amount"].partition(".")
    units = int(whole + fraction) + 1
    text = str(units).rjust(len(fraction) + 1, "0")
    receipt["amount"] = text[: len(text) - len(fraction)] + ("." + text[-len(fraction):] if fraction else "")


def second_receipts(name):
    """A change: the first receipt's member `name` made the second receipt's."""
    def change(statement):
        statement["receipts"][0][name] = statement["receipts"][1][name]
    return change


def removed_receipt(statement):
    """The last receipt left out; the totals as they were."""
    statement["receipts"].pop()


def removed_receipt_totals_adjusted(statement):
    """The last receipt left out, and totals.received_value made the sum of those left."""
    removed = statement["receipts"].pop()
    scale = len(removed["value"].partition(".")[2])
    units = lambda text: int(text.replace(".", ""))
    left = units(statement["totals"]["received_value"]) - units(removed["value"])
    text = str(left).rjust(scale + 1, "0")
    statement["totals"]["received_value"] = text[: len(text) - scale] + ("." + text[-scale:] if scale else "")


def with_item(section, total, extra):
    """A change: `extra` (a receipt or refund item) listed after the others in `section`, the
    totals member `total` made their sum (in exact integers, as removed_receipt_totals_adjusted
    does)."""
    def change(statement):
        statement[section].append(copy.deepcopy(extra))
        scale = len(extra["value"].partition(".")[2])
        amount = sum(int(item["value"].replace(".", "")) for item in statement[section])
        text = str(amount).rjust(scale + 1, "0")
        statement["totals"][total] = text[: len(text) - scale] + ("." + text[-scale:] if scale else "")
    return change


def with_receipt(extra):
    """`extra`, a receipt, listed after the others, totals.received_value their sum."""
    return with_item("receipts", "received_value", extra)


def with_refund(extra):
    """`extra`, a refund of another statement, listed as a refund, totals.refunded_value their sum."""
    return with_item("refunds", "refunded_value", extra)


def period_after_first_receipt(statement):
    """The period made to start the day after the first receipt, which stays listed."""
    day = statement["receipts"][0]["date"]
    statement["from"] = day[:8] + "%02d" % (int(day[8:]) + 1)


def forged_proof(statement):
    """One hash of the first receipt's inclusion proof changed (its first hex digit)."""
    proof = statement["receipts"][0]["proof"]
    proof[0] = ("0" if proof[0][0] != "0" else "1") + proof[0][1:]


def flipped_byte(line):
    """The journal line with one digit of its first posting's amount changed: still JSON, another entry."""
    match = re.search(r'"amount":"-?[0-9]', line)
    at = match.end() - 1
    return line[:at] + ("1" if line[at] != "1" else "2") + line[at + 1:]


def edited_leaf_amount(proof):
    """A balance proof with one digit of its leaf's amount changed: still well formed, another balance."""
    changed = copy.deepcopy(proof)
    amount = changed["balance"]["leaf"]["amount"]
    changed["balance"]["leaf"]["amount"] = ("1" if amount[0] != "1" else "2") + amount[1:]
    return json.dumps(changed)


def forged_seal_path(proof):
    """A balance proof with one hash of the seal entry's inclusion proof changed (its first hex digit)."""
    changed = copy.deepcopy(proof)
    path = changed["seal"]["path"]
    path[0] = ("0" if path[0][0] != "0" else "1") + path[0][1:]
    return json.dumps(changed)


def tlog_edited_extra(text):
    """The tlog-proof with a digit of its entry's first amount changed in the extra line."""
    lines = text.split("\n")
    at = next(index for index, line in enumerate(lines) if line.startswith("extra "))
    entry = base64.b64decode(lines[at][len("extra "):]).decode("utf-8")
    lines[at] = "extra " + base64.b64encode(flipped_byte(entry).encode("utf-8")).decode("ascii")
    return "\n".join(lines)


def tlog_index_line(text, index_text):
    """The tlog-proof with its index line made `index INDEX_TEXT`."""
    return re.sub(r"^index [0-9]+$", "index " + index_text, text, count=1, flags=re.M)


# A statement's proofs (its figures proven by sealed balances), changed as
# Tests/VTFCommandsTests/StatementProofCommandTests.swift changes them; each is re-signed.
def raised_cent(text):
    """A decimal string one hundredth more."""
    return str(Decimal(text) + Decimal("0.01"))


def proven(statement, name):
    """The proof of the figure `name` (proofs.figures[i])."""
    return next(figure for figure in statement["proofs"]["figures"] if figure["figure"] == name)


def changed_psc(statement):
    """fund_use.psc raised by a cent, its proof left alone."""
    statement["fund_use"]["psc"] = raised_cent(statement["fund_use"]["psc"])


def changed_psc_and_proof(statement):
    """fund_use.psc raised by a cent, and its proof's amount with it."""
    changed_psc(statement)
    proven(statement, "fund_use.psc")["amount"] = statement["fund_use"]["psc"]


def edited_run_leaf(statement):
    """The value of the second leaf of the reserve's run raised by a cent."""
    leaf = proven(statement, "fund_use.reserve")["terms"][0]["balances"]["leaves"][1]["leaf"]
    leaf["value"] = raised_cent(leaf["value"])


def dropped_run_leaf(statement):
    """The middle leaf of the fund balance's run of 1100 left out."""
    leaves = proven(statement, "fund_use.fund_balance")["terms"][0]["balances"]["leaves"]
    del leaves[len(leaves) // 2]


def cut_run(statement):
    """The last leaf of the fund balance's run of 1200 left out: the run ends inside the account's range."""
    proven(statement, "fund_use.fund_balance")["terms"][3]["balances"]["leaves"].pop()


def other_seal(statement):
    """PSC's opening term made to read the closing seal."""
    terms = proven(statement, "fund_use.psc")["terms"]
    terms[1]["seal"] = terms[0]["seal"]


def silent_figure(statement):
    """fund_use.psc neither proven nor listed as not proven."""
    statement["proofs"]["figures"] = [figure for figure in statement["proofs"]["figures"] if figure["figure"] != "fund_use.psc"]


def claimed_figure(statement):
    """PSC's proof passed off as the proof of grants paid, which no seal proves."""
    proofs = statement["proofs"]
    proofs["not_proven"] = [item for item in proofs["not_proven"] if item["figure"] != "fund_use.grants_paid_count"]
    proofs["figures"].append(dict(proven(statement, "fund_use.psc"), figure="fund_use.grants_paid_count"))


def proven_twice(statement):
    """PSC's proof given twice."""
    statement["proofs"]["figures"].append(copy.deepcopy(proven(statement, "fund_use.psc")))


def unknown_not_proven(statement):
    """A figure the statement does not have listed as not proven."""
    statement["proofs"]["not_proven"].append({"figure": "fund_use.grants_promised", "why": "no such figure"})


def flipped_seal_path(statement):
    """One hash of the first seal's inclusion path changed (its first hex digit)."""
    path = statement["proofs"]["seals"][0]["path"]
    path[0] = ("1" if path[0][0] == "0" else "0") + path[0][1:]


def changed_outstanding(statement):
    """The first outstanding total raised by a cent (the agreements' left alone)."""
    owed = statement["totals"]["outstanding"][0]
    owed["amount"] = raised_cent(owed["amount"])


def raised_count(statement):
    """One more grant paid than the books say (the proofs left alone)."""
    statement["fund_use"]["grants_paid_count"] += 1


def removed_proofs(statement):
    """The statement as vtf made it before it proved figures: no proofs."""
    statement.pop("proofs")


def other_key():
    return Ed25519PrivateKey.generate()


def other_log_vkey(name):
    """A log key of the fund's own name but another key: the checkpoint is not signed by it."""
    return verifier_key(name, Ed25519PrivateKey.generate().public_key(), 1)


def other_fund_vkey():
    return verifier_key("other.example/fund", Ed25519PrivateKey.generate().public_key(), 1)


def other_witness_vkey():
    return verifier_key(WITNESS_NAME, Ed25519PrivateKey.generate().public_key(), 4)

