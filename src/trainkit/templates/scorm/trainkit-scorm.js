/* trainkit SCORM runtime, shared by every SCO of a package (SCORM 1.2 and 2004).
 *
 * Pages: the SCO's <section data-page> elements, one shown at a time.
 * Saved in the LMS: the page number (lesson_location / location) and the pages
 * seen (suspend_data, "1.<pages in base 36>.<bitmap in hex>", a few characters), followed,
 * once an evaluation is validated, by "~" and its state as JSON (validations made, closed, answers).
 * A session's SCO is completed once every page has been seen; completion is never
 * reset, and "not attempted" is never written (Moodle refuses it).
 *
 * Evaluations (quiz.js scores the form and dispatches "trainkit:quiz-scored"):
 * - every validation (quiz.js allows as many as the evaluation's policy) records one
 *   cmi.interactions entry per question, in the formats of the SCORM version, with the
 *   learner's response and its result; never the correct responses (they would be in clear);
 * - only a graded evaluation (data-graded, by default the final one alone) reports a score:
 *   raw = percentage of right answers with two decimals (the scale of the manifest's mastery
 *   score, which LMSs compare raw with), min 0, max 100, scaled (4 decimals) in 2004; and,
 *   in its own SCO, passed or failed on the exact ratio. Its SCO is completed on validation,
 *   or, with the rule "evaluation-reussie" (data-completion), only once passed;
 * - an ungraded evaluation SCO (the positioning test) is completed on validation, never
 *   passed or failed, and reports its answers only;
 * - a session's short check (a page of the session's SCO) reports its answers.
 * Without an LMS (file opened directly) the pages and quizzes work and nothing is saved.
 */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var V12 = root.getAttribute("data-scorm") !== "2004";
  // An evaluation's own SCO completes when the learner submits, not when the page is seen.
  var EVALUATION = root.getAttribute("data-sco") === "evaluation";
  // The whole module as one SCO (export --sco single): sessions' pages and evaluations in one page.
  var MODULE = root.getAttribute("data-sco") === "module";
  var COMPLETION_RULE = root.getAttribute("data-completion") || "contenu-vu";
  var CMI = V12
    ? { location: "cmi.core.lesson_location", suspend: "cmi.suspend_data", status: "cmi.core.lesson_status",
        exit: "cmi.core.exit", time: "cmi.core.session_time", entry: "cmi.core.entry" }
    : { location: "cmi.location", suspend: "cmi.suspend_data", status: "cmi.completion_status",
        exit: "cmi.exit", time: "cmi.session_time", entry: "cmi.entry" };
  var SUSPEND_LIMIT = V12 ? 4096 : 64000;

  var pages = Array.prototype.slice.call(doc.querySelectorAll("[data-page]"));
  var total = pages.length;
  var seen = [];
  var current = 0;
  var api = null;
  var apiWindow = null; // the window the API was found on (Moodle's player page, in Moodle)
  var lastCode = "0";
  var viaOpener = false;
  var started = false;
  var finished = false;
  var done = false;
  var submitted = false;
  var startedAt = 0;
  var errors = [];
  // The evaluations' state in this LMS attempt, by quiz id: {attempts, closed, responses}; saved in
  // suspend_data so that leaving and coming back neither gives a new validation nor loses the answers.
  var quizzes = {};

  /* --- LMS API ------------------------------------------------------------ */

  // The standard discovery walk: this window and its parents, then the opener's.
  function scan(win, name) {
    for (var hops = 0; win && hops < 500; hops++) {
      try {
        if (win[name]) { apiWindow = win; return win[name]; }
      } catch (e) {
        return null; // a frame from another origin: nothing further up is reachable
      }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    var name = V12 ? "API" : "API_1484_11";
    var found = scan(window, name);
    if (!found) {
      try {
        if (window.opener) { found = scan(window.opener, name); }
        if (!found && window.top && window.top.opener) { found = scan(window.top.opener, name); }
        viaOpener = !!found;
      } catch (e) { /* an opener from another origin */ }
    }
    return found;
  }

  function report(what, problem) {
    errors.push(what + " → " + problem);
    if (window.console) { window.console.warn("SCORM : " + what + " a échoué (" + problem + ")"); }
  }

  // Every call is followed by GetLastError; an LMS that throws (its window closing) must not break the page.
  function lmsCall(what, invoke) {
    try {
      var result = invoke();
      var code = lastCode = String(V12 ? api.LMSGetLastError() : api.GetLastError());
      if (code !== "0" && code !== "") { report(what, "code " + code); }
      return result == null ? "" : String(result);
    } catch (e) {
      report(what, String(e));
      return "";
    }
  }

  function call(name12, name2004, what) {
    return lmsCall(what, function () { return V12 ? api[name12]("") : api[name2004](""); }) === "true";
  }

  function getValue(element) {
    return lmsCall("GetValue " + element, function () {
      return V12 ? api.LMSGetValue(element) : api.GetValue(element);
    });
  }

  function setValue(element, value) {
    return lmsCall("SetValue " + element, function () {
      return V12 ? api.LMSSetValue(element, value) : api.SetValue(element, value);
    }) === "true";
  }

  function commit() {
    return call("LMSCommit", "Commit", "Commit");
  }

  /* --- saved state ---------------------------------------------------------- */

  function encodeSeen() {
    var hex = "";
    for (var i = 0; i < total; i += 4) {
      var digit = 0;
      for (var bit = 0; bit < 4; bit++) {
        if (seen[i + bit]) { digit |= 1 << bit; }
      }
      hex += digit.toString(16);
    }
    return "1." + total.toString(36) + "." + hex;
  }

  function encodeState() {
    var state = encodeSeen();
    var names = Object.keys(quizzes);
    if (!names.length) { return state; }
    var full = state + "~" + JSON.stringify(quizzes);
    if (full.length <= SUSPEND_LIMIT) { return full; }
    // Too long for SCORM 1.2's 4,096 characters: keep the attempts, drop the answers.
    var counts = {};
    names.forEach(function (name) {
      var q = quizzes[name];
      counts[name] = { attempts: q.attempts, closed: q.closed, verdict: q.verdict };
    });
    return state + "~" + JSON.stringify(counts);
  }

  function restore(location, suspendData) {
    var tilde = suspendData.indexOf("~");
    if (tilde >= 0) {
      try { quizzes = JSON.parse(suspendData.slice(tilde + 1)) || {}; } catch (e) { quizzes = {}; }
      suspendData = suspendData.slice(0, tilde);
    }
    var parts = /^1\.([0-9a-z]+)\.([0-9a-f]*)$/.exec(suspendData);
    // A package re-exported with another number of pages starts its bookkeeping again.
    if (parts && parseInt(parts[1], 36) === total) {
      for (var i = 0; i < total; i++) {
        var digit = parseInt(parts[2].charAt(i >> 2) || "0", 16);
        seen[i] = (digit >> (i & 3)) & 1 ? 1 : 0;
      }
    }
    var page = parseInt(location, 10);
    if (page >= 1 && page <= total) { current = page - 1; }
  }

  function allSeen() {
    for (var i = 0; i < total; i++) {
      if (!seen[i]) { return false; }
    }
    return true;
  }

  function save() {
    if (!started || finished) { return; }
    setValue(CMI.location, String(current + 1));
    var state = encodeState();
    if (state.length <= SUSPEND_LIMIT) { setValue(CMI.suspend, state); }
    if (!V12 && !EVALUATION) {
      var count = 0;
      for (var i = 0; i < total; i++) { count += seen[i] ? 1 : 0; }
      setValue("cmi.progress_measure", String(Math.round((count / total) * 10000) / 10000));
    }
    // A session (or the one-SCO module) is completed once every page is seen; with « evaluation-reussie »
    // the one-SCO module is completed by passing its final evaluation instead.
    if (!EVALUATION && !done && allSeen() && !(MODULE && COMPLETION_RULE === "evaluation-reussie")) {
      complete();
    }
    commit();
    if (recount) { recountInMoodle(recount); recount = ""; }
  }

  function complete() {
    done = true;
    // SCORM 1.2 has one status: in the one-SCO module, a final evaluation already taken says passed or failed.
    var status = V12 && MODULE && finalVerdict() ? finalVerdict() : "completed";
    setValue(CMI.status, status);
    recount = status === "failed" ? "" : status;
    if (!V12 && EVALUATION) { setValue("cmi.progress_measure", "1"); }
  }

  /* Moodle 4.3 and SCORM 1.2: on a status write, Moodle recomputes the activity's completion (and grade)
   * only when the value stored BEFORE the write was completed or passed (mod/scorm/locallib.php,
   * scorm_insert_track, a 4.3 regression), so incomplete → completed never completes the activity.
   * Once the SCO's status is committed, it is written again through the other finished value and
   * back, each in its own commit: the second and third writes find a finished value and make Moodle
   * recount, with the SCO finished. Only in Moodle's player; never through an unfinished value. */
  var recount = "";

  function recountInMoodle(status) {
    if (!V12 || !started || !moodlePlayer() || (status !== "completed" && status !== "passed")) { return; }
    setValue(CMI.status, status === "completed" ? "passed" : "completed");
    commit();
    setValue(CMI.status, status);
    commit();
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  // SCORM 1.2: HHHH:MM:SS.SS; SCORM 2004: an ISO 8601 duration (PT#H#M#S).
  function sessionTime() {
    var hundredths = Math.max(0, Math.round((new Date().getTime() - startedAt) / 10));
    var hours = Math.floor(hundredths / 360000);
    var minutes = Math.floor(hundredths / 6000) % 60;
    var seconds = (hundredths % 6000) / 100;
    if (V12) {
      if (hours > 9999) { return "9999:59:59.99"; }
      return pad(hours) + ":" + pad(minutes) + ":" + (seconds < 10 ? "0" : "") + seconds.toFixed(2);
    }
    return "PT" + hours + "H" + minutes + "M" + seconds.toFixed(2) + "S";
  }

  /* --- pages ---------------------------------------------------------------- */

  function el(selector) { return doc.querySelector(selector); }

  function show(index, moveFocus) {
    current = Math.max(0, Math.min(total - 1, index));
    seen[current] = 1;
    for (var i = 0; i < total; i++) { pages[i].hidden = i !== current; }
    var last = current === total - 1;
    var counter = el("[data-current]");
    if (counter) { counter.textContent = String(current + 1); }
    var bar = el("[data-bar]");
    if (bar) { bar.style.width = Math.round(((current + 1) / total) * 100) + "%"; }
    var previous = el("[data-action=previous]"), next = el("[data-action=next]");
    if (previous) { previous.disabled = current === 0; }
    if (next) { next.hidden = last; }
    // An evaluation ends once it is submitted; a session, on its last page.
    el("[data-action=finish]").hidden = EVALUATION ? !submitted : !last;
    // The table of contents' entry for this page: a page of its own, or (one-SCO module) the part it is in.
    var links = doc.querySelectorAll("[data-goto]"), here = -1;
    for (var k = 0; k < links.length; k++) {
      if (parseInt(links[k].getAttribute("data-goto"), 10) <= current + 1) { here = k; }
    }
    for (k = 0; k < links.length; k++) {
      if (k === here) { links[k].setAttribute("aria-current", "page"); } else { links[k].removeAttribute("aria-current"); }
    }
    save();
    if (moveFocus) {
      // Keyboard and screen-reader users start reading the new page from its top.
      pages[current].focus();
      window.scrollTo(0, 0);
    }
  }

  function say(message) {
    var status = el("[data-status]");
    if (status) { status.textContent = message; }
  }

  /* --- evaluations: score, status and one interaction per question ----------- */

  var SINGLE_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz";

  // SCORM 2004 fill-in strings: "[,]" separates strings and a leading "{" opens a delimiter.
  function plainText(text, limit) {
    var clean = String(text).replace(/\[[,.:]\]/g, " ").replace(/^[\s{]+/, "").replace(/\s+/g, " ");
    return clean.slice(0, limit).trim();
  }

  /* A response in trainkit's canonical form (trainkit.outputs.quiz) → the version's format. */
  function scormResponse(type, value, pattern) {
    var parts = value.split(",");
    if (type === "true-false") {
      return V12 ? (value === "true" ? "t" : "f") : value;
    }
    if (type === "fill-in") {
      // SCORM 1.2: CMIFeedback, 255 characters; 2004: localized strings of 250 characters.
      if (V12) { return value.slice(0, 255).trim(); }
      var text = plainText(value, 250);
      // Answers are compared without case or accents: say so to the LMS.
      return pattern && text ? "{case_matters=false}" + text : text;
    }
    if (type === "matching") {
      return parts.map(function (pair) {
        var ends = pair.split(".");
        // SCORM 1.2 matches single characters: the 10th item on the left is "a", and so on.
        return V12 ? SINGLE_CHARACTERS.charAt(parseInt(ends[0], 10)) + "." + ends[1] : ends[0] + "[.]" + ends[1];
      }).join(V12 ? "," : "[,]");
    }
    return V12 ? value : parts.join("[,]"); // choice "a,c", sequencing "c,a,b"
  }

  function timestamp(date) {
    if (V12) { // CMITime: the time of day
      return pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds());
    }
    return date.toISOString().slice(0, 22) + "Z"; // hundredths, as time (second,10,0) allows
  }

  function recordInteraction(n, answer, form, when) {
    var prefix = "cmi.interactions." + n + ".";
    // SCORM 1.2 identifiers: 255 characters; trainkit's ids are already letters, digits and hyphens.
    // In the one-SCO module several evaluations share the interactions: their ids say which one
    // (slugs have no "_", so "evaluation__question" cannot be mistaken).
    var id = MODULE ? form.getAttribute("data-quiz") + "__" + answer.id : answer.id;
    setValue(prefix + "id", V12 ? id.slice(0, 255) : id);
    setValue(prefix + "type", answer.interaction);
    var objectives = [];
    answer.objectives.forEach(function (id) { if (objectives.indexOf(id) < 0) { objectives.push(id); } });
    objectives.forEach(function (id, k) { setValue(prefix + "objectives." + k + ".id", id); });
    setValue(prefix + (V12 ? "time" : "timestamp"), timestamp(when));
    setValue(prefix + "weighting", "1");
    // No correct_responses: writing them would put the answers in clear in the package; the result says
    // whether the response was right, which is what LMS reports and Moodle's gradebook use.
    var given = answer.response === "" ? "" : scormResponse(answer.interaction, answer.response, false);
    if (given !== "") { setValue(prefix + (V12 ? "student_response" : "learner_response"), given); }
    setValue(prefix + "result", answer.result ? "correct" : (V12 ? "wrong" : "incorrect"));
    if (!V12) {
      var prompt = form.querySelector('[data-question="' + answer.id + '"] .trainkit-question__prompt');
      var description = prompt ? plainText(prompt.textContent, 250) : "";
      if (description) { setValue(prefix + "description", "{lang=fr}" + description); }
    }
  }

  /* The one-SCO module: its final evaluation's verdict ("passed", "failed", or "" before it is taken). */
  function finalVerdict() {
    var final = doc.querySelector('form.trainkit-quiz[data-kind="finale"][data-graded="true"]');
    var saved = final && quizzes[final.getAttribute("data-quiz")];
    return (saved && saved.verdict) || "";
  }

  function reportScore(result) {
    var form = result.target;
    var detail = result.detail;
    // In the one-SCO module only the final evaluation speaks for the module (score, passed or failed).
    var reports = detail.graded && (!MODULE || detail.kind === "finale");
    if (EVALUATION) {
      submitted = true;
      var finishButton = el("[data-action=finish]");
      if (finishButton) { finishButton.hidden = false; }
    }
    quizzes[detail.quiz] = { attempts: detail.attempt, closed: detail.attemptsLeft === 0, responses: responsesOf(detail),
                             verdict: detail.graded ? (detail.passed ? "passed" : "failed") : undefined };
    if (!started || finished) { return; }
    // One interaction per question and per validation; a validation can happen only once per attempt allowed.
    var count = parseInt(getValue("cmi.interactions._count"), 10) || 0;
    var when = new Date();
    detail.answers.forEach(function (answer, i) { recordInteraction(count + i, answer, form, when); });
    if (reports) {
      // Only a graded evaluation reports a score, so the LMS's grade is that evaluation's.
      var score = V12 ? "cmi.core.score." : "cmi.score.";
      setValue(score + "raw", String(detail.percent));
      setValue(score + "min", "0");
      setValue(score + "max", "100");
      if (!V12) { setValue(score + "scaled", String(detail.scaled)); }
    }
    if ((EVALUATION || MODULE) && reports) {
      if (V12 && MODULE && COMPLETION_RULE !== "evaluation-reussie" && !allSeen()) {
        // « contenu-vu »: the module's status waits for its pages; the verdict is kept for then.
      } else if (V12) {
        // SCORM 1.2 has one status: passed and failed both say the evaluation was taken.
        setValue(CMI.status, detail.passed ? "passed" : "failed");
        recount = detail.passed ? "passed" : "";
        done = true;
      } else {
        setValue("cmi.success_status", detail.passed ? "passed" : "failed");
        // The one-SCO module's completion comes from its pages, unless passing is what completes it.
        if (!done && (MODULE ? detail.passed && COMPLETION_RULE === "evaluation-reussie"
                             : detail.passed || COMPLETION_RULE !== "evaluation-reussie")) { complete(); }
      }
    } else if (EVALUATION && !done) {
      complete(); // an ungraded evaluation (the positioning test): taken, neither passed nor failed
    }
    save();
    say(detail.graded && !detail.passed && COMPLETION_RULE === "evaluation-reussie" && detail.attemptsLeft !== 0
      ? "Résultat enregistré dans la plateforme. Le module sera validé quand vous aurez atteint le seuil de réussite : vous pouvez faire une nouvelle tentative."
      : "Résultat enregistré dans la plateforme.");
  }

  function responsesOf(detail) {
    var responses = {};
    detail.answers.forEach(function (answer) { responses[answer.id] = answer.response; });
    return responses;
  }

  /* --- start and finish ----------------------------------------------------- */

  function finish() {
    if (!started || finished) { return; }
    finished = true;
    // Leaving before the end: "suspend", so the LMS resumes this attempt instead of starting over.
    // « suspend » also once an evaluation is validated: an LMS keeps the data of a suspended attempt only
    // (a SCORM 2004 LMS starts the next launch from nothing after « normal »), and the validations made,
    // the answers and the corrections seen must come back with it, not a fresh form.
    setValue(CMI.exit, done && !Object.keys(quizzes).length ? (V12 ? "" : "normal") : "suspend");
    setValue(CMI.time, sessionTime());
    commit();
    call("LMSFinish", "Terminate", "Terminate");
  }

  function leave(message) {
    var recorded = started;
    finish();
    var nav = el(".sco-nav");
    if (nav) { nav.hidden = true; }
    if (recorded) {
      // The LMS session is over: an answer given now would be lost without a word.
      var controls = doc.querySelectorAll(".trainkit-quiz input, .trainkit-quiz select, .trainkit-quiz button");
      for (var i = 0; i < controls.length; i++) { controls[i].disabled = true; }
    }
    say(message);
    if (viaOpener) { window.close(); }
  }

  /* Moodle 4.3's player and SCORM 2004: the player page creates one API object, and its table of
   * contents and ">" button swap only the SCO's frame; the API stays terminated after the previous
   * SCO's Terminate, so the next SCO's Initialize fails with 104 (Rustici's own samples fail the same
   * way). A freshly loaded player page has a fresh API: load it once, at the URL Moodle's own table of
   * contents uses for the SCO now selected. Only in Moodle's player (it exposes scorm_current_node and
   * M.cfg.wwwroot), only after a 104, and never twice in a row for the same SCO. */
  var RELOAD_KEY = "trainkit-moodle-reload";

  function moodlePlayer() {
    try {
      var node = apiWindow && apiWindow.scorm_current_node, cfg = apiWindow && apiWindow.M && apiWindow.M.cfg;
      if (!node || !node.title || !cfg || !cfg.wwwroot) { return null; }
      // The TOC link's query (a=…&scoid=…&currentorg=…&mode=…&attempt=…), with the node's own scoid, and the
      // popup display kept (without it, a popup player would open another popup).
      var query = String(node.title);
      if (node.scoid) { query = query.replace(/(^|&)scoid=[^&]*/, "$1scoid=" + encodeURIComponent(node.scoid)); }
      if (/[?&]display=popup(&|$)/.test(apiWindow.location.search) && !/(^|&)display=/.test(query)) {
        query += "&display=popup";
      }
      var attempt = /(?:^|&)attempt=(\d+)/.exec(query);
      return { window: apiWindow, url: cfg.wwwroot + "/mod/scorm/player.php?" + query,
               attempt: attempt ? parseInt(attempt[1], 10) : 0 };
    } catch (e) {
      return null;
    }
  }

  function reloadMoodlePlayer() {
    var player = moodlePlayer();
    if (!player) { return false; }
    try {
      var storage = player.window.sessionStorage;
      var last = JSON.parse(storage.getItem(RELOAD_KEY) || "null");
      if (last && last.url === player.url) {
        storage.removeItem(RELOAD_KEY); // the reload did not help: stop there (a later move may try again)
        return false;
      }
      storage.setItem(RELOAD_KEY, JSON.stringify({ url: player.url, attempt: player.attempt }));
      // replace: the Back button must not return to the page that posted the launch form.
      player.window.location.replace(player.url);
      return true;
    } catch (e) {
      return false;
    }
  }

  /* After a reload: a Moodle set to force a new attempt starts one; the learner should know. */
  function afterMoodleReload() {
    var player = moodlePlayer();
    if (!player) { return; }
    try {
      var last = JSON.parse(player.window.sessionStorage.getItem(RELOAD_KEY) || "null");
      player.window.sessionStorage.removeItem(RELOAD_KEY);
      if (last && player.attempt > last.attempt) {
        say("La plateforme a ouvert une nouvelle tentative : vos réponses précédentes restent dans la tentative " +
            last.attempt + ".");
      }
    } catch (e) { /* storage refused */ }
  }

  function start() {
    if (!total) { return; }
    api = findApi();
    if (api) {
      started = call("LMSInitialize", "Initialize", "Initialize");
      if (!started && !V12 && lastCode === "104" && reloadMoodlePlayer()) {
        say("Ouverture de la séquence dans la plateforme…");
        return;
      }
      if (started && !V12) { afterMoodleReload(); }
    }
    if (started) {
      startedAt = new Date().getTime();
      var status = getValue(CMI.status);
      // SCORM 1.2 has no "not initialized" error: its saved place can always be read, even when
      // the LMS leaves cmi.core.entry empty. SCORM 2004 answers 403 for values never written.
      if (V12 || getValue(CMI.entry) === "resume") {
        restore(getValue(CMI.location), getValue(CMI.suspend));
      }
      done = status === "completed" || status === "passed";
      // A learner left at « À faire » by the Moodle regression above is counted again on the next visit.
      if (done) { recountInMoodle(status); }
      if (!done && status !== "incomplete" && status !== "failed" && status !== "browsed") {
        // Set deliberately: an LMS turns a SCO left at "not attempted" into "completed" on exit.
        setValue(CMI.status, "incomplete");
      }
    } else {
      say("Consultation hors plateforme de formation : votre progression n'est pas enregistrée.");
    }
    // Validations already made in this attempt: their answers and result come back, locked.
    var forms = doc.querySelectorAll("form.trainkit-quiz");
    for (var f = 0; f < forms.length; f++) {
      var saved = quizzes[forms[f].getAttribute("data-quiz")];
      if (saved && window.trainkitQuiz) {
        window.trainkitQuiz.restore(forms[f], saved);
        if (EVALUATION && saved.attempts) { submitted = true; }
      }
    }

    var nav = el(".sco-nav");
    nav.hidden = false;
    var progress = el(".sco-progress");
    if (progress) { progress.hidden = false; }
    var exitButton = el("[data-action=exit]");
    exitButton.hidden = !started;

    var previous = el("[data-action=previous]"), next = el("[data-action=next]");
    if (previous) { previous.addEventListener("click", function () { show(current - 1, true); }); }
    if (next) { next.addEventListener("click", function () { show(current + 1, true); }); }
    el("[data-action=finish]").addEventListener("click", function () {
      if (EVALUATION) {
        leave(started
          ? "Évaluation terminée et enregistrée. Vous pouvez passer à la suite dans la plateforme."
          : "Évaluation terminée.");
        return;
      }
      leave(started
        ? "Séquence terminée et enregistrée. Vous pouvez passer à la suite dans la plateforme."
        : "Vous avez parcouru toute la séquence.");
    });
    doc.addEventListener("trainkit:quiz-scored", reportScore);
    doc.addEventListener("trainkit:quiz-checked", function (event) {
      var saved = quizzes[event.detail.quiz] || (quizzes[event.detail.quiz] = { attempts: 0, closed: false });
      saved.checked = saved.checked || {};
      saved.checked[event.detail.question] = event.detail.response;
      save();
    });
    doc.addEventListener("trainkit:quiz-closed", function (event) {
      var saved = quizzes[event.detail.quiz];
      if (saved) { saved.closed = true; save(); }
    });
    exitButton.addEventListener("click", function () {
      leave(EVALUATION
        ? "Vous pourrez revenir à cette évaluation depuis la plateforme de formation."
        : "Votre progression est enregistrée : vous reprendrez à la page " + (current + 1) + ".");
    });
    var links = doc.querySelectorAll("[data-goto]");
    for (var k = 0; k < links.length; k++) {
      links[k].addEventListener("click", function (event) {
        event.preventDefault();
        if (!finished) { show(parseInt(this.getAttribute("data-goto"), 10) - 1, true); }
      });
    }
    // Finish exactly once, whichever comes first: the buttons, or the page going away.
    window.addEventListener("pagehide", finish);
    window.addEventListener("unload", finish);

    show(current, false);
  }

  window.trainkitScorm = {
    errors: errors,
    state: function () {
      return { page: current + 1, pages: total, seen: encodeSeen(), done: done, finished: finished, submitted: submitted };
    }
  };
  start();
})();
