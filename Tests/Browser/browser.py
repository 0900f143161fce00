"""Headless Chromium through selenium, as the tests and Scripts/screenshots drive it: Debian's
chromium and chromium-driver given by path (nothing is downloaded: selenium's driver manager
would fetch one from the internet), no sandbox when run as root, the browser's console kept."""
import contextlib
import functools
import http.server
import os
import shutil
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

FINAL_STATES = ("accepted", "rejected")


def program(variable, *names):
    """The path in $variable, or the first of `names` on PATH or in /usr/bin."""
    given = os.environ.get(variable)
    if given:
        return given
    for name in names:
        found = shutil.which(name) or (os.path.exists(f"/usr/bin/{name}") and f"/usr/bin/{name}")
        if found:
            return found
    raise RuntimeError(f"none of {', '.join(names)} is installed (apt-get install chromium chromium-driver), or set {variable}")


def start(width=1280, height=900):
    """A headless Chromium with its browser log kept (goog:loggingPrefs)."""
    options = webdriver.ChromeOptions()
    options.binary_location = program("VTF_CHROMIUM", "chromium", "chromium-browser")
    for argument in ("--headless=new", "--disable-gpu", "--no-first-run", "--disable-extensions", f"--window-size={width},{height}",
                     "--allow-file-access-from-files"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(program("VTF_CHROMEDRIVER", "chromedriver", "chromium-driver"))
    return webdriver.Chrome(service=service, options=options)


def url(path):
    return "file://" + os.path.abspath(path)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@contextlib.contextmanager
def served(folder):
    """`folder` served over HTTP on loopback (a secure context, as https would be) while in the
    block; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def open_page(driver, path):
    """Loads the verification page from disk and waits for its script to be ready."""
    driver.get(url(path))
    wait_ready(driver)


def wait_ready(driver):
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "verify-page").get_attribute("data-ready") == "yes")


def outcome(driver, timeout=30):
    """Waits for the verdict: (state, reason shown, checks listed)."""
    result = driver.find_element(By.ID, "result")
    WebDriverWait(driver, timeout).until(lambda d: result.get_attribute("data-state") in FINAL_STATES)
    checks = [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#checks li")]
    # textContent, not .text: WebDriver's text turns the no-break spaces of French into spaces.
    return result.get_attribute("data-state"), driver.find_element(By.ID, "reason").get_attribute("textContent"), checks


def give_files(driver, *paths):
    """Chooses `paths` with the page's file input, as a donor would."""
    driver.find_element(By.ID, "file").send_keys("\n".join(os.path.abspath(path) for path in paths))


def drop_text(driver, text, name):
    """Drops a file holding `text` on the page's drop zone, as a drag from the desktop would
    (a DataTransfer made in the page: WebDriver cannot drag files from outside the browser)."""
    driver.execute_script(
        "const data = new DataTransfer();"
        " data.items.add(new File([arguments[0]], arguments[1], { type: 'application/json' }));"
        " document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));",
        text, name)


def paste(driver, text):
    """Puts `text` into the paste area (as a paste would) and presses Check."""
    driver.execute_script(
        "const area = document.getElementById('paste'); area.value = arguments[0];"
        " area.dispatchEvent(new Event('input', { bubbles: true }));", text)
    driver.find_element(By.ID, "check").click()


def set_field(driver, element_id, text):
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", element_id, text)


def console_errors(driver):
    """The browser console's errors since the last call (warnings and logs left out)."""
    try:
        entries = driver.get_log("browser")
    except Exception:  # a driver without the log endpoint: nothing to read
        return []
    return [entry["message"] for entry in entries if entry.get("level") == "SEVERE"]


def full_page_png(driver, path, width=1280):
    """A PNG of the whole page at `width` CSS pixels: the viewport made as tall as the page."""
    height = driver.execute_script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    metrics = {"width": width, "height": max(600, min(int(height), 16000)), "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        driver.save_screenshot(path)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
