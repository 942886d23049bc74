"""Generated blocks of README.md (between `<!-- name:start -->` and `<!-- name:end -->`), so lists that the code
defines (the flag codes) are written from it: `python -m cli.readme_blocks` rewrites them in place."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def blocks() -> dict[str, str]:
    from cli.schema import flags_markdown

    return {"flags": flags_markdown()}


def block_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.S)


def rewrite(text: str) -> str:
    for name, body in blocks().items():
        text = block_pattern(name).sub(lambda m: m.group(1) + body + m.group(3), text)
    return text


if __name__ == "__main__":
    README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
