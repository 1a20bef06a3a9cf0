# Sourced by ./run and ./run-tests: create or refresh .venv when pyproject.toml changes.
# Needs python3 >= 3.11 with the venv module (Debian: apt-get install python3-venv).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${HAIYAN_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "找不到 python3，请先安装 Python 3.11 或更新版本 / python3 not found: install Python 3.11 or newer" >&2
  exit 2
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "需要 Python 3.11 或更新版本 / Python 3.11 or newer is required ($("$PYTHON" --version 2>&1))" >&2
  exit 2
fi
stamp="$VENV/.haiyan-stamp"
want="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "正在准备运行环境（仅首次需要联网）/ preparing the environment (network needed the first time only)..." >&2
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" || {
      echo "无法创建虚拟环境，Debian 上请安装 python3-venv / cannot create a venv: on Debian install python3-venv" >&2
      exit 2
    }
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT[test]"
  echo "$want" > "$stamp"
fi
if [ ! -f "$ROOT/resources/fonts/NotoSansSC-Regular.ttf" ] || [ ! -f "$ROOT/resources/fonts/NotoSansSC-Bold.ttf" ]; then
  echo "正在生成内置中文字体（约 30 秒，仅一次）/ making the bundled CJK font (about 30 s, once)..." >&2
  "$VENV/bin/python" -m haiyan_desktop.fonts
fi
export PATH="$VENV/bin:$PATH"
