"""PNGs of a published site for reviewers (Scripts/screenshots): every .html page of the site,
full page at 1280 CSS pixels wide, and, given a statement, verify.html after checking it as it
is (ACCEPTED when it is the fund's) and after checking it with its first receipt's amount
changed: REJECTED because the signature no longer holds or, given the fund's log key to sign
the change again, because the amount is not its entry's; given a balance proof (vtf prove
balance), verify.html after checking it (verify-balance.png).

    python3 Tests/Browser/screenshots.py SITE OUTDIR [--statement FILE [--log-key PEM]] [--balance-proof FILE]
"""
import argparse
import json
import os
import sys
import tempfile

from cryptography.hazmat.primitives import serialization

import browser
import fixtures


def page_name(site, path):
    """fr/index.html -> fr-index.png"""
    return os.path.relpath(path, site).replace(os.sep, "-").removesuffix(".html") + ".png"


def pages(site):
    for folder, _, names in sorted(os.walk(site)):
        for name in sorted(names):
            if name.endswith(".html"):
                yield os.path.join(folder, name)


def tampered(text, log_key):
    """The statement with its first receipt's amount changed, signed again by `log_key` (a PEM
    file) when given, else with its old signature."""
    statement = json.loads(text)
    fixtures.changed_amount(statement)
    if log_key is None:
        return fixtures.canonical(statement) + "\n"
    with open(log_key, "rb") as pem:
        return fixtures.sign(statement, serialization.load_pem_private_key(pem.read(), password=None))


def checked(driver, verify, statement_text, out, folder, name="statement.json"):
    """verify.html after checking `statement_text` (given as a file `name`), saved to `out`; the verdict."""
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as file:
        file.write(statement_text)
    browser.open_page(driver, verify)
    browser.give_files(driver, path)
    state, reason, _ = browser.outcome(driver)
    browser.full_page_png(driver, out)
    return f"{state}: {reason}"


def main():
    parser = argparse.ArgumentParser(description="PNGs of every page of a published site.")
    parser.add_argument("site")
    parser.add_argument("out")
    parser.add_argument("--statement", help="a statement of the site's fund (vtf statement --format json)")
    parser.add_argument("--log-key", help="the fund's log key (PEM), to sign the tampered statement again")
    parser.add_argument("--balance-proof", help="a balance proof of the site's fund (vtf prove balance)")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    driver = browser.start()
    try:
        for path in pages(arguments.site):
            driver.get(browser.url(path))
            target = os.path.join(arguments.out, page_name(arguments.site, path))
            browser.full_page_png(driver, target)
            print(target)
        verify = os.path.join(arguments.site, "verify.html")
        if arguments.statement and os.path.exists(verify):
            text = open(arguments.statement, encoding="utf-8").read()
            with tempfile.TemporaryDirectory() as folder:
                for name, given in (("verify-genuine.png", text), ("verify-tampered.png", tampered(text, arguments.log_key))):
                    target = os.path.join(arguments.out, name)
                    print(f"{target} ({checked(driver, verify, given, target, folder)})")
        elif not arguments.statement:
            print("screenshots: give --statement FILE for verify.html after a check", file=sys.stderr)
        if arguments.balance_proof and os.path.exists(verify):
            text = open(arguments.balance_proof, encoding="utf-8").read()
            with tempfile.TemporaryDirectory() as folder:
                target = os.path.join(arguments.out, "verify-balance.png")
                print(f"{target} ({checked(driver, verify, text, target, folder, 'balance-proof.json')})")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
