#!/usr/bin/env bash
# check.sh PROJECT_DIR — trainkit's SCORM packages tracked end to end in a genuine Moodle 4.3, and its
# evaluations imported as Moodle questions.
#
# trainkit's copy of the team harness (../shared/moodle: check.sh, setup.sh, import.php, drive.py), changed for
# tests/test_moodle.py: the Moodle source may be a source tree (MOODLE_SRC) instead of the git mirror; every module
# of MODULES is checked in both SCORM versions; the learner's right answers come from trainkit (the packages no
# longer hold them); each module's Moodle XML is imported with Moodle's own importer (import_questions.php);
# an activity also needs its gradebook grade to equal the final evaluation's score.
#
# From nothing but the Moodle git mirror and the project checkout (never written to: it is copied):
#   1. copy PROJECT_DIR, fresh venv, `pip install`, `trainkit export --format scorm12|scorm2004` (zips of $MODULE used);
#   2. Moodle $COMMIT extracted to $WORK/src (kept when it is already that commit), setup.sh with a private
#      PostgreSQL cluster ($WORK/pg, port $DBPORT), the database dropped and created again, a new dataroot;
#      import.php: both zips as two activities (automatic completion, all SCOs must return a status), a new student;
#   3. drive.py as that student, Moodle's own navigation (TOC / ">"), --complete-all;
#   4. judged from drive.py's JSON (what Moodle stored): one line per activity, then
#      `moodle 4.3: A/2 activities tracked end to end`. Exit 0 only at 2/2; 1 otherwise; 2 when the harness
#      itself could not run (mirror, PostgreSQL, Moodle install, php -S, browser).
#   5. Every server it started (php -S and its workers, PostgreSQL) is stopped by PID on exit, failure or not.
# Removes nothing outside $WORK, and writes there only (but for setup.sh's php ini in /etc/php, if missing, and
# pip's/chromium's caches in $HOME). Progress and details on stderr; the verdict lines on stdout.
# Variables (defaults): WORK=/tmp/moodle-check (must be under /tmp) MIRROR=<required: a git directory of github Izizizzz/arsikom-moodle>
#   COMMIT=fe7aff8093240cc373f1ddaa66ecb91c4bc0a09f MODULE=fondamentaux WWWROOT=http://127.0.0.1:8080 DBPORT=5433
#   STUDENT=student1 PYTHON=python3 (trainkit's venv) DRIVE_PYTHON=python3 (has playwright) SHOTS= (screenshot dir)
set -uo pipefail
HERE=$(dirname "$(readlink -f "$0")")
usage() { echo "usage: check.sh PROJECT_DIR   (variables: see the head of $0)" >&2; exit 2; }
[ $# -eq 1 ] && [ -d "$1" ] || usage
PROJECT=$(readlink -f "$1")
WORK=${WORK:-/tmp/moodle-check}
MOODLE_SRC=${MOODLE_SRC:-}
if [ -z "$MOODLE_SRC" ]; then
  MIRROR=${MIRROR:?set MOODLE_SRC to a Moodle 4.3 source tree, or MIRROR to a git directory (bare clone) of github Izizizzz/arsikom-moodle}
fi
COMMIT=${COMMIT:-fe7aff8093240cc373f1ddaa66ecb91c4bc0a09f}
MODULES=${MODULES:-${MODULE:-fondamentaux expert}}
WWWROOT=${WWWROOT:-http://127.0.0.1:8080}
DBPORT=${DBPORT:-5433}
STUDENT=${STUDENT:-student1}
STUDENTPASS=${STUDENTPASS:-Student-pass1!}
PYTHON=${PYTHON:-python3}
DRIVE_PYTHON=${DRIVE_PYTHON:-python3}
SHOTS=${SHOTS:-}
DB_URL="postgresql://moodleuser:moodlepass@127.0.0.1:$DBPORT/moodle"

case "$WORK" in /tmp/?*) ;; *) echo "WORK must be a directory under /tmp (it is emptied in parts): $WORK" >&2; exit 2 ;; esac
WORK=$(readlink -m "$WORK")
case "$WORK/" in "$PROJECT"/*) echo "WORK ($WORK) must not be inside PROJECT_DIR" >&2; exit 2 ;; esac
case "$PROJECT/" in "$WORK"/*) echo "PROJECT_DIR must not be inside WORK ($WORK)" >&2; exit 2 ;; esac
LOG=$WORK/log OUT=$WORK/out PG=$WORK/pg
T0=$(date +%s)
say() { printf '[%3ds] %s\n' $(( $(date +%s) - T0 )) "$*" >&2; }
RELEASE="4.3"

# --- stopping what we started, by PID -------------------------------------------------------------------
alive() { kill -0 "$1" 2>/dev/null; }
cmdline() { { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null; }
stop_php() {  # the php -S master and its workers, listed by setup.sh (+ the master's children now)
  local f=$LOG/php.pid pids=() p
  [ -s "$f" ] || return 0
  for p in $(cat "$f"); do
    case "$(cmdline "$p")" in *php*-S*"$WORK/src"*) pids+=("$p"); for c in $(pgrep -P "$p"); do pids+=("$c"); done ;; esac
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  mapfile -t pids < <(printf '%s\n' "${pids[@]}" | sort -un)
  kill -TERM "${pids[@]}" 2>/dev/null
  for _ in $(seq 20); do
    local left=0; for p in "${pids[@]}"; do alive "$p" && left=1; done
    [ $left = 0 ] && break; sleep 0.25
  done
  for p in "${pids[@]}"; do alive "$p" && kill -KILL "$p" 2>/dev/null; done
  say "stopped php -S (pids ${pids[*]})"
}
stop_pg() {  # our private cluster's postmaster: SIGINT = fast shutdown
  local f=$PG/data/postmaster.pid p
  [ -s "$f" ] || return 0
  p=$(head -1 "$f")
  case "$(cmdline "$p")" in *postgres*"$PG/data"*) ;; *) return 0 ;; esac
  kill -INT "$p" 2>/dev/null
  for _ in $(seq 60); do alive "$p" || break; sleep 0.25; done
  alive "$p" && kill -QUIT "$p" 2>/dev/null
  say "stopped PostgreSQL (pid $p)"
}
stop_jobs() {  # our background jobs' process groups (`timeout` leads each), listed in $LOG/jobs
  local g c
  for g in $(cat "$LOG/jobs" 2>/dev/null); do
    c=$(cmdline "$g")
    case "$c" in timeout*"$WORK"*|timeout*"$HERE/"*) kill -TERM -- "-$g" 2>/dev/null && say "stopped job group $g (${c:0:70})" ;; esac
  done
}
stop_browser() {  # Playwright's chromium leads its own process group: ours has its profile in $WORK/tmp
  local pids
  pids=$(pgrep -f -- "--user-data-dir=$WORK/tmp/" 2>/dev/null) || return 0
  kill -TERM $pids 2>/dev/null
  sleep 1; for p in $pids; do alive "$p" && kill -KILL "$p" 2>/dev/null; done
  say "stopped the browser (pids $(echo $pids))"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_jobs
  stop_browser
  stop_php
  stop_pg
  say "total wall time $(( $(date +%s) - T0 ))s (work dir $WORK)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run NAME SECONDS CMD... : CMD under `timeout` in the background (its own process group, killed on exit),
# stdout to $LOG/NAME.out, stderr to $LOG/NAME.err; waits (interruptibly) and returns CMD's status.
start() {
  local name=$1 secs=$2; shift 2
  timeout -k 10 "$secs" "$@" </dev/null >"$LOG/$name.out" 2>"$LOG/$name.err" &
  echo "$!" >> "$LOG/jobs"; eval "PID_$name=$!"
}
finish() {
  local name=$1 pid rc; eval "pid=\$PID_$name"
  wait "$pid"; rc=$?
  [ $rc = 124 ] && say "$name: timed out"
  return $rc
}
run() { start "$1" "$2" "${@:3}"; finish "$1"; }

verdict_none() {  # the check stops before judging: say why, 0 tracked, and the exit status
  say "$2"
  echo "moodle $RELEASE: 0 activities tracked end to end (the check stopped before judging)"
  exit "$1"
}

# --- 0. leftovers of an earlier run killed hard: only our own processes, recognised by their command line ----
stop_jobs; stop_browser; stop_php; stop_pg
rm -rf "$LOG" "$OUT" "$WORK/tmp"; mkdir -p "$LOG" "$OUT" "$WORK/tmp"; chmod 1777 "$WORK/tmp"
export TMPDIR=$WORK/tmp  # pip's build dirs, Playwright's browser profile: created and removed under $WORK
say "project $PROJECT, work dir $WORK, Moodle $COMMIT"

# --- 1. trainkit's packages (in the background while Moodle installs) ------------------------------------
cat > "$LOG/build.sh" <<EOF
set -euo pipefail
rm -rf '$WORK/project' '$WORK/venv' '$WORK/pkgs12' '$WORK/pkgs2004' '$WORK/pkgsxml'
mkdir -p '$WORK/project' '$WORK/pkgsxml'
tar -C '$PROJECT' --exclude=./.git --exclude=./.venv --exclude=./venv --exclude=./dist --exclude=./site \\
    --exclude=./build --exclude=./bench/out --exclude=node_modules --exclude=__pycache__ --exclude='*.egg-info' \\
    --exclude=.pytest_cache -cf - . | tar -C '$WORK/project' -xf -
s=\$(date +%s)
'$PYTHON' -m venv '$WORK/venv'
'$WORK/venv/bin/pip' install -q --disable-pip-version-check '$WORK/project'
echo "venv+pip \$(( \$(date +%s) - s ))s"; s=\$(date +%s)
cd '$WORK/project'
'$WORK/venv/bin/trainkit' export curriculum --format scorm12 --out '$WORK/pkgs12'
'$WORK/venv/bin/trainkit' export curriculum --format scorm2004 --out '$WORK/pkgs2004'
'$WORK/venv/bin/trainkit' export curriculum --format moodle-xml --out '$WORK/pkgsxml'
# The learner's right answers, for drive.py: from the curriculum, as trainkit shows its questions.
'$WORK/venv/bin/python' - '$WORK/answers.json' <<'PY'
import json, sys
from trainkit.api import validate
from trainkit.views.quiz import quiz_view
curriculum = validate("curriculum").curriculum
answers = {f"{m.id}/{e.id}": {q.id: q.correct[0] for q in quiz_view(e, m.id).questions}
           for m in curriculum.modules for e in m.all_evaluations}
json.dump(answers, open(sys.argv[1], "w"), ensure_ascii=False)
PY
echo "exports \$(( \$(date +%s) - s ))s"
EOF
start build 480 bash "$LOG/build.sh"
say "building trainkit packages in the background (log $LOG/build.err)"

# --- 2. Moodle source ---------------------------------------------------------------------------------------
if [ -n "$MOODLE_SRC" ]; then
  [ -s "$MOODLE_SRC/version.php" ] || verdict_none 2 "MOODLE_SRC ($MOODLE_SRC) is not a Moodle source tree (no version.php)"
  # Moodle's installer writes config.php into the tree: work on a copy, made again when the source changes.
  STAMP="tree:$(readlink -f "$MOODLE_SRC"):$(stat -c %Y "$MOODLE_SRC/version.php")"
  if [ -s "$WORK/src/version.php" ] && [ "$(cat "$WORK/src.commit" 2>/dev/null)" = "$STAMP" ]; then
    say "Moodle source: reusing $WORK/src (copy of $MOODLE_SRC)"
  else
    rm -rf "$WORK/src" "$WORK/src.partial" "$WORK/src.commit"; mkdir -p "$WORK/src.partial"
    tar -C "$MOODLE_SRC" --exclude=./config.php --exclude=./.git -cf - . | tar -x -C "$WORK/src.partial" \
      || verdict_none 2 "copy of $MOODLE_SRC failed"
    mv "$WORK/src.partial" "$WORK/src" && echo "$STAMP" > "$WORK/src.commit"
    say "Moodle source: copied $MOODLE_SRC to $WORK/src"
  fi
elif [ -s "$WORK/src/version.php" ] && [ "$(cat "$WORK/src.commit" 2>/dev/null)" = "$COMMIT" ]; then
  say "Moodle source: reusing $WORK/src ($COMMIT)"
else
  git --git-dir="$MIRROR" cat-file -e "$COMMIT^{commit}" 2>/dev/null \
    || verdict_none 2 "commit $COMMIT not found in $MIRROR"
  rm -rf "$WORK/src" "$WORK/src.partial" "$WORK/src.commit"; mkdir -p "$WORK/src.partial"
  git --git-dir="$MIRROR" archive "$COMMIT" | tar -x -C "$WORK/src.partial" \
    || verdict_none 2 "git archive of $COMMIT failed"
  mv "$WORK/src.partial" "$WORK/src" && echo "$COMMIT" > "$WORK/src.commit"
  say "Moodle source: extracted $COMMIT to $WORK/src"
fi
RELEASE=$(sed -n "s/^\$release *= *'\([0-9.]*\).*/\1/p" "$WORK/src/version.php" | head -1)
RELEASE=${RELEASE:-4.3}

# --- 2b. PostgreSQL + Moodle install + php -S ---------------------------------------------------------------
say "setup.sh: private PostgreSQL on port $DBPORT, fresh database and dataroot, Moodle install, php -S on $WWWROOT"
if ! run setup 420 env SKIP_APT=1 PGDIR="$PG" DBPORT="$DBPORT" WWWROOT="$WWWROOT" \
     bash "$HERE/setup.sh" "$WORK/src" "$WORK"; then
  tail -n 15 "$LOG/setup.out" "$LOG/setup.err" >&2
  verdict_none 2 "setup.sh failed (logs in $LOG)"
fi
say "setup.sh done: $(tr '\n' ' ' < "$LOG/timings.txt")"

if ! finish build; then
  tail -n 20 "$LOG/build.err" >&2
  verdict_none 1 "trainkit build/export failed (log $LOG/build.err)"
fi
say "trainkit packages built: $(tr '\n' ' ' < "$LOG/build.out")"
ZIPS=() XMLS=()
for m in $MODULES; do
  ZIPS+=("$WORK/pkgs12/$m-scorm12.zip" "$WORK/pkgs2004/$m-scorm2004.zip")
  XMLS+=("$WORK/pkgsxml/$m-questions-moodle.xml")
done
for z in "${ZIPS[@]}" "${XMLS[@]}"; do [ -s "$z" ] || verdict_none 1 "missing package $z"; done
EXPECTED=${#ZIPS[@]}

# --- 2c. import: course, new student, two activities --------------------------------------------------------
if ! run import 120 php "$HERE/import.php" --moodle="$WORK/src" --student="$STUDENT" --studentpass="$STUDENTPASS" \
     --statusrequired=6 --allscos=1 "${ZIPS[@]}"; then
  tail -n 20 "$LOG/import.err" >&2
  verdict_none 2 "import.php failed"
fi
cp "$LOG/import.out" "$OUT/import.json"
CMIDS=$("$DRIVE_PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
acts = d["activities"]
bad = [a["zip"] for a in acts if a.get("validate_errors") or a.get("create_error") or a.get("version") in (None, "ERROR")]
if bad or len(acts) != int(sys.argv[2]):
    sys.exit("not imported: " + json.dumps([{k: a.get(k) for k in ("zip", "validate_errors", "create_error", "version")} for a in acts]))
print(" ".join("--cmid %d" % a["cmid"] for a in acts))' "$OUT/import.json" "$EXPECTED") \
  || verdict_none 1 "Moodle refused a package (see $OUT/import.json)"
say "imported: $CMIDS (student $STUDENT)"
if ! run questions 180 php "$HERE/import_questions.php" --moodle="$WORK/src" "${XMLS[@]}"; then
  tail -n 20 "$LOG/questions.err" >&2
  verdict_none 1 "Moodle refused the questions (Moodle XML; log $LOG/questions.err)"
fi
cp "$LOG/questions.out" "$OUT/questions.json"
say "questions imported (see $OUT/questions.json)"

# --- 3. the learner, through Moodle's own navigation ---------------------------------------------------------
say "drive.py --switch toc --complete-all $CMIDS"
run drive 540 "$DRIVE_PYTHON" "$HERE/drive.py" --base "$WWWROOT" --user "$STUDENT" --password "$STUDENTPASS" \
    --db "$DB_URL" $CMIDS --switch toc --complete-all --answers "$WORK/answers.json" ${SHOTS:+--shots "$SHOTS"}
DRIVE_RC=$?
cp "$LOG/drive.out" "$OUT/drive.json" 2>/dev/null
if [ $DRIVE_RC != 0 ] || ! "$DRIVE_PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT/drive.json" 2>/dev/null; then
  tail -n 20 "$LOG/drive.err" >&2
  verdict_none 2 "drive.py failed (rc $DRIVE_RC, log $LOG/drive.err)"
fi
say "drive.py done"

# --- 4. the verdict ---------------------------------------------------------------------------------------
"$DRIVE_PYTHON" - "$OUT/import.json" "$OUT/drive.json" "$RELEASE" "$OUT/questions.json" "${XMLS[@]}" <<'EOF'
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

imported = json.load(open(sys.argv[1]))
driven = {a["cmid"]: a for a in json.load(open(sys.argv[2]))["activities"]}
release = sys.argv[3]
bank = json.load(open(sys.argv[4]))
xml_files = sys.argv[5:]
STATUS = {"cmi.core.lesson_status": ("completed", "passed", "failed"),
          "cmi.completion_status": ("completed",), "cmi.success_status": ("passed", "failed")}
INTERACTION_ID = re.compile(r"^cmi\.interactions[._](\d+)\.id$")
ok_count = 0
for act in imported["activities"]:
    name = act["zip"].rsplit("/", 1)[-1].removesuffix(".zip")
    log = driven.get(act["cmid"], {})
    db = log.get("db_end") or {}
    raw = db.get("raw", {})
    problems = []

    # Every launchable SCO (scormtype "sco") has a status.
    scos = [s for s in act["scoes"] if s["type"] == "sco" and s["launch"]]
    def attempts(ident):
        return raw.get(ident, {}).get("attempts", {}).values()
    def has_status(ident):
        return any(el.get(k) in v for el in attempts(ident) for k, v in STATUS.items())
    missing = [s["identifier"] for s in scos if not has_status(s["identifier"])]
    with_status = len(scos) - len(missing)
    if missing:
        problems.append(f"no status for {len(missing)} SCO(s): {', '.join(missing[:6])}{' ...' if len(missing) > 6 else ''}")

    # The final evaluation: the last SCO whose page is an evaluation; its questions, from the package itself.
    final, questions = None, []
    with zipfile.ZipFile(act["zip"]) as z:
        for s in scos:
            html = z.read(s["launch"].split("?")[0]).decode("utf-8", "replace")
            if 'data-sco="evaluation"' in html:
                final, questions = s, re.findall(r'data-question="([^"]+)"', html)
    score, ids = None, set()
    if final:
        for el in attempts(final["identifier"]):
            for k, v in el.items():
                if k in ("cmi.core.score.raw", "cmi.score.raw") and v not in (None, ""):
                    score = v
                if INTERACTION_ID.match(k):
                    ids.add(v)
    answered = sum(1 for q in set(questions) if q in ids)
    if final is None:
        problems.append("no final evaluation SCO found in the package")
    if score is None:
        problems.append("final evaluation: no score stored")
    if not questions or answered < len(set(questions)):
        problems.append(f"final evaluation: interactions for {answered}/{len(set(questions))} questions")

    compl = db.get("course_modules_completion") or {}
    state = compl.get("completionstate")
    state_name = {0: "incomplete", 1: "complete", 2: "complete-pass", 3: "complete-fail"}.get(state, "none")
    if state not in (1, 2):
        problems.append(f"activity completion {state_name}")
    grade = (db.get("grade_grades") or {})
    final_grade = grade.get("finalgrade")
    if final_grade is None:
        problems.append("no grade in the gradebook")
    elif score is not None and abs(float(final_grade) - float(score)) > 0.01:
        problems.append(f"gradebook grade {final_grade:g} is not the final evaluation's score {score}")

    ok = not problems
    ok_count += ok
    grade_txt = f"{final_grade:g}/{grade.get('grademax', 0):g}" if final_grade is not None else "none"
    print(f"{name} ({act.get('version')}, cmid {act['cmid']}): SCOs with a status {with_status}/{len(scos)}, "
          f"final evaluation score {score if score is not None else 'none'} with interactions for "
          f"{answered}/{len(set(questions))} questions, completion {state_name}, grade {grade_txt} -> "
          f"{'tracked end to end' if ok else 'NOT tracked end to end'}")
    # Details for a failing activity, on stderr: what went wrong, as seen by the driver.
    if not ok:
        print(f"  {name}: " + "; ".join(problems), file=sys.stderr)
        for e in log.get("errors", [])[:3]:
            print(f"  {name}: driver {e.get('phase')}: {e.get('error', '')[:300]}", file=sys.stderr)
        lms = sorted({err for st in log.get("steps", []) for part in ("sco", "before", "after")
                      for err in ((st.get(part) or {}).get("errors") or [])})
        if lms:
            print(f"  {name}: errors reported by the SCOs' LMS calls: {', '.join(lms[:5])}", file=sys.stderr)
total = len(imported["activities"])
print(f"moodle {release}: {ok_count}/{total} activities tracked end to end")

# The Moodle XML: every question of every file in the course's bank, in its evaluation's category.
expected = {}
for path in xml_files:
    category = None
    for question in ET.parse(path).getroot().iter("question"):
        if question.get("type") == "category":
            category = question.findtext("category/text").removeprefix("$course$/")
            expected[category] = []
        else:
            expected[category].append(question.findtext("idnumber"))
stored = {c["path"]: [q["idnumber"] for q in c["questions"]] for c in bank["categories"]}
imports_ok = all(i["ok"] for i in bank["imports"])
missing = {c: [q for q in ids if q not in stored.get(c, [])] for c, ids in expected.items()}
missing = {c: ids for c, ids in missing.items() if ids}
count = sum(len(ids) for ids in expected.values())
found = count - sum(len(ids) for ids in missing.values())
types = sorted({q["qtype"] for c in bank["categories"] for q in c["questions"]})
print(f"moodle {release}: questions imported {found}/{count} in {len(expected)} categories "
      f"(types: {', '.join(types)})" + ("" if imports_ok and not missing else " -> NOT all imported"))
if missing:
    print(f"  missing questions: {json.dumps(missing, ensure_ascii=False)[:600]}", file=sys.stderr)
sys.exit(0 if ok_count == total and total > 0 and imports_ok and not missing else 1)
EOF
exit $?
