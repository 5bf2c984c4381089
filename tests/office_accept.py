"""Accept or reject every tracked change of a DOCX in LibreOffice itself, then save its text.

Run by the system Python that carries LibreOffice's uno module (Debian python3-uno):
    /usr/bin/python3 tests/office_accept.py IN.docx OUT.txt accept|reject PROFILE_DIR
This is what a reviewer's 全部接受/全部拒绝 does, not our own reading of w:ins/w:del.
"""

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(src: str, out: str, action: str, profile: str) -> None:
    pipe = f"plangen{abs(hash((src, time.time())))}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(600):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            Path(src).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),)
        )
        helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        command = (
            ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
        )
        helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        doc.storeToURL(
            Path(out).resolve().as_uri(),
            (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")),
        )
        doc.close(True)
        with contextlib.suppress(Exception):  # the bridge closes as the office quits
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])
