#!/usr/bin/env bash
# Checks that an HTML report never scrolls sideways: at each width given (default 1280 and
# 390, a phone), with every <details> open, document.documentElement.scrollWidth must not
# exceed window.innerWidth. Uses Debian's chromium (installed when missing).
#   scripts/check-report-layout.sh out/report.html [WIDTH...]
set -euo pipefail
HTML="${1:?usage: check-report-layout.sh REPORT.html [WIDTH...]}"
shift
WIDTHS=("$@")
[ ${#WIDTHS[@]} -gt 0 ] || WIDTHS=(1280 390)
if ! command -v chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# A copy that opens every fold and reports its measure; it is shown in a frame of the width
# checked, as headless Chromium's window cannot be narrower than 500 px.
sed 's/<details\([ >]\)/<details open\1/g' "$HTML" > "$WORK/report.html"
cat >> "$WORK/report.html" <<'JS'
<script>
window.addEventListener("load", function () {
  var measure = "layout:" + document.documentElement.scrollWidth + "/" + window.innerWidth;
  parent.postMessage(measure, "*");
});
</script>
JS
frame_page() {
  cat > "$WORK/frame-$1.html" <<PAGE
<!DOCTYPE html><html><head><title>waiting</title></head><body style="margin:0">
<iframe src="report.html" width="$1" height="900" style="border:0"></iframe>
<script>window.addEventListener("message", function (e) { document.title = e.data; });</script>
</body></html>
PAGE
}
status=0
for width in "${WIDTHS[@]}"; do
  frame_page "$width"
  title="$(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/profile-$width" --window-size="1400,1000" \
    --virtual-time-budget=5000 --dump-dom "file://$WORK/frame-$width.html" 2>/dev/null |
    grep -o 'layout:[0-9]*/[0-9]*' | head -1)"
  measure="${title#layout:}"
  scroll="${measure%/*}"; inner="${measure#*/}"
  if [ -z "$measure" ]; then
    echo "layout: $width px: no measure (the page did not load)" >&2
    status=1
  elif [ "$scroll" -gt "$inner" ]; then
    echo "layout: $width px: the page is $scroll px wide for a $inner px window (scrolls sideways)" >&2
    status=1
  else
    echo "layout: $width px: fits ($scroll <= $inner)"
  fi
done
exit $status
