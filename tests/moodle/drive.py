#!/usr/bin/env python3
"""Drive Moodle's SCORM player as a student (Playwright + Debian chromium), then print, as JSON,
what Moodle stored for that student: per-SCO tracks (scorm_attempt/scorm_scoes_value/scorm_element,
Moodle 4.3+), the grade (grade_grades) and the activity completion (course_modules_completion).

Scenario per activity (trainkit packages: positioning test first, final evaluation last):
  view.php -> Enter -> SCO 1 (positioning test: answer, submit, "Terminer")
  -> Moodle ">" -> SCO 2 (a session: every page, "Terminer")
  -> Moodle ">" through the next SCOs (left by ">" without "Terminer") up to one with 2+ pages:
     advance min(2, pages-2) pages, "Enregistrer et quitter" (= suspend, still incomplete)
  -> TOC link to the final evaluation (answer with --wrong wrong answers, submit, "Terminer")
  -> Moodle "Exit activity"; DB snapshot
  -> relaunch (view.php -> Enter), TOC link to the suspended SCO: page and pages-seen restored? -> SCO exit, Exit activity
  -> DB snapshot.
  --complete-all: relaunch, open every SCO without a completed/passed status through the TOC and finish it
  -> Exit activity -> DB snapshot.
A step that cannot be done (a SCO whose Initialize failed hides its "Enregistrer et quitter" button, a
timeout) is recorded in "errors" and the scenario goes on with the next phase; "db_end" is always taken
last, whatever happened.

Usage: drive.py --cmid 2 [--cmid 3 ...] [--base URL] [--user student1] [--password ...]
                [--db postgresql://user:pass@host:port/db] [--wrong 1] [--shots DIR] [--switch toc|reload]
                [--complete-all] [--timeout-ms 15000]
Env: MOODLE_URL, MOODLE_DB, CHROMIUM (default /usr/bin/chromium).
Needs: python3 -m pip install playwright (no browser download: Debian's chromium is used), psql.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

A = argparse.ArgumentParser()
A.add_argument("--base", default=os.environ.get("MOODLE_URL", "http://127.0.0.1:8080"))
A.add_argument("--user", default="student1")
A.add_argument("--password", default="Student-pass1!")
A.add_argument("--cmid", type=int, action="append", required=True)
A.add_argument("--db", default=os.environ.get("MOODLE_DB", "postgresql://moodleuser:moodlepass@127.0.0.1/moodle"))
A.add_argument("--prefix", default="mdl_")
A.add_argument("--wrong", type=int, default=1, help="wrong answers given in the final evaluation")
A.add_argument("--shots", default="", help="directory for screenshots (optional)")
A.add_argument("--switch", choices=["toc", "reload"], default="toc",
               help="how to move between SCOs: toc = Moodle's >/TOC inside the player (default); reload = load "
                    "player.php?scoid=... afresh for each SCO (a new player page, hence a new SCORM API object)")
A.add_argument("--complete-all", action="store_true",
               help="at the end, open every SCO not yet completed/passed and finish it, then snapshot again")
A.add_argument("--answers", default="", help="JSON of the right answers: {module/evaluation: {question: response}}")
A.add_argument("--timeout-ms", type=int, default=15000, help="Playwright's default wait (clicks, selectors)")
ARGS = A.parse_args()
P = ARGS.prefix


def sql(query):
    out = subprocess.run(["psql", ARGS.db, "-At", "-c", query], check=True, capture_output=True, text=True).stdout
    return json.loads(out) if out.strip() else None


def db_state(cmid, username):
    cm = sql(f"""SELECT row_to_json(x) FROM (SELECT cm.id, cm.instance, s.version, s.grademethod, s.whatgrade,
        s.completionstatusrequired, s.completionstatusallscos, u.id AS userid
        FROM {P}course_modules cm JOIN {P}scorm s ON s.id = cm.instance, {P}user u
        WHERE cm.id = {cmid} AND u.username = '{username}') x""")
    scormid, userid = cm["instance"], cm["userid"]
    rows = sql(f"""SELECT coalesce(json_agg(x ORDER BY x.sortorder, x.attempt, x.element), '[]') FROM (
        SELECT s.identifier, s.sortorder, a.attempt, e.element, v.value
        FROM {P}scorm_scoes_value v JOIN {P}scorm_attempt a ON a.id = v.attemptid
        JOIN {P}scorm_element e ON e.id = v.elementid JOIN {P}scorm_scoes s ON s.id = v.scoid
        WHERE a.scormid = {scormid} AND a.userid = {userid}) x""")
    scos = sql(f"""SELECT json_agg(x ORDER BY x.sortorder) FROM (SELECT identifier, sortorder, title
        FROM {P}scorm_scoes WHERE scorm = {scormid} AND scormtype = 'sco') x""")
    per = {}
    for s in scos:
        per[s["identifier"]] = {"title": s["title"][:60], "attempts": {}}
    for r in rows:
        d = per[r["identifier"]]["attempts"].setdefault(str(r["attempt"]), {})
        d[r["element"]] = r["value"]
    summary = {}
    for ident, info in per.items():
        for att, el in info["attempts"].items():
            # Moodle stores cmi.interactions.N.x as "cmi.interactions_N.x".
            inter_ids = sorted((k for k in el if re.match(r"^cmi\.interactions[._]\d+\.id$", k)),
                               key=lambda k: int(re.findall(r"\d+", k)[0]))
            first = re.sub(r"\.id$", ".", inter_ids[0]) if inter_ids else None
            summary.setdefault(ident, {})[att] = {
                "lesson_status": el.get("cmi.core.lesson_status"),
                "completion_status": el.get("cmi.completion_status"),
                "success_status": el.get("cmi.success_status"),
                "score_raw": el.get("cmi.core.score.raw", el.get("cmi.score.raw")),
                "score_scaled": el.get("cmi.score.scaled"),
                "location": el.get("cmi.core.lesson_location", el.get("cmi.location")),
                "exit": el.get("cmi.core.exit", el.get("cmi.exit")),
                "suspend_data_len": len(el["cmi.suspend_data"]) if "cmi.suspend_data" in el else None,
                "suspend_data": el.get("cmi.suspend_data"),
                "session_time": el.get("cmi.core.session_time", el.get("cmi.session_time")),
                "total_time": el.get("cmi.core.total_time", el.get("cmi.total_time")),
                "progress_measure": el.get("cmi.progress_measure"),
                "interactions": len(inter_ids),
                "interaction_elements": sum(1 for k in el if k.startswith("cmi.interactions")),
                "interaction_first": {k: v for k, v in el.items() if first and k.startswith(first)},
                "elements": len(el),
            }
    grade = sql(f"""SELECT row_to_json(x) FROM (SELECT gi.grademax, gg.rawgrade, gg.finalgrade
        FROM {P}grade_items gi LEFT JOIN {P}grade_grades gg ON gg.itemid = gi.id AND gg.userid = {userid}
        WHERE gi.itemtype = 'mod' AND gi.itemmodule = 'scorm' AND gi.iteminstance = {scormid}) x""")
    compl = sql(f"""SELECT row_to_json(x) FROM (SELECT completionstate, timemodified
        FROM {P}course_modules_completion WHERE coursemoduleid = {cmid} AND userid = {userid}) x""")
    attempts = sql(f"""SELECT json_agg(x) FROM (SELECT id, attempt FROM {P}scorm_attempt
        WHERE scormid = {scormid} AND userid = {userid}) x""")
    return {"activity": cm, "attempts": attempts, "grade_grades": grade,
            "course_modules_completion": compl, "per_sco": summary, "raw": per}


def sco_frame(page, timeout=30000):
    handle = page.wait_for_selector("#scorm_object", timeout=timeout)
    for _ in range(100):
        frame = handle.content_frame()
        if frame is not None:
            try:
                frame.wait_for_function("window.trainkitScorm && document.readyState === 'complete'", timeout=15000)
                return frame
            except Exception:
                pass
        time.sleep(0.3)
        handle = page.wait_for_selector("#scorm_object", timeout=timeout)
    raise RuntimeError("SCO frame never became ready")


def sco_info(frame):
    return frame.evaluate("""() => ({url: location.pathname.split('/content/')[1] || location.pathname,
        state: trainkitScorm.state(), errors: trainkitScorm.errors.slice(),
        status: (document.querySelector('[data-status]') || {}).textContent || '',
        result: (document.querySelector('.trainkit-quiz__result') || {}).textContent || ''})""")


def press(frame, action, wait=1.0):
    """Click the SCO's [data-action=ACTION] button if it is shown; False (nothing clicked) if it is hidden,
    as "Enregistrer et quitter" is in a SCO that could not Initialize."""
    button = frame.locator(f"[data-action={action}]")
    if not button.count() or not button.first.is_visible():
        return False
    button.first.click()
    time.sleep(wait)
    return True


ANSWERS = json.load(open(ARGS.answers)) if ARGS.answers else {}


def answer_quiz(frame, wrong):
    """Answer every question right (answers from --answers: the packages do not hold them); the first `wrong` wrong."""
    questions = frame.evaluate("""() => [...document.querySelectorAll('.trainkit-question')].map(f => ({
        id: f.id, question: f.dataset.question, type: f.dataset.type, quiz: f.closest('form').dataset.salt,
        values: [...f.querySelectorAll('input[type=radio],input[type=checkbox]')].map(i => i.value)}))""")
    for q in questions:  # the form's salt is "<module>/<evaluation>", the answers' key
        q["correct"] = ANSWERS[q["quiz"]][q["question"]]
    for n, q in enumerate(questions):
        fs = frame.locator("#" + q["id"])
        bad = n < wrong
        t, c = q["type"], q["correct"]
        if t in ("choix-unique", "vrai-faux"):
            v = next(x for x in q["values"] if x != c) if bad else c
            fs.locator(f"input[value='{v}']").check()
        elif t == "choix-multiple":
            wanted = c.split(",")
            if bad:
                wanted = wanted[:-1] if len(wanted) > 1 else [x for x in q["values"] if x not in wanted][:1]
            for v in wanted:
                fs.locator(f"input[value='{v}']").check()
        elif t == "appariement":
            for pair in c.split(","):
                left, right = pair.split(".")
                fs.locator(f"select[data-left='{left}']").select_option(right)
        elif t == "ordre":
            for pos, item in enumerate(c.split(","), 1):
                fs.locator(f"select[data-item='{item}']").select_option(str(pos))
        elif t == "reponse-courte":
            fs.locator("input").fill("zzz" if bad else c)
    frame.locator("form.trainkit-quiz button[type=submit]").click()
    frame.wait_for_function("document.querySelector('.trainkit-quiz__result').textContent.length > 0")
    return len(questions)


def toc_click(page, text):
    # The link whose text starts with `text`: a session may be titled « Jour 4 · Évaluation finale des acquis ».
    link = page.locator("#scorm_tree a").filter(has_text=re.compile("^\\s*" + re.escape(text))).first
    if ARGS.switch == "reload":
        page.goto(ARGS.base + "/mod/scorm/player.php?" + link.get_attribute("title"))
        time.sleep(1)
        return
    try:
        link.click(timeout=5000)
    except Exception:  # noqa: BLE001  (the course index drawer may cover the TOC: click it from JS)
        link.evaluate("a => a.click()")
    time.sleep(1.5)


def run_activity(page, cmid, log):
    """Three phases (scenario, relaunch, complete-all); an exception ends its phase only (log["errors"])."""
    base = ARGS.base
    steps = log["steps"]

    def shot(name):
        if ARGS.shots:
            os.makedirs(ARGS.shots, exist_ok=True)
            page.screenshot(path=os.path.join(ARGS.shots, f"cm{cmid}-{len(steps):02d}-{name}.png"))

    def nav_state():
        return page.evaluate("""() => Object.fromEntries(['nav_skipprev','nav_prev','nav_up','nav_next','nav_skipnext']
            .map(id => [id, document.getElementById(id) ? !document.getElementById(id).disabled : null]))""")

    def enter():
        t0 = time.time()
        page.goto(f"{base}/mod/scorm/view.php?id={cmid}")
        view = page.inner_text("#region-main")
        page.locator("#scormviewform button[value=normal]").click()  # "Enter" (not "Preview" = browse mode)
        page.wait_for_url("**/mod/scorm/player.php**")
        frame = sco_frame(page)
        toc = page.locator("#scorm_tree").inner_text() if page.locator("#scorm_tree").count() else ""
        steps.append({"step": "enter", "view_page_text": view[:600], "toc_text": toc[:1500],
                      "player_url": page.url, "sco": sco_info(frame), "seconds": round(time.time() - t0, 1),
                      "enabled_nav_buttons": nav_state()})
        shot("enter")
        return frame

    def exit_activity():
        page.locator("a[title='Exit activity']").first.click()
        page.wait_for_load_state("load")
        time.sleep(1)

    def phase(name, body):
        try:
            body()
            return True
        except Exception as e:  # noqa: BLE001
            err = {"phase": name, "error": f"{type(e).__name__}: {e}"[:1500], "url": page.url}
            log["errors"].append(err)
            log.setdefault("error", f"{name}: {err['error']}")
            try:
                shot("error-" + name)
                if "/mod/scorm/player.php" in page.url:  # leave the player as a learner would
                    exit_activity()
            except Exception:  # noqa: BLE001
                pass
            return False

    titles = [s["title"] for s in sql(f"""SELECT json_agg(x ORDER BY x.sortorder) FROM (SELECT s.title, s.sortorder
        FROM {P}scorm_scoes s JOIN {P}course_modules cm ON cm.instance = s.scorm
        WHERE cm.id = {cmid} AND s.scormtype = 'sco') x""")]
    position = {"i": 0}
    memo = {}  # what the relaunch phase needs from the scenario: the suspended SCO

    def next_sco():
        """Moodle's ">" button when enabled, else the TOC link of the next SCO (and say so)."""
        buttons = nav_state()
        position["i"] += 1
        if buttons.get("nav_next") and ARGS.switch == "toc":
            page.locator("#nav_next").click()
            how = "nav_next"
        else:
            toc_click(page, titles[position["i"]][:40])
            how = "TOC (nav_next disabled)" if ARGS.switch == "toc" else "reload player.php?scoid="
        time.sleep(1.5)
        steps.append({"step": "move to next SCO", "enabled_nav_buttons_before": buttons, "via": how})
        return sco_frame(page)

    def scenario():
        # 1. positioning test (first SCO)
        frame = enter()
        n = answer_quiz(frame, wrong=2)
        info = sco_info(frame)
        finished = press(frame, "finish")
        steps.append({"step": "positioning submitted + Terminer", "questions": n, "sco": info,
                      "finish_shown": finished, "after": sco_info(frame)})
        shot("positioning")

        # 2. first session SCO: every page, then "Terminer"
        frame = next_sco()
        info0 = sco_info(frame)
        for _ in range(info0["state"]["pages"] - info0["state"]["page"]):
            frame.locator("[data-action=next]").click()
        finished = press(frame, "finish")
        steps.append({"step": "session A: all pages + Terminer", "before": info0, "finish_shown": finished,
                      "after": sco_info(frame)})
        shot("sessionA")

        # 3. following SCOs through Moodle's ">" (left without "Terminer": the SCO unloads) until one has
        #    2+ pages: on it, advance min(2, pages-2) pages (never the last: stays incomplete), then
        #    "Enregistrer et quitter" (suspend).
        skipped = []
        for _ in range(len(titles)):
            frame = next_sco()
            info0 = sco_info(frame)
            if info0["state"]["pages"] >= 2 and position["i"] < len(titles) - 1:
                break
            skipped.append(info0["url"])
        advance = max(0, min(2, info0["state"]["pages"] - 2))
        for _ in range(advance):
            frame.locator("[data-action=next]").click()
        mid = sco_info(frame)
        suspended = press(frame, "exit")  # hidden when the SCO could not Initialize
        steps.append({"step": f"session B: page {advance + 1} + Enregistrer et quitter", "left_via_moodle_next": skipped,
                      "before": info0, "at_exit": mid, "exit_shown": suspended, "after": sco_info(frame)})
        shot("sessionB")
        memo.update(title=titles[position["i"]], url=mid["url"], page=mid["state"]["page"],
                    seen=mid["state"]["seen"], suspended=suspended)

        # 4. final evaluation through the TOC (the last SCO)
        toc_click(page, titles[-1][:40])
        frame = sco_frame(page)
        info0 = sco_info(frame)
        n = answer_quiz(frame, wrong=ARGS.wrong)
        info = sco_info(frame)
        finished = press(frame, "finish")
        steps.append({"step": "final evaluation via TOC, submitted + Terminer", "questions": n, "before": info0,
                      "scored": info, "finish_shown": finished, "after": sco_info(frame)})
        shot("final")

        # 5. Moodle's "Exit activity"
        exit_activity()
        steps.append({"step": "Exit activity", "landed_on": page.url})

    def relaunch():
        # 6. relaunch and check resume of the suspended session SCO
        enter()
        toc_click(page, memo["title"][:40])
        frame = sco_frame(page)
        info = sco_info(frame)
        try:
            api_entry = page.evaluate("""() => window.API ? API.LMSGetValue('cmi.core.entry')
                                              : API_1484_11.GetValue('cmi.entry')""")
        except Exception as e:  # noqa: BLE001
            api_entry = "error: " + str(e)
        steps.append({"step": "relaunch: TOC to the suspended session", "sco": info, "cmi_entry": api_entry,
                      "suspended_sco_url": memo["url"], "suspended": memo["suspended"],
                      "resumed_at_page": info["state"]["page"], "expected_page": memo["page"],
                      "expected_seen": memo["seen"]})
        shot("resume")
        press(frame, "exit")
        exit_activity()

    def complete_all():
        # 7. finish every SCO still without a completed/passed status, then exit.
        state = db_state(cmid, ARGS.user)
        enter()
        done_status = ("completed", "passed")
        visited = []
        for ident, title in zip(list(state["raw"]), titles):
            atts = state["per_sco"].get(ident, {}).values()
            if any(a.get("lesson_status") in done_status or a.get("completion_status") == "completed" for a in atts):
                continue
            record = {"sco": ident}
            visited.append(record)
            try:
                toc_click(page, title[:40])
                frame = sco_frame(page)
                if frame.locator("form.trainkit-quiz").count() and "evaluation" in ident:
                    answer_quiz(frame, wrong=0)
                else:
                    st = frame.evaluate("trainkitScorm.state()")
                    for _ in range(st["pages"] - st["page"]):
                        frame.locator("[data-action=next]").click()
                record["finish_shown"] = press(frame, "finish", wait=0.7)
                info = sco_info(frame)
                record.update(url=info["url"], lms_errors=info["errors"][:3])
            except Exception as e:  # noqa: BLE001  (one SCO's failure: note it, go on with the next)
                record["error"] = f"{type(e).__name__}: {e}"[:300]
        exit_activity()
        page.goto(f"{base}/mod/scorm/view.php?id={cmid}")
        steps.append({"step": "complete-all: finished the remaining SCOs", "visited": visited,
                      "view_page_text": page.inner_text("#region-main")[:600]})

    if phase("scenario", scenario):
        log["db_after_first_visit"] = db_state(cmid, ARGS.user)
        if phase("relaunch", relaunch):
            log["db_final"] = db_state(cmid, ARGS.user)
    if ARGS.complete_all:
        phase("complete-all", complete_all)
        log["db_after_all"] = db_state(cmid, ARGS.user)


def main():
    out = {"base": ARGS.base, "activities": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                     args=["--no-sandbox"])
        for cmid in ARGS.cmid:
            ctx = browser.new_context(locale="en-GB", viewport={"width": 1600, "height": 1000})
            page = ctx.new_page()
            page.set_default_timeout(ARGS.timeout_ms)
            log = {"cmid": cmid, "steps": [], "errors": [], "console": [], "page_errors": [], "datamodel": []}
            page.on("console", lambda m, log=log: log["console"].append(
                {"type": m.type, "text": m.text[:300], "url": (m.location or {}).get("url", "")[-80:]}))
            page.on("pageerror", lambda e, log=log: log["page_errors"].append(str(e)[:300]))

            def on_response(r, log=log):
                if "datamodel.php" in r.url:
                    try:
                        body = r.text().strip().replace("\n", " ")
                    except Exception as e:  # noqa: BLE001
                        body = "?" + str(e)[:60]
                    log["datamodel"].append({"status": r.status, "body": body[:80]})
            page.on("response", on_response)
            t0 = time.time()
            try:
                page.goto(f"{ARGS.base}/login/index.php")
                page.fill("#username", ARGS.user)
                page.fill("#password", ARGS.password)
                page.click("#loginbtn")
                page.wait_for_load_state("load")
                if "/login/" in page.url:
                    raise RuntimeError("login failed for " + ARGS.user)
                run_activity(page, cmid, log)
            except Exception as e:  # noqa: BLE001
                log["errors"].append({"phase": "driver", "error": f"{type(e).__name__}: {e}"[:1500], "url": page.url})
                log.setdefault("error", log["errors"][-1]["error"])
            try:  # what Moodle stored in the end, whatever happened above
                log["db_end"] = db_state(cmid, ARGS.user)
            except Exception as e:  # noqa: BLE001
                log["errors"].append({"phase": "db_end", "error": f"{type(e).__name__}: {e}"[:500]})
            log["seconds"] = round(time.time() - t0, 1)
            dm = log.pop("datamodel")
            log["datamodel_calls"] = len(dm)
            # "?..." = body not readable by the driver (e.g. answer to a request sent while the page unloaded).
            log["datamodel_body_unreadable"] = sum(1 for d in dm if d["body"].startswith("?"))
            log["datamodel_not_ok"] = [d for d in dm if d["status"] != 200 or
                                       not (d["body"].startswith("true") or d["body"].startswith("?"))]
            out["activities"].append(log)
            ctx.close()
        browser.close()
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
