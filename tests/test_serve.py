"""`plangen serve` end to end in a real headless browser (Debian's chromium + selenium).

Skipped, saying why, when chromium, chromedriver or the serve/test extras are absent:
`BENCH=1 bash scripts/setup.sh` installs them (CI does).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import FIXTURES, plangen_exe

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
try:
    import selenium  # noqa: F401
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
    import watchfiles  # noqa: F401

    EXTRAS = True
except ImportError:
    EXTRAS = False

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER and EXTRAS),
    reason="needs Debian's chromium and chromium-driver and the serve/test extras: "
    "run BENCH=1 bash scripts/setup.sh",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float = 20.0, step: float = 0.02):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s")


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture()
def server(tmp_path):
    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", plan)
    port = free_port()
    proc = subprocess.Popen(
        [plangen_exe(), "serve", str(plan), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PLANGEN_LANG": "en"},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: ready(url) or proc.poll() is not None)
        assert proc.poll() is None, proc.communicate()
        yield plan, url, proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.fixture()
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def body_text(driver) -> str:
    """The page's text; empty while a reload is under way."""
    from selenium.common.exceptions import WebDriverException

    try:
        return driver.execute_script("return document.body ? document.body.innerText : ''") or ""
    except WebDriverException:
        return ""


def test_preview_follows_every_save(server, browser):
    plan, url, proc = server
    browser.get(url)
    assert "主要任务" in body_text(browser)
    browser.execute_script("window.plangenMarker = 1")

    # An edit appears by itself: the page reloads without anyone pressing F5.
    text = plan.read_text(encoding="utf-8")
    started = time.monotonic()
    plan.write_text(text.replace("title: 主要任务", "title: 攻坚行动"), encoding="utf-8")
    wait_until(lambda: "攻坚行动" in body_text(browser), timeout=10)
    elapsed = time.monotonic() - started
    print(f"preview updated {elapsed:.2f} s after the save")
    assert browser.execute_script("return window.plangenMarker") is None  # reloaded
    assert elapsed < 3, f"the preview took {elapsed:.2f} s"  # about 0.2 s when idle

    # A mistake shows on the page at file:line instead of stopping the server.
    plan.write_text(text.replace("title: 主要任务", "titel: 主要任务"), encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "title: 主要任务" in x)
    problem = wait_until(
        lambda: f"plan.yaml:{line}:" in body_text(browser) and body_text(browser), timeout=10
    )
    assert "unknown key 'titel'" in problem

    # Fixed: the problem clears and the plan is back.
    plan.write_text(text, encoding="utf-8")
    wait_until(lambda: "plan.yaml:" not in body_text(browser), timeout=10)
    assert "主要任务" in body_text(browser)

    # The DOCX link gives the current state.
    import docx

    with urllib.request.urlopen(url + "download/docx", timeout=60) as response:
        assert "attachment" in response.headers["Content-Disposition"]
        document = docx.Document(io.BytesIO(response.read()))
    assert any("主要任务" in p.text for p in document.paragraphs)

    # Ctrl-C stops it cleanly.
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err


def test_override_template_change_rebuilds(tmp_path, browser):
    templates = tmp_path / "templates" / "plan"
    templates.mkdir(parents=True)
    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", plan)
    port = free_port()
    proc = subprocess.Popen(
        [plangen_exe(), "serve", str(plan), "--port", str(port), "-t", str(tmp_path / "templates")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: ready(url) or proc.poll() is not None)
        browser.get(url)
        assert "主要任务" in body_text(browser)
        shipped = Path(__file__).resolve().parent.parent / "templates" / "plan" / "toc.html.j2"
        (templates / "toc.html.j2").write_text(
            "<p>OVERRIDDEN TOC</p>\n" + shipped.read_text(encoding="utf-8"), encoding="utf-8"
        )
        wait_until(lambda: "OVERRIDDEN TOC" in body_text(browser), timeout=10)
    finally:
        proc.kill()
        proc.wait()


def test_port_in_use_is_refused(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [plangen_exe(), "serve", str(FIXTURES / "minimal.yaml"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and f"port {port} is in use" in result.stderr
